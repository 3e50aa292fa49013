/** Top-ups: amount, when the funds become available, the failure in words. */
import { date, description, money, reason, status, type ObjectView } from './kit';
import { DECLINE_CODES } from './reasons';

export const topupView: ObjectView = {
	label: 'Top-up',
	category: 'payout',
	emoji: '💰',
	amount: ['amount'],
	facts: [
		money('Amount', 'amount'),
		status(),
		reason('Failure', 'failure_code', DECLINE_CODES, { message: 'failure_message', head: true }),
		(ctx, verb) => date('Funds available', 'expected_availability_date', { head: ['created', 'succeeded'].includes(verb.key) ? 'available' : undefined })(ctx, verb),
		description(),
	],
	severity: (_ctx, verb) => (verb.key === 'failed' || verb.key === 'reversed' ? 'critical' : undefined),
	next: (_ctx, verb) =>
		verb.key === 'failed' || verb.key === 'reversed' ? 'Your balance was not topped up: check the bank account and top up again, or payouts and transfers may fail.' : undefined,
};
