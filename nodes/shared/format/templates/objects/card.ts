/**
 * Cards, bank accounts and sources (customer.source.*, account.external_account.*, payment methods):
 * brand and last 4, the expiry with the time left, the bank name.
 *
 * The expiry (month and year, never the number) is shown at the Minimal and Standard levels and hidden at
 * Strict or when a Hidden Field names exp_month/exp_year: on its own, with the last 4, it identifies no card.
 */
import { pathMatches } from '../../redact';
import type { TemplateContext } from '../../templateContext';
import { enumf, status, text, type Fact, type ObjectView } from './kit';

/** "Visa •••• 4242" of a card-like object at `prefix` ('' for the object itself). */
export function cardLine(ctx: TemplateContext, prefix: string): string | undefined {
	const p = (k: string) => (prefix ? `${prefix}.${k}` : k);
	const brand = ctx.enumv(p('display_brand')) ?? ctx.enumv(p('brand')) ?? ctx.text(p('bank_name'), { max: 40 });
	const last4 = ctx.redactor.field(p('last4'), ctx.get(p('last4')));
	const s = [brand, last4 ? `•••• ${last4}` : undefined].filter(Boolean).join(' ');
	return s || undefined;
}

/** The expiry of a card-like object at `prefix`: its month and year and the time left (start of the next month). */
export function expiryOf(ctx: TemplateContext, prefix: string): { text: string; ts: number } | undefined {
	const p = (k: string) => (prefix ? `${prefix}.${k}` : k);
	if (ctx.opts.redaction === 'strict' || ctx.opts.denyFields.some((d) => pathMatches(d, p('exp_month')) || pathMatches(d, p('exp_year')))) return undefined;
	const m = ctx.num(p('exp_month'));
	const y = ctx.num(p('exp_year'));
	if (!m || !y || m < 1 || m > 12 || y < 2000 || y > 2200) return undefined;
	const ts = Date.UTC(y, m, 1) / 1000; // the card works through the last day of its month
	return { text: `${String(m).padStart(2, '0')}/${y} (${ctx.relative(ts)})`, ts };
}

/** The card line ("Visa •••• 4242") as a field and the headline. */
export function cardFact(label: string, prefix = ''): Fact {
	return (ctx) => {
		const v = cardLine(ctx, prefix);
		ctx.add(label, v, 'payment_method');
		return v;
	};
}

export function expiryFact(prefix: string, label = 'Expires', head?: string): Fact {
	return (ctx) => {
		const e = expiryOf(ctx, prefix);
		ctx.add(label, e?.text, 'dates');
		return head && e ? `${head} ${e.text}` : undefined;
	};
}

const cardFacts = (head: boolean): Fact[] => [
	cardFact('Card'),
	expiryFact('', 'Expires', head ? 'expires' : undefined),
	enumf('Funding', 'funding', 'payment_method'),
	text('Country', 'country', 'payment_method', 4),
	(ctx) => void ctx.addId('Customer', 'customer'),
];

export const cardView: ObjectView = {
	label: 'Card',
	category: 'customer',
	emoji: '💳',
	facts: cardFacts(true),
	title: (_ctx, verb) => (verb.key === 'expiring' ? 'Card expiring soon' : undefined),
	when: (ctx, verb) => {
		const e = verb.key === 'expiring' ? expiryOf(ctx, '') : undefined;
		return e ? `expires ${e.text}` : undefined;
	},
	next: (_ctx, verb) => (verb.key === 'expiring' ? 'Ask the customer to update their card before it expires, or renewals will fail.' : undefined),
};

export const bankAccountView: ObjectView = {
	label: 'Bank account',
	category: 'payout',
	emoji: '🏦',
	facts: [
		cardFact('Account'),
		status(),
		(ctx) => void ctx.add('Currency', ctx.currency(), 'status'),
		text('Country', 'country', 'payment_method', 4),
		(ctx) => void ctx.add('Default for payouts', ctx.get('default_for_currency') === true ? 'yes' : undefined, 'status'),
		(ctx) => void ctx.addId('Account', 'account'),
		(ctx) => void ctx.addId('Customer', 'customer'),
	],
	severity: (ctx) => (ctx.get('status') === 'errored' || ctx.get('status') === 'verification_failed' ? 'warning' : undefined),
};

export const sourceView: ObjectView = {
	label: 'Source',
	category: 'payment',
	emoji: '💳',
	amount: ['amount'],
	facts: [
		enumf('Type', 'type', 'payment_method'),
		(ctx) => {
			const t = ctx.get('type');
			const v = typeof t === 'string' && /^[a-z_]{1,40}$/.test(t) ? cardLine(ctx, t) : undefined;
			ctx.add('Payment method', v, 'payment_method');
			return v;
		},
		expiryFact('card', 'Expires', 'expires'),
		status(),
		enumf('Usage', 'usage'),
		(ctx) => void ctx.addId('Customer', 'customer'),
	],
	next: (_ctx, verb) =>
		verb.key === 'expiring' ? 'Ask the customer to update their card before it expires.' : verb.key === 'failed' || verb.key === 'canceled' ? 'The source cannot be charged: ask for another payment method.' : undefined,
};
