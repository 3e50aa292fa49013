/**
 * Streaming aggregation of balance transactions (pure, no n8n imports). Records are added one at a
 * time; memory depends on the number of currencies and chart buckets, never on the number of
 * records. Money is summed per currency as integers in minor units (JS numbers; every sum is
 * checked to stay a safe integer, |x| <= 2^53 - 1, so it is exact; an overflow throws rather than
 * rounds).
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
import { addExact } from './exactSum';
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

/** Where a balance transaction counts in the digest (not the formatter's event `Category`). */
export type BalanceCategory = 'gross' | 'refunds' | 'disputes' | 'fees' | 'other' | 'payouts' | 'movement';

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

export function categorize(t: Pick<BalanceTxnLike, 'type' | 'reporting_category'>): BalanceCategory {
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
			case 'refunds':
			case 'disputes':
				s[cat] = addExact(s[cat], t.amount);
				s.counts[cat === 'gross' ? 'payments' : cat]++;
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
