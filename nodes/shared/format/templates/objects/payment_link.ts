/** Payment links: active or not, currency, what happens after payment. */
import { enumf, flag, type ObjectView } from './kit';

export const paymentLinkView: ObjectView = {
	label: 'Payment link',
	category: 'checkout',
	emoji: '🔗',
	facts: [
		flag('Active', 'active', 'yes: customers can pay with it', 'no: it no longer takes payments'),
		(ctx) => void ctx.add('Currency', ctx.currency(), 'status'),
		enumf('After payment', 'after_completion.type'),
		enumf('Billing address', 'billing_address_collection'),
	],
};
