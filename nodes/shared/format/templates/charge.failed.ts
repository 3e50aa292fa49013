import { amountOf, markHandled, type Template } from '../templateContext';
import { line, plainMoney, titled } from './common';

/** charge.failed: failure code and message, network decline code, card. Button: Mark handled. */
export const chargeFailed: Template = (ctx) => {
	const amount = ctx.num('amount');
	const money = ctx.money(amount);
	const message = ctx.text('failure_message', { max: 200 }) ?? ctx.text('outcome.seller_message', { max: 200 });
	const code = ctx.enumv('failure_code') ?? ctx.enumv('outcome.reason');
	ctx
		.add('Amount', money, 'amount')
		.add('Reason', line(message, code && `_${code}_`), 'status')
		.add('Network decline code', ctx.text('outcome.network_decline_code', { max: 20 }), 'status')
		.addPaymentMethod()
		.addCustomer({ name: ['billing_details.name'], email: ['billing_details.email', 'receipt_email'] })
		.addDescription()
		.add('Failed', ctx.date(ctx.get('created')), 'dates')
		.addId('Charge', 'id')
		.addId('Payment', 'payment_intent')
		.addMetadata();
	return ctx.model({
		category: 'payment',
		severity: 'warning',
		emoji: '⚠️',
		title: titled('Charge failed', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, message, code && `_${code}_`),
		amount: amountOf(ctx, amount),
		actions: markHandled(ctx.objectId),
	});
};
