/** Shared body of payout.paid / payout.failed. */
import { amountOf, markHandled, type MessageModel, type TemplateContext } from '../templateContext';
import { line, plainMoney, titled } from './common';

export function payoutModel(ctx: TemplateContext, failed: boolean): MessageModel {
	const amount = ctx.num('amount');
	const money = ctx.money(amount);
	const dest = ctx.get('destination');
	const last4 = ctx.redactor.field('destination.last4', ctx.get('destination.last4'));
	const bank = dest && typeof dest === 'object' ? line(ctx.text('destination.bank_name', { max: 60 }), last4 && `•••• ${last4}`) : ctx.codeId('destination');
	const failure = failed ? line(ctx.text('failure_message', { max: 200 }), ctx.enumv('failure_code')) : undefined;
	ctx
		.add('Amount', money, 'amount')
		.add(failed ? 'Failure' : 'Status', failed ? failure : ctx.enumv('status'), 'status')
		.add('Arrival', ctx.date(ctx.get('arrival_date')), 'dates')
		.add('Destination', bank, 'payment_method')
		.add('Method', ctx.enumv('method'), 'status')
		.addDescription()
		.addId('Payout', 'id')
		.addMetadata();
	return ctx.model({
		category: 'payout',
		severity: failed ? 'critical' : 'success',
		emoji: failed ? '🚨' : '🏦',
		title: titled(failed ? 'Payout failed' : 'Payout paid', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, failed ? failure : ctx.date(ctx.get('arrival_date')) && `arrived ${ctx.date(ctx.get('arrival_date'))}`),
		amount: amountOf(ctx, amount),
		actions: failed ? markHandled(ctx.objectId) : [],
	});
}
