/** Checkout sessions: total, payment status, when it expires or expired, the payment it made. */
import { markHandled } from '../../templateContext';
import { date, enumf, money, ref, status, type ObjectView } from './kit';

const NEXT: Record<string, string> = {
	async_payment_failed: 'The delayed payment (for example a bank debit) failed: the order is unpaid. Contact the customer for another payment method before you ship.',
	async_payment_succeeded: 'The delayed payment arrived: fulfil the order.',
	expired: 'The customer left without paying. Follow up if you collect recovery consent.',
};

export const checkoutSessionView: ObjectView = {
	label: 'Checkout',
	category: 'checkout',
	emoji: '🛒',
	amount: ['amount_total'],
	facts: [
		money('Total', 'amount_total'),
		money('Subtotal', 'amount_subtotal'),
		(ctx) => void ctx.add('Payment', [ctx.enumv('payment_status'), ctx.enumv('mode')].filter(Boolean).join(' · ') || undefined, 'status'),
		status(),
		(ctx, verb) => date(verb.key === 'expired' ? 'Expired' : 'Expires', 'expires_at', { time: true, head: verb.key === 'expired' ? 'expired' : undefined })(ctx, verb),
		(ctx) =>
			void ctx.addCustomer({ name: ['customer_details.name'], email: ['customer_details.email', 'customer_email'] }),
		enumf('Payment method', 'payment_method_types.0', 'payment_method'),
		ref('Payment', 'payment_intent'),
		ref('Subscription', 'subscription'),
		ref('Invoice', 'invoice'),
	],
	title: (_ctx, verb) => (verb.key === 'expired' ? 'Checkout expired unpaid' : undefined),
	severity: (_ctx, verb) => (verb.key === 'expired' ? 'info' : undefined),
	next: (_ctx, verb) => NEXT[verb.key],
	actions: (ctx, verb) => (verb.key === 'async_payment_failed' ? markHandled(ctx.id('payment_intent') ?? ctx.objectId) : []),
	linkId: (ctx) => ctx.id('payment_intent'),
};
