/**
 * Slack Post's outbox at work (nodes/shared/delivery/outbox.ts) on the in-process sandbox's Slack, with the file
 * store and the Redis store: Slack answering 503 keeps the messages (the run's items say `queued`), later ones wait
 * behind without spending Slack calls, and once Slack answers a drain posts them in order (alone, or folded into
 * one outage summary that lists every event), each exactly once, across a "crash" of the run that wrote them;
 * entries past the age limit are given up with one alert.
 */
import { randomUUID } from 'crypto';
import type { DeliveryContext } from '../../../nodes/shared/delivery/deliver';
import { OutboxSession, type QueuedResult } from '../../../nodes/shared/delivery/outbox';
import { FileOutboxStore, forgetFileOutboxProcessState } from '../../../nodes/shared/delivery/outboxFile';
import { RedisOutboxStore } from '../../../nodes/shared/delivery/outboxRedis';
import { batchId, entryId, entryKey, type OutboxEntry, type OutboxStore } from '../../../nodes/shared/delivery/outboxTypes';
import { type OutboundMessage } from '../../../nodes/shared/delivery/types';
import { outboxHarness } from './harness';

jest.setTimeout(60_000);

const h = outboxHarness('session');


const delivery = (): DeliveryContext => h.delivery();

async function faults(slack: Record<string, number>): Promise<void> {
	await fetch(`${h.sb().url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slack }) });
}

interface SbMessage {
	channel: string;
	ts: string;
	text: string;
	blocks?: unknown[];
}
const slack = () => h.slack<SbMessage>();

const payment = (i: number, channel = 'C_PAYMENTS'): OutboundMessage => ({
	channel,
	text: `Payment received: $${i}.00`,
	blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `event \`evt_o${String(i).padStart(3, '0')}\`` }] }],
	metadata: { event_id: `evt_o${String(i).padStart(3, '0')}`, category: 'payment', severity: 'success', event_type: 'payment_intent.succeeded', amount: i * 100, currency: 'usd', livemode: false },
});

const stores: Array<[string, () => OutboxStore, () => void]> = [
	[
		'file',
		() => {
			return new FileOutboxStore(h.tempDir());
		},
		forgetFileOutboxProcessState,
	],
	['redis', () => new RedisOutboxStore(h.redis(), { prefix: h.prefix, flightMs: 200 }), () => undefined],
];

/** Each event id: how many Slack messages carry it. */
function carried(messages: SbMessage[], ids: string[]): number[] {
	return ids.map((id) => messages.filter((m) => JSON.stringify(m).includes('`' + id + '`')).length);
}

describe.each(stores)('with the %s store', (_kind, makeStore, restart) => {
	test('Slack down: runs succeed with their items queued; back up: one drain posts all, folded, each event once', async () => {
		const store = makeStore();
		const d = delivery();
		const opts = { giveUpAfterMs: 86_400_000, timeZone: 'UTC', threshold: 5 };
		await faults({ fail5xx: 1 });
		const run1 = new OutboxSession(d, store, opts);
		const r1 = (await run1.send({ message: payment(1), created: 1 })) as QueuedResult;
		await run1.close();
		expect(r1.queued?.reason).toBe('Slack unreachable (HTTP 503)');
		const callsAfterFirst = (await slack()).rejected.length;
		expect(callsAfterFirst).toBe(2); // its retry budget (2 attempts here)

		// Later runs wait behind it at once: no Slack call spent, order kept
		for (let i = 2; i <= 8; i++) {
			const run = new OutboxSession(d, store, opts);
			const r = (await run.send({ message: payment(i), created: i })) as QueuedResult;
			await run.close();
			expect(r.queued?.reason).toMatch(/^Waiting behind earlier messages for this channel: Slack unreachable \(HTTP 503\)/);
		}
		expect((await slack()).rejected.length).toBe(callsAfterFirst);
		expect((await slack()).messages).toHaveLength(0);

		// The trigger's drain while Slack is still down: stops at once, backs off, keeps everything
		await store.setState(d.namespace!, 'C_PAYMENTS', { ...(await store.getState(d.namespace!, 'C_PAYMENTS'))!, nextAttemptAt: 0 });
		const failing = new OutboxSession(d, store, opts);
		const still = await failing.drainDue('C_PAYMENTS');
		await failing.close();
		expect([still.posted.size, still.waiting, still.stopped]).toEqual([0, 8, 'Slack unreachable (HTTP 503)']);
		expect(still.state!.nextAttemptAt).toBeGreaterThan(Date.now() + 20_000);
		const notDue = new OutboxSession(d, store, opts);
		expect((await notDue.drainDue('C_PAYMENTS')).stopped).toMatch(/^next attempt at/);

		// A "crash" of every process (file: a new process; Redis: leases ran out): nothing is lost
		restart();
		await faults({});
		await store.setState(d.namespace!, 'C_PAYMENTS', { ...(await store.getState(d.namespace!, 'C_PAYMENTS'))!, nextAttemptAt: 0 });
		const drain = new OutboxSession(d, store, opts);
		const report = await drain.drainDue('C_PAYMENTS');
		await drain.close();
		expect([report.posted.size, report.summaries, report.waiting, report.state]).toEqual([8, 1, 0, null]);
		const { messages } = await slack();
		expect(messages).toHaveLength(1);
		expect(messages[0].text).toMatch(/^8 alerts held while Slack was unreachable, \d\d:\d\d to \d\d:\d\d UTC$/);
		const ids = Array.from({ length: 8 }, (_, i) => `evt_o${String(i + 1).padStart(3, '0')}`);
		expect(carried(messages, ids)).toEqual(ids.map(() => 1));
		// listed oldest first
		const text = JSON.stringify(messages[0].blocks);
		expect(ids.map((id) => text.indexOf(id))).toEqual([...ids.map((id) => text.indexOf(id))].sort((a, b) => a - b));
		expect(JSON.stringify(messages[0].blocks)).toContain('Totals: $36.00 USD');

		// Nothing left: a second drain posts nothing
		const again = new OutboxSession(d, store, opts);
		expect((await again.drainDue('C_PAYMENTS')).posted.size).toBe(0);
		expect((await slack()).messages).toHaveLength(1);
		expect(await store.channels(d.namespace!)).toEqual([]);
	});

	test('a few waiting messages go out alone, oldest first, before the new one of the run that drains them', async () => {
		const store = makeStore();
		const d = delivery();
		const opts = { giveUpAfterMs: 86_400_000, timeZone: 'UTC', threshold: 5 };
		await faults({ fail5xx: 1 });
		for (let i = 1; i <= 3; i++) {
			const run = new OutboxSession(d, store, opts);
			await run.send({ message: payment(i), created: i });
			await run.close();
		}
		await faults({});
		await store.setState(d.namespace!, 'C_PAYMENTS', { ...(await store.getState(d.namespace!, 'C_PAYMENTS'))!, nextAttemptAt: 0 });
		const run = new OutboxSession(d, store, opts);
		const r = await run.send({ message: payment(4), created: 4 });
		await run.close();
		expect(r.ok).toBe(true);
		const { messages } = await slack();
		expect(messages.map((m) => m.text)).toEqual(['Payment received: $1.00', 'Payment received: $2.00', 'Payment received: $3.00', 'Payment received: $4.00']);
		expect(messages.map((m) => Number(m.ts))).toEqual(messages.map((m) => Number(m.ts)).sort((a, b) => a - b));
		expect(await store.getState(d.namespace!, 'C_PAYMENTS')).toBeNull();
	});

	test('a write-ahead entry whose run died before sending is posted by the next drain, once', async () => {
		const store = makeStore();
		const d = delivery();
		const ns = d.namespace!;
		// what a run leaves when it is killed between writing and sending
		const b = batchId(Date.now(), randomUUID());
		const e: OutboxEntry = { key: entryKey(b, 0), id: entryId('evt_o042', 'C_PAYMENTS', ''), batch: b, channel: 'C_PAYMENTS', eventId: 'evt_o042', message: { text: payment(42).text, blocks: payment(42).blocks, metadata: payment(42).metadata }, threadKey: '', updateParent: false, created: 42, queuedAt: Date.now() };
		await store.add(ns, 'C_PAYMENTS', b, [e]);
		restart();
		if (_kind === 'redis') await new Promise((r) => setTimeout(r, 300));
		const opts = { giveUpAfterMs: 86_400_000, timeZone: 'UTC', threshold: 5 };
		const [one, two] = [new OutboxSession(d, store, opts), new OutboxSession(d, store, opts)];
		const reports = await Promise.all([one.drainDue('C_PAYMENTS'), two.drainDue('C_PAYMENTS')]); // two drains at once: one lease
		expect(reports.map((r) => r.posted.size).sort()).toEqual([0, 1]);
		expect(carried((await slack()).messages, ['evt_o042'])).toEqual([1]);
	});

	test('entries past the age limit are given up with one alert that names them, never one per attempt', async () => {
		const store = makeStore();
		const d = delivery();
		const ns = d.namespace!;
		const b = batchId(Date.now() - 25 * 3_600_000, randomUUID());
		const old = [1, 2, 3].map((i): OutboxEntry => {
			const m = payment(i, 'C_BILLING_ALERTS');
			return { key: entryKey(b, i), id: entryId(m.metadata!.event_id, 'C_BILLING_ALERTS', ''), batch: b, channel: 'C_BILLING_ALERTS', eventId: m.metadata!.event_id as string, message: { text: m.text, metadata: m.metadata }, threadKey: '', updateParent: false, created: i, queuedAt: Date.now() - 25 * 3_600_000 + i * 60_000 };
		});
		await store.add(ns, 'C_BILLING_ALERTS', b, old);
		await store.settle(ns, [b]);
		const opts = { giveUpAfterMs: 24 * 3_600_000, timeZone: 'UTC', threshold: 5 };
		const s = new OutboxSession(d, store, opts);
		const report = await s.drainDue('C_BILLING_ALERTS');
		expect(report.givenUp.map((g) => g.entry.eventId)).toEqual(['evt_o001', 'evt_o002', 'evt_o003']);
		expect(report.alertError).toBeUndefined();
		const second = await new OutboxSession(d, store, opts).drainDue('C_BILLING_ALERTS');
		expect(second.givenUp).toEqual([]);
		const { messages } = await slack();
		expect(messages).toHaveLength(1);
		expect(messages[0].text).toMatch(/^3 Stripe alerts were given up: not posted to this channel \(\d\d:\d\d to \d\d:\d\d UTC\)\. they waited more than 24 h for Slack$/);
		expect(carried(messages, ['evt_o001', 'evt_o002', 'evt_o003'])).toEqual([1, 1, 1]);
	});
});

test('a permanent mistake is not kept: channel_not_found fails the item as before and leaves nothing waiting', async () => {
	const store = new FileOutboxStore(h.tempDir());
	const ctx = delivery();
	const run = new OutboxSession(ctx, store, { giveUpAfterMs: 86_400_000, timeZone: 'UTC', threshold: 5 });
	const r = (await run.send({ message: payment(1, 'C_NOPE'), created: 1 })) as QueuedResult;
	await run.close();
	expect(r.queued).toBeUndefined();
	expect(r.error?.code).toBe('channel_not_found');
	expect(await store.channels(ctx.namespace!)).toEqual([]);
});
