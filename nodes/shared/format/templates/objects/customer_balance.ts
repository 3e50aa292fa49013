/** A customer's cash balance (bank transfers received) and its transactions. */
import { currencyMap, enumf, money, ref, type ObjectView } from './kit';

export const cashBalanceView: ObjectView = {
	label: 'Cash balance',
	category: 'customer',
	emoji: '💶',
	amount: (ctx) => currencyMap(ctx, 'available').first,
	facts: [
		(ctx) => void ctx.add('Available', currencyMap(ctx, 'available').lines.join('\n') || undefined, 'amount'),
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
