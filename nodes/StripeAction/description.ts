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
		displayOptions: v2('dispute'),
		options: [
			{
				name: 'Accept',
				value: 'acceptDispute',
				action: 'Accept a dispute',
			},
			{
				name: 'Submit Evidence',
				value: 'submitDisputeEvidence',
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
		displayOptions: v2('invoice'),
		options: [
			{
				name: 'Retry Payment',
				value: 'retryInvoicePayment',
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
		displayOptions: v2('subscription'),
		options: [
			{
				name: 'Cancel',
				value: 'cancelSubscription',
				action: 'Cancel a subscription',
			},
		],
		default: 'cancelSubscription',
	},
];
