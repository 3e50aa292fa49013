/**
 * Routes one Stripe event by the products it is for: reads its lines, fetches the ones the payload lacks (when a
 * Stripe client is given and a rule needs them), and returns the rules it matches. An event that matches no rule,
 * or whose lines could not be fetched, is "unmatched", with the reason: it is never dropped.
 */
import type { Stripe } from '../sdkTypes';
import { isTriggerNotice } from '../stripe/notices';
import { fetchLines } from './fetch';
import { eventLines, type ProductLine } from './lines';
import { ruleMatches, rulesNeed, type RouteRule } from './rules';

export type MatchMode = 'all' | 'first';

/** What routing adds to an item (`route`): no customer data, only catalog ids and names. */
export interface RouteInfo {
	/** the matching rule's name; null when unmatched */
	rule: string | null;
	channel: string;
	/** the products of the matching lines (all lines when unmatched) */
	products: Array<{ id?: string; name?: string; price?: string; lookupKey?: string }>;
	/** how the lines were known: the payload, a fetch from Stripe, or neither */
	lines: 'payload' | 'fetched' | 'none';
	/** why the event is unmatched */
	reason?: string;
	truncated?: boolean;
}

export interface RouteOptions {
	rules: RouteRule[];
	mode: MatchMode;
	defaultChannel: string;
	/** fetch the lines a payload lacks; without a client, routing uses the payload only */
	stripe?: Stripe;
}

function products(lines: ProductLine[]): RouteInfo['products'] {
	const seen = new Set<string>();
	const out: RouteInfo['products'] = [];
	for (const l of lines) {
		const key = `${l.productId}|${l.priceId}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ id: l.productId, name: l.productName, price: l.priceId, lookupKey: l.lookupKey });
	}
	return out;
}

/** One RouteInfo per matching rule (just the first with mode "first"), or one unmatched RouteInfo. */
export async function routeEvent(event: unknown, o: RouteOptions): Promise<{ matched: RouteInfo[]; unmatched?: RouteInfo }> {
	// A Stripe trigger's own notice (catch-up report, endpoint health) is about no product: default channel, no fetch.
	if (isTriggerNotice(event)) return { matched: [], unmatched: unmatchedInfo(o, [], 'none', 'a notice of the Stripe trigger (catch-up or endpoint health), not about a product') };
	const ev = eventLines(event);
	const need = rulesNeed(o.rules);
	let source: RouteInfo['lines'] = ev.lines.length ? 'payload' : 'none';
	let truncated: boolean | undefined;
	if (ev.missing && need.lines) {
		if (!o.stripe) {
			if (!ev.lines.length) {
				return { matched: [], unmatched: unmatchedInfo(o, [], 'none', `the ${ev.objectType} carries no line items and no Stripe credential is set to fetch them`) };
			}
		} else {
			try {
				const got = await fetchLines(o.stripe, ev.missing, { needLookupKeys: need.lookupKeys, needProductNames: need.productNames });
				ev.lines = got.lines;
				source = 'fetched';
				truncated = got.truncated || undefined;
			} catch (e) {
				return { matched: [], unmatched: unmatchedInfo(o, ev.lines, source, `fetching the line items of ${ev.missing.id} failed: ${stripeMessage(e)}`) };
			}
		}
	}
	const matched: RouteInfo[] = [];
	for (const rule of o.rules) {
		const hits = ruleMatches(rule, ev);
		if (!hits) continue;
		matched.push({ rule: rule.name, channel: rule.channel || o.defaultChannel, products: products(hits), lines: source, ...(truncated ? { truncated } : {}) });
		if (o.mode === 'first') break;
	}
	if (matched.length) return { matched };
	return { matched, unmatched: unmatchedInfo(o, ev.lines, source, o.rules.length ? 'no rule matched' : 'no rules are set', truncated) };
}

function unmatchedInfo(o: RouteOptions, lines: ProductLine[], source: RouteInfo['lines'], reason: string, truncated?: boolean): RouteInfo {
	return { rule: null, channel: o.defaultChannel, products: products(lines), lines: source, reason, ...(truncated ? { truncated } : {}) };
}

/** Stripe's error type and message, never the request or the key. */
function stripeMessage(e: unknown): string {
	const err = e as { type?: string; statusCode?: number; message?: string };
	const msg = String(err?.message ?? e).replace(/\b(sk|rk)_(live|test)_[A-Za-z0-9]+/g, '$1_$2_…');
	return `${err?.type ? `${err.type}${err.statusCode ? ` ${err.statusCode}` : ''}: ` : ''}${msg.slice(0, 300)}`;
}

/** Routes many events with at most `concurrency` Stripe fetches in flight; results in input order. */
export async function routeEvents(
	events: unknown[],
	optionsFor: (i: number) => RouteOptions,
	concurrency = 8,
): Promise<Array<{ matched: RouteInfo[]; unmatched?: RouteInfo }>> {
	const out = new Array<{ matched: RouteInfo[]; unmatched?: RouteInfo }>(events.length);
	let next = 0;
	const worker = async () => {
		while (next < events.length) {
			const i = next++;
			out[i] = await routeEvent(events[i], optionsFor(i));
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, events.length) }, worker));
	return out;
}
