/** Connect application fees and their refunds: amount, refunded amount, the account and charge. */
import { amountOn, money, ref, type ObjectView } from './kit';

export const applicationFeeView: ObjectView = {
	label: 'Application fee',
	category: 'payout',
	emoji: '💼',
	amount: amountOn('refunded', 'amount_refunded'),
	facts: [money('Amount', 'amount'), money('Refunded', 'amount_refunded', { skipZero: true }), ref('Account', 'account'), ref('Charge', 'charge')],
};

export const feeRefundView: ObjectView = {
	label: 'Application fee refund',
	category: 'refund',
	emoji: '↩️',
	amount: ['amount'],
	facts: [money('Amount', 'amount'), ref('Fee', 'fee')],
};
