/** Payment methods: type, card brand and last 4, its expiry (new expiry when the network updated it). */
import { cardLine, expiryFact } from './card';
import { enumf, type ObjectView } from './kit';

export const paymentMethodView: ObjectView = {
	label: 'Payment method',
	category: 'payment',
	emoji: '💳',
	facts: [
		enumf('Type', 'type', 'payment_method'),
		(ctx) => {
			const t = ctx.get('type');
			const v = typeof t === 'string' && /^[a-z_]{1,40}$/.test(t) ? cardLine(ctx, t) : undefined;
			ctx.add(t === 'card' ? 'Card' : 'Account', v, 'payment_method');
			return v;
		},
		(ctx, verb) => expiryFact('card', verb.key === 'automatically_updated' ? 'New expiry' : 'Expires', verb.key === 'automatically_updated' ? 'new expiry' : undefined)(ctx, verb),
		(ctx) => void ctx.addId('Customer', 'customer'),
	],
	title: (_ctx, verb) => (verb.key === 'automatically_updated' ? 'Card updated by the card network' : undefined),
	next: (_ctx, verb) =>
		verb.key === 'automatically_updated'
			? 'Nothing to do: Stripe will charge the updated card from now on.'
			: verb.key === 'detached'
				? 'The customer has one payment method fewer: check that renewals still have one.'
				: undefined,
};
