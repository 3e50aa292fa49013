import { summarizeRevenue, type StripeLike } from '../../../nodes/shared/digest/summarize';

const NOW = Date.parse('2026-11-23T08:00:00Z');
const DAY = Date.parse('2026-11-22T00:00:00Z') / 1000;

/** A fake Stripe whose list() filters by created like the API and records the params. */
function fakeStripe(data: { balance: any[]; charges?: any[]; events?: any[] | Error }) {
	const calls: Array<{ resource: string; params: any }> = [];
	const res = (name: string, rows: any[] | Error | undefined) => ({
		list(params: any) {
			calls.push({ resource: name, params });
			return (async function* () {
				if (rows instanceof Error) throw rows;
				for (const r of rows ?? []) if (r.created >= params.created.gte && r.created < params.created.lt) yield r;
			})();
		},
	});
	const stripe: StripeLike = { balanceTransactions: res('balance', data.balance), charges: res('charges', data.charges ?? []), events: res('events', data.events ?? []) };
	return { stripe, calls };
}

const bt = (created: number, amount: number, fee = 0, cat = 'charge', currency = 'usd') => ({ created, amount, fee, net: amount - fee, currency, reporting_category: cat, type: cat });

test('period, previous period and changes; list params use created[gte/lt] and 100 per page', async () => {
	const { stripe, calls } = fakeStripe({
		balance: [bt(DAY + 10, 10_000, 300), bt(DAY + 3600 * 5, 5_000, 150), bt(DAY - 100, 4_000, 100), bt(DAY - 86400 - 1, 99_999)],
	});
	const s = await summarizeRevenue(stripe, { period: { kind: 'yesterday', timeZone: 'UTC' }, now: NOW });
	expect(s.currencies[0]).toMatchObject({ currency: 'usd', gross: 15_000, fees: 450, net: 14_550 });
	expect(s.previous!.currencies[0]).toMatchObject({ gross: 4_000, net: 3_900 });
	expect(s.changes[0].gross).toEqual({ current: 15_000, previous: 4_000, delta: 11_000, pct: 275 });
	expect(calls[0]).toEqual({ resource: 'balance', params: { created: { gte: DAY, lt: DAY + 86400 }, limit: 100 } });
	expect(calls.map((c) => c.resource)).toEqual(['balance', 'charges', 'events', 'balance', 'charges', 'events']);
	expect(s.series.unit).toBe('hour');
	expect(s.series.byCurrency.usd.gross[0]).toBe(10_000);
	expect(s.series.byCurrency.usd.gross[5]).toBe(5_000);
	expect(s.generatedAt).toBe('2026-11-23T08:00:00.000Z');
});

test('top customers are redacted: standard shows initials and masks emails, strict hides emails, minimal (opt-in) shows names; guest emails never become ids', async () => {
	const charges = [
		{ created: DAY + 1, amount: 9000, currency: 'usd', status: 'succeeded', customer: 'cus_123', billing_details: { name: 'Jane Doe', email: 'jane.doe@example.com' } },
		{ created: DAY + 2, amount: 5000, currency: 'usd', status: 'succeeded', customer: null, billing_details: { name: null, email: 'guest@shop.io' } },
		{ created: DAY + 3, amount: 100, currency: 'usd', status: 'failed', customer: 'cus_999' },
	];
	const { stripe } = fakeStripe({ balance: [bt(DAY + 1, 9000), bt(DAY + 2, 5000)], charges });
	const std = await summarizeRevenue(stripe, { period: { kind: 'yesterday', timeZone: 'UTC' }, now: NOW, compare: false });
	const [jane, guest] = std.topCustomers[0].customers;
	expect(jane).toMatchObject({ id: 'cus_123', amount: 9000, payments: 1, maxError: 0 });
	expect(jane.label).toBe('J. D. · j•••@e•••.com');
	expect(JSON.stringify(std)).not.toContain('Jane');
	expect(guest.id).toBeUndefined();
	expect(JSON.stringify(std)).not.toContain('guest@shop.io');
	expect(JSON.stringify(std)).not.toContain('jane.doe@example.com');
	expect(std.payments![0]).toMatchObject({ succeeded: 2, failed: 1 });
	const strict = await summarizeRevenue(stripe, { period: { kind: 'yesterday', timeZone: 'UTC' }, now: NOW, compare: false, redaction: 'strict' });
	expect(strict.topCustomers[0].customers[0].label).toBe('J. D. · [email hidden]');
	expect(JSON.stringify(strict)).not.toContain('Jane');
	const minimal = await summarizeRevenue(stripe, { period: { kind: 'yesterday', timeZone: 'UTC' }, now: NOW, compare: false, redaction: 'minimal' });
	expect(minimal.topCustomers[0].customers[0].label).toBe('Jane Doe · j•••@example.com');
});

test('a failing optional stream becomes a warning; a failing balance stream fails the summary', async () => {
	const err = Object.assign(new Error('The provided key does not have access to events'), { statusCode: 403 });
	const { stripe } = fakeStripe({ balance: [bt(DAY + 1, 100)], events: err });
	const s = await summarizeRevenue(stripe, { period: { kind: 'yesterday', timeZone: 'UTC' }, now: NOW, compare: false });
	expect(s.subscriptions).toBeNull();
	expect(s.warnings).toEqual(['Subscriptions left out: listing subscription events failed (HTTP 403: The provided key does not have access to events)']);
	const broken: StripeLike = { ...stripe, balanceTransactions: { list: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('boom')) }) }) } };
	await expect(summarizeRevenue(broken, { period: { kind: 'yesterday', timeZone: 'UTC' }, now: NOW })).rejects.toThrow('boom');
});

test('events older than 30 days are flagged', async () => {
	const { stripe } = fakeStripe({ balance: [] });
	const s = await summarizeRevenue(stripe, { period: { kind: 'custom', start: '2026-09-01', end: '2026-09-30', timeZone: 'UTC' }, now: NOW, compare: false });
	expect(s.warnings.join()).toMatch(/keeps events for 30 days/);
	expect(s.currencies).toEqual([]);
});
