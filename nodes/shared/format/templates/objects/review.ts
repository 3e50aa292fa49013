/**
 * Radar reviews: why the payment was sent to review (or how the review closed), the charge, the amount
 * when the charge is expanded; Approve and Refund while it is open.
 */
import { act, markHandled } from '../../templateContext';
import { firstAmount, reason, ref, type ObjectView } from './kit';
import { REVIEW_REASONS } from './reasons';

export const reviewView: ObjectView = {
	label: 'Payment review',
	category: 'payment',
	emoji: '🔎',
	amount: (ctx) => firstAmount(ctx, ['charge.amount'], 'charge.currency') ?? firstAmount(ctx, ['payment_intent.amount'], 'payment_intent.currency'),
	facts: [
		(ctx, verb) => reason(verb.key === 'closed' ? 'Closed because' : 'Why', verb.key === 'closed' ? 'closed_reason' : 'opened_reason', REVIEW_REASONS, { head: true })(ctx, verb),
		(ctx, verb) => (ctx.get('reason') !== ctx.get(verb.key === 'closed' ? 'closed_reason' : 'opened_reason') ? reason('Reason', 'reason', REVIEW_REASONS)(ctx, verb) : undefined),
		(ctx) => void ctx.add('Open', ctx.get('open') === true ? 'yes: the payment waits for your decision' : ctx.get('open') === false ? 'no' : undefined, 'status'),
		ref('Charge', 'charge'),
		ref('Payment', 'payment_intent'),
	],
	title: (_ctx, verb) => (verb.key === 'opened' ? 'Payment held for review' : verb.key === 'closed' ? 'Payment review closed' : undefined),
	severity: (ctx, verb) => (verb.key === 'closed' ? (/refunded|disputed/.test(String(ctx.get('closed_reason'))) ? 'warning' : 'success') : undefined),
	next: (ctx, verb) =>
		verb.key === 'opened' && ctx.get('open') !== false
			? 'Look at the payment: approve it if you trust it, or refund it (a refund cannot be disputed).'
			: undefined,
	actions: (ctx, verb) => {
		if (verb.key !== 'opened' || ctx.get('open') === false) return [];
		const id = ctx.objectId;
		const charge = ctx.id('charge');
		return [
			...act(id, { action: 'approveReview', label: 'Approve', style: 'primary' }),
			...act(charge, { action: 'refund', label: 'Refund', style: 'danger' }),
			...markHandled(id),
		];
	},
	linkId: (ctx) => ctx.id('payment_intent') ?? ctx.id('charge'),
};
