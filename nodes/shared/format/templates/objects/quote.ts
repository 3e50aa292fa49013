/** Quotes: total, when it expires, status, the invoice and subscription it made once accepted. */
import { date, money, ref, status, type ObjectView } from './kit';

export const quoteView: ObjectView = {
	label: 'Quote',
	category: 'invoice',
	emoji: '📝',
	amount: ['amount_total'],
	facts: [
		money('Total', 'amount_total'),
		money('Subtotal', 'amount_subtotal'),
		status(),
		(ctx, verb) => (verb.key === 'accepted' ? undefined : date('Expires', 'expires_at', { head: 'expires' })(ctx, verb)),
		date('Accepted', 'status_transitions.accepted_at', { time: true }),
		(ctx) => void ctx.add('Number', ctx.text('number', { max: 40 }), 'status'),
		(ctx) => void ctx.addId('Customer', 'customer'),
		ref('Invoice', 'invoice'),
		ref('Subscription', 'subscription'),
	],
	next: (_ctx, verb) => (verb.key === 'accepted' ? 'Stripe creates the invoice or subscription from the quote: check it went out.' : undefined),
};
