import { noteOutcome } from '../shared/n8n/outcome';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { SlackMessage } from '../shared/format/types';
import { itemParameters } from '../shared/itemParameters';
import { DEFAULT_PAUSE_MS, parseDuration, parseNoiseCommand } from '../shared/noise/command';
import { gateAlerts, pauseAlerts, pauseStatus, releaseHeld, resumeAlerts, type Alert, type CommandResult, type NoiseSettings } from '../shared/noise/gate';
import { parsePolicy } from '../shared/noise/policy';
import { parseQuietHours } from '../shared/noise/quietHours';
import { chooseNoiseStore, type StoreChoice } from '../shared/noise/store';
import { noiseControlProperties } from './description';
import { redactedError } from '../shared/format/redact';
import { assertSettingsPresent } from '../shared/n8n/settings';

// What was typed is not quoted back: the reply and the log are in n8n's execution data (issue #15).
function notACommand(): CommandResult {
	const reply = 'That is not a noise command: use pause [30m | 2h | 1d], resume, or pause status';
	return { reply, pause: null, held: 0, log: { action: 'pause_status', by: '', at: new Date().toISOString(), held: 0 }, released: [] };
}

/** A released summary: it comes from the items whose run released it (every input item of a gate or release run, the command's item). */
const asItem = (m: SlackMessage, pairedItem: IPairedItemData | IPairedItemData[]): INodeExecutionData => ({ json: m as unknown as IDataObject, pairedItem });

export class SlackNoiseControl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Slack Noise Control',
		name: 'slackNoiseControl',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#slack-noise-control-pause-and-quiet-hours',
		icon: { light: 'file:slackNoiseControl.svg', dark: 'file:slackNoiseControl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {gate: "Hold or Pass Alerts", release: "Release Held Alerts", command: "Apply Slack Command", pause: "Pause Alerts", resume: "Resume Alerts"}[$parameter["operation"]] }}',
		description: 'Pause and quiet hours for Stripe alerts: hold routine ones, pass critical ones, summarize what was held',
		// not an AI agent's tool: it works on a stream of items, not one call (docs/nodes.md#the-nodes-as-ai-agent-tools)
		usableAsTool: undefined, // n8n's type has no `false`: left unset on purpose, and said so for n8n's usableAsTool rule
		defaults: {
			name: 'Noise Control',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Post Now', 'Held', 'Command Replies'],
		hints: [
			{ message: 'Post Now: alerts to post (critical ones always, others when no pause or quiet hours hold them, and summaries of released alerts). Held: alerts kept for a summary during a pause or quiet hours. Command Replies: answers to /stripe pause, resume and status.', type: 'info', location: 'outputPane', whenToDisplay: 'always' },
		],
		properties: noiseControlProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		assertSettingsPresent(this);
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const param = itemParameters(this, (i) => items[i]?.json);
		const o = param<IDataObject>('options', 0, {});
		let settings: NoiseSettings;
		try {
			const timeZone = String(o.timeZone ?? '').trim() || this.getTimezone();
			settings = {
				policy: parsePolicy({
					criticalEventTypes: operation === 'gate' ? param<string>('criticalEventTypes', 0, '') : '',
					failedPaymentsFrom: operation === 'gate' ? param<string>('failedPaymentsFrom', 0, '') : '',
					severityCritical: o.severityCritical === true,
				}),
				quiet: parseQuietHours(String(o.quietHours ?? ''), String(o.quietDays ?? ''), timeZone),
				timeZone,
			};
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}
		const store = chooseNoiseStore((o.store as StoreChoice) ?? 'auto', String(o.scope ?? 'alerts'), String(o.redisUrl ?? ''));
		if (typeof store === 'string') throw new NodeOperationError(this.getNode(), store);
		const now = Date.now();
		const post: INodeExecutionData[] = [];
		const held: INodeExecutionData[] = [];
		const replies: INodeExecutionData[] = [];

		if (operation === 'gate') {
			const alerts: Alert[] = items.map((it, i) => {
				const json = it.json ?? {};
				const metadata = (json.metadata && typeof json.metadata === 'object' ? json.metadata : {}) as Alert['metadata'];
				return { channel: String(param('channel', i, '') ?? '').trim(), text: typeof json.text === 'string' ? json.text : '', metadata };
			});
			const r = await gateAlerts(alerts, store, settings, now);
			const everyItem = items.map((_, i) => ({ item: i }));
			post.push(...r.released.map((m) => asItem(m, everyItem)));
			r.decisions.forEach((d, i) => {
				const json = { ...items[i].json, channel: alerts[i].channel, noise: d as unknown as IDataObject };
				(d.action === 'post' ? post : held).push({ json, binary: items[i].binary, pairedItem: { item: i } });
			});
			noteOutcome(
				this,
				r.decisions.flatMap((d, i) => (d.action === 'hold' ? [`held (${d.why === 'pause' ? 'paused' : 'quiet hours'}) for ${alerts[i].channel}`] : [])),
			);
			if (r.endedPause) replies.push({ json: { text: 'The pause ended.', log: { action: 'pause_ended', by: r.endedPause.by, at: new Date(now).toISOString(), held: r.releasedCount } }, pairedItem: everyItem });
			return [post, held, replies];
		}
		if (operation === 'release') {
			const r = await releaseHeld(store, settings, now);
			if (r.released.length) noteOutcome(this, [`released ${r.released.length} held summar${r.released.length === 1 ? 'y' : 'ies'}`]);
			return [r.released.map((m) => asItem(m, items.map((_, i) => ({ item: i })))), [], []];
		}

		for (let i = 0; i < items.length; i++) {
			const by = String(param('user', i, '') ?? '').trim() || 'editor';
			let result: CommandResult;
			try {
				if (operation === 'pause') {
					result = await pauseAlerts(store, settings, by, parseDuration(String(param('duration', i, '1h'))), now);
				} else if (operation === 'resume') {
					result = await resumeAlerts(store, settings, by, now);
				} else {
					const text = String(param('commandText', i, '') ?? '');
					const cmd = parseNoiseCommand(text) ?? { kind: 'unknown' as const };
					result =
						cmd.kind === 'unknown'
							? notACommand()
							: cmd.kind === 'pause'
							? await pauseAlerts(store, settings, by, cmd.ms ?? DEFAULT_PAUSE_MS, now)
							: cmd.kind === 'resume'
								? await resumeAlerts(store, settings, by, now)
								: await pauseStatus(store, settings, by, now);
				}
			} catch (error) {
				if (operation !== 'command' && !this.continueOnFail()) throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: i });
				const message = redactedError(error);
				replies.push({ json: { text: message, response_type: 'ephemeral', error: message }, pairedItem: { item: i } });
				continue;
			}
			post.push(...result.released.map((m) => asItem(m, { item: i })));
			replies.push({
				json: { text: result.reply, response_type: 'ephemeral', pause: result.pause as unknown as IDataObject, held: result.held, log: result.log },
				pairedItem: { item: i },
			});
		}
		return [post, held, replies];
	}
}
