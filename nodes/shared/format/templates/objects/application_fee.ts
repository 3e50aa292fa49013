/** Connect application fees and their refunds: amount, refunded amount, the account and charge. */
import { money, ref, type ObjectView } from './kit';

export const applicationFeeView: ObjectView = {
	label: 'Application fee',
	category: 'payout',
	emoji: '💼',
	amount: (ctx, verb) => {
		const v = verb.key === 'refunded' ? (ctx.num('amount_refunded') ?? ctx.num('amount')) : ctx.num('amount');
		return v === undefined ? undefined : { value: v, currency: ctx.get('currency') };
	},
	facts: [money('Amount', 'amount'), money('Refunded', 'amount_refunded', { skipZero: true }), ref('Account', 'account'), ref('Charge', 'charge')],
};

export const feeRefundView: ObjectView = {
	label: 'Application fee refund',
	category: 'refund',
	emoji: '↩️',
	amount: ['amount'],
	facts: [money('Amount', 'amount'), ref('Fee', 'fee')],
};
