/**
 * `summarizeRevenue`: streams a period's balance transactions, charges and subscription events
 * through the `stripe` SDK's auto-pagination (`for await` over `list()`, 100 per page, one page in
 * memory at a time) into the constant-memory aggregators of balance.ts, charges.ts and
 * subscriptions.ts, for the period and, when asked, the period before it. No n8n imports.
 */
import { safeStripeId } from '../format/dashboard';
import { Redactor, redactOutgoing } from '../format/redact';
import type { RedactionLevel } from '../format/types';
import { BalanceAggregator, type BalanceTxnLike, type CurrencyTotals } from './balance';
import { ChargeAggregator, type ChargeLike, type PaymentCounts } from './charges';
import { SubscriptionAggregator, type MrrMovement, type SubscriptionEventLike } from './subscriptions';
import { periodBuckets, previousPeriod, resolvePeriod, type Period, type PeriodInput } from './period';

/** What summarizeRevenue needs of a `Stripe` client (a real one, or a fake in tests). */
export interface StripeListResource {
	list(params?: never): AsyncIterable<unknown>;
}
export interface StripeLike {
	balanceTransactions: StripeListResource;
	charges: StripeListResource;
	events: StripeListResource;
}

export interface SummarizeOptions {
	period: PeriodInput;
	/** Compare with the period before (default true). */
	compare?: boolean;
	/** Top customers per currency (default 5, 0 = none). */
	topN?: number;
	/** Space-Saving counters per currency (default 1000): exact up to that many distinct customers. */
	topCapacity?: number;
	/** Count successful/failed payments and top customers from charges (default true). */
	includePayments?: boolean;
	/** MRR movement from subscription events (default true). */
	includeSubscriptions?: boolean;
	redaction?: RedactionLevel;
	/** Page size for list calls (1..100, default 100). */
	pageSize?: number;
	/** Called every `progressEvery` records (default 10,000) with the running counts. */
	onProgress?: (p: { stream: string; records: number }) => void;
	progressEvery?: number;
	/** Now in ms (tests). */
	now?: number;
}

export interface PeriodInfo {
	kind: Period['kind'];
	label: string;
	timeZone: string;
	start: string;
	end: string;
	startUnix: number;
	endUnix: number;
	days: number;
	firstDay: string;
	lastDay: string;
}

export interface TopCustomer {
	/** Customer id (cus_…); undefined for guest payments (the email is never used as an id). */
	id?: string;
	/** Redacted display label (name and/or masked email), plain text (escape before output). */
	label: string;
	amount: number;
	payments: number;
	/** Upper bound of the over-estimate in `amount` (0 = exact). */
	maxError: number;
}

export interface PeriodFigures {
	period: PeriodInfo;
	currencies: CurrencyTotals[];
	payments: PaymentCounts[] | null;
	subscriptions: MrrMovement[] | null;
	/** Chart series: bucket labels and per currency gross/net per bucket (minor units). */
	series: { unit: 'hour' | 'day' | 'week'; labels: string[]; starts: number[]; byCurrency: Record<string, { gross: number[]; net: number[] }> };
	counts: { balanceTransactions: number; charges: number; events: number; skipped: number };
}

export interface Change {
	current: number;
	previous: number;
	delta: number;
	/** Percentage change, null when the previous value is 0. */
	pct: number | null;
}

export interface CurrencyChanges {
	currency: string;
	gross: Change;
	net: Change;
	refunds: Change;
	disputes: Change;
	fees: Change;
	payments: Change;
	failedPayments?: Change;
}

export interface RevenueSummary extends PeriodFigures {
	generatedAt: string;
	previous: PeriodFigures | null;
	changes: CurrencyChanges[];
	topCustomers: Array<{ currency: string; exact: boolean; customers: TopCustomer[] }>;
	redaction: RedactionLevel;
	warnings: string[];
	elapsedMs: number;
}

export function periodInfo(p: Period): PeriodInfo {
	return {
		kind: p.kind,
		label: p.label,
		timeZone: p.timeZone,
		start: new Date(p.start).toISOString(),
		end: new Date(p.end).toISOString(),
		startUnix: Math.floor(p.start / 1000),
		endUnix: Math.floor(p.end / 1000),
		days: p.days,
		firstDay: p.firstDay,
		lastDay: p.lastDay,
	};
}

function change(current: number, previous: number): Change {
	return { current, previous, delta: current - previous, pct: previous === 0 ? null : ((current - previous) / Math.abs(previous)) * 100 };
}

function errMessage(e: unknown): string {
	const o = e as { statusCode?: number; message?: string; type?: string };
	// a warning goes into the digest and the node's output: Stripe's words are scanned (issue #15)
	return `${o?.statusCode ? `HTTP ${o.statusCode}: ` : ''}${redactOutgoing(o?.message ?? String(e))}`;
}

interface StreamResult {
	figures: PeriodFigures;
	charges: ChargeAggregator | null;
}

async function streamPeriod(
	stripe: StripeLike,
	p: Period,
	o: Required<Pick<SummarizeOptions, 'includePayments' | 'includeSubscriptions' | 'pageSize' | 'topCapacity' | 'progressEvery'>> & Pick<SummarizeOptions, 'onProgress'>,
	warnings: string[],
	now: number,
	prefix: string,
): Promise<StreamResult> {
	const buckets = periodBuckets(p);
	const created = { gte: Math.floor(p.start / 1000), lt: Math.floor(p.end / 1000) };
	const progress = (stream: string, n: number) => {
		if (o.onProgress && n % o.progressEvery === 0) o.onProgress({ stream: `${prefix}${stream}`, records: n });
	};

	// 1. Balance transactions: the money. Any failure here fails the summary.
	const bal = new BalanceAggregator(buckets);
	for await (const t of stripe.balanceTransactions.list({ created, limit: o.pageSize } as never)) {
		bal.add(t as BalanceTxnLike);
		progress('balance_transactions', bal.count);
	}

	// 2. Charges: successful / failed payments and top customers. Optional: a restricted key without
	//    charge read access, or an API without the list, leaves these figures out with a warning.
	let charges: ChargeAggregator | null = null;
	if (o.includePayments) {
		const agg = new ChargeAggregator(o.topCapacity);
		try {
			for await (const c of stripe.charges.list({ created, limit: o.pageSize } as never)) {
				agg.add(c as ChargeLike);
				progress('charges', agg.count);
			}
			charges = agg;
		} catch (e) {
			warnings.push(`${prefix}Payments left out: listing charges failed (${errMessage(e)})`);
		}
	}

	// 3. Subscription events: new / cancelled subscriptions and MRR movement.
	let subs: SubscriptionAggregator | null = null;
	if (o.includeSubscriptions) {
		const agg = new SubscriptionAggregator();
		try {
			for await (const ev of stripe.events.list({
				created,
				limit: o.pageSize,
				types: ['customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted'],
			} as never)) {
				agg.add(ev as SubscriptionEventLike);
				progress('events', agg.count);
			}
			subs = agg;
			if (p.start < now - 30 * 86400_000) {
				warnings.push(`${prefix}Stripe keeps events for 30 days: subscription figures cover only the part of the period after ${new Date(now - 30 * 86400_000).toISOString().slice(0, 10)}`);
			}
		} catch (e) {
			warnings.push(`${prefix}Subscriptions left out: listing subscription events failed (${errMessage(e)})`);
		}
	}

	const byCurrency: PeriodFigures['series']['byCurrency'] = {};
	for (const cur of bal.currencies()) {
		const s = bal.seriesFor(cur);
		if (s) byCurrency[cur] = s;
	}
	return {
		figures: {
			period: periodInfo(p),
			currencies: bal.result(),
			payments: charges ? charges.payments() : null,
			subscriptions: subs ? subs.result() : null,
			series: {
				unit: buckets.length && buckets[0].end - buckets[0].start <= 3600_000 ? 'hour' : buckets[0]?.label.startsWith('W ') ? 'week' : 'day',
				labels: buckets.map((b) => b.label),
				starts: buckets.map((b) => b.start),
				byCurrency,
			},
			counts: { balanceTransactions: bal.count, charges: charges?.count ?? 0, events: subs?.count ?? 0, skipped: bal.skipped },
		},
		charges,
	};
}

/** Summarize revenue for a period. Throws on a bad period or when balance transactions can't be listed. */
export async function summarizeRevenue(stripe: StripeLike, opts: SummarizeOptions): Promise<RevenueSummary> {
	const t0 = Date.now();
	const now = opts.period.now ?? opts.now ?? Date.now();
	const period = resolvePeriod({ ...opts.period, now });
	const redaction = opts.redaction ?? 'standard';
	const topN = Math.max(0, Math.floor(opts.topN ?? 5));
	const pageSize = Math.min(100, Math.max(1, Math.floor(opts.pageSize ?? 100)));
	const o = {
		includePayments: opts.includePayments ?? true,
		includeSubscriptions: opts.includeSubscriptions ?? true,
		pageSize,
		topCapacity: Math.max(topN, Math.floor(opts.topCapacity ?? 1000)),
		progressEvery: Math.max(1, opts.progressEvery ?? 10_000),
		onProgress: opts.onProgress,
	};
	const warnings: string[] = [];
	const cur = await streamPeriod(stripe, period, o, warnings, now, '');
	let previous: PeriodFigures | null = null;
	if (opts.compare ?? true) {
		const prev = await streamPeriod(stripe, previousPeriod(period), { ...o, topCapacity: 0 }, warnings, now, 'Previous period: ');
		previous = prev.figures;
	}

	const changes: CurrencyChanges[] = [];
	if (previous) {
		const currencies = new Set([...cur.figures.currencies.map((c) => c.currency), ...previous.currencies.map((c) => c.currency)]);
		for (const c of currencies) {
			const a = cur.figures.currencies.find((x) => x.currency === c);
			const b = previous.currencies.find((x) => x.currency === c);
			const pa = cur.figures.payments?.find((x) => x.currency === c);
			const pb = previous.payments?.find((x) => x.currency === c);
			const ch: CurrencyChanges = {
				currency: c,
				gross: change(a?.gross ?? 0, b?.gross ?? 0),
				net: change(a?.net ?? 0, b?.net ?? 0),
				refunds: change(a?.refunds ?? 0, b?.refunds ?? 0),
				disputes: change(a?.disputes ?? 0, b?.disputes ?? 0),
				fees: change(a?.fees ?? 0, b?.fees ?? 0),
				payments: change(a?.counts.payments ?? 0, b?.counts.payments ?? 0),
			};
			if (cur.figures.payments && previous.payments) ch.failedPayments = change(pa?.failed ?? 0, pb?.failed ?? 0);
			changes.push(ch);
		}
	}

	const topCustomers: RevenueSummary['topCustomers'] = [];
	if (cur.charges && topN > 0) {
		const redactor = new Redactor({ redaction, showCardLast4: false, allowFields: [], denyFields: [] }, 'charge');
		for (const c of cur.figures.currencies) {
			const t = cur.charges.topCustomers(c.currency, topN);
			if (!t.customers.length) continue;
			topCustomers.push({
				currency: c.currency,
				exact: t.exact,
				customers: t.customers.map((h) => {
					const guest = h.key.startsWith('guest:');
					const name = h.label?.name ? redactor.field('billing_details.name', h.label.name) : undefined;
					const email = h.label?.email ? redactor.field('billing_details.email', h.label.email) : undefined;
					// The label like every text that leaves (#29), and the key as an id only when it is one: a customer with no
					// `cus_` id is keyed by its email (guest) or by whatever its `customer` holds.
					const label = redactOutgoing([name, email && email !== name ? email : undefined].filter(Boolean).join(' · '), { level: redaction }) || (guest ? 'Guest' : 'Customer');
					return { id: guest ? undefined : safeStripeId(h.key), label, amount: h.amount, payments: h.records, maxError: h.maxError };
				}),
			});
		}
	}

	return {
		...cur.figures,
		generatedAt: new Date(now).toISOString(),
		previous,
		changes,
		topCustomers,
		redaction,
		warnings,
		elapsedMs: Date.now() - t0,
	};
}
