/**
 * Deep links to the Stripe Dashboard:
 *   https://dashboard.stripe.com/[acct_…/][test/]<section>/<id>
 * Connect accounts prefix the path with the connected account id; test mode adds "test/".
 */

const ID_RE = /^[a-z][a-z0-9]{0,11}_[A-Za-z0-9_]{3,250}$/;
const ACCOUNT_RE = /^acct_[A-Za-z0-9]{6,64}$/;
/** A substring that marks a secret-looking id (never link or put in a button value). */
const SECRETISH = /(^|_)(sk|rk)_(live|test)_|whsec_|_secret_/;

/** A Stripe object id we may put in a URL or a button value, or undefined. */
export function safeStripeId(v: unknown): string | undefined {
	if (typeof v !== 'string' || !ID_RE.test(v) || SECRETISH.test(v)) return undefined;
	// Card numbers and phone numbers never look like ids, but a long digit run is suspicious.
	if (/\d{12,}/.test(v)) return undefined;
	return v;
}

export function safeAccountId(v: unknown): string | undefined {
	return typeof v === 'string' && ACCOUNT_RE.test(v) ? v : undefined;
}

/** Dashboard section by id prefix (falls back to object type). */
const SECTION_BY_PREFIX: Record<string, string> = {
	pi: 'payments',
	ch: 'payments',
	py: 'payments',
	in: 'invoices',
	sub: 'subscriptions',
	cus: 'customers',
	dp: 'disputes',
	du: 'disputes',
	po: 'payouts',
	evt: 'events',
	prod: 'products',
	price: 'prices',
	cs: 'checkout/sessions',
	re: 'refunds',
	tr: 'connect/transfers',
	acct: 'connect/accounts',
	sub_sched: 'subscription_schedules',
	cn: 'credit_notes',
	seti: 'setup_intents',
	pm: 'payment_methods',
	we: 'webhooks',
	txn: 'balance/history',
};

export interface DashboardLinkInput {
	id: string;
	livemode?: boolean;
	account?: string;
}

export function dashboardUrl({ id, livemode, account }: DashboardLinkInput): string | undefined {
	const safe = safeStripeId(id);
	if (!safe) return undefined;
	const prefix = safe.startsWith('sub_sched_') ? 'sub_sched' : safe.slice(0, safe.indexOf('_'));
	const section = SECTION_BY_PREFIX[prefix];
	if (!section) return undefined;
	const acct = safeAccountId(account);
	return `https://dashboard.stripe.com/${acct ? `${acct}/` : ''}${livemode ? '' : 'test/'}${section}/${safe}`;
}
