/**
 * Charges: amount, captured and refunded amounts, the decline or failure in words, the payment method,
 * the capture deadline of an uncaptured authorization.
 */
import { amountOn, customer, description, money, reason, status, type ObjectView } from './kit';
import { DECLINE_CODES } from './reasons';

const NEXT: Record<string, string> = {
	expired: 'The authorization lapsed uncaptured: no money was taken. Ask the customer to pay again if the order stands.',
	pending: 'Nothing to do: the payment method (for example a bank debit) takes a few days to confirm.',
	failed: 'Ask the customer for another payment method.',
};

export const chargeView: ObjectView = {
	label: 'Charge',
	category: 'payment',
	emoji: '💳',
	amount: amountOn('captured', 'amount_captured'),
	facts: [
		money('Amount', 'amount'),
		money('Captured', 'amount_captured', { skipZero: true }),
		money('Refunded', 'amount_refunded', { skipZero: true }),
		status(),
		reason('Declined', 'outcome.reason', DECLINE_CODES, { head: true }),
		reason('Failure', 'failure_code', DECLINE_CODES, { message: 'failure_message' }),
		(ctx) => {
			const risk = ctx.enumv('outcome.risk_level');
			ctx.add('Risk', risk && risk !== 'Normal' ? risk : undefined, 'status');
		},
		(ctx, verb) => {
			if (ctx.get('captured') !== false || verb.key === 'expired' || ctx.get('status') === 'failed') return;
			const v = ctx.dateWithRelative(ctx.get('payment_method_details.card.capture_before'));
			ctx.add('Capture before', v, 'dates');
			return v ? `capture before ${v}` : undefined;
		},
		(ctx) => void ctx.addPaymentMethod(),
		customer(),
		description(),
		(ctx) => void ctx.addId('Payment', 'payment_intent'),
	],
	severity: (ctx, verb) => (verb.key === 'updated' && ctx.get('status') === 'failed' ? 'warning' : undefined),
	next: (_ctx, verb) => NEXT[verb.key],
	linkId: (ctx) => ctx.id('payment_intent'),
};
