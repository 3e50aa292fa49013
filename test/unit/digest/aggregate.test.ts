import fc from 'fast-check';
import { BalanceAggregator, categorize, type BalanceTxnLike } from '../../../nodes/shared/digest/balance';
import { ChargeAggregator } from '../../../nodes/shared/digest/charges';
import { SpaceSaving } from '../../../nodes/shared/digest/spaceSaving';
import { SubscriptionAggregator, monthlyAmount } from '../../../nodes/shared/digest/subscriptions';

const txn = (p: Partial<BalanceTxnLike> & Pick<BalanceTxnLike, 'amount' | 'reporting_category'>): BalanceTxnLike => ({
	currency: 'usd',
	fee: 0,
	net: p.amount - (p.fee ?? 0),
	type: 'charge',
	created: 1_700_000_000,
	...p,
});

describe('BalanceAggregator', () => {
	test('figures per reporting category; net = gross + refunds + disputes + other − fees = Σ net', () => {
		const a = new BalanceAggregator();
		a.add(txn({ amount: 10_000, fee: 320, reporting_category: 'charge' }));
		a.add(txn({ amount: 5_000, fee: 175, reporting_category: 'charge', type: 'payment' }));
		a.add(txn({ amount: -2_000, reporting_category: 'refund', type: 'refund' }));
		a.add(txn({ amount: 2_000, reporting_category: 'refund_failure', type: 'adjustment' }));
		a.add(txn({ amount: -3_000, fee: 1_500, reporting_category: 'dispute', type: 'adjustment' }));
		a.add(txn({ amount: 3_000, fee: -1_500, reporting_category: 'dispute_reversal', type: 'adjustment' }));
		a.add(txn({ amount: -99, reporting_category: 'fee', type: 'stripe_fee' }));
		a.add(txn({ amount: -40_000, reporting_category: 'payout', type: 'payout' }));
		a.add(txn({ amount: 7, reporting_category: 'other_adjustment', type: 'adjustment' }));
		a.add(txn({ amount: 100_000, reporting_category: 'topup', type: 'topup' }));
		a.add(txn({ amount: 1_000, fee: 0, currency: 'JPY', reporting_category: 'charge' }));
		const [usd, jpy] = a.result();
		expect(usd).toMatchObject({ currency: 'usd', gross: 15_000, refunds: 0, disputes: 0, fees: 320 + 175 + 99, other: 7, payouts: -40_000 });
		expect(usd.net).toBe(15_000 + 7 - 594);
		expect(usd.counts).toEqual({ payments: 2, refunds: 2, disputes: 2, fees: 1, other: 1, payouts: 1, movements: 1 });
		expect(jpy).toMatchObject({ currency: 'jpy', gross: 1_000, net: 1_000 });
	});

	test('missing reporting_category falls back on type', () => {
		expect(categorize({ type: 'payment_refund' })).toBe('refunds');
		expect(categorize({ type: 'payment' })).toBe('gross');
		expect(categorize({ type: 'stripe_fee' })).toBe('fees');
		expect(categorize({ type: 'payout_failure' })).toBe('payouts');
		expect(categorize({ type: 'transfer' })).toBe('movement');
		expect(categorize({ type: 'something_new' })).toBe('other');
	});

	test('a transaction whose net is not amount − fee makes the totals refuse to add up', () => {
		const a = new BalanceAggregator();
		a.add({ ...txn({ amount: 100, reporting_category: 'charge' }), net: 90 });
		expect(() => a.result()).toThrow(/do not add up/);
	});

	test('sums stay exact integers or throw; non-integer amounts are skipped', () => {
		const a = new BalanceAggregator();
		a.add(txn({ amount: Number.MAX_SAFE_INTEGER - 10, reporting_category: 'charge' }));
		expect(() => a.add(txn({ amount: 100, reporting_category: 'charge' }))).toThrow(RangeError);
		const b = new BalanceAggregator();
		b.add(txn({ amount: 10.5, reporting_category: 'charge' }));
		expect(b.skipped).toBe(1);
		expect(b.result()).toEqual([]);
	});

	test('property: equals a plain sum for any transactions, in any order', () => {
		const cat = fc.constantFrom('charge', 'refund', 'dispute', 'dispute_reversal', 'fee', 'payout', 'other_adjustment', 'transfer');
		const t = fc.record({ amount: fc.integer({ min: -1e9, max: 1e9 }), fee: fc.integer({ min: 0, max: 1e6 }), currency: fc.constantFrom('usd', 'eur', 'jpy', 'kwd'), reporting_category: cat });
		fc.assert(
			fc.property(fc.array(t, { maxLength: 200 }), (list) => {
				const a = new BalanceAggregator();
				for (const x of list) a.add({ ...x, net: x.amount - x.fee, type: 'x', created: 0 });
				for (const r of a.result()) {
					const mine = list.filter((x) => x.currency === r.currency && !['payout', 'transfer'].includes(x.reporting_category));
					expect(r.net).toBe(mine.reduce((s, x) => s + x.amount - x.fee, 0));
					expect(r.gross).toBe(mine.filter((x) => x.reporting_category === 'charge').reduce((s, x) => s + x.amount, 0));
				}
			}),
		);
	});
});

describe('SpaceSaving (top customers in bounded memory)', () => {
	test('exact while distinct keys <= capacity', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 10_000 })), { maxLength: 300 }), (adds) => {
				const ss = new SpaceSaving(20);
				const exact = new Map<string, number>();
				for (const [k, w] of adds) {
					ss.add(`k${k}`, w);
					exact.set(`k${k}`, (exact.get(`k${k}`) ?? 0) + w);
				}
				expect(ss.exact).toBe(true);
				for (const h of ss.top(20)) expect(h.amount).toBe(exact.get(h.key));
			}),
		);
	});

	test('beyond capacity: estimates over-estimate by at most maxError <= total/capacity, and heavy hitters are kept', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 1000 })), { minLength: 50, maxLength: 1500 }), (adds) => {
				const cap = 25;
				const ss = new SpaceSaving(cap);
				const exact = new Map<string, number>();
				let total = 0;
				for (const [k, w] of adds) {
					ss.add(`k${k}`, w);
					exact.set(`k${k}`, (exact.get(`k${k}`) ?? 0) + w);
					total += w;
				}
				const all = ss.top(cap);
				expect(all.length).toBeLessThanOrEqual(cap);
				for (const h of all) {
					const truth = exact.get(h.key)!;
					expect(h.amount).toBeGreaterThanOrEqual(truth);
					expect(h.amount - h.maxError).toBeLessThanOrEqual(truth);
					expect(h.maxError).toBeLessThanOrEqual(total / cap + 1e-9);
				}
				const kept = new Set(all.map((h) => h.key));
				for (const [k, v] of exact) if (v > total / cap) expect(kept.has(k)).toBe(true);
			}),
		);
	});
});

describe('ChargeAggregator', () => {
	test('succeeded / failed / pending per currency; guests keyed by email; top customers', () => {
		const c = new ChargeAggregator(10);
		c.add({ amount: 1000, currency: 'usd', status: 'succeeded', customer: 'cus_A', billing_details: { name: 'Ann', email: 'ann@example.com' } });
		c.add({ amount: 500, currency: 'usd', status: 'succeeded', customer: 'cus_A' });
		c.add({ amount: 2000, currency: 'usd', status: 'succeeded', customer: null, receipt_email: 'Guest@Example.com' });
		c.add({ amount: 700, currency: 'usd', status: 'failed', customer: 'cus_B' });
		c.add({ amount: 700, currency: 'usd', status: 'pending', customer: 'cus_B' });
		c.add({ amount: 300, currency: 'eur', status: 'succeeded' });
		expect(c.payments().find((p) => p.currency === 'usd')).toEqual({ currency: 'usd', succeeded: 3, failed: 1, pending: 1, succeededAmount: 3500, failedAmount: 700 });
		const top = c.topCustomers('usd', 5);
		expect(top.exact).toBe(true);
		expect(top.customers.map((h) => [h.key, h.amount, h.records])).toEqual([
			['guest:guest@example.com', 2000, 1],
			['cus_A', 1500, 2],
		]);
		expect(top.customers[1].label).toEqual({ name: 'Ann', email: 'ann@example.com' });
		expect(c.topCustomers('eur', 5).customers).toEqual([]); // no customer, no email
	});
});

describe('MRR', () => {
	const price = (unit: number, interval: string, count = 1) => ({ unit_amount: unit, currency: 'usd', recurring: { interval, interval_count: count, usage_type: 'licensed' } });
	test('monthlyAmount normalises intervals and skips metered prices', () => {
		expect(monthlyAmount({ items: { data: [{ quantity: 3, price: price(1000, 'month') }] } })).toBe(3000);
		expect(monthlyAmount({ items: { data: [{ quantity: 1, price: price(12000, 'year') }] } })).toBe(1000);
		expect(monthlyAmount({ items: { data: [{ quantity: 1, price: price(3000, 'month', 3) }] } })).toBe(1000);
		expect(monthlyAmount({ items: { data: [{ quantity: 1, price: price(1200, 'week') }] } })).toBeCloseTo(5200);
		expect(monthlyAmount({ items: { data: [{ quantity: 1, price: { unit_amount: 5, recurring: { interval: 'month', usage_type: 'metered' } } }] } })).toBe(0);
	});

	test('new, expansion, contraction, churn and trial conversion', () => {
		const s = new SubscriptionAggregator();
		const sub = (status: string, qty: number) => ({ currency: 'usd', status, items: { data: [{ quantity: qty, price: price(1000, 'month') }] } });
		s.add({ type: 'customer.subscription.created', data: { object: sub('active', 2) } });
		s.add({ type: 'customer.subscription.created', data: { object: sub('trialing', 1) } });
		s.add({ type: 'customer.subscription.updated', data: { object: sub('active', 1), previous_attributes: { status: 'trialing' } } });
		s.add({ type: 'customer.subscription.updated', data: { object: sub('active', 5), previous_attributes: { items: sub('active', 3).items } } });
		s.add({ type: 'customer.subscription.updated', data: { object: sub('active', 1), previous_attributes: { items: sub('active', 4).items } } });
		s.add({ type: 'customer.subscription.deleted', data: { object: sub('canceled', 2) } });
		expect(s.result()).toEqual([
			{ currency: 'usd', created: 2, canceled: 1, newMrr: 3000, expansionMrr: 2000, contractionMrr: 3000, churnedMrr: 2000, netMrr: 0 },
		]);
	});
});
