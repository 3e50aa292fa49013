/**
 * The pacer against the sandbox's Slack (in-process): pacing per channel, 429s from the sandbox's own
 * per-channel rate limit and from injected faults, 5xx retries, coalescing with exact accounting.
 * Rates are raised (20/s) so that bursts of 200 take seconds; one test runs at Slack's real 1/s.
 */
import { Pacer } from '../../../nodes/shared/delivery/pacer';
import { createDeliveryClient, slackTransport } from '../../../nodes/shared/delivery/slackTransport';
import type { DeliverySettings, Fate, OutboundMessage } from '../../../nodes/shared/delivery/types';
import { resolveSettings } from '../../../nodes/shared/delivery/types';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

jest.setTimeout(60_000);

const TOKEN = 'xoxb-sandbox-token';

async function withSandbox(rate: { burst: number; perSecond: number }, fn: (sb: Sandbox, newPacer: () => Pacer) => Promise<void>): Promise<void> {
	const sb = await startSandbox({ port: 0, slackRateLimit: rate, seedTransactions: 0 });
	try {
		await fn(sb, () => new Pacer(slackTransport(createDeliveryClient({ botToken: TOKEN, apiBaseUrl: `${sb.url}/api/` }))));
	} finally {
		await sb.close();
	}
}

async function faults(sb: Sandbox, slack: Record<string, number>): Promise<void> {
	const r = await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slack }) });
	expect(r.status).toBe(200);
}

interface SbMessage {
	channel: string;
	ts: string;
	thread_ts: string | null;
	text: string;
}

async function messages(sb: Sandbox): Promise<{ messages: SbMessage[]; rejected: Array<{ error: string }> }> {
	return (await (await fetch(`${sb.url}/_sandbox/slack/messages`)).json()) as never;
}

const tsMs = (ts: string) => Number(ts) * 1000;

/** Largest number of posts in any window of `windowMs`, and the sustained rate after the first `skip` posts. */
function pace(times: number[], windowMs: number, skip: number): { maxInWindow: number; sustained: number } {
	const t = [...times].sort((a, b) => a - b);
	let maxInWindow = 0;
	for (let i = 0, j = 0; i < t.length; i++) {
		while (t[i] - t[j] >= windowMs) j++;
		maxInWindow = Math.max(maxInWindow, i - j + 1);
	}
	const tail = t.slice(skip);
	const sustained = tail.length > 1 ? ((tail.length - 1) * 1000) / (tail[tail.length - 1] - tail[0]) : 0;
	return { maxInWindow, sustained };
}

/** A message nobody may fold (a dispute), so that every one is posted. */
const critical = (channel: string, i: number): OutboundMessage => ({
	channel,
	text: `dispute ${i}`,
	metadata: { event_id: `evt_d${i}`, category: 'dispute', severity: 'critical', event_type: 'charge.dispute.created', amount: 1000, currency: 'usd', livemode: false },
});

const payment = (channel: string, i: number, amount: number, currency: string): OutboundMessage => ({
	channel,
	text: `payment ${i}`,
	blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*Payment ${i}*` } }],
	metadata: { event_id: `evt_p${i}`, category: 'payment', severity: 'success', event_type: 'payment_intent.succeeded', amount, currency, livemode: false },
});

const fast = (extra: Partial<{ perSecond: number; burst: number; maxAttempts: number }> = {}): DeliverySettings =>
	resolveSettings({
		rate: { messagesPerSecond: extra.perSecond ?? 20, burst: extra.burst ?? 3 },
		retry: { maxAttempts: extra.maxAttempts ?? 5, baseBackoffMs: 50, maxBackoffMs: 400 },
		coalesce: { enabled: false },
	});

const posted = (fates: Fate[]) => fates.filter((f) => 'posted' in f).length;

test('pacing: 200 messages to one channel, and 200 to each of two channels in parallel, stay within rate + burst; nothing lost', async () => {
	await withSandbox({ burst: 4, perSecond: 20 }, async (sb, newPacer) => {
		const pacer = newPacer();
		const s = fast();
		const fates = await Promise.all(Array.from({ length: 200 }, (_, i) => pacer.enqueue(critical('C_PAYMENTS', i), s)));
		expect(posted(fates)).toBe(200);
		const two = await Promise.all(
			Array.from({ length: 400 }, (_, i) => pacer.enqueue(critical(i % 2 ? 'C_BILLING' : 'C_DISPUTES', i), s)),
		);
		expect(posted(two)).toBe(400);
		const { messages: ms } = await messages(sb);
		for (const ch of ['C_PAYMENTS', 'C_BILLING', 'C_DISPUTES']) {
			const mine = ms.filter((m) => m.channel === ch);
			expect(mine).toHaveLength(200);
			expect(new Set(mine.map((m) => m.text)).size).toBe(200); // each exactly once
			const p = pace(mine.map((m) => tsMs(m.ts)), 1000, 3);
			// token bucket invariant: in any 1 s, at most rate × 1 s + burst
			expect(p.maxInWindow).toBeLessThanOrEqual(20 + 3);
			expect(p.sustained).toBeLessThanOrEqual(20 * 1.2);
			console.log(`${ch}: max ${p.maxInWindow} posts in any 1 s, sustained ${p.sustained.toFixed(2)}/s at a setting of 20/s`);
		}
		expect(pacer.counters.failures).toBe(0);
		expect(pacer.counters.posted).toBe(600);
	});
});

test("429 from the sandbox's per-channel limit: the pacer is set faster than Slack allows, every 429 is waited out", async () => {
	await withSandbox({ burst: 4, perSecond: 10 }, async (sb, newPacer) => {
		const pacer = newPacer();
		const s = fast({ perSecond: 40, burst: 10 });
		const fates = await Promise.all(Array.from({ length: 40 }, (_, i) => pacer.enqueue(critical('C_PAYMENTS', i), s)));
		expect(posted(fates)).toBe(40);
		const { messages: ms, rejected } = await messages(sb);
		expect(ms.filter((m) => m.channel === 'C_PAYMENTS')).toHaveLength(40);
		const r429 = rejected.filter((r) => r.error === 'ratelimited').length;
		expect(r429).toBeGreaterThan(0);
		expect(pacer.counters.rateLimited).toBe(r429); // every 429 seen and counted
		console.log(`sandbox rate limit: ${r429} × 429 received and retried, 40/40 posted`);
	});
});

test('fail429: 0.3 and fail5xx: 0.3 injected: nothing lost', async () => {
	await withSandbox({ burst: 100, perSecond: 100 }, async (sb, newPacer) => {
		const pacer = newPacer();
		await faults(sb, { fail429: 0.3 });
		const a = await Promise.all(Array.from({ length: 40 }, (_, i) => pacer.enqueue(critical(['C_PAYMENTS', 'C_BILLING', 'C_GENERAL', 'C_REVENUE'][i % 4], i), fast({ perSecond: 30 }))));
		expect(posted(a)).toBe(40);
		const c429 = pacer.counters.rateLimited;
		expect(c429).toBeGreaterThan(5);
		await faults(sb, { fail5xx: 0.3 });
		// 0.3^10 ≈ 6e-6 per message: with 5 attempts, 0.24 % of messages would fail finally (as error items)
		const b = await Promise.all(Array.from({ length: 100 }, (_, i) => pacer.enqueue(critical(i % 2 ? 'C_REFUNDS' : 'C_DISPUTES', 1000 + i), fast({ perSecond: 30, maxAttempts: 10 }))));
		expect(posted(b)).toBe(100);
		await faults(sb, {});
		const { messages: ms, rejected } = await messages(sb);
		expect(ms).toHaveLength(140);
		expect(new Set(ms.map((m) => m.text)).size).toBe(140);
		const r5xx = rejected.filter((r) => r.error === 'internal_error').length;
		expect(pacer.counters.rateLimited).toBe(rejected.filter((r) => r.error === 'ratelimited').length);
		expect(pacer.counters.retries).toBe(pacer.counters.rateLimited + r5xx);
		console.log(`faults: ${pacer.counters.rateLimited} × 429 and ${r5xx} × 503 retried; 140/140 posted`);
	});
});

test('fatal Slack errors fail at once with their code; bad token too', async () => {
	await withSandbox({ burst: 10, perSecond: 10 }, async (sb, newPacer) => {
		const pacer = newPacer();
		const f = await pacer.enqueue(critical('C_NOPE', 1), fast());
		expect(f).toMatchObject({ failed: { code: 'channel_not_found', attempts: 1 } });
		const bad = await pacer.enqueue({ ...critical('C_PAYMENTS', 2), blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] }, fast());
		expect(bad).toMatchObject({ failed: { code: 'invalid_blocks', attempts: 1 } });
		const other = new Pacer(slackTransport(createDeliveryClient({ botToken: 'xoxb-wrong', apiBaseUrl: `${sb.url}/api/` })));
		expect(await other.enqueue(critical('C_PAYMENTS', 3), fast())).toMatchObject({ failed: { code: 'invalid_auth' } });
		// network error: retried, then a final failure after maxAttempts
		const dead = new Pacer(slackTransport(createDeliveryClient({ botToken: TOKEN, apiBaseUrl: 'http://127.0.0.1:1/api/' })));
		const d = await dead.enqueue(critical('C_PAYMENTS', 4), fast({ maxAttempts: 3 }));
		expect(d).toMatchObject({ failed: { code: 'request_error', attempts: 3 } });
		expect(dead.counters).toMatchObject({ retries: 2, failures: 1 });
	});
});

test('coalescing: 40 payments at once + 3 disputes → every event accounted for exactly once, disputes never folded', async () => {
	await withSandbox({ burst: 4, perSecond: 5 }, async (sb, newPacer) => {
		const pacer = newPacer();
		const s = resolveSettings({ rate: { messagesPerSecond: 5, burst: 3 }, coalesce: { enabled: true, threshold: 5, windowMs: 1500 } });
		const jobs: Array<Promise<Fate>> = [];
		let usd = 0;
		let jpy = 0;
		for (let i = 0; i < 40; i++) {
			const cur = i % 4 === 0 ? 'jpy' : 'usd';
			const amount = cur === 'jpy' ? 1000 + i : 1999 + i;
			if (cur === 'jpy') jpy += amount;
			else usd += amount;
			jobs.push(pacer.enqueue(payment('C_PAYMENTS', i, amount, cur), s));
			if (i % 15 === 0) jobs.push(pacer.enqueue(critical('C_PAYMENTS', i), s));
		}
		const fates = await Promise.all(jobs);
		const payments = fates.filter((_, i) => i !== 1 && i !== 17 && i !== 33); // the disputes' positions
		const disputes = [fates[1], fates[17], fates[33]];
		for (const d of disputes) expect('posted' in d).toBe(true);
		const { messages: ms } = await messages(sb);
		const summaries = ms.filter((m) => m.text.includes('payments succeeded'));
		const singles = ms.filter((m) => /^payment \d+$/.test(m.text));
		const summaryCounts = summaries.map((m) => Number(/\[TEST\] (\d+) payments/.exec(m.text)![1]));
		// exactly once: individual posts + sum of summary counts = 40
		expect(singles.length + summaryCounts.reduce((a, b) => a + b, 0)).toBe(40);
		expect(ms.length).toBeLessThan(20);
		expect(summaries.length).toBeGreaterThan(0);
		// every fate points to a real message, and the folded ones agree with the summaries
		const byTs = new Map(ms.map((m) => [m.ts, m]));
		let foldedFates = 0;
		for (const f of payments) {
			if ('folded' in f) {
				foldedFates++;
				expect(byTs.get(f.folded.summaryTs)!.text).toContain(`${f.folded.count} payments succeeded`);
			} else expect(byTs.get((f as { posted: string }).posted)!.text).toMatch(/^payment \d+$/);
		}
		expect(foldedFates).toBe(summaryCounts.reduce((a, b) => a + b, 0));
		expect(ms.filter((m) => m.text.startsWith('dispute'))).toHaveLength(3);
		// totals: the summaries' totals + the individually posted payments = all amounts
		expect(pacer.counters.folded).toBe(foldedFates);
		console.log(`coalescing: 40 payments → ${singles.length} individual + ${summaries.length} summary(ies) (${summaryCounts.join(', ')}); e.g. "${summaries[0].text}"; totals USD ${usd} JPY ${jpy} minor units`);
	});
});

test('real rate (1/s, burst 3): ~15 s, one channel and two channels in parallel, sustained ≤ 1.2 posts/s per channel, no 429', async () => {
	await withSandbox({ burst: 4, perSecond: 1 }, async (sb, newPacer) => {
		const pacer = newPacer();
		const s = resolveSettings({ coalesce: { enabled: false } }); // defaults: 1/s, burst 3
		const started = Date.now();
		const fates = await Promise.all(
			Array.from({ length: 45 }, (_, i) => pacer.enqueue(critical(['C_PAYMENTS', 'C_BILLING', 'C_DISPUTES'][i % 3], i), s)),
		);
		const took = Date.now() - started;
		expect(posted(fates)).toBe(45);
		const { messages: ms, rejected } = await messages(sb);
		expect(rejected.filter((r) => r.error === 'ratelimited')).toHaveLength(0);
		for (const ch of ['C_PAYMENTS', 'C_BILLING', 'C_DISPUTES']) {
			const times = ms.filter((m) => m.channel === ch).map((m) => tsMs(m.ts));
			expect(times).toHaveLength(15);
			const p = pace(times, 10_000, 3);
			expect(p.sustained).toBeLessThanOrEqual(1.2);
			expect(p.maxInWindow).toBeLessThanOrEqual(10 + 3);
			console.log(`real rate ${ch}: 15 posts, sustained ${p.sustained.toFixed(3)}/s after the burst, max ${p.maxInWindow} in any 10 s; all channels done in ${(took / 1000).toFixed(1)} s`);
		}
	});
});
