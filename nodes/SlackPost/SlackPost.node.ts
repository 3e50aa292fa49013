import { noteOutcome } from '../shared/n8n/outcome';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { renderMentions } from '../shared/delivery/deliver';
import type { ThreadBy } from '../shared/delivery/items';
import { chooseOutboxStore, OutboxSession } from '../shared/delivery/outbox';
import { drainJob, isDrainItem, outboxOutput } from '../shared/delivery/outboxItems';
import { openDelivery, postOutput, startPost } from '../shared/delivery/post';
import type { PacingChoice, ThreadStoreChoice } from '../shared/delivery/stores';
import { resolveSettings } from '../shared/delivery/types';
import { uploadChart } from '../shared/digest/upload';
import { redactedError } from '../shared/format/redact';
import { itemParameters } from '../shared/itemParameters';
import { createSlackClient, slackApiUrl } from '../shared/slack/slackApi';
import { assertSettingsPresent } from '../shared/n8n/settings';
import { settingMistake } from '../shared/n8n/settingMistakes';

export class SlackPost implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Slack Post',
		name: 'slackPost',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#slack-post-delivery-under-load',
		icon: { light: 'file:slackPost.svg', dark: 'file:slackPost.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["channel"]}}',
		description:
			'Post Stripe Block Kit messages to Slack under load: paced per channel, 429-safe with retries, bursts folded into summaries, one thread per Stripe object',
		// not an AI agent's tool: it works on a stream of items, not one call (docs/nodes.md#the-nodes-as-ai-agent-tools)
		usableAsTool: undefined, // n8n's type has no `false`: left unset on purpose, and said so for n8n's usableAsTool rule
		defaults: {
			name: 'Slack Post',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'slackAppApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '={{ $json.channel }}',
				required: true,
				placeholder: 'C0123ABCDEF or #payments',
				description: 'Channel ID like C0123ABCDEF (best: pacing is exact) or #name. Invite the bot to the channel.',
			},
			{
				displayName: 'Threads',
				name: 'threadBy',
				type: 'options',
				options: [
					{
						name: 'Custom Key',
						value: 'custom',
						description: 'Messages with the same key go to one thread',
					},
					{
						name: 'No Threads',
						value: 'none',
						description: 'Every message is posted in the channel',
					},
					{
						name: 'One Thread per Stripe Object',
						value: 'object',
						description: 'Messages about one invoice, subscription, dispute… go to one thread',
					},
					{
						name: 'One Thread per Subscription',
						value: 'subscription',
						description:
							'Messages about one subscription go to one thread (metadata.subscription_id, else the object ID)',
					},
				],
				default: 'none',
				description: 'Whether messages about the same thing are grouped in one Slack thread',
			},
			{
				displayName: 'Thread Key',
				name: 'threadKey',
				type: 'string',
				default: '',
				required: true,
				placeholder: '={{ $json.metadata.object_id }}',
				description: 'Messages with the same key go to one thread. Empty for an item: posted without a thread.',
				displayOptions: {
					show: {
						threadBy: ['custom'],
					},
				},
			},
			{
				displayName: 'Update Parent in Place',
				name: 'updateParent',
				type: 'boolean',
				default: false,
				description:
					'Whether to replace the thread parent with the newest message (chat.update) instead of replying. An event older than the one shown is posted in the thread instead.',
				displayOptions: {
					hide: {
						threadBy: ['none'],
					},
				},
			},
			{
				displayName: 'Mention',
				name: 'mention',
				type: 'string',
				default: '',
				placeholder: 'S0123ABC, U0123ABC',
				description:
					'Slack user group IDs (S…) or user IDs (U…), comma-separated, mentioned at the start of every message. IDs only; names are refused.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'Optional: pacing per channel, retries, folding bursts into one message, and where threads and pacing are kept',
				options: [
					{
						displayName: 'Burst',
						name: 'burst',
						type: 'number',
						default: 3,
						typeOptions: { minValue: 1 },
						description: 'Messages that may go to a channel at once after a quiet period',
					},
					{
						displayName: 'Coalesce Bursts',
						name: 'coalesce',
						type: 'boolean',
						default: true,
						description:
							'Whether to fold a burst of one category into one summary message. Failures, disputes, warnings and critical events are never folded.',
					},
					{
						displayName: 'Coalesce Threshold',
						name: 'coalesceThreshold',
						type: 'number',
						default: 5,
						typeOptions: { minValue: 1 },
						description: 'Fold when more than this many messages of one category wait for a channel',
					},
					{
						displayName: 'Coalesce Window (Seconds)',
						name: 'coalesceWindowSeconds',
						type: 'number',
						default: 10,
						typeOptions: { minValue: 0 },
						description: 'A summary covers the messages that arrived within this many seconds',
					},
					{
						displayName: 'Give Up After (Hours)',
						name: 'giveUpAfterHours',
						type: 'number',
						default: 24,
						typeOptions: { minValue: 0.1, numberPrecision: 1 },
						description:
							'A message kept because Slack was unreachable is given up this long after it arrived, with one alert in its channel naming every event given up',
					},
					{
						displayName: 'Keep Undelivered Messages',
						name: 'keepUndelivered',
						type: 'boolean',
						default: true,
						description:
							"Whether a message Slack cannot take for a while (5xx, network errors, 429 beyond the retries) is kept in n8n's folder (or Redis in queue mode) and posted when Slack answers again, instead of failing the run. Permanent mistakes such as channel_not_found still fail.",
					},
					{
						displayName: 'Max Attempts',
						name: 'maxAttempts',
						type: 'number',
						default: 10,
						typeOptions: { minValue: 1 },
						description:
							'Requests per message on Slack 5xx or network errors (429 answers are waited out and not counted)',
					},
					{
						displayName: 'Messages per Second',
						name: 'messagesPerSecond',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 0.01, numberPrecision: 2 },
						description: 'Sustained rate per channel. Slack allows about 1 per second per channel.',
					},
					{
						displayName: 'Pacing',
						name: 'pacingStore',
						type: 'options',
						options: [
							{ name: 'Automatic', value: 'automatic', description: 'Shared in Redis when there is one (queue mode or a Redis URL), else this process' },
							{ name: 'This Process', value: 'memory', description: 'Each n8n process paces on its own' },
							{ name: 'Shared in Redis', value: 'redis', description: 'Every n8n process shares each channel’s rate and Retry-After' },
						],
						default: 'automatic',
						description: 'Where the per-channel token buckets live',
					},
					{
						displayName: 'Redis URL',
						name: 'redisUrl',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						placeholder: 'redis://127.0.0.1:6379',
						description: "For the Redis thread store and shared pacing. Empty: n8n's queue-mode Redis (QUEUE_BULL_REDIS_*).",
					},
					{
						displayName: 'Thread Store',
						name: 'threadStore',
						type: 'options',
						options: [
							{
								name: 'Automatic',
								value: 'automatic',
								description: "Redis when there is one (queue mode or a Redis URL), else a file in n8n's folder",
							},
							{
								name: 'File',
								value: 'file',
								description: "A file in n8n's folder (.n8n/slack-post/threads.jsonl); survives a restart",
							},
							{
								name: 'Memory',
								value: 'memory',
								description: 'This n8n process only; forgotten on restart',
							},
							{
								name: 'Redis',
								value: 'redis',
								description: 'Shared by every n8n process',
							},
						],
						default: 'automatic',
						description: 'Where the node remembers which Slack thread belongs to which Stripe object',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		assertSettingsPresent(this);
		const items = this.getInputData();
		const credentials = await this.getCredentials('slackAppApi');
		const botToken = String(credentials.botToken ?? '');
		const apiBaseUrl = slackApiUrl(credentials.apiBaseUrl as string | undefined);
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const threadBy = this.getNodeParameter('threadBy', 0, 'none') as ThreadBy;
		const updateParent = threadBy !== 'none' && (this.getNodeParameter('updateParent', 0, false) as boolean);

		let mention: string;
		try {
			mention = renderMentions(this.getNodeParameter('mention', 0, '') as string);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}

		const settings = resolveSettings({
			rate: { messagesPerSecond: options.messagesPerSecond as number | undefined, burst: options.burst as number | undefined },
			retry: { maxAttempts: options.maxAttempts as number | undefined },
			coalesce: {
				enabled: options.coalesce as boolean | undefined,
				threshold: options.coalesceThreshold as number | undefined,
				windowMs: typeof options.coalesceWindowSeconds === 'number' ? options.coalesceWindowSeconds * 1000 : undefined,
			},
		});

		const delivery = openDelivery({
			botToken,
			apiBaseUrl,
			settings,
			threaded: threadBy !== 'none' || items.some((it) => isDrainItem(it.json)), // a drain may post messages of threads
			threadStore: options.threadStore as ThreadStoreChoice | undefined,
			pacingStore: options.pacingStore as PacingChoice | undefined,
			redisUrl: String(options.redisUrl ?? ''),
		});
		if (typeof delivery === 'string') throw new NodeOperationError(this.getNode(), delivery);
		const outbox = options.keepUndelivered === false ? undefined : chooseOutboxStore(String(options.redisUrl ?? ''));
		if (typeof outbox === 'string') throw new NodeOperationError(this.getNode(), outbox);
		const hours = typeof options.giveUpAfterHours === 'number' && options.giveUpAfterHours > 0 ? options.giveUpAfterHours : 24;
		const session = outbox && new OutboxSession(delivery, outbox, { giveUpAfterMs: hours * 3_600_000, timeZone: typeof this.getTimezone === 'function' ? this.getTimezone() : 'UTC', threshold: settings.coalesce.threshold });

		const param = itemParameters(this, (i) => items[i]?.json);
		const jobs = items.map((item, i) =>
			session && isDrainItem(item.json) ? drainJob(session, String(param('channel', i, '') ?? '').trim()) : startPost(
				delivery,
				{ json: item.json ?? {}, hasChart: !!item.binary?.chart },
				{
					channel: () => String(param('channel', i, '') ?? ''),
					threadBy,
					customKey: () => String(this.getNodeParameter('threadKey', i, '') ?? ''),
					updateParent,
					mention,
					send: session?.send,
				},
			),
		);

		const results = await Promise.all(jobs.map(async (j) => (j.result ? await j.result : undefined))).finally(() => session?.close());

		// Charts go into the thread of their message, outside the pacer (files API); a failure is a warning.
		const uploader = jobs.some((j, i) => j.hasChart && results[i]?.ok && results[i]?.ts)
			? createSlackClient({ botToken, apiBaseUrl })
			: undefined;
		for (let i = 0; i < jobs.length; i++) {
			const r = results[i];
			if (!uploader || !jobs[i].hasChart || !r?.ok || !r.ts || r.folded || ('alreadyPosted' in r && r.alreadyPosted)) continue;
			try {
				const png = await this.helpers.getBinaryDataBuffer(i, 'chart');
				const up = await uploadChart(uploader, { channel: r.channel, threadTs: r.thread_ts ?? r.ts, png, filename: items[i].binary?.chart.fileName ?? 'chart.png', title: 'Chart' });
				r.notes.push(`Chart uploaded (${up.fileId})`);
			} catch (error) {
				jobs[i].notes.push(`The chart could not be uploaded: ${redactedError(error)}`);
			}
		}

		const out: INodeExecutionData[] = [];
		const mistakeConnection = { botToken, apiBaseUrl, threadStore: options.threadStore as ThreadStoreChoice | undefined, redisUrl: String(options.redisUrl ?? '') };
		for (let i = 0; i < jobs.length; i++) {
			const kept = outboxOutput(jobs[i], results[i]);
			if (kept && (!kept.error || this.continueOnFail())) out.push({ json: kept.json as IDataObject, pairedItem: { item: i } });
			else if (kept?.error) throw new NodeOperationError(this.getNode(), kept.error, { itemIndex: i });
			if (kept) continue;
			const result = postOutput(jobs[i], results[i], items[i].json?.text);
			if ('ok' in result) {
				out.push({ json: result.ok as IDataObject, pairedItem: { item: i } });
				continue;
			}
			// A setting that cannot work (a channel the bot cannot post to): named, and reported once in Slack.
			const said = await settingMistake(this, jobs[i].channel, results[i]?.error?.code, mistakeConnection);
			if (this.continueOnFail()) out.push({ json: { ...result.failed, ...(said ? { mistake: said.message } : {}) } as IDataObject, pairedItem: { item: i } });
			else throw new NodeOperationError(this.getNode(), said?.message ?? result.error, { itemIndex: i, description: said ? `${said.description}\n${result.description}` : result.description });
		}
		// The run's outcome in the executions list: where the messages went.
		noteOutcome(this, jobs.filter((_, i) => results[i]?.ok).map((j) => `posted to ${j.channel}`));
		return [out];
	}
}
