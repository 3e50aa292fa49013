import { humanize } from '../mrkdwn';
import type { Category } from '../types';
import { amountOf, type Template } from '../templateContext';
import { line, plainMoney } from './common';

const CATEGORY_BY_PREFIX: Array<[RegExp, Category]> = [
	[/^charge\.dispute\.|^charge\.disputed$|^issuing_dispute\./, 'dispute'],
	[/^charge\.refund|^refund\./, 'refund'],
	[/^(payment_intent|charge|payment_method|setup_intent|source)\./, 'payment'],
	[/^(invoice|invoiceitem|credit_note|quote)\./, 'invoice'],
	[/^(customer\.subscription|subscription_schedule)\./, 'subscription'],
	[/^checkout\./, 'checkout'],
	[/^customer\./, 'customer'],
	[/^payout\./, 'payout'],
];

export function categoryOf(type: string): Category {
	for (const [re, c] of CATEGORY_BY_PREFIX) if (re.test(type)) return c;
	return 'other';
}

/** Any other event type: never fails; shows type, object, amount and status when present. */
export const generic: Template = (ctx) => {
	const amount = ctx.num('amount');
	const cur = ctx.currency();
	const money = cur ? ctx.money(amount) : undefined;
	const status = ctx.enumv('status');
	const failed = /(failed|canceled|expired|past_due|overdue)$/.test(ctx.type);
	ctx
		.add('Amount', money, 'amount')
		.add('Status', status, 'status')
		.add('Object', ctx.objectType ? ctx.safe(humanize(ctx.objectType), 60) : undefined, 'status')
		.addCustomer({ name: ['customer_name', 'billing_details.name'], email: ['customer_email', 'receipt_email', 'billing_details.email'] })
		.addDescription()
		.add('Created', ctx.date(ctx.get('created') ?? ctx.event.created), 'dates')
		.addId('Object id', 'id')
		.addMetadata();
	const label = ctx.type === 'unknown' ? 'Stripe event' : humanize(ctx.type.replace(/\./g, ' '));
	const pm = plainMoney(ctx, amount);
	return ctx.model({
		category: categoryOf(ctx.type),
		severity: failed ? 'warning' : 'info',
		emoji: failed ? '⚠️' : '🔔',
		title: pm ? `${label}: ${pm}` : label,
		headline: line(ctx.type !== 'unknown' ? `\`${ctx.type}\`` : undefined, money && `*${money}*`, status),
		amount: amountOf(ctx, amount),
		actions: [],
	});
};
