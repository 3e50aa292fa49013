/**
 * Stripe's event list, oldest first, a page at a time (pure, no n8n imports). `GET /v1/events` lists newest
 * first; to hand events over oldest first without holding them all, a first pass walks the pages newest to oldest
 * keeping only each page's cursor (and the first and last pages), then a second pass fetches the pages again from
 * the oldest cursor to the newest and yields each page reversed. Memory: two pages and one id per page, whatever
 * the number of events; API calls: about two per page of 100.
 * `list` is the stripe SDK's `stripe.events.list` (or a fake in tests).
 */

export interface ListedEvent {
	id: string;
	type: string;
	created: number;
	livemode?: boolean;
	account?: string;
	[key: string]: unknown;
}

export interface EventListParams {
	created?: { gte?: number; lte?: number };
	types?: string[];
	delivery_success?: boolean;
	limit?: number;
	starting_after?: string;
}

export interface EventListPage {
	data: ListedEvent[];
	has_more: boolean;
}

export type ListEvents = (params: EventListParams) => Promise<EventListPage>;

/** How many events Stripe lists a page (its maximum). */
export const PAGE_SIZE = 100;

/** Stripe's `types[]` takes up to 20 exact names. */
export const MAX_LIST_TYPES = 20;

/**
 * The `types[]` to list for a trigger's event types: exact names, wildcards resolved against the known types;
 * undefined (list every type, filter here) for "all events", an unresolvable wildcard, or more than 20 names.
 */
export function listTypesFor(patterns: string[], known: string[]): string[] | undefined {
	const list = patterns.map((p) => p.trim()).filter((p) => p !== '');
	if (list.length === 0 || list.includes('*')) return undefined;
	const names = new Set<string>();
	for (const p of list) {
		if (!p.includes('*')) {
			names.add(p);
			continue;
		}
		const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
		const matched = known.filter((k) => !k.includes('*') && re.test(k));
		if (!matched.length) return undefined;
		for (const m of matched) names.add(m);
	}
	return names.size <= MAX_LIST_TYPES ? Array.from(names).sort() : undefined;
}

/** Yields the events that match `params`, oldest first, one page at a time; `calls` counts the API calls. */
export async function* eventsOldestFirst(list: ListEvents, params: EventListParams, counter?: { calls: number }): AsyncGenerator<ListedEvent[]> {
	const count = () => counter && counter.calls++;
	const base = { ...params, limit: params.limit ?? PAGE_SIZE };
	const cursors: Array<string | undefined> = [];
	let first: ListedEvent[] = [];
	let last: ListedEvent[] = [];
	let cursor: string | undefined;
	for (;;) {
		count();
		const page = await list(cursor ? { ...base, starting_after: cursor } : base);
		cursors.push(cursor);
		if (cursors.length === 1) first = page.data;
		last = page.data;
		if (!page.has_more || page.data.length === 0) break;
		cursor = page.data[page.data.length - 1].id;
	}
	if (cursors.length === 1) {
		if (first.length) yield first.slice().reverse();
		return;
	}
	if (last.length) yield last.slice().reverse();
	last = [];
	for (let i = cursors.length - 2; i >= 1; i--) {
		count();
		const page = await list({ ...base, starting_after: cursors[i] });
		if (page.data.length) yield page.data.slice().reverse();
	}
	if (first.length) yield first.slice().reverse();
}
