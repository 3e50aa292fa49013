import { amountOf, type Template } from '../templateContext';
import { invoiceSubscriptionId, line, plainMoney, titled } from './common';

/** invoice.upcoming: the draft-to-be (no invoice id yet): amount, when, subscription. */
export const invoiceUpcoming: Template = (ctx) => {
	const amount = ctx.num('amount_due') ?? ctx.num('total');
	const money = ctx.money(amount);
	const sub = invoiceSubscriptionId(ctx);
	const when = ctx.get('next_payment_attempt') ?? ctx.get('period_end') ?? ctx.get('due_date');
	ctx
		.add('Amount due', money, 'amount')
		.add('Expected', ctx.dateWithRelative(when), 'dates')
		.add('Subscription', sub ? `\`${sub}\`` : undefined, 'status')
		.addCustomer({ name: ['customer_name'], email: ['customer_email'] })
		.addDescription()
		.addMetadata();
	return ctx.model({
		category: 'invoice',
		severity: 'info',
		emoji: '📅',
		title: titled('Upcoming invoice', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, ctx.relative(when) && `due ${ctx.relative(when)}`),
		amount: amountOf(ctx, amount),
		linkId: sub,
		actions: [],
	});
};
