/** Transfers to connected accounts: amount, amount reversed, destination account. */
import { amountOn, date, description, money, ref, type ObjectView } from './kit';

export const transferView: ObjectView = {
	label: 'Transfer',
	category: 'payout',
	emoji: '🔀',
	amount: amountOn('reversed', 'amount_reversed'),
	facts: [
		money('Amount', 'amount'),
		(ctx, verb) => money('Reversed', 'amount_reversed', { skipZero: true, head: verb.key === 'reversed' ? undefined : 'reversed' })(ctx, verb),
		(ctx) => {
			const r = ctx.get('reversed');
			ctx.add('Reversal', r === true ? 'Fully reversed' : (ctx.num('amount_reversed') ?? 0) > 0 ? 'Partly reversed' : undefined, 'status');
		},
		ref('Destination account', 'destination'),
		date('Created', 'created', { time: true }),
		description(),
		ref('Source charge', 'source_transaction'),
	],
	title: (_ctx, verb) => (verb.key === 'reversed' ? 'Transfer reversed' : undefined),
	next: (_ctx, verb) => (verb.key === 'reversed' ? 'The reversed amount is back in your balance; the connected account has less.' : undefined),
};
