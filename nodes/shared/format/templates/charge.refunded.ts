import { amountOf, markHandled, type Template } from '../templateContext';
import { line, plainMoney, titled } from './common';

/** charge.refunded: amount refunded of amount, full or partial, reason of the latest refund. */
export const chargeRefunded: Template = (ctx) => {
	const refunded = ctx.num('amount_refunded') ?? (ctx.get('refunded') === true ? ctx.num('amount') : undefined);
	const total = ctx.num('amount');
	const money = ctx.money(refunded);
	const full = refunded !== undefined && total !== undefined && refunded >= total;
	const refund = ctx.get('refunds.data.0');
	const reason = refund ? ctx.enumv('reason', refund) : undefined;
	ctx
		.add('Refunded', line(money, total !== undefined && !full ? `of ${ctx.money(total)}` : undefined, full ? 'full refund' : 'partial'), 'amount')
		.add('Reason', reason, 'status')
		.add('Refund status', refund ? ctx.enumv('status', refund) : undefined, 'status')
		.addPaymentMethod()
		.addCustomer({ name: ['billing_details.name'], email: ['billing_details.email', 'receipt_email'] })
		.addDescription()
		.add('Refunded at', ctx.date(refund ? ctx.get('created', refund) : ctx.get('created')), 'dates')
		.addId('Charge', 'id')
		.addId('Refund', 'refunds.data.0.id')
		.addId('Payment', 'payment_intent')
		.addMetadata();
	return ctx.model({
		category: 'refund',
		severity: 'info',
		emoji: '↩️',
		title: titled(full ? 'Charge refunded' : 'Charge partially refunded', plainMoney(ctx, refunded)),
		headline: line(money && `*${money}*`, reason),
		amount: amountOf(ctx, refunded),
		actions: markHandled(ctx.objectId),
	});
};
