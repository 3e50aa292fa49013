/**
 * Acceptance: against the sandbox seeded with 100,000 balance transactions, summarizeRevenue (SDK
 * auto-pagination over HTTP) equals an independent computation from the sandbox's own seeded data,
 * to the minor unit, per currency.
 */
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { createStripeClient } from '../../../nodes/shared/stripeClient';
import { summarizeRevenue, type StripeLike } from '../../../nodes/shared/digest/summarize';
import { minorToDecimalString } from '../../../nodes/shared/format/money';

jest.setTimeout(180_000);

const NOW = Date.parse('2026-11-23T08:00:00Z');
let sb: Sandbox;
let stripe: StripeLike;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seedTransactions: 100_000, seed: 42, now: () => NOW });
	stripe = createStripeClient({ secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url }) as unknown as StripeLike;
});
afterAll(async () => {
	await sb?.close();
});

interface Expected {
	gross: number;
	refunds: number;
	disputes: number;
	fees: number;
	net: number;
	payouts: number;
	payments: number;
	n: number;
}

/** Plain, independent sums over the seeded array (no code shared with the aggregator). */
function expectedTotals(txns: Array<Record<string, any>>, gte: number, lt: number): Map<string, Expected> {
	const out = new Map<string, Expected>();
	for (const t of txns) {
		if (t.created < gte || t.created >= lt) continue;
		const e = out.get(t.currency) ?? { gross: 0, refunds: 0, disputes: 0, fees: 0, net: 0, payouts: 0, payments: 0, n: 0 };
		out.set(t.currency, e);
		e.n++;
		if (t.reporting_category === 'payout') {
			e.payouts += t.amount;
			continue;
		}
		if (t.reporting_category === 'charge') {
			e.gross += t.amount;
			e.payments++;
		}
		if (t.reporting_category === 'refund') e.refunds += t.amount;
		if (t.reporting_category === 'dispute') e.disputes += t.amount;
		if (t.reporting_category === 'fee') e.fees -= t.amount;
		e.fees += t.fee;
		e.net += t.net;
	}
	return out;
}

test('sandbox is seeded with 100,000 balance transactions in several currencies', () => {
	expect(sb.stripe.balanceTransactions.length).toBe(100_000);
	expect(new Set(sb.stripe.balanceTransactions.map((t) => t.currency)).size).toBeGreaterThanOrEqual(4);
});

test('all 100,000 transactions: summary equals the independent computation to the minor unit, per currency', async () => {
	const summary = await summarizeRevenue(stripe, {
		period: { kind: 'custom', start: '2026-08-01', end: '2026-11-23', timeZone: 'UTC' },
		now: NOW,
		compare: false,
		includePayments: false,
		includeSubscriptions: false,
	});
	const gte = summary.period.startUnix;
	const lt = summary.period.endUnix;
	const expected = expectedTotals(sb.stripe.balanceTransactions, gte, lt);
	expect([...expected.values()].reduce((a, e) => a + e.n, 0)).toBe(100_000);
	expect(summary.counts.balanceTransactions).toBe(100_000);
	expect(summary.currencies.map((c) => c.currency).sort()).toEqual([...expected.keys()].sort());
	for (const c of summary.currencies) {
		const e = expected.get(c.currency)!;
		const dec = (v: number) => minorToDecimalString(v, c.currency);
		expect({ cur: c.currency, gross: dec(c.gross), refunds: dec(c.refunds), disputes: dec(c.disputes), fees: dec(c.fees), net: dec(c.net), payouts: dec(c.payouts), payments: c.counts.payments }).toEqual({
			cur: c.currency,
			gross: dec(e.gross),
			refunds: dec(e.refunds),
			disputes: dec(e.disputes),
			fees: dec(e.fees),
			net: dec(e.net),
			payouts: dec(e.payouts),
			payments: e.payments,
		});
		// The figures add up: net = gross + refunds + disputes + other − fees.
		expect(c.gross + c.refunds + c.disputes + c.other - c.fees).toBe(c.net);
	}
	// Every page went through the SDK's pagination: 1,000 pages of 100.
	const pages = sb.stripe.requests.filter((r) => r.path === '/v1/balance_transactions');
	expect(pages.length).toBe(1000);
	expect(pages.slice(1).every((r) => typeof r.params.starting_after === 'string')).toBe(true);
});

test('yesterday in Europe/Berlin with the previous day, payments from charges, subscriptions from the event log', async () => {
	// Subscription events in the sandbox's Stripe event log: two created and one deleted yesterday, one created
	// before the previous day (outside both periods) and an invoice event (another type) yesterday.
	const record = async (type: string, count: number, iso: string) => {
		const r = await fetch(`${sb.url}/_sandbox/stripe/events`, { method: 'POST', body: JSON.stringify({ type, count, created: Date.parse(iso) / 1000, spacing: 60 }) });
		expect(r.status).toBe(200);
	};
	await record('customer.subscription.created', 2, '2026-11-22T10:00:00Z');
	await record('customer.subscription.deleted', 1, '2026-11-22T12:00:00Z');
	await record('customer.subscription.created', 1, '2026-11-19T12:00:00Z');
	await record('invoice.paid', 3, '2026-11-22T10:00:00Z');
	const summary = await summarizeRevenue(stripe, {
		period: { kind: 'yesterday', timeZone: 'Europe/Berlin' },
		now: NOW,
		topN: 3,
	});
	expect(summary.period.firstDay).toBe('2026-11-22');
	expect(summary.period.start).toBe('2026-11-21T23:00:00.000Z');
	const exp = expectedTotals(sb.stripe.balanceTransactions, summary.period.startUnix, summary.period.endUnix);
	const prevExp = expectedTotals(sb.stripe.balanceTransactions, summary.previous!.period.startUnix, summary.previous!.period.endUnix);
	expect(summary.counts.balanceTransactions).toBe([...exp.values()].reduce((a, e) => a + e.n, 0));
	expect(summary.counts.balanceTransactions).toBeGreaterThan(500);
	for (const c of summary.currencies) {
		expect([c.currency, c.gross, c.net, c.fees]).toEqual([c.currency, exp.get(c.currency)!.gross, exp.get(c.currency)!.net, exp.get(c.currency)!.fees]);
		const ch = summary.changes.find((x) => x.currency === c.currency)!;
		expect(ch.gross.previous).toBe(prevExp.get(c.currency)?.gross ?? 0);
		expect(ch.gross.delta).toBe(c.gross - (prevExp.get(c.currency)?.gross ?? 0));
	}
	// Charges in the sandbox: one succeeded charge per charge-type balance transaction.
	for (const p of summary.payments!) {
		expect(p.succeeded).toBe(exp.get(p.currency)!.payments);
		expect(p.succeededAmount).toBe(exp.get(p.currency)!.gross);
		expect(p.failed).toBe(0);
	}
	// Subscriptions from the events of the period only (the fixtures' $20.00 a month each).
	expect(summary.subscriptions).toEqual([expect.objectContaining({ currency: 'usd', created: 2, canceled: 1, newMrr: 4000 })]);
	expect(summary.warnings.join('\n')).not.toMatch(/Subscriptions left out/);
});
