import { act, amountOf, markHandled, type Template } from '../templateContext';
import { line, plainMoney, titled } from './common';

/** payment_intent.payment_failed: decline reason. Buttons: Retry payment (when it belongs to an invoice), Mark handled. */
export const paymentIntentPaymentFailed: Template = (ctx) => {
	const amount = ctx.num('amount');
	const money = ctx.money(amount);
	const err = 'last_payment_error';
	const reason = ctx.text(`${err}.message`, { max: 200 });
	const code = ctx.enumv(`${err}.decline_code`) ?? ctx.enumv(`${err}.code`);
	const card = ctx.get(`${err}.payment_method.card`) ? ctx.cardText(`${err}.payment_method.card`) : undefined;
	ctx
		.add('Amount', money, 'amount')
		.add('Reason', line(reason, code && `_${code}_`), 'status')
		.add('Payment method', card, 'payment_method')
		.addCustomer({ name: ['shipping.name'], email: ['receipt_email'] })
		.addDescription()
		.add('Failed', ctx.date(ctx.get('created')), 'dates')
		.addId('Payment', 'id')
		.addId('Invoice', 'invoice')
		.addMetadata();
	const invoice = ctx.id('invoice');
	return ctx.model({
		category: 'payment',
		severity: 'warning',
		emoji: '⚠️',
		title: titled('Payment failed', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, reason, code && `_${code}_`),
		amount: amountOf(ctx, amount),
		actions: [...act(invoice, { action: 'retryPayment', label: 'Retry payment', style: 'primary' }), ...markHandled(ctx.objectId)],
	});
};
