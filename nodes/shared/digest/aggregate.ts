/**
 * Streaming revenue aggregation (pure, no n8n imports). Records are added one at a time; memory
 * depends on the number of currencies, chart buckets and the top-customer capacity, never on the
 * number of records:
 *  - money: per currency integer sums in minor units (JS numbers; every sum is checked to stay a
 *    safe integer, |x| <= 2^53 - 1, so it is exact; an overflow throws rather than rounds);
 *  - top customers: the Space-Saving algorithm (Metwally et al. 2005) with `capacity` counters per
 *    currency. While a currency has at most `capacity` distinct customers the figures are exact;
 *    beyond, each reported amount over-estimates by at most `maxError` (<= total / capacity) and
 *    every customer whose true amount exceeds total / capacity is guaranteed to be in the list;
 *  - MRR movement from subscription events, per currency.
 *
 * Figures follow Stripe's balance transaction `reporting_category`
 * (https://docs.stripe.com/reports/reporting-categories):
 *   gross    = amounts of `charge` (payments captured)
 *   refunds  = amounts of `refund` and `refund_failure` (negative, failures give money back)
 *   disputes = amounts of `dispute` and `dispute_reversal` (negative when funds are withdrawn)
 *   fees     = the `fee` of every counted transaction + the cost of `fee` category transactions
 *   other    = every other revenue-side category (adjustments, partial capture reversals, ...)
 *   net      = gross + refunds + disputes + other - fees = the sum of `net` of counted transactions
 * Money movements that are not revenue (payouts, top-ups, transfers, reserves, financing, issuing)
 * are not counted in net; payouts are reported on their own.
 */
import type { Bucket } from './period';
import { bucketIndex } from './period';

/** The fields of a Stripe balance transaction the aggregator reads. */
export interface BalanceTxnLike {
	id?: string;
	amount: number;
	currency: string;
	fee: number;
	net: number;
	type: string;
	reporting_category?: string | null;
	/** Seconds since epoch. */
	created: number;
}

export type Category = 'gross' | 'refunds' | 'disputes' | 'fees' | 'other' | 'payouts' | 'movement';

const REFUND_CATS = new Set(['refund', 'refund_failure']);
const DISPUTE_CATS = new Set(['dispute', 'dispute_reversal']);
const PAYOUT_CATS = new Set(['payout', 'payout_reversal']);
/** Balance movements that are not revenue. */
const MOVEMENT_CATS = new Set([
	'topup',
	'topup_reversal',
	'transfer',
	'transfer_reversal',
	'connect_reserved_funds',
	'risk_reserved_funds',
	'payout_minimum_balance_hold',
	'payout_minimum_balance_release',
	'advance',
	'advance_funding',
	'anticipation_repayment',
	'financing_paydown',
	'financing_paydown_reversal',
	'financing_payout',
	'financing_payout_reversal',
	'issuing_authorization_hold',
	'issuing_authorization_release',
	'issuing_dispute',
	'issuing_transaction',
	'obligation_inbound',
	'obligation_outbound',
	'obligation_reversal_inbound',
	'obligation_reversal_outbound',
	'unreconciled_customer_funds',
	'contribution',
]);
/** When reporting_category is missing (very old objects), derive it from `type`. */
const TYPE_TO_CATEGORY: Record<string, string> = {
	charge: 'charge',
	payment: 'charge',
	refund: 'refund',
	payment_refund: 'refund',
	refund_failure: 'refund_failure',
	payment_failure_refund: 'refund_failure',
	adjustment: 'other_adjustment',
	payout: 'payout',
	payout_cancel: 'payout_reversal',
	payout_failure: 'payout_reversal',
	stripe_fee: 'fee',
	application_fee: 'fee',
	application_fee_refund: 'fee',
	tax_fee: 'fee',
	topup: 'topup',
	topup_reversal: 'topup_reversal',
	transfer: 'transfer',
	transfer_cancel: 'transfer_reversal',
	transfer_failure: 'transfer_reversal',
	transfer_refund: 'transfer_reversal',
	reserve_transaction: 'risk_reserved_funds',
	reserved_funds: 'risk_reserved_funds',
};

export function categorize(t: Pick<BalanceTxnLike, 'type' | 'reporting_category'>): Category {
	const rc = t.reporting_category || TYPE_TO_CATEGORY[t.type] || 'other_adjustment';
	if (rc === 'charge') return 'gross';
	if (REFUND_CATS.has(rc)) return 'refunds';
	if (DISPUTE_CATS.has(rc)) return 'disputes';
	if (rc === 'fee') return 'fees';
	if (PAYOUT_CATS.has(rc)) return 'payouts';
	if (MOVEMENT_CATS.has(rc)) return 'movement';
	return 'other';
}

/** Per-currency figures, integers in the currency's minor unit. */
export interface CurrencyTotals {
	currency: string;
	gross: number;
	refunds: number;
	disputes: number;
	/** Positive = cost. */
	fees: number;
	other: number;
	net: number;
	payouts: number;
	/** Transactions by figure. */
	counts: { payments: number; refunds: number; disputes: number; fees: number; other: number; payouts: number; movements: number };
}

function addExact(a: number, b: number): number {
	const r = a + b;
	if (!Number.isSafeInteger(r)) throw new RangeError(`Sum ${a} + ${b} is outside the exact integer range`);
	return r;
}

function emptyTotals(currency: string): CurrencyTotals {
	return {
		currency,
		gross: 0,
		refunds: 0,
		disputes: 0,
		fees: 0,
		other: 0,
		net: 0,
		payouts: 0,
		counts: { payments: 0, refunds: 0, disputes: 0, fees: 0, other: 0, payouts: 0, movements: 0 },
	};
}

export interface Series {
	gross: number[];
	net: number[];
}

/** Streaming aggregation of balance transactions. */
export class BalanceAggregator {
	private readonly totals = new Map<string, CurrencyTotals>();
	private readonly series = new Map<string, Series>();
	count = 0;
	skipped = 0;
	/** Σ net of counted transactions, kept separately to prove the figure identity. */
	private readonly netCheck = new Map<string, number>();

	constructor(private readonly buckets: readonly Bucket[] = []) {}

	add(t: BalanceTxnLike): void {
		const cur = typeof t.currency === 'string' ? t.currency.toLowerCase() : '';
		if (!cur || !Number.isSafeInteger(t.amount) || !Number.isSafeInteger(t.fee ?? 0) || !Number.isSafeInteger(t.net)) {
			this.skipped++;
			return;
		}
		this.count++;
		let s = this.totals.get(cur);
		if (!s) {
			s = emptyTotals(cur);
			this.totals.set(cur, s);
		}
		const fee = t.fee ?? 0;
		const cat = categorize(t);
		switch (cat) {
			case 'payouts':
				s.payouts = addExact(s.payouts, t.amount);
				s.counts.payouts++;
				return;
			case 'movement':
				s.counts.movements++;
				return;
			case 'gross':
				s.gross = addExact(s.gross, t.amount);
				s.counts.payments++;
				break;
			case 'refunds':
				s.refunds = addExact(s.refunds, t.amount);
				s.counts.refunds++;
				break;
			case 'disputes':
				s.disputes = addExact(s.disputes, t.amount);
				s.counts.disputes++;
				break;
			case 'fees':
				// A fee transaction's amount is negative (a cost); its own `fee` is normally 0.
				s.fees = addExact(s.fees, -t.amount);
				s.counts.fees++;
				break;
			default:
				s.other = addExact(s.other, t.amount);
				s.counts.other++;
		}
		s.fees = addExact(s.fees, fee);
		s.net = addExact(s.net, t.amount - fee);
		this.netCheck.set(cur, addExact(this.netCheck.get(cur) ?? 0, t.net));
		if (this.buckets.length) {
			const i = bucketIndex(this.buckets, t.created * 1000);
			if (i >= 0) {
				let ser = this.series.get(cur);
				if (!ser) {
					ser = { gross: new Array(this.buckets.length).fill(0), net: new Array(this.buckets.length).fill(0) };
					this.series.set(cur, ser);
				}
				if (cat === 'gross') ser.gross[i] += t.amount;
				ser.net[i] += t.net;
			}
		}
	}

	/**
	 * Totals per currency, largest gross first. Throws if Σ net differs from the computed net
	 * (a transaction whose `net` is not `amount - fee`): the figures would not add up.
	 */
	result(): CurrencyTotals[] {
		const out = [...this.totals.values()].map((t) => ({ ...t, counts: { ...t.counts } }));
		for (const t of out) {
			const n = this.netCheck.get(t.currency) ?? 0;
			if (n !== t.net) {
				throw new Error(`Balance transactions in ${t.currency.toUpperCase()} do not add up: Σ net ${n} ≠ Σ (amount − fee) ${t.net}`);
			}
		}
		return out.sort((a, b) => b.gross - a.gross || a.currency.localeCompare(b.currency));
	}

	seriesFor(currency: string): Series | undefined {
		const s = this.series.get(currency.toLowerCase());
		return s && { gross: [...s.gross], net: [...s.net] };
	}

	currencies(): string[] {
		return [...this.totals.keys()];
	}
}

// ---------------------------------------------------------------- top-N (Space-Saving)

export interface HeavyHitter<L> {
	key: string;
	/** Estimated total (exact when `exact`); over-estimates by at most `maxError`. */
	amount: number;
	/** Largest possible over-estimate of `amount` (0 while the structure never evicted). */
	maxError: number;
	/** Records counted for this key since it entered the structure. */
	records: number;
	label: L | undefined;
}

interface Counter<L> {
	key: string;
	count: number;
	err: number;
	records: number;
	label: L | undefined;
	pos: number;
}

/**
 * Weighted Space-Saving with a binary min-heap: O(log capacity) per update, memory O(capacity).
 * Weights must be non-negative.
 */
export class SpaceSaving<L = unknown> {
	private readonly map = new Map<string, Counter<L>>();
	private readonly heap: Counter<L>[] = [];
	evictions = 0;
	total = 0;

	constructor(readonly capacity: number) {
		if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
	}

	get exact(): boolean {
		return this.evictions === 0;
	}

	add(key: string, weight: number, label?: L): void {
		if (!(weight >= 0)) return;
		this.total += weight;
		let c = this.map.get(key);
		if (c) {
			c.count += weight;
			c.records++;
			if (label !== undefined) c.label = label;
			this.down(c.pos);
			return;
		}
		if (this.heap.length < this.capacity) {
			c = { key, count: weight, err: 0, records: 1, label, pos: this.heap.length };
			this.heap.push(c);
			this.map.set(key, c);
			this.up(c.pos);
			return;
		}
		// Replace the minimum: the newcomer inherits its count as possible error.
		c = this.heap[0];
		this.map.delete(c.key);
		this.evictions++;
		const min = c.count;
		c.key = key;
		c.err = min;
		c.count = min + weight;
		c.records = 1;
		c.label = label;
		this.map.set(key, c);
		this.down(0);
	}

	top(n: number): HeavyHitter<L>[] {
		return [...this.heap]
			.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
			.slice(0, Math.max(0, n))
			.map((c) => ({ key: c.key, amount: c.count, maxError: c.err, records: c.records, label: c.label }));
	}

	get size(): number {
		return this.heap.length;
	}

	private swap(i: number, j: number): void {
		const h = this.heap;
		[h[i], h[j]] = [h[j], h[i]];
		h[i].pos = i;
		h[j].pos = j;
	}

	private up(i: number): void {
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (this.heap[p].count <= this.heap[i].count) break;
			this.swap(i, p);
			i = p;
		}
	}

	private down(i: number): void {
		const h = this.heap;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < h.length && h[l].count < h[m].count) m = l;
			if (r < h.length && h[r].count < h[m].count) m = r;
			if (m === i) return;
			this.swap(i, m);
			i = m;
		}
	}
}

// ---------------------------------------------------------------- charges

/** The fields of a Stripe charge the aggregator reads. */
export interface ChargeLike {
	id?: string;
	amount: number;
	amount_refunded?: number;
	currency: string;
	status: string;
	paid?: boolean;
	created?: number;
	customer?: string | { id?: string; name?: string | null; email?: string | null } | null;
	billing_details?: { name?: string | null; email?: string | null } | null;
	receipt_email?: string | null;
}

export interface CustomerLabel {
	name?: string;
	email?: string;
}

export interface PaymentCounts {
	currency: string;
	succeeded: number;
	failed: number;
	pending: number;
	/** Minor units. */
	succeededAmount: number;
	failedAmount: number;
}

export class ChargeAggregator {
	private readonly counts = new Map<string, PaymentCounts>();
	private readonly top = new Map<string, SpaceSaving<CustomerLabel>>();
	count = 0;

	constructor(readonly topCapacity = 1000) {}

	add(c: ChargeLike): void {
		const cur = typeof c.currency === 'string' ? c.currency.toLowerCase() : '';
		if (!cur || !Number.isSafeInteger(c.amount)) return;
		this.count++;
		let p = this.counts.get(cur);
		if (!p) {
			p = { currency: cur, succeeded: 0, failed: 0, pending: 0, succeededAmount: 0, failedAmount: 0 };
			this.counts.set(cur, p);
		}
		if (c.status === 'succeeded') {
			p.succeeded++;
			p.succeededAmount = addExact(p.succeededAmount, c.amount);
			const key = customerKey(c);
			if (key && this.topCapacity > 0) {
				let ss = this.top.get(cur);
				if (!ss) {
					ss = new SpaceSaving<CustomerLabel>(this.topCapacity);
					this.top.set(cur, ss);
				}
				ss.add(key, c.amount, customerLabel(c));
			}
		} else if (c.status === 'failed') {
			p.failed++;
			p.failedAmount = addExact(p.failedAmount, c.amount);
		} else p.pending++;
	}

	payments(): PaymentCounts[] {
		return [...this.counts.values()].map((p) => ({ ...p }));
	}

	topCustomers(currency: string, n: number): { customers: HeavyHitter<CustomerLabel>[]; exact: boolean; total: number; tracked: number } {
		const ss = this.top.get(currency.toLowerCase());
		if (!ss) return { customers: [], exact: true, total: 0, tracked: 0 };
		return { customers: ss.top(n), exact: ss.exact, total: ss.total, tracked: ss.size };
	}
}

/** A charge's customer: the customer id, else the billing email (guest checkout), else none. */
export function customerKey(c: ChargeLike): string | undefined {
	const cu = c.customer;
	if (typeof cu === 'string' && cu) return cu;
	if (cu && typeof cu === 'object' && typeof cu.id === 'string' && cu.id) return cu.id;
	const email = c.billing_details?.email || c.receipt_email;
	return email ? `guest:${email.toLowerCase()}` : undefined;
}

function customerLabel(c: ChargeLike): CustomerLabel | undefined {
	const cu = c.customer && typeof c.customer === 'object' ? c.customer : undefined;
	const name = cu?.name || c.billing_details?.name || undefined;
	const email = cu?.email || c.billing_details?.email || c.receipt_email || undefined;
	return name || email ? { name: name ?? undefined, email: email ?? undefined } : undefined;
}

// ---------------------------------------------------------------- subscriptions / MRR

export interface SubscriptionItemLike {
	quantity?: number | null;
	price?: {
		unit_amount?: number | null;
		unit_amount_decimal?: string | null;
		currency?: string;
		recurring?: { interval: string; interval_count?: number; usage_type?: string } | null;
	} | null;
	plan?: { amount?: number | null; interval?: string; interval_count?: number; usage_type?: string; currency?: string } | null;
}

export interface SubscriptionLike {
	id?: string;
	status?: string;
	currency?: string;
	items?: { data?: SubscriptionItemLike[] } | null;
	quantity?: number | null;
	plan?: SubscriptionItemLike['plan'];
}

export interface SubscriptionEventLike {
	id?: string;
	type: string;
	created?: number;
	data: { object: SubscriptionLike; previous_attributes?: Partial<SubscriptionLike> & Record<string, unknown> };
}

const PAYING = new Set(['active', 'past_due']);

/**
 * Monthly recurring amount of a subscription in minor units (a float: yearly prices divide by 12),
 * from licensed per-unit prices: unit_amount × quantity normalised to a month
 * (day ×365/12, week ×52/12, month ×1, year ÷12, divided by interval_count). Metered and tiered
 * prices (no unit_amount) and discounts are not counted.
 */
export function monthlyAmount(sub: SubscriptionLike): number {
	let total = 0;
	const items = sub.items?.data ?? (sub.plan ? [{ plan: sub.plan, quantity: sub.quantity }] : []);
	for (const it of items) {
		const pr = it.price;
		const rec = pr?.recurring ?? (it.plan ? { interval: it.plan.interval ?? 'month', interval_count: it.plan.interval_count, usage_type: it.plan.usage_type } : null);
		if (!rec || rec.usage_type === 'metered') continue;
		let unit = pr?.unit_amount ?? (pr?.unit_amount_decimal ? Number(pr.unit_amount_decimal) : it.plan?.amount ?? null);
		if (unit === null || unit === undefined || !Number.isFinite(unit)) continue;
		unit *= it.quantity ?? 1;
		const n = rec.interval_count || 1;
		const perMonth = rec.interval === 'day' ? 365 / 12 : rec.interval === 'week' ? 52 / 12 : rec.interval === 'year' ? 1 / 12 : 1;
		total += (unit * perMonth) / n;
	}
	return total;
}

function mrr(sub: SubscriptionLike): number {
	return PAYING.has(sub.status ?? '') ? monthlyAmount(sub) : 0;
}

export interface MrrMovement {
	currency: string;
	/** Subscriptions created / cancelled (ended) in the period. */
	created: number;
	canceled: number;
	/** Minor units per month, rounded to the minor unit. */
	newMrr: number;
	expansionMrr: number;
	contractionMrr: number;
	churnedMrr: number;
	/** new + expansion − contraction − churned. */
	netMrr: number;
}

/**
 * MRR movement from `customer.subscription.created|updated|deleted` events:
 *  - new: MRR of subscriptions created paying (active/past_due), plus trials that convert to paying;
 *  - expansion / contraction: MRR after an update minus before (previous_attributes applied);
 *  - churned: MRR of subscriptions that end (deleted event), at their last items.
 */
export class SubscriptionAggregator {
	private readonly m = new Map<string, { created: number; canceled: number; n: number; e: number; c: number; ch: number }>();
	count = 0;

	private get(cur: string) {
		let v = this.m.get(cur);
		if (!v) {
			v = { created: 0, canceled: 0, n: 0, e: 0, c: 0, ch: 0 };
			this.m.set(cur, v);
		}
		return v;
	}

	add(ev: SubscriptionEventLike): void {
		const sub = ev.data?.object;
		if (!sub) return;
		const cur = (sub.currency ?? sub.items?.data?.[0]?.price?.currency ?? sub.plan?.currency ?? '').toLowerCase();
		if (!cur) return;
		this.count++;
		const v = this.get(cur);
		if (ev.type === 'customer.subscription.created') {
			v.created++;
			v.n += mrr(sub);
		} else if (ev.type === 'customer.subscription.deleted') {
			v.canceled++;
			v.ch += monthlyAmount(sub);
		} else if (ev.type === 'customer.subscription.updated') {
			const prevAttrs = ev.data.previous_attributes ?? {};
			const before: SubscriptionLike = { ...sub, ...(prevAttrs as Partial<SubscriptionLike>) };
			const a = mrr(before);
			const b = mrr(sub);
			if (a === 0 && b > 0 && before.status === 'trialing') v.n += b;
			else if (b > a) v.e += b - a;
			else if (a > b) v.c += a - b;
		}
	}

	result(): MrrMovement[] {
		return [...this.m.entries()]
			.map(([currency, v]) => {
				const newMrr = Math.round(v.n);
				const expansionMrr = Math.round(v.e);
				const contractionMrr = Math.round(v.c);
				const churnedMrr = Math.round(v.ch);
				return {
					currency,
					created: v.created,
					canceled: v.canceled,
					newMrr,
					expansionMrr,
					contractionMrr,
					churnedMrr,
					netMrr: newMrr + expansionMrr - contractionMrr - churnedMrr,
				};
			})
			.sort((a, b) => a.currency.localeCompare(b.currency));
	}
}
