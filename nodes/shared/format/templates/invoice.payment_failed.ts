import { act, amountOf, markHandled, type Template } from '../templateContext';
import { invoiceSubscriptionId, line, plainMoney, titled } from './common';

/**
 * invoice.payment_failed: attempt number, next retry (with time left), subscription affected.
 * Buttons: Retry payment (confirm), Send reminder, Mark handled.
 */
export const invoicePaymentFailed: Template = (ctx) => {
	const amount = ctx.num('amount_remaining') ?? ctx.num('amount_due') ?? ctx.num('total');
	const money = ctx.money(amount);
	const sub = invoiceSubscriptionId(ctx);
	const attempt = ctx.num('attempt_count');
	const next = ctx.get('next_payment_attempt');
	const nextText = ctx.dateWithRelative(next);
	const number = ctx.text('number', { max: 60 });
	const id = ctx.objectId;
	ctx
		.add('Amount due', money, 'amount')
		.add('Attempt', attempt !== undefined ? String(attempt) : undefined, 'status')
		.add('Next retry', nextText ?? (ctx.get('status') === 'open' || ctx.get('paid') === false ? '_no automatic retry_' : undefined), 'dates')
		.add('Subscription affected', sub ? `\`${sub}\`` : undefined, 'status')
		.add('Invoice', number, 'status')
		.addCustomer({ name: ['customer_name'], email: ['customer_email'], phone: ['customer_phone'] })
		.addDescription()
		.addId('Invoice id', 'id')
		.addMetadata();
	return ctx.model({
		category: 'invoice',
		severity: next ? 'warning' : 'critical',
		emoji: '⚠️',
		title: titled('Invoice payment failed', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, attempt !== undefined && `attempt ${attempt}`, nextText ? `next retry ${ctx.relative(next)}` : undefined),
		amount: amountOf(ctx, amount),
		actions: [
			...act(id, { action: 'retryPayment', label: 'Retry payment', style: 'primary' }),
			...act(id, { action: 'sendReminder', label: 'Send reminder' }),
			...markHandled(id),
		],
	});
};
