/** A customer's cash balance (bank transfers received) and its transactions. */
import { formatMoney, normalizeCurrency } from '../../money';
import { enumf, money, ref, type ObjectView } from './kit';

export const cashBalanceView: ObjectView = {
	label: 'Cash balance',
	category: 'customer',
	emoji: '💶',
	amount: (ctx) => {
		const a = ctx.get('available');
		if (!a || typeof a !== 'object') return undefined;
		const [cur, n] = Object.entries(a as Record<string, unknown>)[0] ?? [];
		return typeof n === 'number' ? { value: n, currency: cur } : undefined;
	},
	facts: [
		(ctx) => {
			const a = ctx.get('available');
			if (!a || typeof a !== 'object') return;
			const lines = Object.entries(a as Record<string, unknown>)
				.slice(0, 10)
				.map(([c, n]) => (normalizeCurrency(c) && typeof n === 'number' ? ctx.safe(`${normalizeCurrency(c)} ${formatMoney(n, c, ctx.opts.locale)}`, 60) : undefined))
				.filter(Boolean);
			ctx.add('Available', lines.join('\n') || undefined, 'amount');
		},
		(ctx) => void ctx.addId('Customer', 'customer'),
	],
	title: (_ctx, verb) => (verb.key === 'funds_available' ? 'Customer cash balance: funds available' : undefined),
	next: () => 'Apply the funds to an open invoice or payment, or Stripe reconciles them automatically if enabled.',
};

export const cashBalanceTransactionView: ObjectView = {
	label: 'Cash balance transaction',
	category: 'customer',
	emoji: '💶',
	amount: ['net_amount'],
	facts: [money('Net amount', 'net_amount'), money('Balance after', 'ending_balance'), enumf('Type', 'type'), (ctx) => void ctx.addId('Customer', 'customer'), ref('Payment', 'applied_to_payment.payment_intent')],
};
