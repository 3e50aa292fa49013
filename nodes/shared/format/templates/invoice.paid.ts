import { amountOf, type Template } from '../templateContext';
import { invoiceSubscriptionId, line, plainMoney, titled } from './common';

/** invoice.paid (also invoice.payment_succeeded): amount paid, number, subscription. */
export const invoicePaid: Template = (ctx) => {
	const amount = ctx.num('amount_paid') ?? ctx.num('total') ?? ctx.num('amount_due');
	const money = ctx.money(amount);
	const sub = invoiceSubscriptionId(ctx);
	const number = ctx.text('number', { max: 60 });
	ctx
		.add('Amount paid', money, 'amount')
		.add('Invoice', number, 'status')
		.add('Billing reason', ctx.enumv('billing_reason'), 'status')
		.addCustomer({ name: ['customer_name'], email: ['customer_email'], phone: ['customer_phone'], address: ['customer_address'] })
		.addDescription()
		.add('Paid', ctx.date(ctx.get('status_transitions.paid_at') ?? ctx.get('created') ?? ctx.get('date')), 'dates')
		.addId('Invoice id', 'id')
		.add('Subscription', sub ? `\`${sub}\`` : undefined, 'ids')
		.addMetadata();
	return ctx.model({
		category: 'invoice',
		severity: 'success',
		emoji: '🧾',
		title: titled('Invoice paid', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, number && `invoice ${number}`),
		amount: amountOf(ctx, amount),
		actions: [],
	});
};
