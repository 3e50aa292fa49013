import {
	NodeConnectionTypes,
	NodeOperationError,
	type CronExpression,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { chooseOutboxStore } from '../shared/delivery/outbox';
import { dueWork } from '../shared/delivery/outboxDue';
import { deliveryNamespace } from '../shared/delivery/post';
import { redactedError } from '../shared/format/redact';
import { chooseNoiseStore, type StoreChoice } from '../shared/noise/store';
import { slackApiUrl } from '../shared/slack/slackApi';
import { NOISE_STORE_CHOICES } from '../shared/n8n/noiseStore';

const EVERY: Record<string, CronExpression> = {
	'15': '*/15 * * * * *',
	'30': '*/30 * * * * *',
	'60': '0 * * * * *',
};

export class SlackDeliveryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Slack Delivery Trigger',
		name: 'slackDeliveryTrigger',
		documentationUrl:
			'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#slack-delivery-trigger-release-held-alerts-and-retry-slack',
		icon: { light: 'file:slackDeliveryTrigger.svg', dark: 'file:slackDeliveryTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Release held alerts and retry Slack',
		description:
			'Checks every minute and starts a run only when there is something to post: held alerts whose pause or quiet hours ended, or Slack messages that waited while Slack was unreachable',
		// not an AI agent's tool: a trigger (docs/nodes.md#the-nodes-as-ai-agent-tools)
		usableAsTool: undefined, // n8n's type has no `false`: left unset on purpose, and said so for n8n's usableAsTool rule
		defaults: {
			name: 'Release Held Alerts and Retry Slack',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		outputNames: ['To Slack Post'],
		credentials: [
			{
				name: 'slackAppApi',
				required: true,
				displayName: 'Slack App API (the one the Slack Post nodes use)',
			},
		],
		properties: [
			{
				displayName: 'Check Every',
				name: 'every',
				type: 'options',
				options: [
					{ name: '15 Seconds', value: '15', description: 'Quickest retry after Slack comes back' },
					{ name: '30 Seconds', value: '30', description: 'Checks twice a minute' },
					{ name: 'Minute', value: '60', description: 'Checks once a minute' },
				],
				default: '60',
				description: 'How often to look for due work. A check that finds nothing starts no run, so nothing appears among the executions.',
			},
			{
				displayName: 'Release Held Alerts',
				name: 'releaseHeld',
				type: 'boolean',
				default: true,
				description: "Whether to output the summaries of alerts Slack Noise Control held, once the pause or quiet hours that held them are over (Noise Control's Release Held Alerts operation)",
			},
			{
				displayName: 'Retry Undelivered Slack Messages',
				name: 'retrySlack',
				type: 'boolean',
				default: true,
				description: 'Whether to output an item per channel whose Slack messages wait because Slack was unreachable, when they may be tried again; the Slack Post node it leads to posts them, oldest first',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				description: 'Where held alerts and waiting messages are kept, and how often to look',
				default: {},
				options: [
					{
						displayName: 'Redis URL',
						name: 'redisUrl',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						placeholder: 'redis://127.0.0.1:6379',
						description: "Where held alerts and waiting messages are kept when not in n8n's folder. Empty: n8n's own Redis in queue mode. Use the same as Slack Noise Control and Slack Post.",
					},
					{
						displayName: 'Scope',
						name: 'scope',
						type: 'string',
						default: 'alerts',
						description: 'The Slack Noise Control scope whose held alerts are released (all templates use "alerts")',
					},
					{
						displayName: 'State Store',
						name: 'store',
						type: 'options',
						options: NOISE_STORE_CHOICES,
						default: 'auto',
						description: "Where Slack Noise Control keeps held alerts (as set in its own State Store option)",
					},
					{
						displayName: 'Time Zone',
						name: 'timeZone',
						type: 'string',
						default: '',
						placeholder: 'Europe/Berlin',
						description: "For the times in summaries; empty: the workflow's time zone",
					},
				],
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const every = String(this.getNodeParameter('every', '60'));
		const o = this.getNodeParameter('options', {}) as IDataObject;
		const credentials = await this.getCredentials('slackAppApi');
		const ns = deliveryNamespace(slackApiUrl(credentials.apiBaseUrl as string | undefined), String(credentials.botToken ?? ''));
		const redisUrl = String(o.redisUrl ?? '');
		const noise = this.getNodeParameter('releaseHeld', true) ? chooseNoiseStore((o.store as StoreChoice) ?? 'auto', String(o.scope ?? 'alerts'), redisUrl) : undefined;
		if (typeof noise === 'string') throw new NodeOperationError(this.getNode(), noise);
		const outbox = this.getNodeParameter('retrySlack', true) ? chooseOutboxStore(redisUrl) : undefined;
		if (typeof outbox === 'string') throw new NodeOperationError(this.getNode(), outbox);
		const timeZone = String(o.timeZone ?? '').trim() || this.getTimezone();

		const check = async () => (await dueWork({ noise, outbox, ns, timeZone, now: Date.now() })).items.map((json) => ({ json: json as IDataObject }));

		const manualTriggerFunction = async () => {
			this.emit([await check()]);
		};
		if (this.getMode() === 'manual') return { manualTriggerFunction }; // Test step: one check, no schedule

		let running = false;
		const tick = async () => {
			if (running) return;
			running = true;
			try {
				const items = await check();
				// Only when there is work: a check that finds nothing starts no execution (issue #28, readable runs).
				if (items.length) this.emit([items]);
			} catch (error) {
				this.logger.warn(`Slack Delivery Trigger: the check failed: ${redactedError(error)}`);
			} finally {
				running = false;
			}
		};
		this.helpers.registerCron({ expression: EVERY[every] ?? EVERY['60'] }, () => void tick());
		return { manualTriggerFunction };
	}
}
