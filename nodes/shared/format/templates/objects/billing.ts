/** Billing: usage alerts, credit grants and credit balance transactions, meters. */
import { count, date, enumf, ref, status, text, type ObjectView } from './kit';

export const alertTriggeredView: ObjectView = {
	label: 'Usage alert',
	category: 'invoice',
	emoji: '📈',
	facts: [
		text('Alert', 'alert.title', 'description', 60),
		count('Usage', 'value', 'amount'),
		count('Threshold', 'alert.usage_threshold.gte', 'amount'),
		(ctx) => void ctx.addId('Customer', 'customer'),
	],
	title: () => 'Usage alert triggered',
	severity: () => 'warning',
};

const creditAmount = (prefix: string) => (ctx: Parameters<NonNullable<ObjectView['next']>>[0]) => {
	const n = ctx.num(`${prefix}.monetary.value`);
	return n === undefined ? undefined : { value: n, currency: ctx.get(`${prefix}.monetary.currency`) };
};

export const creditGrantView: ObjectView = {
	label: 'Billing credit grant',
	category: 'invoice',
	emoji: '🎁',
	amount: creditAmount('amount'),
	facts: [
		(ctx) => void ctx.add('Amount', ctx.money(ctx.get('amount.monetary.value'), ctx.get('amount.monetary.currency')), 'amount'),
		enumf('Category', 'category'),
		date('Effective', 'effective_at'),
		date('Expires', 'expires_at', { head: 'expires' }),
		date('Voided', 'voided_at'),
		(ctx) => void ctx.addId('Customer', 'customer'),
	],
};

export const creditBalanceTransactionView: ObjectView = {
	label: 'Billing credit transaction',
	category: 'invoice',
	emoji: '🎁',
	amount: (ctx) => creditAmount('credit.amount')(ctx) ?? creditAmount('debit.amount')(ctx),
	facts: [
		(ctx) => void ctx.add('Credit', ctx.money(ctx.get('credit.amount.monetary.value'), ctx.get('credit.amount.monetary.currency')), 'amount'),
		(ctx) => void ctx.add('Debit', ctx.money(ctx.get('debit.amount.monetary.value'), ctx.get('debit.amount.monetary.currency')), 'amount'),
		enumf('Type', 'type'),
		date('Effective', 'effective_at'),
		ref('Credit grant', 'credit_grant'),
	],
};

export const meterView: ObjectView = {
	label: 'Billing meter',
	category: 'invoice',
	emoji: '📈',
	facts: [text('Name', 'display_name', 'description', 60), text('Event', 'event_name', 'description', 60), status(), enumf('Aggregation', 'default_aggregation.formula')],
};
