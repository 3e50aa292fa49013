/** Payouts: amount, arrival date with the time left, destination, the failure in words. */
import { date, enumf, money, reason, status, whenClause, type ObjectView } from './kit';
import { PAYOUT_FAILURES } from './reasons';

export const payoutView: ObjectView = {
	label: 'Payout',
	category: 'payout',
	emoji: '🏦',
	amount: ['amount'],
	facts: [
		money('Amount', 'amount'),
		(ctx, verb) => date(ctx.get('status') === 'paid' ? 'Arrived' : 'Arrives', 'arrival_date', { head: verb.key === 'created' || verb.key === 'updated' ? 'arrives' : undefined })(ctx, verb),
		status(),
		reason('Failure', 'failure_code', PAYOUT_FAILURES, { message: 'failure_message', head: true }),
		enumf('Method', 'method'),
		(ctx) => {
			const last4 = ctx.redactor.field('destination.last4', ctx.get('destination.last4'));
			const bank = ctx.get('destination') && typeof ctx.get('destination') === 'object' ? [ctx.text('destination.bank_name', { max: 60 }), last4 && `•••• ${last4}`].filter(Boolean).join(' ') : ctx.codeId('destination');
			ctx.add('Destination', bank || undefined, 'payment_method');
		},
		(ctx) => void ctx.addDescription(),
	],
	when: (ctx, verb) => (verb.key === 'created' ? whenClause(ctx, 'arrives', ctx.get('arrival_date')) : undefined),
	next: (_ctx, verb) =>
		verb.key === 'canceled' ? 'The money stays in your Stripe balance; it goes out with the next payout.' : verb.key === 'failed' ? 'Check the bank account details in Stripe; the money is back in your balance.' : undefined,
};
