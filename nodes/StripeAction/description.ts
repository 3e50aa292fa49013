import type { INodeProperties } from 'n8n-workflow';

/**
 * Version 2 of Stripe Action groups its operations by resource (n8n's resource/operation pattern); version 1
 * keeps the single operation list, so workflows saved with it (the templates among them) are unchanged. The
 * operation values are the same in both versions, and execute() reads only `operation`.
 */
const v2 = (resource: string) => ({ show: { '@version': [2], resource: [resource] } });

export const operationsByResource: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do in Stripe',
		displayOptions: v2('buttonClick'),
		options: [
			{
				name: 'From Button Click',
				value: 'fromButtonClick',
				description: 'Do what the clicked button says (its action ID), on the object in its value',
				action: 'Perform the clicked button s action',
			},
		],
		default: 'fromButtonClick',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do in Stripe',
		displayOptions: v2('payment'),
		options: [
			{
				name: 'Capture',
				value: 'capturePayment',
				description: 'Capture the authorized amount of an uncaptured payment intent (pi_…)',
				action: 'Capture an uncaptured payment',
			},
			{
				name: 'Refund',
				value: 'refund',
				description: 'Refund a charge or payment intent, fully or partly',
				action: 'Refund a charge or payment intent',
			},
		],
		default: 'refund',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do in Stripe',
		displayOptions: v2('dispute'),
		options: [
			{
				name: 'Accept',
				value: 'acceptDispute',
				description: 'Accept (concede) a dispute (dp_…): the money stays with the customer',
				action: 'Accept a dispute',
			},
			{
				name: 'Submit Evidence',
				value: 'submitDisputeEvidence',
				description: 'Add a written explanation to a dispute (dp_…) and submit it to the bank',
				action: 'Submit dispute evidence',
			},
		],
		default: 'submitDisputeEvidence',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do in Stripe',
		displayOptions: v2('invoice'),
		options: [
			{
				name: 'Retry Payment',
				value: 'retryInvoicePayment',
				description: 'Try to collect an open invoice (in_…) again with the saved payment method',
				action: 'Retry an invoice payment',
			},
			{
				name: 'Send Authentication Link',
				value: 'sendAuthenticationLink',
				description: 'Email the hosted invoice page (in_…) to a customer who must authenticate the payment',
				action: 'Send the hosted invoice page to the customer',
			},
			{
				name: 'Send Reminder',
				value: 'sendInvoiceReminder',
				description: 'Email the customer the open invoice (in_…) again; moves no money',
				action: 'Send an invoice reminder',
			},
			{
				name: 'Void',
				value: 'voidInvoice',
				description: 'Void an open invoice (in_…): it can no longer be paid',
				action: 'Void an invoice',
			},
		],
		default: 'retryInvoicePayment',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do in Stripe',
		displayOptions: v2('radar'),
		options: [
			{
				name: 'Approve Review',
				value: 'approveReview',
				description: 'Approve the payment held by a Radar review (prv_…) and close the review',
				action: 'Approve a radar review',
			},
			{
				name: 'Refund Early Fraud Warning',
				value: 'refundEarlyFraudWarning',
				description: 'Refund the charge of a Radar early fraud warning (issfr_…) in full, reason fraudulent, while it is actionable',
				action: 'Refund the charge of an early fraud warning',
			},
		],
		default: 'approveReview',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do in Stripe',
		displayOptions: v2('subscription'),
		options: [
			{
				name: 'Cancel',
				value: 'cancelSubscription',
				description: 'Cancel a subscription (sub_…), at the end of its period or now',
				action: 'Cancel a subscription',
			},
		],
		default: 'cancelSubscription',
	},
];

/** Version 1: every operation in one list (the templates and saved workflows use it). */
export const operationsV1: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do in Stripe',
		displayOptions: { show: { '@version': [1] } },
		options: [
			{
				name: 'Accept Dispute',
				value: 'acceptDispute',
				description: 'Accept (concede) a dispute (dp_…): the money stays with the customer',
				action: 'Accept a dispute',
			},
			{
				name: 'Approve Radar Review',
				value: 'approveReview',
				description: 'Approve the payment held by a Radar review (prv_…) and close the review',
				action: 'Approve a radar review',
			},
			{
				name: 'Cancel Subscription',
				value: 'cancelSubscription',
				description: 'Cancel a subscription (sub_…), at the end of its period or now',
				action: 'Cancel a subscription',
			},
			{
				name: 'Capture Payment',
				value: 'capturePayment',
				description: 'Capture the authorized amount of an uncaptured payment intent (pi_…)',
				action: 'Capture an uncaptured payment',
			},
			{
				name: 'From Button Click',
				value: 'fromButtonClick',
				description: 'Do what the clicked button says (its action ID), on the object in its value',
				action: 'Perform the clicked button s action',
			},
			{
				name: 'Refund',
				value: 'refund',
				description: 'Refund a charge or payment intent, fully or partly',
				action: 'Refund a charge or payment intent',
			},
			{
				name: 'Refund Early Fraud Warning',
				value: 'refundEarlyFraudWarning',
				description: 'Refund the charge of a Radar early fraud warning (issfr_…) in full, reason fraudulent, while it is actionable',
				action: 'Refund the charge of an early fraud warning',
			},
			{
				name: 'Retry Invoice Payment',
				value: 'retryInvoicePayment',
				description: 'Try to collect an open invoice (in_…) again with the saved payment method',
				action: 'Retry an invoice payment',
			},
			{
				name: 'Send Authentication Link',
				value: 'sendAuthenticationLink',
				description: 'Email the hosted invoice page (in_…) to a customer who must authenticate the payment',
				action: 'Send the hosted invoice page to the customer',
			},
			{
				name: 'Send Invoice Reminder',
				value: 'sendInvoiceReminder',
				description: 'Email the customer the open invoice (in_…) again; moves no money',
				action: 'Send an invoice reminder',
			},
			{
				name: 'Submit Dispute Evidence',
				value: 'submitDisputeEvidence',
				description: 'Add a written explanation to a dispute (dp_…) and submit it to the bank',
				action: 'Submit dispute evidence',
			},
			{
				name: 'Void Invoice',
				value: 'voidInvoice',
				description: 'Void an open invoice (in_…): it can no longer be paid',
				action: 'Void an invoice',
			},
		],
		default: 'fromButtonClick',
};

/** The operations an AI agent's tool offers: every one but From Button Click (a tool call is never a Slack click). */
export const TOOL_OPERATIONS = [
	{ name: 'Accept Dispute', value: 'acceptDispute', description: 'Accept (concede) a dispute: the money stays with the customer', action: 'Accept a dispute' },
	{ name: 'Cancel Subscription', value: 'cancelSubscription', description: 'Cancel a subscription, at the end of its period or now', action: 'Cancel a subscription' },
	{ name: 'Refund', value: 'refund', description: 'Refund a charge or payment intent, fully or partly', action: 'Refund a charge or payment intent' },
	{ name: 'Retry Invoice Payment', value: 'retryInvoicePayment', description: 'Try to collect an open invoice again', action: 'Retry an invoice payment' },
	{ name: 'Send Invoice Reminder', value: 'sendInvoiceReminder', description: 'Email the customer the open invoice again; moves no money', action: 'Send an invoice reminder' },
	{ name: 'Submit Dispute Evidence', value: 'submitDisputeEvidence', description: 'Add a written explanation to a dispute and submit it', action: 'Submit dispute evidence' },
	{ name: 'Approve Radar Review', value: 'approveReview', description: 'Approve the payment a Radar review (prv_) holds and close the review', action: 'Approve a radar review' },
	{ name: 'Capture Payment', value: 'capturePayment', description: 'Collect the authorized amount of an uncaptured payment intent (pi_)', action: 'Capture an uncaptured payment' },
	{ name: 'Refund Early Fraud Warning', value: 'refundEarlyFraudWarning', description: 'Refund in full, as fraudulent, the charge of an actionable early fraud warning (issfr_)', action: 'Refund the charge of an early fraud warning' },
	{ name: 'Send Authentication Link', value: 'sendAuthenticationLink', description: 'Email the hosted invoice page (in_) to a customer who must authenticate; moves no money', action: 'Send the hosted invoice page to the customer' },
	{ name: 'Void Invoice', value: 'voidInvoice', description: 'Void an open invoice (in_): it can no longer be paid', action: 'Void an invoice' },
];
