/** An invoice's payment: paid and requested amounts, status, the invoice and the payment. */
import { date, money, ref, status, type ObjectView } from './kit';

export const invoicePaymentView: ObjectView = {
	label: 'Invoice payment',
	category: 'invoice',
	emoji: '🧾',
	amount: ['amount_paid', 'amount_requested'],
	facts: [
		money('Paid', 'amount_paid'),
		money('Requested', 'amount_requested'),
		status(),
		date('Paid at', 'status_transitions.paid_at', { time: true }),
		ref('Invoice', 'invoice'),
		ref('Payment', 'payment.payment_intent'),
		ref('Charge', 'payment.charge'),
	],
};
