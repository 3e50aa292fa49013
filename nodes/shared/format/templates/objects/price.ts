/** Prices and plans: the amount per interval, the product, active or not. */
import type { TemplateContext } from '../../templateContext';
import { enumf, flag, ref, type Fact, type ObjectView } from './kit';

function perInterval(ctx: TemplateContext, amountPath: string): string | undefined {
	const m = ctx.money(ctx.get(amountPath));
	if (!m) return undefined;
	const interval = ctx.enumv('recurring.interval') ?? ctx.enumv('interval');
	const n = ctx.num('recurring.interval_count') ?? ctx.num('interval_count');
	return interval ? `${m} / ${n && n > 1 && n < 100 ? `${n} ` : ''}${interval.toLowerCase()}` : m;
}

const priceFact = (amountPath: string): Fact => (ctx) => {
	const v = perInterval(ctx, amountPath);
	ctx.add('Price', v ?? (ctx.get('billing_scheme') === 'tiered' ? 'Tiered' : undefined), 'amount');
};

export const priceView: ObjectView = {
	label: 'Price',
	category: 'other',
	emoji: '🏷️',
	amount: ['unit_amount'],
	facts: [
		priceFact('unit_amount'),
		(ctx) => void ctx.add('Name', ctx.text('nickname', { max: 60 }) ?? ctx.text('lookup_key', { max: 60 }), 'description'),
		enumf('Type', 'type'),
		flag('Active', 'active', 'yes', 'no: not offered to new customers'),
		ref('Product', 'product'),
	],
};

export const planView: ObjectView = {
	label: 'Plan',
	category: 'other',
	emoji: '🏷️',
	amount: ['amount'],
	facts: [priceFact('amount'), (ctx) => void ctx.add('Name', ctx.text('nickname', { max: 60 }), 'description'), flag('Active', 'active', 'yes', 'no'), ref('Product', 'product')],
};
