import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { nodeError } from '../shared/n8n/errors';

import { createSlackClient } from '../shared/slack/slackApi';
import { createStripeClient } from '../shared/stripeClient';
import { chooseNoiseStore } from '../shared/noise/store';
import { handleDeskItem, logActionResult, type DeskConfig, type DeskTarget } from '../shared/desk/operations';
import { lookupForWorkflow } from '../shared/desk/workflowLookup';
import { forTool, fromAI, notForTool } from '../shared/n8n/tool';
import { redactedError } from '../shared/format/redact';
import { assertSettingsPresent } from '../shared/n8n/settings';

/**
 * The support desk: answers /stripe and the "Look up in Stripe" shortcut with a redacted billing card, does
 * the team actions (Assign, Escalate, Mark contacted, Create ticket) and records every lookup and action
 * in the access log (audit channel and the Access Log output).
 */
export class StripeSupportDesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Support Desk',
		name: 'stripeSupportDesk',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#stripe-support-desk-stripesupportdesk',
		icon: { light: 'file:stripeSupportDesk.svg', dark: 'file:stripeSupportDesk.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {answer: "Answer Slack Requests", logAction: "Log the Action", lookup: "Look Up a Customer"}[$parameter["operation"]] }}',
		description:
			'Looks up a Stripe customer’s billing by email or Stripe ID (subscriptions, last invoices, open disputes, failed payments, payment method; email masked, no address), answers /stripe and the message shortcut in Slack, coordinates the team on alerts, and keeps an access log of every lookup',
		usableAsTool: true,
		defaults: {
			name: 'Stripe Support Desk',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Access Log', 'Ticket', 'Other Clicks'],
		hints: [
			{ message: 'Access Log: one entry per lookup or action (who, what, when), for a log channel. Ticket: a Create ticket click, for your ticket system. Other Clicks: buttons that are not the support desk’s (refund, retry...), for Stripe Action.', type: 'info', location: 'outputPane', whenToDisplay: 'always' },
		],
		credentials: [
			{ name: 'stripeSignedApi', required: true },
			{ name: 'slackAppApi', required: true },
		],
		properties: [
			notForTool({
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
					{
						name: 'Look Up Customer',
						value: 'lookup',
						description: 'The billing card of one customer as text, for a workflow or an AI agent; no Slack request needed. Logged in the access log.',
						action: 'Look up a customer s billing by email or stripe ID',
					},
				],
				default: 'answer',
				description: 'Answer what people ask in Slack, log what a button did, or look up one customer',
			}),
			// As an AI agent's tool only the lookup makes sense: the other two need a Slack request or an action's result.
			forTool({
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Look Up Customer',
						value: 'lookup',
						description: 'The billing card of one customer as text, for a workflow or an AI agent; no Slack request needed. Logged in the access log.',
						action: 'Look up a customer s billing by email or stripe ID',
					},
				],
				default: 'lookup',
				description: 'Look up one customer’s billing',
			}),
			notForTool({
				displayName: 'Email or Stripe ID',
				name: 'query',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'jenny@example.com or cus_NffrFeUfNV2Hib',
				description: 'Whom to look up: one email address, or a Stripe ID (cus_, in_, ch_, pi_, sub_ or du_) whose customer is looked up',
				displayOptions: { show: { operation: ['lookup'] } },
			}),
			forTool({
				displayName: 'Email or Stripe ID',
				name: 'query',
				type: 'string',
				default: fromAI(
					'query',
					'Whom to look up: the customer email address, or one Stripe ID that starts with cus_ (customer), in_ (invoice), ch_ or py_ (charge), pi_ (payment intent), sub_ (subscription) or du_ (dispute). One value, no other words.',
				),
				required: true,
				description: 'What the agent looks up. By default the model chooses it.',
			}),
			{
				displayName:
					'Connect this node after Slack Action Trigger with Slash Command and Message Shortcut enabled. Lookups need the trigger’s lookup allowlist; a refused user is logged and nothing is looked up.',
				name: 'inputNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['answer'], '@tool': [false] } },
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
					{ name: 'Minimal', value: 'minimal', description: 'Full names; emails and phones partly masked' },
					{ name: 'Standard', value: 'standard', description: 'Names as initials; emails and phones masked' },
					{ name: 'Strict', value: 'strict', description: 'Names as initials; emails and phones hidden' },
				],
				default: 'standard',
				description: 'How the card masks personal data. The address is never shown; card numbers and keys are always removed.',
				displayOptions: { show: { operation: ['answer', 'lookup'] } },
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: 'UTC',
				description: 'IANA time zone of the dates on the card',
				displayOptions: { show: { operation: ['answer', 'lookup'] } },
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
		assertSettingsPresent(this);
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
			throw nodeError(this.getNode(), error, { description: 'Check the credential: its key or bot token, and its API base URL (https://api.stripe.com, https://slack.com/api/ or the local sandbox).' });
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
				if (operation === 'lookup') {
					const done = await lookupForWorkflow(target, config, { query: this.getNodeParameter('query', i, ''), by: { id: 'n8n', name: `n8n: ${this.getNode().name}` } });
					log.push({ json: { ...done.log, answer: done.answer, delivery: done.delivery } as unknown as IDataObject, pairedItem: { item: i } });
					continue;
				}
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
				throw nodeError(this.getNode(), error, {
					itemIndex: i,
					description: 'Check that the input comes from the Slack Action Trigger (a /stripe command, a shortcut or a desk button), and the Stripe and Slack credentials.',
				});
			}
		}
		return [log, tickets, other];
	}
}
