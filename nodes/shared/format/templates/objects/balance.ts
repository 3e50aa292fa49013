/** The balance: what is available and pending in each currency. */
import { normalizeCurrency } from '../../money';
import type { TemplateContext } from '../../templateContext';
import type { ObjectView } from './kit';

/** "USD $1,234.00" lines, one per currency of the list at `path`. */
export function perCurrency(ctx: TemplateContext, path: string, skipZero = false): string[] {
	const list = ctx.get(path);
	if (!Array.isArray(list)) return [];
	const out: string[] = [];
	for (const e of list.slice(0, 12)) {
		const cur = normalizeCurrency(ctx.get('currency', e));
		const n = ctx.num('amount', e);
		if (skipZero && !n) continue;
		const m = ctx.money(n, cur);
		if (cur && m) out.push(m.includes(cur) ? m : `${cur} ${m}`);
	}
	if (list.length > 12) out.push(`_+${list.length - 12} more currencies_`);
	return out;
}

export const balanceView: ObjectView = {
	label: 'Balance',
	category: 'payout',
	emoji: '💰',
	amount: ['available.0.amount'],
	currencyPath: 'available.0.currency',
	facts: [
		(ctx) => {
			const lines = perCurrency(ctx, 'available');
			ctx.add('Available', lines.join('\n') || undefined, 'amount');
			return lines.length > 1 ? `also ${lines.slice(1, 4).map((l) => l.replace(/^[A-Z]{3} (?=\D)/, '')).join(', ')}` : undefined;
		},
		(ctx) => void ctx.add('Pending', perCurrency(ctx, 'pending').join('\n') || undefined, 'amount'),
		(ctx) => void ctx.add('Instant payouts', perCurrency(ctx, 'instant_available').join('\n') || undefined, 'amount'),
		(ctx) => void ctx.add('Reserved for Connect', perCurrency(ctx, 'connect_reserved', true).join('\n') || undefined, 'amount'),
	],
	title: () => 'Balance available',
	severity: () => 'info',
};
