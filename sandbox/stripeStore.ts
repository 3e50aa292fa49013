/**
 * The objects of the Stripe stand-in (StripeStore): objects by id and balance transactions, the clock, new
 * ids, retrieval by id, and Stripe's list semantics (newest first; limit, starting_after / ending_before,
 * `created[...]` filters).
 */
import { randomId, type Obj } from './util';
import { missing, StripeError } from './stripeError';

export interface StripeOptions {
	/** Exactly accepted key; any other sk_test_/rk_test_ key is accepted too. */
	secretKey: string;
	seedTransactions: number;
	seed: number;
	now: () => number; // ms
}

export class StripeStore {
	objects = new Map<string, Obj>();
	balanceTransactions: Obj[] = [];
	private counter = 0;

	constructor(protected opts: StripeOptions) {}

	protected nowSec(): number {
		return Math.floor(this.opts.now() / 1000);
	}

	protected newId(prefix: string): string {
		this.counter++;
		return randomId(prefix, 24);
	}

	protected get(kind: string, objectType: string, id: string): Obj {
		const o = this.objects.get(id);
		if (!o || o.object !== objectType) throw missing(kind, id);
		return o;
	}

	/** Objects of one type, newest first (Stripe's list order). */
	protected sorted(type: string): Obj[] {
		return [...this.objects.values()].filter((o) => o.object === type).sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
	}

	/** Stripe list semantics (listPage). */
	protected list(url: string, all: Obj[], p: Obj, filter: (o: Obj) => boolean = () => true): Obj {
		return listPage(url, all, p, filter);
	}
}

const invalidInteger = (v: unknown, param: string) =>
	new StripeError(400, 'invalid_request_error', `Invalid integer: ${String(v)}`, 'parameter_invalid_integer', param, false);
export const unknownParam = (param: string) =>
	new StripeError(400, 'invalid_request_error', `Received unknown parameter: ${param}`, 'parameter_unknown', param, false);

/** `created`: an integer (exactly then) or a range `{gt, gte, lt, lte}`; anything else is Stripe's 400. */
export function createdFilter(c: unknown): (o: Obj) => boolean {
	const num = (v: unknown, param: string) => {
		const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
		if (!Number.isSafeInteger(n)) throw invalidInteger(v, param);
		return n;
	};
	if (typeof c === 'string') {
		const n = num(c, 'created');
		return (o) => o.created === n;
	}
	if (!c || typeof c !== 'object' || Array.isArray(c)) throw invalidInteger(c, 'created');
	const tests: ((x: number) => boolean)[] = [];
	for (const [k, v] of Object.entries(c as Obj)) {
		const n = num(v, `created[${k}]`);
		if (k === 'gt') tests.push((x) => x > n);
		else if (k === 'gte') tests.push((x) => x >= n);
		else if (k === 'lt') tests.push((x) => x < n);
		else if (k === 'lte') tests.push((x) => x <= n);
		else throw unknownParam(`created[${k}]`);
	}
	return (o) => tests.every((t) => t(o.created));
}

/**
 * Stripe list semantics over `all` (already in list order, newest first): limit 1..100 (default 10), `created`
 * filters, then a page after `starting_after` or before `ending_before`. A cursor is a position in `all`, so it
 * need not pass the filters itself (as at Stripe, where it is an object id); an unknown cursor is a 404.
 */
export function listPage(url: string, all: Obj[], p: Obj, filter: (o: Obj) => boolean = () => true): Obj {
	let limit = 10;
	if (p.limit !== undefined) {
		limit = Number(p.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
			throw new StripeError(400, 'invalid_request_error', 'Invalid integer: limit must be between 1 and 100.', 'parameter_invalid_integer', 'limit', false);
		}
	}
	const created = p.created !== undefined ? createdFilter(p.created) : () => true;
	const cursor = (param: 'starting_after' | 'ending_before') => {
		const id = String(p[param]);
		const i = all.findIndex((o) => o.id === id);
		if (i < 0) throw missing('object', id, param);
		return i;
	};
	const after = p.starting_after ? cursor('starting_after') : -1;
	const before = !p.starting_after && p.ending_before ? cursor('ending_before') : all.length;
	const items: Obj[] = [];
	const backwards = before < all.length;
	for (let i = after + 1; i < before && (backwards || items.length <= limit); i++) if (filter(all[i]) && created(all[i])) items.push(all[i]);
	// ending_before pages end right before the cursor: the last `limit` items of what precedes it
	const page = backwards ? items.slice(Math.max(0, items.length - limit)) : items.slice(0, limit);
	return { object: 'list', data: page, has_more: items.length > limit, url };
}
