/** Refunds: amount, reason, status, and why a refund failed, in words. */
import { markHandled } from '../../templateContext';
import { money, reason, ref, status, type ObjectView } from './kit';
import { REFUND_FAILURES, REFUND_REASONS } from './reasons';

export const refundView: ObjectView = {
	label: 'Refund',
	category: 'refund',
	emoji: '↩️',
	amount: ['amount'],
	facts: [
		money('Amount', 'amount'),
		status(),
		reason('Failed because', 'failure_reason', REFUND_FAILURES, { head: true }),
		reason('Reason', 'reason', REFUND_REASONS),
		(ctx) => void ctx.add('Refund method', ctx.enumv('destination_details.type'), 'payment_method'),
		ref('Charge', 'charge'),
		ref('Payment', 'payment_intent'),
	],
	title: (ctx, verb) => (ctx.get('status') === 'failed' && verb.key !== 'failed' ? 'Refund failed' : undefined),
	severity: (ctx) => (ctx.get('status') === 'failed' ? 'critical' : ctx.get('status') === 'succeeded' ? 'success' : undefined),
	next: (ctx) =>
		ctx.get('status') === 'failed' ? 'The money is back in your Stripe balance: refund the customer another way (or contact them).' : undefined,
	actions: (ctx) => (ctx.get('status') === 'failed' ? markHandled(ctx.objectId) : []),
	linkId: (ctx) => ctx.id('payment_intent') ?? ctx.id('charge'),
};
