/**
 * Slack Post's posted ledger (nodes/shared/delivery/outboxFile.ts, outboxRedis.ts at 127.0.0.1:6379, and the
 * session in outbox.ts on the in-process sandbox's Slack): an event Slack took comes back from `add` as a
 * duplicate with its mark, across a restart and a new store instance, until the mark expires; entries given up
 * or without an event id are not remembered; the file is compacted; and a session answers a re-sent event from
 * the mark (`alreadyPosted`, where it went) without calling Slack — alone, folded into a summary, in a thread,
 * or as an update of the thread's parent in place.
 */
import * as fs from 'fs';
import * as path from 'path';
import { randomUUID } from 'crypto';
import type { DeliveryContext } from '../../../nodes/shared/delivery/deliver';
import { OutboxSession, type QueuedResult } from '../../../nodes/shared/delivery/outbox';
import { FileOutboxStore, forgetFileOutboxProcessState } from '../../../nodes/shared/delivery/outboxFile';
import { RedisOutboxStore } from '../../../nodes/shared/delivery/outboxRedis';
import { batchId, entryId, entryKey, type OutboxEntry, type OutboxStore, type PostedMark } from '../../../nodes/shared/delivery/outboxTypes';
import { MemoryThreadStore } from '../../../nodes/shared/delivery/threads';
import { type OutboundMessage } from '../../../nodes/shared/delivery/types';
import { outboxHarness } from './harness';

jest.setTimeout(60_000);

const h = outboxHarness('posted');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function entries(channel: string, batch: string, ids: Array<string | null>): OutboxEntry[] {
	return ids.map((eventId, i) => {
		const key = entryKey(batch, i);
		return { key, id: entryId(eventId, channel, key), batch, channel, eventId, message: { text: `message ${eventId ?? i}` }, threadKey: '', updateParent: false, created: 1, queuedAt: Date.now() };
	});
}

const mark = (e: OutboxEntry, ts: string, extra: Partial<PostedMark> = {}): PostedMark => ({ id: e.id, ts, at: Date.now(), ...extra });

/** A store kind: a new instance (a new process: the file store forgets what it read), optionally with a short TTL. */
const kinds: Array<[string, (root: string, ttl?: number) => OutboxStore, () => void]> = [
	['file', (root, ttl) => new FileOutboxStore(root, ttl ? { postedTtlMs: ttl } : {}), forgetFileOutboxProcessState],
	['redis', (_root, ttl) => new RedisOutboxStore(h.redis(), { prefix: h.prefix, flightMs: 200, ...(ttl ? { postedTtlMs: ttl } : {}) }), () => undefined],
];

const tempDir = h.tempDir;

describe.each(kinds)('%s store: the posted ledger', (kind, make, restart) => {
	test('posted ids come back as duplicates with their mark, after a restart too; given-up and id-less entries do not', async () => {
		const root = tempDir();
		const ns = `ns-${randomUUID().slice(0, 8)}`;
		let store = make(root);
		const b1 = batchId(Date.now(), randomUUID());
		const [e1, e2, e3, none] = entries('C1', b1, ['evt_p1', 'evt_p2', 'evt_p3', null]);
		expect(await store.add(ns, 'C1', b1, [e1, e2, e3, none])).toEqual({ duplicates: [], posted: {} });
		const summary = { summaryTs: '1700000000.000200', count: 2 };
		const m1 = mark(e1, '1700000000.000100', { threadTs: '1700000000.000050' });
		const m2 = mark(e2, summary.summaryTs, { folded: summary });
		await store.done(ns, 'C1', [e1.key, e2.key, none.key], [m1, m2]);
		await store.done(ns, 'C1', [e3.key]); // given up: no mark
		await store.settle(ns, [b1]);

		restart();
		store = make(root);
		const b2 = batchId(Date.now(), randomUUID());
		const again = entries('C1', b2, ['evt_p1', 'evt_p2', 'evt_p3', null, 'evt_p4']);
		const r = await store.add(ns, 'C1', b2, again);
		expect(r.duplicates.sort()).toEqual(['evt_p1|C1', 'evt_p2|C1']);
		expect(r.posted).toEqual({ 'evt_p1|C1': m1, 'evt_p2|C1': m2 });
		// evt_p3 (given up), the message without an event id and the new event are in the outbox again
		expect((await store.list(ns, 'C1')).map((e) => e.eventId)).toEqual(['evt_p3', null, 'evt_p4']);
		// the same event in another channel is another entry
		const b3 = batchId(Date.now(), randomUUID());
		expect(await store.add(ns, 'C2', b3, entries('C2', b3, ['evt_p1']))).toEqual({ duplicates: [], posted: {} });
		// and another connection (namespace) has its own ledger
		expect((await store.add(`${ns}-other`, 'C1', b3, entries('C1', b3, ['evt_p1']))).duplicates).toEqual([]);
	});

	test('a mark expires: after its time the event may be posted again', async () => {
		const root = tempDir();
		const ns = `ns-${randomUUID().slice(0, 8)}`;
		const store = make(root, 300);
		const b1 = batchId(Date.now(), randomUUID());
		const [e] = entries('C1', b1, ['evt_x1']);
		await store.add(ns, 'C1', b1, [e]);
		await store.done(ns, 'C1', [e.key], [mark(e, '1.1')]);
		const b2 = batchId(Date.now(), randomUUID());
		expect((await store.add(ns, 'C1', b2, entries('C1', b2, ['evt_x1']))).duplicates).toEqual(['evt_x1|C1']);
		await sleep(450);
		restart();
		const b3 = batchId(Date.now(), randomUUID());
		expect(await make(root, 300).add(ns, 'C1', b3, entries('C1', b3, ['evt_x1']))).toEqual({ duplicates: [], posted: {} });
		expect(kind === 'redis' ? await h.redis().get(`${h.prefix}${ns}:pd:evt_x1|C1`) : null).toBeNull();
	});
});

describe('file store: the ledger file', () => {
	const ledgerFile = (root: string, ns: string) => {
		const [h] = fs.readdirSync(path.join(root, ns));
		return path.join(root, ns, h, 'posted.jsonl');
	};
	const lines = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);

	test('expired marks are dropped from the file when a process reads it; a line cut by a crash is not read', async () => {
		const root = tempDir();
		const store = new FileOutboxStore(root, { postedTtlMs: 300 });
		const b = batchId(Date.now(), randomUUID());
		const es = entries('C1', b, ['evt_c1', 'evt_c2']);
		await store.add('ns', 'C1', b, es);
		await store.done('ns', 'C1', [es[0].key], [mark(es[0], '1.1')]);
		const file = ledgerFile(root, 'ns');
		expect(lines(file)).toHaveLength(1);
		await sleep(400);
		await store.done('ns', 'C1', [es[1].key], [mark(es[1], '1.2')]);
		// the sweep (at most once per TTL here) rewrote the file with the live mark only
		expect(lines(file).map((l) => JSON.parse(l).id)).toEqual(['evt_c2|C1']);
		fs.appendFileSync(file, '{"id":"evt_c3|C1","ts":"1.3","at":'); // the crash
		forgetFileOutboxProcessState();
		const b2 = batchId(Date.now(), randomUUID());
		expect((await new FileOutboxStore(root, { postedTtlMs: 300 }).add('ns', 'C1', b2, entries('C1', b2, ['evt_c2', 'evt_c3']))).duplicates).toEqual(['evt_c2|C1']);
		await sleep(400);
		forgetFileOutboxProcessState();
		const b3 = batchId(Date.now(), randomUUID());
		await new FileOutboxStore(root, { postedTtlMs: 300 }).add('ns', 'C1', b3, entries('C1', b3, ['evt_c9']));
		expect(fs.existsSync(file)).toBe(false); // every mark expired: the file is gone
	});

	test('a file with far more lines than live marks is compacted as it grows', async () => {
		const root = tempDir();
		const store = new FileOutboxStore(root);
		const b = batchId(Date.now(), randomUUID());
		const [e] = entries('C1', b, ['evt_same']);
		await store.add('ns', 'C1', b, [e]);
		// the same mark written again and again (each write one line): the file is rewritten once it passes the bound
		for (let i = 0; i < 11; i++) await store.done('ns', 'C1', [], Array.from({ length: 100 }, (_, j) => mark(e, `1.${i * 100 + j}`)));
		const kept = lines(ledgerFile(root, 'ns'));
		expect(kept.length).toBeLessThan(200);
		expect(kept.length).toBeGreaterThan(0);
		forgetFileOutboxProcessState();
		const b2 = batchId(Date.now(), randomUUID());
		const r = await new FileOutboxStore(root).add('ns', 'C1', b2, entries('C1', b2, ['evt_same']));
		expect(r.posted['evt_same|C1'].ts).toBe('1.1099'); // the latest mark wins
	});
});

// ------------------------------------------------------------------ the session on the sandbox's Slack

const opts = { giveUpAfterMs: 86_400_000, timeZone: 'UTC', threshold: 5 };

const delivery = (threads = new MemoryThreadStore()): DeliveryContext => h.delivery(threads);

interface SbMessage {
	channel: string;
	ts: string;
	thread_ts?: string;
	text: string;
	edited?: unknown;
}
const slack = () => h.slack<SbMessage>();

const payment = (i: number, eventId: string | null = `evt_q${String(i).padStart(3, '0')}`): OutboundMessage => ({
	channel: 'C_PAYMENTS',
	text: `Payment received: $${i}.00`,
	metadata: { event_id: eventId, category: 'payment', severity: 'success', event_type: 'payment_intent.succeeded', amount: i * 100, currency: 'usd', livemode: false },
});

describe.each(kinds)('a session with the %s store', (_kind, make, restart) => {
	test('an event sent again after a restart is answered from the ledger, Slack not called; one without an event id is posted again', async () => {
		const root = tempDir();
		const d = delivery();
		const run1 = new OutboxSession(d, make(root), opts);
		const [first, plain] = await Promise.all([run1.send({ message: payment(1), created: 1 }), run1.send({ message: payment(2, null), created: 2 })]);
		await run1.close();
		expect(first.ok && first.ts).toBeTruthy();
		restart();
		const run2 = new OutboxSession(d, make(root), opts);
		const again = (await run2.send({ message: payment(1), created: 1 })) as QueuedResult;
		const plainAgain = await run2.send({ message: payment(2, null), created: 2 });
		await run2.close();
		expect(again).toMatchObject({ ok: true, ts: first.ts, alreadyPosted: { at: expect.any(String) } });
		expect(plainAgain.ok && plainAgain.ts).not.toBe(plain.ts);
		expect((await slack()).messages.map((m) => m.text).sort()).toEqual(['Payment received: $1.00', 'Payment received: $2.00', 'Payment received: $2.00']);
	});

	test('a channel named `#name`: the answer from the ledger names the channel Slack answered with (its id)', async () => {
		const root = tempDir();
		const d = delivery();
		const byName = { ...payment(5), channel: '#payments' };
		const run1 = new OutboxSession(d, make(root), opts);
		const first = await run1.send({ message: byName, created: 5 });
		await run1.close();
		restart();
		const run2 = new OutboxSession(d, make(root), opts);
		const again = (await run2.send({ message: byName, created: 5 })) as QueuedResult;
		await run2.close();
		expect(first.channel).toBe('C_PAYMENTS');
		expect([again.channel, again.ts, !!again.alreadyPosted]).toEqual(['C_PAYMENTS', first.ts, true]);
		expect((await slack()).messages).toHaveLength(1);
	});

	test('every event folded into a posted summary counts as posted: sent again, each points at the summary', async () => {
		const root = tempDir();
		const d = delivery();
		const store = make(root);
		// what killed runs leave: eight entries waiting, then one drain folds them into a summary
		const b = batchId(Date.now(), randomUUID());
		const waiting = Array.from({ length: 8 }, (_, i): OutboxEntry => {
			const m = payment(i + 1);
			return { key: entryKey(b, i), id: entryId(m.metadata!.event_id, 'C_PAYMENTS', ''), batch: b, channel: 'C_PAYMENTS', eventId: m.metadata!.event_id as string, message: { text: m.text, metadata: m.metadata }, threadKey: '', updateParent: false, created: i + 1, queuedAt: Date.now() };
		});
		await store.add(d.namespace!, 'C_PAYMENTS', b, waiting);
		await store.settle(d.namespace!, [b]);
		const drain = new OutboxSession(d, store, opts);
		const report = await drain.drainDue('C_PAYMENTS');
		await drain.close();
		expect([report.posted.size, report.summaries]).toEqual([8, 1]);
		const summaryTs = (await slack()).messages[0].ts;
		restart();
		const rerun = new OutboxSession(d, make(root), opts);
		const results = await Promise.all(Array.from({ length: 8 }, (_, i) => rerun.send({ message: payment(i + 1), created: i + 1 })));
		await rerun.close();
		expect(results.map((r) => [r.ok, r.ts, r.folded])).toEqual(results.map(() => [true, summaryTs, { summaryTs, count: 8 }]));
		expect((await slack()).messages).toHaveLength(1);
	});

	test('threads: the parent, a reply and an update of the parent in place, each sent again, change nothing in Slack', async () => {
		const root = tempDir();
		const d = delivery();
		const send = (s: OutboxSession, i: number, updateParent: boolean) => s.send({ message: payment(i), threadKey: 'sub_1', updateParent, created: 100 + i });
		const run1 = new OutboxSession(d, make(root), opts);
		const parent = await send(run1, 1, false);
		const reply = await send(run1, 2, false);
		const update = await send(run1, 3, true);
		await run1.close();
		expect([parent.threadParent, reply.thread_ts, update.parentUpdated]).toEqual([true, parent.ts, true]);
		const before = await slack();
		restart();
		const run2 = new OutboxSession(d, make(root), opts);
		const again = [await send(run2, 1, false), await send(run2, 2, false), await send(run2, 3, true)] as QueuedResult[];
		await run2.close();
		expect(again.map((r) => [r.ok, r.ts, r.thread_ts, !!r.alreadyPosted])).toEqual([
			[true, parent.ts, parent.ts, true],
			[true, reply.ts, parent.ts, true],
			[true, parent.ts, parent.ts, true],
		]);
		// a new event still threads under the same parent
		const run3 = new OutboxSession(d, make(root), opts);
		const next = await send(run3, 4, false);
		await run3.close();
		expect(next.thread_ts).toBe(parent.ts);
		const after = await slack();
		expect(after.messages).toHaveLength(before.messages.length + 1);
		expect(after.rejected).toEqual(before.rejected);
	});
});
