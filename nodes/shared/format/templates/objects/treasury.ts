/**
 * Treasury money movements (inbound and outbound transfers and payments, received credits and debits,
 * reversals) and financial accounts: amount, status, expected arrival, failure or return reason in words.
 */
import { currencyMap, date, description, money, reason, ref, status, type ObjectView } from './kit';
import { PAYOUT_FAILURES } from './reasons';

function movement(label: string, emoji = '🏦'): ObjectView {
	return {
		label,
		category: 'payout',
		emoji,
		amount: ['amount'],
		facts: [
			money('Amount', 'amount'),
			status(),
			(ctx, verb) => (ctx.get('status') === 'failed' ? reason('Failure', 'failure_code', PAYOUT_FAILURES, { head: true })(ctx, verb) : undefined),
			(ctx, verb) => (ctx.get('status') === 'returned' ? reason('Returned because', 'returned_details.code', PAYOUT_FAILURES, { head: true })(ctx, verb) : undefined),
			date('Expected arrival', 'expected_arrival_date', { head: 'arrives' }),
			description(),
			ref('Financial account', 'financial_account'),
		],
		next: (_ctx, verb) => (verb.key === 'failed' || verb.key === 'returned' ? 'Check the destination details and send the money again.' : undefined),
	};
}

export const TREASURY_VIEWS: Record<string, ObjectView> = {
	'treasury.credit_reversal': movement('Credit reversal'),
	'treasury.debit_reversal': movement('Debit reversal'),
	'treasury.inbound_transfer': movement('Inbound transfer'),
	'treasury.outbound_payment': movement('Outbound payment'),
	'treasury.outbound_transfer': movement('Outbound transfer'),
	'treasury.received_credit': movement('Received credit'),
	'treasury.received_debit': movement('Received debit'),
	'treasury.financial_account': {
		label: 'Financial account',
		category: 'payout',
		emoji: '🏦',
		facts: [
			status(),
			(ctx) => void ctx.add('Cash', currencyMap(ctx, 'balance.cash', 6).lines.join('\n') || undefined, 'amount'),
			(ctx) => void ctx.add('Closed because', ctx.enumv('status_details.closed.reasons.0'), 'status'),
		],
	},
};
