import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createSlackClient } from '../shared/slack/slackApi';
import { createStripeClient } from '../shared/stripeClient';
import { chooseNoiseStore } from '../shared/noise/store';
import { handleDeskItem, logActionResult, type DeskConfig, type DeskTarget } from '../shared/desk/operations';
import { redactedError } from '../shared/format/redact';

/**
 * The support desk: answers /stripe and the "Look up in Stripe" shortcut with a redacted billing card, does
 * the team actions (Assign, Escalate, Mark contacted, Create ticket) and records every lookup and action
 * in the access log (audit channel and the Access Log output).
 */
export class StripeSupportDesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Support Desk',
		name: 'stripeSupportDesk',
		icon: 'file:stripeSupportDesk.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Looks up a customer’s billing from Slack (/stripe, message shortcut), coordinates the team on alerts, and keeps an access log',
		defaults: {
			name: 'Stripe Support Desk',
		},
		inputs: ['main'],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: ['main', 'main', 'main'],
		outputNames: ['Access Log', 'Ticket', 'Other Clicks'],
		credentials: [
			{ name: 'stripeSignedApi', required: true },
			{ name: 'slackAppApi', required: true },
		],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Answer Slack Request',
						value: 'answer',
						description: 'Lookups (slash command, shortcut, a choice, Share in channel) and team actions; other clicks go to the Other Clicks output',
						action: 'Answer a support desk request',
					},
					{
						name: 'Log Action Result',
						value: 'logAction',
						description: 'Record the result of a Stripe action (after Stripe Action or Slack Action Response) in the access log',
						action: 'Log a stripe action result',
					},
				],
				default: 'answer',
			},
			{
				displayName:
					'Connect this node after Slack Action Trigger with Slash Command and Message Shortcut enabled. Lookups need the trigger’s lookup allowlist; a refused user is logged and nothing is looked up.',
				name: 'inputNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Audit Channel',
				name: 'auditChannel',
				type: 'string',
				default: '',
				placeholder: '#support-audit',
				description: 'Where every lookup and action is recorded (who, what, when, result). Empty: only the Access Log output.',
			},
			{
				displayName: 'Escalation Channel',
				name: 'escalationChannel',
				type: 'string',
				default: '',
				placeholder: '#legal',
				description: 'Where Escalate posts a redacted summary with a link to the original message',
				displayOptions: { show: { operation: ['answer'] } },
			},
			{
				displayName: 'Escalation User Group ID',
				name: 'escalationUserGroupId',
				type: 'string',
				default: '',
				placeholder: 'S0614TZR7',
				description: 'A Slack user group (S…) mentioned in the escalation, for example finance or legal',
				displayOptions: { show: { operation: ['answer'] } },
			},
			{
				displayName: 'Redaction Level',
				name: 'redactionLevel',
				type: 'options',
				options: [
					{ name: 'Minimal', value: 'minimal' },
					{ name: 'Standard', value: 'standard' },
					{ name: 'Strict', value: 'strict' },
				],
				default: 'standard',
				description: 'How the card masks personal data. The address is never shown; card numbers and keys are always removed.',
				displayOptions: { show: { operation: ['answer'] } },
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: 'UTC',
				description: 'IANA time zone of the dates on the card',
				displayOptions: { show: { operation: ['answer'] } },
			},
			{
				displayName: 'Alerts Pause Scope',
				name: 'pauseScope',
				type: 'string',
				default: 'alerts',
				description: 'The Scope of the Slack Noise Control nodes that /stripe pause and /stripe resume act on (their pause lives in n8n\'s folder, or in Redis in queue mode). Empty: the commands are refused.',
				displayOptions: { show: { operation: ['answer'] } },
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const stripeCredentials = await this.getCredentials('stripeSignedApi');
		const slackCredentials = await this.getCredentials('slackAppApi');
		let target: DeskTarget;
		try {
			target = {
				stripe: createStripeClient({ secretKey: String(stripeCredentials.secretKey ?? ''), apiBaseUrl: String(stripeCredentials.apiBaseUrl ?? '') }, { maxNetworkRetries: 1, timeout: 10_000 }),
				slack: createSlackClient({ botToken: String(slackCredentials.botToken ?? ''), apiBaseUrl: String(slackCredentials.apiBaseUrl ?? '') }),
				apiBaseUrl: String(slackCredentials.apiBaseUrl ?? ''),
			};
		} catch (error) {
			throw new NodeOperationError(this.getNode(), error as Error);
		}
		const log: INodeExecutionData[] = [];
		const tickets: INodeExecutionData[] = [];
		const other: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const operation = this.getNodeParameter('operation', i) as string;
			const config: DeskConfig = {
				auditChannel: (this.getNodeParameter('auditChannel', i, '') as string).trim() || undefined,
				escalationChannel: (this.getNodeParameter('escalationChannel', i, '') as string).trim() || undefined,
				escalationUserGroupId: (this.getNodeParameter('escalationUserGroupId', i, '') as string).trim() || undefined,
				redaction: this.getNodeParameter('redactionLevel', i, 'standard') as DeskConfig['redaction'],
				timeZone: (this.getNodeParameter('timeZone', i, 'UTC') as string) || 'UTC',
			};
			const scope = String(this.getNodeParameter('pauseScope', i, 'alerts') ?? '').trim();
			if (scope && operation === 'answer') {
				const store = chooseNoiseStore('auto', scope, '');
				if (typeof store === 'string') throw new NodeOperationError(this.getNode(), store, { itemIndex: i });
				config.noise = store;
			}
			try {
				if (operation === 'logAction') {
					const done = await logActionResult(target, config, items[i].json);
					if (!done) throw new NodeOperationError(this.getNode(), 'The input is not a Stripe action result or a Slack click', { itemIndex: i });
					log.push({ json: { ...done.log, delivery: done.delivery as IDataObject }, pairedItem: { item: i } });
					continue;
				}
				const done = await handleDeskItem(target, config, items[i].json);
				if ('passThrough' in done && done.passThrough) {
					other.push({ json: items[i].json, pairedItem: { item: i } });
					continue;
				}
				const outcome = done as Exclude<typeof done, { passThrough: true }>;
				log.push({ json: { ...outcome.log, delivery: outcome.delivery as IDataObject }, pairedItem: { item: i } });
				if (outcome.ticket) tickets.push({ json: outcome.ticket as unknown as IDataObject, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					log.push({ json: { error: redactedError(error) }, pairedItem: { item: i } });
					continue;
				}
				if (error instanceof NodeOperationError) throw error;
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			}
		}
		return [log, tickets, other];
	}
}
