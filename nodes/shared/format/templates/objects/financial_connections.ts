/** Financial Connections accounts and authorizations: institution, account, status, balance, refresh results. */
import { cardLine } from './card';
import { currencyMap, date, enumf, status, text, type ObjectView } from './kit';

export const fcAccountView: ObjectView = {
	label: 'Linked bank account',
	category: 'customer',
	emoji: '🏦',
	amount: (ctx) => currencyMap(ctx, 'balance.current').first,
	facts: [
		(ctx) => {
			const v = [ctx.text('institution_name', { max: 40 }), ctx.text('display_name', { max: 40 })].filter(Boolean).join(' · ');
			const l4 = cardLine(ctx, '');
			ctx.add('Account', [v, l4].filter(Boolean).join(' ') || undefined, 'payment_method');
		},
		status(),
		enumf('Category', 'subcategory'),
		(ctx) => void ctx.add('Balance', currencyMap(ctx, 'balance.current', 6).lines.join('\n') || undefined, 'amount'),
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
