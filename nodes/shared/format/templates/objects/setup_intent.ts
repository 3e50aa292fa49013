/** Setup intents: the decline or error in words, why it was canceled, the action the customer must take. */
import { customer, description, enumf, reason, status, type ObjectView } from './kit';
import { CANCELLATION_REASONS, DECLINE_CODES, NEXT_ACTIONS } from './reasons';

export const setupIntentView: ObjectView = {
	label: 'Card setup',
	category: 'payment',
	emoji: '🔐',
	facts: [
		status(),
		(ctx) => {
			const code = ctx.get('last_setup_error.decline_code') ? 'last_setup_error.decline_code' : 'last_setup_error.code';
			return reason('Declined', code, DECLINE_CODES, { message: 'last_setup_error.message', head: true })(ctx, { key: '', words: '', severity: 'info' });
		},
		reason('Why canceled', 'cancellation_reason', CANCELLATION_REASONS, { head: true }),
		(ctx, verb) => (ctx.get('status') === 'requires_action' ? reason('Customer must', 'next_action.type', NEXT_ACTIONS, { head: true })(ctx, verb) : undefined),
		enumf('Usage', 'usage'),
		enumf('Payment method type', 'last_setup_error.payment_method.type', 'payment_method'),
		customer(),
		description(),
		(ctx) => void ctx.addId('Payment method', 'payment_method'),
	],
	title: (_ctx, verb) => (verb.key === 'setup_failed' ? 'Card setup failed' : undefined),
	next: (_ctx, verb) =>
		verb.key === 'setup_failed' ? 'The card was not saved: ask the customer to try again or use another payment method.' : undefined,
};
