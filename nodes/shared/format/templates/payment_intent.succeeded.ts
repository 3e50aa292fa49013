import { act, amountOf, markHandled, type Template } from '../templateContext';
import { line, plainMoney, titled } from './common';

/** payment_intent.succeeded: money received. Buttons: Refund (confirm), Mark handled. */
export const paymentIntentSucceeded: Template = (ctx) => {
	const amount = ctx.num('amount_received') ?? ctx.num('amount');
	const money = ctx.money(amount);
	const pi = ctx.objectId;
	ctx
		.add('Amount', money, 'amount')
		.addCustomer({ name: ['shipping.name'], email: ['receipt_email'], address: ['shipping.address'] })
		.addDescription()
		.add('Paid', ctx.date(ctx.get('created')), 'dates')
		.addId('Payment', 'id')
		.addId('Charge', 'latest_charge')
		.addMetadata();
	return ctx.model({
		category: 'payment',
		severity: 'success',
		emoji: '💰',
		title: titled('Payment received', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, ctx.text('description', { max: 120 })),
		amount: amountOf(ctx, amount),
		actions: [
			...act(pi, { action: 'refund', label: 'Refund', style: 'danger' }),
			...markHandled(pi),
		],
	});
};
