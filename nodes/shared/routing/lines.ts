/**
 * What a Stripe event says about the products it is for: its line items (Checkout Sessions, invoices) or
 * subscription items, read from the payload, and whether the payload lacks some of them, so that they must be
 * fetched (a Checkout Session's `line_items` is never in a webhook; an invoice embeds only its first lines).
 * Plain data in, plain data out: no n8n, no network.
 */

export interface ProductLine {
	productId?: string;
	productName?: string;
	priceId?: string;
	lookupKey?: string;
	/** the price's and the product's metadata, when the payload or a fetch gave them */
	metadata: Record<string, string>;
}

/** Where the missing lines of an object are listed in Stripe's API. */
export interface MissingLines {
	kind: 'checkout_session' | 'invoice' | 'subscription';
	id: string;
}

export interface EventLines {
	/** the Stripe object type of data.object (checkout.session, invoice, charge, ...) */
	objectType: string;
	objectId?: string;
	/** data.object.metadata, as strings */
	metadata: Record<string, string>;
	lines: ProductLine[];
	/** set when the payload does not hold every line */
	missing?: MissingLines;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function stringMap(v: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!isObj(v)) return out;
	for (const [k, x] of Object.entries(v)) {
		if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
	}
	return out;
}

/** A product given as an id or as an expanded Product object. */
function product(p: unknown): Pick<ProductLine, 'productId' | 'productName'> & { metadata: Record<string, string> } {
	if (isObj(p)) return { productId: str(p.id), productName: str(p.name), metadata: stringMap(p.metadata) };
	return { productId: str(p), metadata: {} };
}

/** A line from a Price (checkout line items, subscription items, legacy invoice lines). */
export function lineFromPrice(price: unknown): ProductLine | undefined {
	if (!isObj(price)) {
		const id = str(price);
		return id ? { priceId: id, metadata: {} } : undefined;
	}
	const p = product(price.product);
	return {
		productId: p.productId,
		productName: p.productName,
		priceId: str(price.id),
		lookupKey: str(price.lookup_key),
		metadata: { ...p.metadata, ...stringMap(price.metadata) },
	};
}

/**
 * One invoice line, in both shapes: `pricing.price_details` (API 2025-03-31 and later) or `price` (before).
 * Lines without a price (one-off invoice items) carry no product.
 */
export function lineFromInvoiceLine(line: unknown): ProductLine | undefined {
	if (!isObj(line)) return undefined;
	const details = isObj(line.pricing) && isObj(line.pricing.price_details) ? line.pricing.price_details : undefined;
	if (details && (details.price || details.product)) {
		const fromPrice = lineFromPrice(details.price);
		const p = product(details.product);
		return {
			...fromPrice,
			productId: p.productId ?? fromPrice?.productId,
			productName: p.productName ?? fromPrice?.productName,
			metadata: { ...p.metadata, ...(fromPrice?.metadata ?? {}) },
		};
	}
	if (line.price) return lineFromPrice(line.price);
	if (isObj(line.plan)) return lineFromPrice({ id: line.plan.id, product: line.plan.product, metadata: line.plan.metadata });
	return undefined;
}

function listOf(v: unknown): { data: unknown[]; hasMore: boolean } | undefined {
	if (!isObj(v) || !Array.isArray(v.data)) return undefined;
	return { data: v.data, hasMore: v.has_more === true };
}

/** The lines of data.object of a Stripe event (or of an object given directly). */
export function eventLines(eventOrObject: unknown): EventLines {
	const obj = isObj(eventOrObject) && isObj(eventOrObject.data) && isObj(eventOrObject.data.object)
		? eventOrObject.data.object
		: isObj(eventOrObject)
			? eventOrObject
			: {};
	const objectType = str(obj.object) ?? 'unknown';
	const id = str(obj.id);
	const base = { objectType, objectId: id, metadata: stringMap(obj.metadata) };
	const keep = (xs: Array<ProductLine | undefined>) => xs.filter((x): x is ProductLine => x !== undefined);

	if (objectType === 'checkout.session') {
		const list = listOf(obj.line_items);
		const lines = keep((list?.data ?? []).map((li) => (isObj(li) ? lineFromPrice(li.price) : undefined)));
		return { ...base, lines, missing: id && (!list || list.hasMore) ? { kind: 'checkout_session', id } : undefined };
	}
	if (objectType === 'invoice') {
		const list = listOf(obj.lines);
		const lines = keep((list?.data ?? []).map(lineFromInvoiceLine));
		return { ...base, lines, missing: id && (!list || list.hasMore) ? { kind: 'invoice', id } : undefined };
	}
	if (objectType === 'subscription') {
		const list = listOf(obj.items);
		const lines = keep((list?.data ?? []).map((it) => (isObj(it) ? lineFromPrice(it.price) : undefined)));
		return { ...base, lines, missing: id && (!list || list.hasMore) ? { kind: 'subscription', id } : undefined };
	}
	return { ...base, lines: [] };
}
