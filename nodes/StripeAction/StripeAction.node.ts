import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { nodeError } from '../shared/n8n/errors';

import { createStripeClient } from '../shared/stripeClient';
import type { SlackInteraction } from '../shared/slack/interaction';
import { OPERATIONS, type OperationName } from '../shared/stripe/actions/router';
import type { StripeActionParams } from '../shared/stripe/actions/types';
import { outcomeForOutput } from '../shared/stripe/outcomePrivacy';
import { performAction } from '../shared/stripe/perform';
import { forTool, fromAI, notForTool } from '../shared/n8n/tool';

import { operationsByResource, operationsV1, TOOL_OPERATIONS } from './description';

export class StripeAction implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Action',
		name: 'stripeAction',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#stripe-action-stripeaction',
		icon: { light: 'file:stripeAction.svg', dark: 'file:stripeAction.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{ {fromButtonClick: "Do What the Button Says", capturePayment: "Capture a Payment", refund: "Refund a Payment", acceptDispute: "Accept a Dispute", submitDisputeEvidence: "Submit Dispute Evidence", retryInvoicePayment: "Retry an Invoice Payment", sendAuthenticationLink: "Send an Authentication Link", sendInvoiceReminder: "Send an Invoice Reminder", voidInvoice: "Void an Invoice", approveReview: "Approve a Radar Review", refundEarlyFraudWarning: "Refund an Early Fraud Warning", cancelSubscription: "Cancel a Subscription"}[$parameter["operation"]] }}',
		description:
			'Performs one Stripe action on one Stripe ID, exactly once: refund a charge (ch_, pi_), retry or remind an invoice (in_), cancel a subscription (sub_), accept or answer a dispute (du_). After a Slack button, it does what the button says, once per click.',
		usableAsTool: true,
		defaults: {
			name: 'Stripe Action',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'stripeSignedApi',
				required: true,
			},
		],
		properties: [
			notForTool({
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { '@version': [2] } },
				options: [
					{ name: 'Button Click', value: 'buttonClick', description: 'Whatever the clicked Slack button asks for' },
					{ name: 'Charge or Payment Intent', value: 'payment', description: 'A payment (ch_… or pi_…): refund or capture it' },
					{ name: 'Dispute', value: 'dispute', description: 'A dispute (dp_…): accept it or submit evidence' },
					{ name: 'Invoice', value: 'invoice', description: 'An invoice (in_…): retry, remind, send a link or void' },
					{ name: 'Radar (Fraud)', value: 'radar', description: 'A Radar review (prv_…) or early fraud warning (issfr_…)' },
					{ name: 'Subscription', value: 'subscription', description: 'A subscription (sub_…): cancel it' },
				],
				default: 'buttonClick',
				description: 'The kind of Stripe object to act on',
			}),
			...operationsByResource.map(notForTool),
			notForTool(operationsV1),
			// An agent's tool call is never a Slack click: every operation but From Button Click, and the one that moves no money first.
			forTool({
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				description: 'What to do in Stripe',
				options: TOOL_OPERATIONS,
				default: 'sendInvoiceReminder',
			}),
			notForTool({
				displayName: 'Object ID',
				name: 'objectId',
				type: 'string',
				default: '={{ $json.value }}',
				required: true,
				description: 'The Stripe ID to act on (in_…, ch_…, pi_…, sub_…, du_…, prv_…, issfr_…). By default the clicked button’s value.',
				displayOptions: {
					hide: {
						operation: ['fromButtonClick'],
					},
				},
			}),
			forTool({
				displayName: 'Object ID',
				name: 'objectId',
				type: 'string',
				default: fromAI(
					'objectId',
					'The Stripe ID to act on, exactly as Stripe shows it: in_ (invoice) to retry, remind, void or send the payment page, ch_ or pi_ (charge or payment intent) to refund, pi_ to capture, sub_ (subscription) to cancel, du_ (dispute) to accept or answer, prv_ (Radar review) to approve, issfr_ (early fraud warning) to refund as fraudulent.',
				),
				required: true,
				description: 'The Stripe ID to act on. By default the model chooses it.',
			}),
			notForTool({
				displayName: 'Amount (Smallest Unit)',
				name: 'amount',
				type: 'number',
				typeOptions: {
					minValue: 0,
				},
				default: 0,
				description: 'Amount to refund in the smallest currency unit (cents). 0 refunds everything that is left.',
				displayOptions: {
					show: {
						operation: ['refund'],
					},
				},
			}),
			forTool({
				displayName: 'Amount (Smallest Unit)',
				name: 'amount',
				type: 'number',
				default: fromAI('amount', 'Amount to refund in the smallest currency unit (cents for USD and EUR, yen for JPY), a whole number. 0 refunds everything that is left.', 'number'),
				description: 'Amount to refund in the smallest currency unit (cents). By default the model chooses it; 0 refunds everything that is left.',
				displayOptions: { show: { operation: ['refund'] } },
			}),
			{
				displayName: 'Reason',
				name: 'refundReason',
				type: 'options',
				options: [
					{
						name: 'Duplicate',
						value: 'duplicate',
						description: 'The payment was made twice',
					},
					{
						name: 'Fraudulent',
						value: 'fraudulent',
						description: 'The payment was not made by the card holder (also tells Radar)',
					},
					{
						name: 'None',
						value: '',
						description: 'No reason given to Stripe',
					},
					{
						name: 'Requested by Customer',
						value: 'requested_by_customer',
						description: 'The customer asked for their money back',
					},
				],
				default: 'requested_by_customer',
				description: 'Why the money goes back. A reason from a refund modal takes precedence.',
				displayOptions: {
					show: {
						operation: ['refund', 'fromButtonClick'],
					},
				},
			},
			{
				displayName: 'Cancel',
				name: 'cancelAt',
				type: 'options',
				options: [
					{
						name: 'At Period End',
						value: 'periodEnd',
						description: 'The customer keeps the subscription until the period they paid for ends',
					},
					{
						name: 'Now',
						value: 'now',
						description: 'The subscription ends at once',
					},
				],
				default: 'periodEnd',
				description: 'When the subscription ends',
				displayOptions: {
					show: {
						operation: ['cancelSubscription'],
					},
				},
			},
			notForTool({
				displayName: 'Evidence Text',
				name: 'evidenceText',
				type: 'string',
				typeOptions: {
					rows: 4,
				},
				default: '={{ $json.inputs?.evidence_text ?? "" }}',
				description: 'What happened, for the bank. By default the text typed in the evidence modal.',
				displayOptions: {
					show: {
						operation: ['submitDisputeEvidence'],
					},
				},
			}),
			forTool({
				displayName: 'Evidence Text',
				name: 'evidenceText',
				type: 'string',
				typeOptions: { rows: 4 },
				default: fromAI('evidenceText', 'What happened, in plain words for the customer bank: what was sold, when it was delivered, what the customer was told. No card numbers.'),
				description: 'What happened, for the bank. By default the model writes it.',
				displayOptions: { show: { operation: ['submitDisputeEvidence'] } },
			}),
			{
				displayName: 'Submit to the Bank',
				name: 'submitEvidence',
				type: 'boolean',
				default: true,
				description: 'Whether the evidence is submitted now (final) or only saved on the dispute',
				displayOptions: {
					show: {
						operation: ['submitDisputeEvidence', 'fromButtonClick'],
					},
				},
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'Optional: the idempotency key, whether only clicks the Slack Action Trigger authorized may act, and the raw Stripe object in the output',
				options: [
					{
						displayName: 'Idempotency Key',
						name: 'idempotencyKey',
						type: 'string',
						default: '',
						description:
							'Leave empty: derived from the click (team, channel, message, action, object, amount), so repeated clicks act once. Set it when the input is not a Slack click.',
					},
					{
						displayName: 'Include Raw Stripe Object',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description:
							"Whether the output also carries raw: the Stripe object the action returned, Stripe's error unscanned and the click with the modal inputs as typed. It may contain personal data (names, addresses, emails, links to invoices and receipts) and will be saved in n8n's execution data.",
					},
					{
						displayName: 'Require Authorized Click',
						name: 'requireAuthorization',
						type: 'boolean',
						default: true,
						description:
							'Whether money-moving actions only run for clicks that Slack Action Trigger marked as authorized',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials('stripeSignedApi');
		let stripe;
		try {
			stripe = createStripeClient({
				secretKey: String(credentials.secretKey ?? ''),
				apiBaseUrl: String(credentials.apiBaseUrl ?? ''),
			});
		} catch (error) {
			throw nodeError(this.getNode(), error, { description: 'Check the credential: its key or bot token, and its API base URL (https://api.stripe.com, https://slack.com/api/ or the local sandbox).' });
		}
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const json = items[i].json;
			const operation = this.getNodeParameter('operation', i) as OperationName | 'fromButtonClick';
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const interaction = looksLikeClick(json) ? (json as unknown as SlackInteraction) : null;

			let actionId: string;
			let objectId: string;
			const params: StripeActionParams = {};
			if (operation === 'fromButtonClick') {
				if (!interaction) {
					throw new NodeOperationError(
						this.getNode(),
						'The input is not a Slack click. Connect this node after Slack Action Trigger, or choose an explicit operation.',
						{ itemIndex: i },
					);
				}
				actionId = interaction.actionId;
				objectId = interaction.value;
				const reason = this.getNodeParameter('refundReason', i, 'requested_by_customer') as string;
				if (reason && !interaction.inputs?.refund_reason) params.refundReason = reason as StripeActionParams['refundReason'];
				params.submitEvidence = this.getNodeParameter('submitEvidence', i, true) as boolean;
			} else {
				actionId = OPERATIONS[operation];
				if (!actionId) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, { itemIndex: i });
				objectId = String(this.getNodeParameter('objectId', i, '') ?? '').trim();
				if (!objectId) throw new NodeOperationError(this.getNode(), 'Object ID is empty', { itemIndex: i });
				if (operation === 'refund') {
					const amount = this.getNodeParameter('amount', i, 0) as number;
					if (!Number.isInteger(amount) || amount < 0) {
						throw new NodeOperationError(this.getNode(), 'Amount must be a whole number of the smallest currency unit', {
							itemIndex: i,
						});
					}
					params.amount = amount || null;
					const reason = this.getNodeParameter('refundReason', i, '') as string;
					params.refundReason = (reason || null) as StripeActionParams['refundReason'];
				}
				if (operation === 'cancelSubscription') {
					params.cancelAt = this.getNodeParameter('cancelAt', i, 'periodEnd') as 'periodEnd' | 'now';
				}
				if (operation === 'submitDisputeEvidence') {
					params.evidenceText = String(this.getNodeParameter('evidenceText', i, '') ?? '');
					params.submitEvidence = this.getNodeParameter('submitEvidence', i, true) as boolean;
				}
			}

			const explicitKey = String(options.idempotencyKey ?? '').trim();
			const outcome = await performAction({
				stripe,
				actionId,
				objectId,
				interaction,
				params,
				idempotencyKey: explicitKey || (interaction ? undefined : `n8n-${this.getExecutionId()}-${i}-${actionId}-${objectId}`),
				requireAuthorization: options.requireAuthorization !== false,
			});
			const output = outcomeForOutput(outcome, { includeRaw: options.includeRaw === true });
			out.push({ json: output as unknown as IDataObject, pairedItem: { item: i } });
		}
		return [out];
	}
}

function looksLikeClick(json: IDataObject): boolean {
	return (
		(json.type === 'block_actions' || json.type === 'view_submission') &&
		typeof json.actionId === 'string' &&
		typeof json.user === 'object' &&
		json.user !== null
	);
}
