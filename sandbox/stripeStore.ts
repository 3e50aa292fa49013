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

	/** Stripe list semantics: limit 1..100 (default 10), starting_after / ending_before, created filters. */
	protected list(url: string, all: Obj[], p: Obj, filter: (o: Obj) => boolean = () => true): Obj {
		let limit = 10;
		if (p.limit !== undefined) {
			limit = Number(p.limit);
			if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
				throw new StripeError(400, 'invalid_request_error', 'Invalid integer: limit must be between 1 and 100.', 'parameter_invalid_integer', 'limit', false);
			}
		}
		let items = all.filter(filter);
		if (p.created !== undefined) {
			const c = p.created;
			const num = (v: unknown, param: string) => {
				const n = Number(v);
				if (!Number.isInteger(n)) throw new StripeError(400, 'invalid_request_error', `Invalid integer: ${String(v)}`, 'parameter_invalid_integer', param, false);
				return n;
			};
			if (typeof c === 'string') {
				const n = num(c, 'created');
				items = items.filter((o) => o.created === n);
			} else {
				if (c.gte !== undefined) { const n = num(c.gte, 'created[gte]'); items = items.filter((o) => o.created >= n); }
				if (c.gt !== undefined) { const n = num(c.gt, 'created[gt]'); items = items.filter((o) => o.created > n); }
				if (c.lte !== undefined) { const n = num(c.lte, 'created[lte]'); items = items.filter((o) => o.created <= n); }
				if (c.lt !== undefined) { const n = num(c.lt, 'created[lt]'); items = items.filter((o) => o.created < n); }
			}
		}
		let page: Obj[];
		let hasMore: boolean;
		if (p.starting_after) {
			const i = items.findIndex((o) => o.id === p.starting_after);
			if (i < 0) throw missing('object', String(p.starting_after), 'starting_after');
			page = items.slice(i + 1, i + 1 + limit);
			hasMore = i + 1 + limit < items.length;
		} else if (p.ending_before) {
			const i = items.findIndex((o) => o.id === p.ending_before);
			if (i < 0) throw missing('object', String(p.ending_before), 'ending_before');
			page = items.slice(Math.max(0, i - limit), i);
			hasMore = i - limit > 0;
		} else {
			page = items.slice(0, limit);
			hasMore = limit < items.length;
		}
		return { object: 'list', data: page, has_more: hasMore, url };
	}
}
