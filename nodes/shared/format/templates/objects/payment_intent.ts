/**
 * Payment intents: amount, amount capturable and received, why it was canceled, the last payment error
 * in words, the action the customer must take, and a Capture button when an authorized amount waits.
 */
import { act, markHandled, type TemplateContext } from '../../templateContext';
import { amountOn, customer, description, money, reason, status, whenClause, type ObjectView } from './kit';
import { CANCELLATION_REASONS, DECLINE_CODES, NEXT_ACTIONS } from './reasons';

/** Stripe cancels an uncaptured card authorization after 7 days unless the card's capture_before says otherwise. */
export function captureBefore(ctx: TemplateContext): number | undefined {
	const exact = ctx.num('latest_charge.payment_method_details.card.capture_before');
	if (exact) return exact;
	const created = ctx.num('created');
	return created ? created + 7 * 86400 : undefined;
}

const capturable = (ctx: TemplateContext) => ctx.get('status') === 'requires_capture' && (ctx.num('amount_capturable') ?? 0) > 0;

const NEXT: Record<string, string> = {
	requires_action: 'Nothing to do unless it stalls: the customer must finish the step above. Stripe emails them if you enabled it.',
	canceled: 'No money was taken. Create a new payment if the order stands.',
	processing: 'Nothing to do: the payment is being confirmed by the bank.',
	partially_funded: 'The customer sent part of the amount by bank transfer: ask for the rest.',
	payment_failed: 'Ask the customer for another payment method.',
};

export const paymentIntentView: ObjectView = {
	label: 'Payment',
	category: 'payment',
	emoji: '💳',
	amount: amountOn('amount_capturable_updated', 'amount_capturable'),
	facts: [
		money('Amount', 'amount'),
		money('Capturable', 'amount_capturable', { skipZero: true }),
		money('Received', 'amount_received', { skipZero: true }),
		status(),
		(ctx) => {
			if (!capturable(ctx)) return;
			const ts = captureBefore(ctx);
			const exact = ctx.num('latest_charge.payment_method_details.card.capture_before') !== undefined;
			const v = ctx.dateWithRelative(ts);
			ctx.add(exact ? 'Capture before' : 'Capture before (7 days from authorization)', v, 'dates');
			return v ? `capture before ${ctx.day(ts)} (${ctx.relative(ts)})` : undefined;
		},
		reason('Why canceled', 'cancellation_reason', CANCELLATION_REASONS, { head: true }),
		(ctx, verb) => (ctx.get('status') === 'requires_action' ? reason('Customer must', 'next_action.type', NEXT_ACTIONS, { head: true })(ctx, verb) : undefined),
		(ctx) => {
			const code = ctx.get('last_payment_error.decline_code') ? 'last_payment_error.decline_code' : 'last_payment_error.code';
			return reason('Last error', code, DECLINE_CODES, { message: 'last_payment_error.message', head: true })(ctx, { key: '', words: '', severity: 'info' });
		},
		customer(),
		description(),
		(ctx) => void ctx.addId('Charge', 'latest_charge'),
	],
	title: (ctx, verb) => (verb.key === 'amount_capturable_updated' && capturable(ctx) ? 'Payment authorized, ready to capture' : undefined),
	when: (ctx, verb) => (verb.key === 'amount_capturable_updated' && capturable(ctx) ? whenClause(ctx, 'capture before', captureBefore(ctx)) : undefined),
	next: (ctx, verb) => (capturable(ctx) ? 'Capture the payment before the authorization lapses, or cancel it to release the hold on the card.' : NEXT[verb.key]),
	actions: (ctx, verb) =>
		capturable(ctx)
			? [...act(ctx.objectId, { action: 'capturePayment', label: 'Capture', style: 'primary' }), ...markHandled(ctx.objectId)]
			: ['requires_action', 'partially_funded'].includes(verb.key)
				? markHandled(ctx.objectId)
				: [],
};
