/**
 * Fetches what a payload lacks, with the Stripe SDK: the line items of a Checkout Session or an invoice and
 * the items of a subscription (every page), then the names of products and the lookup keys of prices that
 * the lines name only by id. Products and prices are cached (they change rarely, and one sale brings many
 * events for the same few products).
 */
import type { Stripe } from '../sdkTypes';
import { lineFromInvoiceLine, lineFromPrice, stringMap, type MissingLines, type ProductLine } from './lines';

/** Lines past this many are not fetched (an invoice with more is routed on its first 1,000 lines). */
export const MAX_FETCHED_LINES = 1000;

interface Entry<T> {
	value: T;
	at: number;
}

/** A small time-limited cache, oldest entry out first when full. */
export class TtlCache<T> {
	private readonly map = new Map<string, Entry<T>>();

	constructor(
		private readonly ttlMs = 10 * 60_000,
		private readonly max = 5000,
		private readonly now: () => number = Date.now,
	) {}

	get(key: string): T | undefined {
		const e = this.map.get(key);
		if (!e) return undefined;
		if (this.now() - e.at > this.ttlMs) {
			this.map.delete(key);
			return undefined;
		}
		return e.value;
	}

	set(key: string, value: T): void {
		this.map.delete(key);
		this.map.set(key, { value, at: this.now() });
		while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
	}

	get size(): number {
		return this.map.size;
	}

	clear(): void {
		this.map.clear();
	}
}

export interface CatalogEntry {
	name?: string;
	metadata: Record<string, string>;
}
export interface PriceEntry {
	productId?: string;
	lookupKey?: string;
	metadata: Record<string, string>;
}

/** Process-wide: product and price ids are unique across Stripe accounts. */
export const productCache = new TtlCache<CatalogEntry | null>();
export const priceCache = new TtlCache<PriceEntry | null>();

export interface FetchResult {
	lines: ProductLine[];
	/** true when MAX_FETCHED_LINES cut the list */
	truncated: boolean;
	/** Stripe API calls made (cache hits make none) */
	calls: number;
}

async function collect<T>(list: Stripe.ApiListPromise<T>, map: (x: T) => ProductLine | undefined): Promise<{ lines: ProductLine[]; truncated: boolean; pages: number }> {
	const lines: ProductLine[] = [];
	let seen = 0;
	let truncated = false;
	for await (const item of list) {
		if (seen >= MAX_FETCHED_LINES) {
			truncated = true;
			break;
		}
		seen++;
		const line = map(item);
		if (line) lines.push(line);
	}
	return { lines, truncated, pages: Math.max(1, Math.ceil(seen / 100)) };
}

/** Every line of the object the payload lacked, with product names and (when asked) lookup keys filled in. */
export async function fetchLines(
	stripe: Stripe,
	missing: MissingLines,
	opts: { needLookupKeys?: boolean; needProductNames?: boolean } = {},
): Promise<FetchResult> {
	const page = { limit: 100 };
	let got: { lines: ProductLine[]; truncated: boolean; pages: number };
	if (missing.kind === 'checkout_session') {
		got = await collect(stripe.checkout.sessions.listLineItems(missing.id, { ...page, expand: ['data.price.product'] }), (li) => lineFromPrice(li.price));
	} else if (missing.kind === 'invoice') {
		got = await collect(stripe.invoices.listLineItems(missing.id, page), (l) => lineFromInvoiceLine(l));
	} else {
		got = await collect(stripe.subscriptionItems.list({ ...page, subscription: missing.id, expand: ['data.price.product'] }), (it) => lineFromPrice(it.price));
	}
	const enriched = await enrichLines(stripe, got.lines, opts);
	return { lines: enriched.lines, truncated: got.truncated, calls: got.pages + enriched.calls };
}

/** Fills in product names and lookup keys that lines name only by id, from the caches or from Stripe. */
export async function enrichLines(
	stripe: Stripe,
	lines: ProductLine[],
	{ needLookupKeys = false, needProductNames = true }: { needLookupKeys?: boolean; needProductNames?: boolean } = {},
): Promise<{ lines: ProductLine[]; calls: number }> {
	let calls = 0;
	const price = async (id: string): Promise<PriceEntry | null> => {
		const hit = priceCache.get(id);
		if (hit !== undefined) return hit;
		calls++;
		const p = await stripe.prices.retrieve(id).catch(notFoundAsNull);
		const entry = p ? { productId: typeof p.product === 'string' ? p.product : p.product?.id, lookupKey: p.lookup_key ?? undefined, metadata: stringMap(p.metadata) } : null;
		priceCache.set(id, entry);
		return entry;
	};
	const productOf = async (id: string): Promise<CatalogEntry | null> => {
		const hit = productCache.get(id);
		if (hit !== undefined) return hit;
		calls++;
		const p = await stripe.products.retrieve(id).catch(notFoundAsNull);
		const entry = p && !('deleted' in p && p.deleted) ? { name: p.name, metadata: stringMap(p.metadata) } : null;
		productCache.set(id, entry);
		return entry;
	};
	const out: ProductLine[] = [];
	for (const line of lines) {
		const l = { ...line, metadata: { ...line.metadata } };
		if (l.priceId && ((needLookupKeys && !l.lookupKey) || !l.productId)) {
			const p = await price(l.priceId);
			if (p) {
				l.lookupKey ??= p.lookupKey;
				l.productId ??= p.productId;
				l.metadata = { ...p.metadata, ...l.metadata };
			}
		}
		if (l.productId && !l.productName && needProductNames) {
			const p = await productOf(l.productId);
			if (p) {
				l.productName = p.name;
				l.metadata = { ...p.metadata, ...l.metadata };
			}
		}
		out.push(l);
	}
	return { lines: out, calls };
}

/** A deleted or unknown product or price is no error for routing: the line keeps what it has. */
function notFoundAsNull(e: unknown): null {
	const err = e as { statusCode?: number; code?: string };
	if (err?.statusCode === 404 || err?.code === 'resource_missing') return null;
	throw e;
}
