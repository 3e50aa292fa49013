/**
 * The product catalog in the Stripe stand-in, for routing by product: products, prices (with lookup keys),
 * the line items of Checkout Sessions (`GET /v1/checkout/sessions/:id/line_items`, which Stripe never puts in
 * a webhook), all the lines of an invoice (`GET /v1/invoices/:id/lines`, past the ones the invoice embeds) and
 * subscription items. Lists page like Stripe's (limit, starting_after, has_more); `expand[]=data.price.product`
 * expands products.
 *
 * Seeded: a Pro plan and a Team plan (each with a monthly price), a T-shirt (one-off), Checkout Sessions for
 * each plan, one with 150 lines of both (two pages and more), the fixture session (a T-shirt, which no
 * sample rule routes), and an invoice with 130 lines of which it embeds 10.
 */
import { StripeError } from './stripeError';
import { deepClone, type Obj } from './util';

export interface CatalogStore {
	objects: Map<string, Obj>;
	get(kind: string, objectType: string, id: string): Obj;
	list(url: string, all: Obj[], p: Obj): Obj;
}

type Route = (method: string, pattern: string, h: (m: RegExpExecArray, p: Obj) => { status?: number; body: Obj }) => void;

export const CATALOG = {
	pro: { product: 'prod_sandbox_pro', name: 'Pro plan', price: 'price_sandbox_pro_monthly', lookupKey: 'pro_monthly', amount: 4900 },
	team: { product: 'prod_sandbox_team', name: 'Team plan', price: 'price_sandbox_team_monthly', lookupKey: 'team_monthly', amount: 9900 },
	tshirt: { product: 'prod_sandbox_tshirt', name: 'T-shirt', price: 'price_sandbox_tshirt', lookupKey: 'tshirt', amount: 2500 },
} as const;
export type CatalogProduct = keyof typeof CATALOG;

/** Checkout Sessions whose line items the sandbox knows; the fixture session (cs_test_a1YS...) gets a T-shirt. */
export const CATALOG_SESSIONS: Record<string, CatalogProduct[]> = {
	cs_test_sandbox_pro: ['pro'],
	cs_test_sandbox_team: ['team'],
	cs_test_sandbox_mixed: [...Array.from({ length: 75 }, () => 'pro' as const), ...Array.from({ length: 75 }, () => 'team' as const)],
};
export const MANY_LINES_INVOICE = 'in_sandbox_many_lines';

/** Per sandbox state (its objects map): the line items of each session and every line of each invoice. */
const linesOf = new WeakMap<Map<string, Obj>, Map<string, Obj[]>>();

function price(key: CatalogProduct, created: number): Obj {
	const c = CATALOG[key];
	return {
		id: c.price,
		object: 'price',
		active: true,
		currency: 'usd',
		lookup_key: c.lookupKey,
		metadata: {},
		nickname: null,
		product: c.product,
		recurring: key === 'tshirt' ? null : { interval: 'month', interval_count: 1, usage_type: 'licensed' },
		type: key === 'tshirt' ? 'one_time' : 'recurring',
		unit_amount: c.amount,
		unit_amount_decimal: String(c.amount),
		created,
		livemode: false,
	};
}

function lineItem(sessionId: string, i: number, key: CatalogProduct, created: number): Obj {
	const c = CATALOG[key];
	return {
		id: `li_${sessionId.slice(8, 20)}${String(i).padStart(4, '0')}`,
		object: 'item',
		amount_discount: 0,
		amount_subtotal: c.amount,
		amount_tax: 0,
		amount_total: c.amount,
		currency: 'usd',
		description: c.name,
		price: price(key, created),
		quantity: 1,
	};
}

function invoiceLine(invoiceId: string, i: number, key: CatalogProduct): Obj {
	const c = CATALOG[key];
	return {
		id: `il_sandbox_${String(i).padStart(4, '0')}`,
		object: 'line_item',
		amount: c.amount,
		currency: 'usd',
		description: `1 × ${c.name}`,
		invoice: invoiceId,
		livemode: false,
		metadata: {},
		quantity: 1,
		pricing: { type: 'price_details', price_details: { price: c.price, product: c.product }, unit_amount_decimal: String(c.amount) },
	};
}

/** Adds the catalog to the seeded objects (called on every reset). */
export function seedCatalog(objects: Map<string, Obj>, now: number): void {
	const created = now - 86_400 * 30;
	for (const key of Object.keys(CATALOG) as CatalogProduct[]) {
		const c = CATALOG[key];
		objects.set(c.product, { id: c.product, object: 'product', active: true, name: c.name, description: null, metadata: { line: key }, created, livemode: false });
		objects.set(c.price, price(key, created));
	}
	const sessions = new Map<string, Obj[]>();
	linesOf.set(objects, sessions);
	const fixtureSession = [...objects.values()].find((o) => o.object === 'checkout.session');
	const all: Record<string, CatalogProduct[]> = { ...CATALOG_SESSIONS, ...(fixtureSession ? { [fixtureSession.id]: ['tshirt'] } : {}) };
	for (const [id, keys] of Object.entries(all)) {
		sessions.set(id, keys.map((k, i) => lineItem(id, i, k, created)));
		if (!objects.has(id)) {
			const base = fixtureSession ? deepClone(fixtureSession) : { object: 'checkout.session', currency: 'usd', livemode: false, metadata: {} };
			const total = keys.reduce((s, k) => s + CATALOG[k].amount, 0);
			objects.set(id, { ...base, id, amount_subtotal: total, amount_total: total, created: now - 60, customer_details: null, customer_email: null, metadata: {} });
		}
	}
	const lines = Array.from({ length: 130 }, (_, i) => invoiceLine(MANY_LINES_INVOICE, i, i % 2 ? 'team' : 'pro'));
	const fixtureInvoice = [...objects.values()].find((o) => o.object === 'invoice');
	objects.set(MANY_LINES_INVOICE, {
		...(fixtureInvoice ? deepClone(fixtureInvoice) : { object: 'invoice', currency: 'usd', livemode: false, metadata: {} }),
		id: MANY_LINES_INVOICE,
		lines: { object: 'list', data: lines.slice(0, 10), has_more: true, total_count: 130, url: `/v1/invoices/${MANY_LINES_INVOICE}/lines` },
	});
	sessions.set(MANY_LINES_INVOICE, lines);
}

function expandProducts(store: CatalogStore, items: Obj[], p: Obj): Obj[] {
	const expand = ([] as unknown[]).concat(p.expand ?? []).map(String);
	if (!expand.includes('data.price.product')) return items;
	return items.map((it) => {
		if (!it.price || typeof it.price.product !== 'string') return it;
		const product = store.objects.get(it.price.product);
		return product ? { ...it, price: { ...it.price, product } } : it;
	});
}

/** Registers the catalog's routes on the Stripe stand-in's router. */
export function defineCatalogRoutes(store: CatalogStore, r: Route): void {
	const ok = (body: Obj) => ({ body });
	r('GET', '/v1/products/:id', (m) => ok(store.get('product', 'product', m[1])));
	r('GET', '/v1/prices/:id', (m) => ok(store.get('price', 'price', m[1])));
	r('GET', '/v1/checkout/sessions/:id', (m) => ok(store.get('checkout session', 'checkout.session', m[1])));
	r('GET', '/v1/checkout/sessions/:id/line_items', (m, p) => {
		store.get('checkout session', 'checkout.session', m[1]);
		const items = linesOf.get(store.objects)?.get(m[1]) ?? [];
		return ok(store.list(`/v1/checkout/sessions/${m[1]}/line_items`, expandProducts(store, items, p), p));
	});
	r('GET', '/v1/invoices/:id/lines', (m, p) => {
		const inv = store.get('invoice', 'invoice', m[1]);
		const lines: Obj[] = linesOf.get(store.objects)?.get(m[1]) ?? inv.lines?.data ?? [];
		return ok(store.list(`/v1/invoices/${m[1]}/lines`, lines, p));
	});
	r('GET', '/v1/subscription_items', (_m, p) => {
		if (!p.subscription) {
			throw new StripeError(400, 'invalid_request_error', 'Missing required param: subscription.', 'parameter_missing', 'subscription', false);
		}
		const sub = store.get('subscription', 'subscription', String(p.subscription));
		return ok(store.list('/v1/subscription_items', expandProducts(store, sub.items?.data ?? [], p), p));
	});
}
