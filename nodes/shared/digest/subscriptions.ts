/**
 * MRR movement from subscription events, per currency (pure, no n8n imports). Memory depends on the
 * number of currencies only.
 */

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
