/**
 * The node's execute() with a small fake IExecuteFunctions, talking through the real `stripe` SDK
 * to the bench's list-API generator (in-process, 3,000 transactions over one UTC day).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { StripeRevenueSummary } from '../../../nodes/StripeRevenueSummary/StripeRevenueSummary.node';
import { expectedFor, startGenerator, type GenConfig } from '../../../bench/lib/generator';
import { checkPng } from './png';
import { validateMessage } from '../../../nodes/shared/format/limits';

const START = Date.parse('2026-11-22T00:00:00Z') / 1000;
const cfg: GenConfig = { n: 3000, seed: 11, start: START, end: START + 86400 };
let gen: Awaited<ReturnType<typeof startGenerator>>;

beforeAll(async () => {
	gen = await startGenerator(cfg);
});
afterAll(async () => {
	await gen?.close();
});

function fakeThis(params: Record<string, unknown>, opts: { timezone?: string; continueOnFail?: boolean; apiBaseUrl?: string } = {}) {
	const binaries: unknown[] = [];
	const ctx = {
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : fallback),
		getCredentials: async () => ({ secretKey: 'sk_test_node', apiBaseUrl: opts.apiBaseUrl ?? `http://127.0.0.1:${gen.port}` }),
		getTimezone: () => opts.timezone ?? 'UTC',
		getNode: () => ({ name: 'Stripe Revenue Summary', type: 'stripeRevenueSummary', typeVersion: 1, parameters: {} }),
		continueOnFail: () => opts.continueOnFail ?? false,
		helpers: {
			prepareBinaryData: async (data: Buffer, fileName: string, mimeType: string) => {
				binaries.push(data);
				return { data: data.toString('base64'), fileName, mimeType, fileSize: String(data.length) };
			},
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, binaries };
}

test('one day in the workflow time zone (UTC): summary equals the generator, message is valid, chart is a PNG', async () => {
	// The node's "now" is the real clock, so the generated day is given as a custom one-day period.
	const { ctx } = fakeThis({ period: 'custom', start: '2026-11-22', end: '2026-11-22', compare: true, topCustomers: 3, output: 'both', chart: 'image', options: { channel: 'C_REVENUE' } });
	const [[item]] = await new StripeRevenueSummary().execute.call(ctx);
	const exp = expectedFor(cfg, 3);
	const json = item.json as any;
	for (const c of json.summary.currencies) {
		const e = exp.money[c.currency];
		expect([c.currency, c.gross, c.refunds, c.disputes, c.fees, c.net, c.payouts]).toEqual([c.currency, e.gross, e.refunds, e.disputes, e.fees, e.net, e.payouts]);
	}
	expect(json.summary.period.timeZone).toBe('UTC');
	expect(json.summary.subscriptions[0].currency).toBe('usd');
	expect(json.channel).toBe('C_REVENUE');
	expect(validateMessage(json.blocks, json.text)).toEqual([]);
	expect(json.summary.topCustomers[0].customers.map((c: any) => c.id)).toEqual(exp.top[json.summary.topCustomers[0].currency].map((x) => x[0]));
	expect(JSON.stringify(json)).not.toMatch(/c\d+@example\.com/); // emails masked
	expect(item.binary!.chart.mimeType).toBe('image/png');
	expect(checkPng(Buffer.from(item.binary!.chart.data, 'base64')).width).toBe(880);
	expect(item.pairedItem).toEqual({ item: 0 });
});

test('Summary Data only, sparkline, strict redaction, time zone from the node', async () => {
	const { ctx, binaries } = fakeThis({ period: 'custom', start: '2026-11-22T00:00', end: '2026-11-23T00:00', timeZone: 'Asia/Tokyo', output: 'summary', chart: 'sparkline', redaction: 'strict', compare: false }, { timezone: 'America/New_York' });
	const [[item]] = await new StripeRevenueSummary().execute.call(ctx);
	const json = item.json as any;
	expect(json.blocks).toBeUndefined();
	expect(json.summary.period.timeZone).toBe('Asia/Tokyo');
	expect(json.summary.period.start).toBe('2026-11-21T15:00:00.000Z');
	expect(json.summary.previous).toBeNull();
	expect(binaries).toHaveLength(0);
	expect(JSON.stringify(json.summary.topCustomers)).not.toContain('Customer ');
});

test('errors: bad period is a NodeOperationError; continueOnFail returns it as an item', async () => {
	const { ctx } = fakeThis({ period: 'custom', start: 'soon', end: '2026-11-22' });
	await expect(new StripeRevenueSummary().execute.call(ctx)).rejects.toThrow(/not a date/);
	const { ctx: ctx2 } = fakeThis({ period: 'yesterday' }, { continueOnFail: true, apiBaseUrl: 'http://127.0.0.1:1' });
	const [[item]] = await new StripeRevenueSummary().execute.call(ctx2);
	expect(String(item.json.error)).toMatch(/connect|ECONNREFUSED|error/i);
}, 30_000); // the Stripe SDK's network retries back off before giving up on the closed port (over 5 s on a busy machine)

test('Low-Memory Mode (a worker thread, the default) and the same run in n8n\'s thread give the same summary', async () => {
	const params = { period: 'custom', start: '2026-11-22', end: '2026-11-22', compare: false, output: 'summary', chart: 'none' };
	const [[inWorker]] = await new StripeRevenueSummary().execute.call(fakeThis(params).ctx);
	const [[inThread]] = await new StripeRevenueSummary().execute.call(fakeThis({ ...params, options: { lowMemory: false } }).ctx);
	const strip = (j: any) => ({ ...j.summary, generatedAt: 0, elapsedMs: 0 });
	expect(strip(inWorker.json)).toEqual(strip(inThread.json));
	expect((inWorker.json as any).summary.currencies.length).toBeGreaterThan(1);
});

test('description: credential, options and defaults a workflow can rely on', () => {
	const d = new StripeRevenueSummary().description;
	expect(d.name).toBe('stripeRevenueSummary');
	expect(d.credentials).toEqual([{ name: 'stripeSignedApi', required: true }]);
	const byName = Object.fromEntries(d.properties.map((p) => [p.name, p]));
	expect(byName.period.default).toBe('yesterday');
	expect(byName.compare.default).toBe(true);
	expect(byName.topCustomers.default).toBe(5);
	expect(byName.redaction.default).toBe('standard');
	expect(byName.output.default).toBe('both');
	expect(byName.chart.default).toBe('image');
});
