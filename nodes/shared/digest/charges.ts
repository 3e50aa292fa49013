/**
 * Streaming aggregation of charges (pure, no n8n imports): successful, failed and pending payments
 * per currency (amounts in minor units, summed exactly) and the top customers per currency, kept by
 * Space-Saving (./spaceSaving.ts) with `topCapacity` counters per currency, so memory never depends
 * on the number of records.
 */
import { addExact } from './exactSum';
import { SpaceSaving, type HeavyHitter } from './spaceSaving';

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
