import { act, amountOf, markHandled, type Template } from '../templateContext';
import { line, plainMoney, titled } from './common';

/** charge.succeeded (current and 2012 shapes). Buttons: Refund (confirm), Mark handled. */
export const chargeSucceeded: Template = (ctx) => {
	const amount = ctx.num('amount_captured') || ctx.num('amount');
	const money = ctx.money(amount);
	const ch = ctx.objectId;
	const risk = ctx.enumv('outcome.risk_level');
	ctx
		.add('Amount', money, 'amount')
		.addPaymentMethod()
		.addCustomer({ name: ['billing_details.name'], email: ['billing_details.email', 'receipt_email'], phone: ['billing_details.phone'], address: ['billing_details.address'] })
		.add('Risk', risk && risk !== 'Normal' ? `*${risk}*` : risk, 'status')
		.addDescription()
		.add('Created', ctx.date(ctx.get('created')), 'dates')
		.addId('Charge', 'id')
		.addId('Payment', 'payment_intent')
		.addMetadata();
	return ctx.model({
		category: 'payment',
		severity: 'success',
		emoji: '💳',
		title: titled('Charge succeeded', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, ctx.cardText('payment_method_details.card') ?? ctx.cardText('card')),
		amount: amountOf(ctx, amount),
		actions: [...act(ch, { action: 'refund', label: 'Refund', style: 'danger' }), ...markHandled(ch)],
	});
};
