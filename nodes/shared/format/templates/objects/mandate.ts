/** Mandates, source mandate notifications and source transactions (bank debits). */
import { enumf, money, reason, ref, status, type ObjectView } from './kit';
import { DECLINE_CODES } from './reasons';

export const mandateView: ObjectView = {
	label: 'Mandate',
	category: 'payment',
	emoji: '✍️',
	facts: [status(), enumf('Type', 'type'), enumf('Payment method type', 'payment_method_details.type', 'payment_method'), ref('Payment method', 'payment_method')],
	severity: (ctx) => (ctx.get('status') === 'inactive' ? 'warning' : undefined),
	next: (ctx) => (ctx.get('status') === 'inactive' ? 'The customer’s debit authorization is no longer valid: ask them to set up the payment method again.' : undefined),
};

export const sourceMandateNotificationView: ObjectView = {
	label: 'Debit notice',
	category: 'payment',
	emoji: '✍️',
	amount: ['amount'],
	currencyPath: 'source.currency',
	title: () => 'Debit notice sent',
	facts: [money('Amount', 'amount', { currency: 'source.currency' }), reason('Reason', 'reason', DECLINE_CODES), status(), enumf('Type', 'type'), ref('Source', 'source')],
};

export const sourceTransactionView: ObjectView = {
	label: 'Source transaction',
	category: 'payment',
	emoji: '💳',
	amount: ['amount'],
	facts: [money('Amount', 'amount'), status(), enumf('Type', 'type', 'payment_method'), ref('Source', 'source')],
};
