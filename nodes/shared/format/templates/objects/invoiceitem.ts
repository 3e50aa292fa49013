/** Invoice items: amount, quantity, the period, the invoice they belong to. */
import { customer, date, description, money, count, ref, type ObjectView } from './kit';

export const invoiceitemView: ObjectView = {
	label: 'Invoice item',
	category: 'invoice',
	emoji: '🧾',
	amount: ['amount'],
	facts: [
		money('Amount', 'amount'),
		count('Quantity', 'quantity'),
		date('Period from', 'period.start'),
		date('Period to', 'period.end'),
		description(),
		customer(),
		ref('Invoice', 'invoice'),
	],
};
