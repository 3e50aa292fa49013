/**
 * What the support desk's lookup calls, in the Stripe stand-in: customers/search with Stripe's search
 * query syntax, customer lists and updates (metadata), and the per-customer lists of invoices,
 * subscriptions, payment intents, payment methods, and disputes by charge or payment intent.
 * Also seeds the objects a billing card needs (payment method, a failed charge, two customers sharing
 * an email) on top of the fixture objects.
 */
import { deepClone, type Obj } from './util';
import { StripeError } from './stripeError';

export interface DeskStore {
	get(kind: string, objectType: string, id: string): Obj;
	sorted(type: string): Obj[];
	list(url: string, all: Obj[], p: Obj, filter?: (o: Obj) => boolean): Obj;
	nowSec(): number;
}

type Route = (method: string, pattern: string, h: (m: RegExpExecArray, p: Obj) => { status?: number; body: Obj }) => void;

export const JENNY = 'cus_QXg1o8vcGmoR32';
export const JENNY_PM = 'pm_1PgafuB7WZ01zgkWpkvaxXYZ';
export const SHARED_EMAIL = 'sam.shared@example.com';

const invalidQuery = (detail: string) =>
	new StripeError(400, 'invalid_request_error', `Invalid search query: ${detail}. See https://stripe.com/docs/search#search-query-language.`, 'parameter_invalid_string', 'query', false);

export interface SearchClause {
	field: string;
	op: ':' | '~';
	value: string;
}

/**
 * Parses Stripe's search query language for customers: clauses `field:'value'` (exact) or `field~'value'`
 * (substring, at least 3 characters), joined by AND or by OR (not both); `metadata['key']:'value'`;
 * values in single or double quotes with backslash escapes.
 */
export function parseSearchQuery(query: string): { clauses: SearchClause[]; join: 'AND' | 'OR' } {
	const clauses: SearchClause[] = [];
	const joins = new Set<string>();
	let i = 0;
	const s = query.trim();
	if (!s) throw invalidQuery('the query is empty');
	while (i < s.length) {
		const field = /^(metadata\[(['"])([^'"]+)\2\]|[a-z_]+)/.exec(s.slice(i));
		if (!field) throw invalidQuery(`unexpected text at position ${i}`);
		i += field[0].length;
		const op = s[i];
		if (op !== ':' && op !== '~') throw invalidQuery(`expected ':' or '~' after ${field[0]}`);
		i++;
		const quote = s[i];
		if (quote !== "'" && quote !== '"') throw invalidQuery('values must be quoted');
		i++;
		let value = '';
		for (;;) {
			if (i >= s.length) throw invalidQuery('unterminated string');
			const c = s[i++];
			if (c === '\\' && i < s.length) value += s[i++];
			else if (c === quote) break;
			else value += c;
		}
		const name = field[3] !== undefined ? `metadata.${field[3]}` : field[1];
		if (!['email', 'name', 'phone', 'created'].includes(name) && !name.startsWith('metadata.')) {
			throw invalidQuery(`the field ${name} is not supported for customers`);
		}
		if (op === '~' && value.length < 3) throw invalidQuery('a substring match needs at least 3 characters');
		clauses.push({ field: name, op, value });
		const rest = /^\s+(AND|OR)\s+/.exec(s.slice(i));
		if (rest) {
			joins.add(rest[1]);
			i += rest[0].length;
		} else if (i < s.length) throw invalidQuery(`unexpected text at position ${i}`);
	}
	if (joins.size > 1) throw invalidQuery('AND and OR cannot be combined');
	return { clauses, join: joins.has('OR') ? 'OR' : 'AND' };
}

function matches(o: Obj, c: SearchClause): boolean {
	const raw = c.field.startsWith('metadata.') ? o.metadata?.[c.field.slice(9)] : o[c.field];
	if (raw === null || raw === undefined) return false;
	const v = String(raw).toLowerCase();
	const want = c.value.toLowerCase();
	return c.op === ':' ? v === want : v.includes(want);
}

export function defineDeskRoutes(s: DeskStore, r: Route): void {
	const ok = (body: Obj) => ({ body });
	const byCustomer = (p: Obj) => (o: Obj) => !p.customer || o.customer === p.customer;

	r('GET', '/v1/customers/search', (_m, p) => {
		if (!p.query) throw new StripeError(400, 'invalid_request_error', 'Missing required param: query.', 'parameter_missing', 'query', false);
		const q = parseSearchQuery(String(p.query));
		const limit = p.limit === undefined ? 10 : Number(p.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
			throw new StripeError(400, 'invalid_request_error', 'Invalid integer: limit must be between 1 and 100.', 'parameter_invalid_integer', 'limit', false);
		}
		const found = s.sorted('customer').filter((o) => (q.join === 'AND' ? q.clauses.every((c) => matches(o, c)) : q.clauses.some((c) => matches(o, c))));
		return ok({ object: 'search_result', data: found.slice(0, limit), has_more: found.length > limit, next_page: null, url: '/v1/customers/search' });
	});
	r('GET', '/v1/customers', (_m, p) =>
		ok(s.list('/v1/customers', s.sorted('customer'), p, (o) => !p.email || String(o.email ?? '').toLowerCase() === String(p.email).toLowerCase())),
	);
	r('POST', '/v1/customers/:id', (m, p) => ok(updateCustomer(s.get('customer', 'customer', m[1]), p)));
	r('GET', '/v1/customers/:id/payment_methods', (m, p) => {
		s.get('customer', 'customer', m[1]);
		return ok(s.list(`/v1/customers/${m[1]}/payment_methods`, s.sorted('payment_method'), p, (o) => o.customer === m[1] && (!p.type || o.type === p.type)));
	});
	r('GET', '/v1/payment_methods/:id', (m) => ok(s.get('payment method', 'payment_method', m[1])));
	r('GET', '/v1/payment_methods', (_m, p) => {
		if (!p.customer) throw new StripeError(400, 'invalid_request_error', 'Missing required param: customer.', 'parameter_missing', 'customer', false);
		return ok(s.list('/v1/payment_methods', s.sorted('payment_method'), p, (o) => o.customer === p.customer && (!p.type || o.type === p.type)));
	});
	r('GET', '/v1/invoices', (_m, p) =>
		ok(s.list('/v1/invoices', s.sorted('invoice'), p, (o) => byCustomer(p)(o) && (!p.status || o.status === p.status) && (!p.subscription || o.subscription === p.subscription))),
	);
	r('GET', '/v1/subscriptions', (_m, p) =>
		ok(
			s.list('/v1/subscriptions', s.sorted('subscription'), p, (o) => {
				const status = p.status ?? 'active_or_not_canceled';
				const statusOk = status === 'all' || (status === 'active_or_not_canceled' ? !['canceled', 'incomplete_expired'].includes(o.status) : o.status === status);
				return byCustomer(p)(o) && statusOk;
			}),
		),
	);
	r('GET', '/v1/payment_intents', (_m, p) => ok(s.list('/v1/payment_intents', s.sorted('payment_intent'), p, byCustomer(p))));
	r('GET', '/v1/disputes', (_m, p) =>
		ok(s.list('/v1/disputes', s.sorted('dispute'), p, (o) => (!p.charge || o.charge === p.charge) && (!p.payment_intent || o.payment_intent === p.payment_intent))),
	);
}

function updateCustomer(c: Obj, p: Obj): Obj {
	for (const k of ['email', 'name', 'description', 'phone']) if (p[k] !== undefined) c[k] = p[k] === '' ? null : p[k];
	if (p.metadata !== undefined) c.metadata = mergeMetadata(c.metadata, p.metadata === '' ? {} : p.metadata);
	return c;
}

/** Stripe's metadata update: keys merge; an empty value removes a key. */
export function mergeMetadata(old: Obj | undefined, upd: Obj): Obj {
	const m: Obj = { ...(old || {}) };
	for (const [k, v] of Object.entries(upd || {})) {
		if (v === '') delete m[k];
		else m[k] = v;
	}
	return m;
}

/** The objects behind a billing card, added to the fixture objects (ids that never collide with them). */
export function seedDesk(objects: Map<string, Obj>, now: number): void {
	const jenny = objects.get(JENNY);
	if (!jenny) return;
	const charge = objects.get('ch_1PgafuB7WZ01zgkWXYmPNZs8');
	jenny.balance = -500; // a $5.00 credit
	jenny.invoice_settings = { ...(jenny.invoice_settings || {}), default_payment_method: JENNY_PM };
	objects.set(JENNY_PM, {
		id: JENNY_PM,
		object: 'payment_method',
		type: 'card',
		created: jenny.created,
		customer: JENNY,
		livemode: false,
		metadata: {},
		billing_details: deepClone(charge?.billing_details ?? { email: jenny.email, name: jenny.name, phone: jenny.phone, address: jenny.address }),
		card: { brand: 'visa', country: 'US', exp_month: 8, exp_year: 2030, funding: 'credit', last4: '4242', fingerprint: 'AOB934RVNwzk6xtn', display_brand: 'visa' },
	});
	const dispute = [...objects.values()].find((o) => o.object === 'dispute' && o.charge === charge?.id);
	if (dispute && charge) charge.disputed = true;
	objects.set('ch_sandbox_failed_jenny', {
		...deepClone(charge ?? {}),
		id: 'ch_sandbox_failed_jenny',
		object: 'charge',
		amount: 2000,
		amount_captured: 0,
		captured: false,
		paid: false,
		status: 'failed',
		disputed: false,
		customer: JENNY,
		created: now - 3 * 86400,
		failure_code: 'card_declined',
		failure_message: 'Your card was declined.',
		outcome: { type: 'issuer_declined', reason: 'generic_decline', network_status: 'declined_by_network', seller_message: 'The bank did not return any further details with this decline.' },
		refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: '/v1/charges/ch_sandbox_failed_jenny/refunds' },
	});
	for (const [suffix, name, created] of [['A', 'Sam Shared', jenny.created - 86400], ['B', 'Samantha Shared', jenny.created - 2 * 86400]] as const) {
		const id = `cus_sandboxShared${suffix}`;
		objects.set(id, { ...deepClone(jenny), id, name, email: SHARED_EMAIL, phone: null, balance: 0, created, metadata: {}, invoice_settings: { default_payment_method: null } });
	}
}
