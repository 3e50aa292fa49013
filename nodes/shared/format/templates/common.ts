/** Helpers shared by several templates (pure). */
import { formatMoney } from '../money';
import type { TemplateContext } from '../templateContext';

/** Plain money for titles (our formatting only; empty when unusable). */
export function plainMoney(ctx: TemplateContext, amount: unknown, currency: unknown = ctx.get('currency')): string {
	return formatMoney(amount, currency, ctx.opts.locale);
}

/** "Title: $10.99" or "Title" */
export function titled(title: string, money: string): string {
	return money ? `${title}: ${money}` : title;
}

/** Subscription plan line from the current shape (items.data[].price) or the 2012 shape (plan). */
export function planText(ctx: TemplateContext, root: unknown = ctx.obj): string | undefined {
	const items = ctx.get('items.data', root);
	const lines: string[] = [];
	const one = (price: unknown, qty: unknown, nameRoot: string) => {
		if (!price || typeof price !== 'object') return;
		const amount = ctx.get('unit_amount', price) ?? ctx.get('amount', price);
		const money = ctx.money(amount, ctx.get('currency', price));
		const interval = ctx.enumv('recurring.interval', price) ?? ctx.enumv('interval', price);
		const count = ctx.num('recurring.interval_count', price) ?? ctx.num('interval_count', price);
		const name =
			ctx.text(`${nameRoot}.nickname`, { root, max: 60 }) ??
			ctx.text(`${nameRoot}.name`, { root, max: 60 }) ??
			ctx.codeId(`${nameRoot}.product`, root) ??
			ctx.codeId(`${nameRoot}.id`, root);
		const per = interval ? ` / ${count && count > 1 && count < 100 ? `${count} ` : ''}${interval.toLowerCase()}` : '';
		const q = typeof qty === 'number' && qty > 1 ? ` × ${qty}` : '';
		const parts = [name, money ? `${money}${per}` : undefined].filter(Boolean).join(' · ');
		if (parts) lines.push(parts + q);
	};
	if (Array.isArray(items)) {
		items.slice(0, 5).forEach((it, i) => one(ctx.get('price', it) ?? ctx.get('plan', it), ctx.get('quantity', it), `items.data.${i}.price`));
		if (items.length > 5) lines.push(`_+${items.length - 5} more items_`);
	} else if (ctx.get('plan', root)) {
		one(ctx.get('plan', root), ctx.get('quantity', root), 'plan');
	}
	return lines.length ? lines.join('\n') : undefined;
}

/** Subscription id referenced by an invoice (current shape: parent.subscription_details; older: subscription). */
export function invoiceSubscriptionId(ctx: TemplateContext): string | undefined {
	return ctx.id('parent.subscription_details.subscription') ?? ctx.id('subscription') ?? ctx.id('lines.data.0.subscription');
}

/** Headline pieces joined with " · " (each already safe mrkdwn). */
export function line(...parts: Array<string | undefined | false>): string | undefined {
	const p = parts.filter((x): x is string => !!x);
	return p.length ? p.join(' · ') : undefined;
}
