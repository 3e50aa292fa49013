/** A realistic RevenueSummary for message and chart tests (not a test file). */
import type { RevenueSummary } from '../../../nodes/shared/digest/summarize';
import type { CurrencyTotals } from '../../../nodes/shared/digest/balance';

export function totals(currency: string, gross: number, extra: Partial<CurrencyTotals> = {}): CurrencyTotals {
	const t: CurrencyTotals = {
		currency,
		gross,
		refunds: -Math.round(gross / 10),
		disputes: -Math.round(gross / 50),
		fees: Math.round(gross * 0.03),
		other: 0,
		net: 0,
		payouts: 0,
		counts: { payments: Math.round(gross / 1000), refunds: 3, disputes: 1, fees: 0, other: 0, payouts: 0, movements: 0 },
		...extra,
	};
	t.net = t.gross + t.refunds + t.disputes + t.other - t.fees;
	return t;
}

export function sampleSummary(over: Partial<RevenueSummary> = {}): RevenueSummary {
	const labels = ['16 Nov', '17 Nov', '18 Nov', '19 Nov', '20 Nov', '21 Nov', '22 Nov'];
	const period = {
		kind: 'last7Days' as const,
		label: 'Last 7 days, 16 Nov – 22 Nov 2026',
		timeZone: 'Europe/Berlin',
		start: '2026-11-15T23:00:00.000Z',
		end: '2026-11-22T23:00:00.000Z',
		startUnix: 0,
		endUnix: 0,
		days: 7,
		firstDay: '2026-11-16',
		lastDay: '2026-11-22',
	};
	const cur = [totals('usd', 1_234_567_89), totals('eur', 456_789_00), totals('jpy', 9_876_543), totals('kwd', 12_345_678)];
	const prev = [totals('usd', 1_100_000_00), totals('eur', 500_000_00), totals('jpy', 9_876_543)];
	const change = (a: number, b: number) => ({ current: a, previous: b, delta: a - b, pct: b === 0 ? null : ((a - b) / Math.abs(b)) * 100 });
	return {
		period,
		currencies: cur,
		payments: cur.map((c) => ({ currency: c.currency, succeeded: c.counts.payments, failed: 7, pending: 0, succeededAmount: c.gross, failedAmount: 5000 })),
		subscriptions: [{ currency: 'usd', created: 42, canceled: 5, newMrr: 120_000, expansionMrr: 15_000, contractionMrr: 4_000, churnedMrr: 20_000, netMrr: 111_000 }],
		series: {
			unit: 'day',
			labels,
			starts: labels.map((_, i) => i),
			byCurrency: { usd: { gross: [150_000_00, 180_000_00, 170_000_00, 160_000_00, 210_000_00, 190_000_00, 174_567_89], net: [0, 0, 0, 0, 0, 0, 0] } },
		},
		counts: { balanceTransactions: 123_456, charges: 100_000, events: 300, skipped: 0 },
		generatedAt: '2026-11-23T07:00:00.000Z',
		previous: {
			period: { ...period, firstDay: '2026-11-09', lastDay: '2026-11-15' },
			currencies: prev,
			payments: null,
			subscriptions: null,
			series: { unit: 'day', labels, starts: [], byCurrency: { usd: { gross: [140_000_00, 150_000_00, 160_000_00, 165_000_00, 170_000_00, 160_000_00, 155_000_00], net: [] } } },
			counts: { balanceTransactions: 1, charges: 0, events: 0, skipped: 0 },
		},
		changes: cur.map((c) => {
			const p = prev.find((x) => x.currency === c.currency);
			return {
				currency: c.currency,
				gross: change(c.gross, p?.gross ?? 0),
				net: change(c.net, p?.net ?? 0),
				refunds: change(c.refunds, p?.refunds ?? 0),
				disputes: change(c.disputes, p?.disputes ?? 0),
				fees: change(c.fees, p?.fees ?? 0),
				payments: change(c.counts.payments, p?.counts.payments ?? 0),
			};
		}),
		topCustomers: [
			{
				currency: 'usd',
				exact: false,
				customers: [
					{ id: 'cus_Abc123', label: 'Acme <!channel> *Corp* · a•••@e•••.com', amount: 5_000_00, payments: 3, maxError: 0 },
					{ id: 'cus_Def456', label: 'Bob & Co', amount: 4_000_00, payments: 1, maxError: 1500 },
					{ label: 'Guest', amount: 1_000_00, payments: 1, maxError: 0 },
				],
			},
		],
		redaction: 'standard',
		warnings: ['Subscriptions left out: listing failed (<script> & stuff)'],
		elapsedMs: 1234,
		...over,
	};
}

