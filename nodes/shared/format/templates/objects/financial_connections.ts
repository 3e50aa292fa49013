/** Financial Connections accounts and authorizations: institution, account, status, balance, refresh results. */
import { formatMoney, normalizeCurrency } from '../../money';
import { cardLine } from './card';
import { date, enumf, status, text, type ObjectView } from './kit';

export const fcAccountView: ObjectView = {
	label: 'Linked bank account',
	category: 'customer',
	emoji: '🏦',
	amount: (ctx) => {
		const cur = ctx.get('balance.current');
		if (!cur || typeof cur !== 'object') return undefined;
		const [c, n] = Object.entries(cur as Record<string, unknown>)[0] ?? [];
		return typeof n === 'number' ? { value: n, currency: c } : undefined;
	},
	facts: [
		(ctx) => {
			const v = [ctx.text('institution_name', { max: 40 }), ctx.text('display_name', { max: 40 })].filter(Boolean).join(' · ');
			const l4 = cardLine(ctx, '');
			ctx.add('Account', [v, l4].filter(Boolean).join(' ') || undefined, 'payment_method');
		},
		status(),
		enumf('Category', 'subcategory'),
		(ctx) => {
			const cur = ctx.get('balance.current');
			if (!cur || typeof cur !== 'object') return;
			const lines = Object.entries(cur as Record<string, unknown>)
				.slice(0, 6)
				.map(([c, n]) => (normalizeCurrency(c) && typeof n === 'number' ? ctx.safe(formatMoney(n, c, ctx.opts.locale), 40) : undefined))
				.filter(Boolean);
			ctx.add('Balance', lines.join('\n') || undefined, 'amount');
		},
		enumf('Balance refresh', 'balance_refresh.status'),
		enumf('Transactions refresh', 'transaction_refresh.status'),
		date('Deactivates', 'status_details.inactive.expected_deactivation_date'),
	],
	next: (_ctx, verb) => (/deactivat|disconnected|expiry/.test(verb.key) ? 'Ask the customer to reconnect their bank account to keep paying by bank debit.' : undefined),
};

export const fcAuthorizationView: ObjectView = {
	label: 'Bank connection',
	category: 'customer',
	emoji: '🏦',
	facts: [text('Institution', 'institution_name', 'payment_method', 40), status(), date('Deactivates', 'status_details.inactive.expected_deactivation_date', { head: 'deactivates' })],
	next: () => 'Ask the customer to reconnect their bank before the deactivation date.',
};
