/**
 * The outbox stores (nodes/shared/delivery/outboxFile.ts, outboxRedis.ts at 127.0.0.1:6379) against one contract:
 * entries come back oldest first, one per event and channel, in flight until their run settles them, gone once
 * done; a restarted process (file) or an expired lease (Redis) leaves a dead run's entries waiting; a line cut
 * by a crash is never read; one drain lease at a time.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { openRedisClient, type RedisClientLike } from '../../../nodes/shared/redis';
import { FileOutboxStore, forgetFileOutboxProcessState } from '../../../nodes/shared/delivery/outboxFile';
import { RedisOutboxStore } from '../../../nodes/shared/delivery/outboxRedis';
import { batchId, entryId, entryKey, type OutboxEntry, type OutboxStore } from '../../../nodes/shared/delivery/outboxTypes';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-outbox-${randomUUID()}:`;
let redis: RedisClientLike;
const dirs: string[] = [];

beforeAll(() => {
	redis = openRedisClient({ url: REDIS_URL });
});
afterAll(async () => {
	const r = redis as unknown as { keys(p: string): Promise<string[]>; del(...k: string[]): Promise<number> };
	const keys = await r.keys(`${prefix}*`);
	if (keys.length) await r.del(...keys);
	await redis.quit();
	for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function entries(channel: string, batch: string, ids: Array<string | null>, queuedAt = Date.now()): OutboxEntry[] {
	return ids.map((eventId, i) => {
		const key = entryKey(batch, i);
		return { key, id: entryId(eventId, channel, key), batch, channel, eventId, message: { text: `message ${eventId ?? i}` }, threadKey: '', updateParent: false, created: 1, queuedAt };
	});
}

const kinds: Array<[string, () => OutboxStore, { restart: () => void }]> = [
	[
		'file',
		() => {
			const d = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-store-'));
			dirs.push(d);
			return new FileOutboxStore(d);
		},
		{ restart: forgetFileOutboxProcessState },
	],
	['redis', () => new RedisOutboxStore(redis, { prefix, flightMs: 300 }), { restart: () => undefined }],
];

describe.each(kinds)('%s outbox store', (kind, make, process) => {
	test('oldest first across batches, one entry per event and channel, in flight until settled, gone once done', async () => {
		const store = make();
		const ns = `ns-${randomUUID().slice(0, 8)}`;
		const b1 = batchId(Date.now(), randomUUID());
		const b2 = batchId(Date.now(), randomUUID());
		expect(b1 < b2).toBe(true);
		expect(await store.add(ns, 'C1', b1, entries('C1', b1, ['evt_1', 'evt_2']))).toEqual({ duplicates: [], posted: {} });
		// the same event again (a redelivery while it waits) is not added twice; a message without an event id always is
		expect(await store.add(ns, 'C1', b2, entries('C1', b2, ['evt_2', 'evt_3', null]))).toEqual({ duplicates: ['evt_2|C1'], posted: {} });
		let list = await store.list(ns, 'C1');
		expect(list.map((e) => e.eventId)).toEqual(['evt_1', 'evt_2', 'evt_3', null]);
		expect(list.every((e) => e.inFlight)).toBe(true);
		expect((await store.channels(ns)).map((c) => [c.channel, c.waiting])).toEqual([['C1', 0]]); // nothing waits: a run sends them

		await store.settle(ns, [b1]);
		list = await store.list(ns, 'C1');
		expect(list.map((e) => e.inFlight)).toEqual([false, false, true, true]);
		await store.done(ns, 'C1', [list[0].key]);
		expect((await store.list(ns, 'C1')).map((e) => e.eventId)).toEqual(['evt_2', 'evt_3', null]);
		// done frees the event id: the same event may be queued again later
		const b3 = batchId(Date.now(), randomUUID());
		expect(await store.add(ns, 'C1', b3, entries('C1', b3, ['evt_1']))).toEqual({ duplicates: [], posted: {} });
		await store.settle(ns, [b2, b3]);
		const [c] = await store.channels(ns);
		expect([c.channel, c.waiting]).toEqual(['C1', 4]);
		await store.done(ns, 'C1', (await store.list(ns, 'C1')).map((e) => e.key));
		expect(await store.list(ns, 'C1')).toEqual([]);
		expect(await store.channels(ns)).toEqual([]);
	});

	test('a run that dies leaves its entries waiting (restart, or its lease running out)', async () => {
		const store = make();
		const ns = `ns-${randomUUID().slice(0, 8)}`;
		const b = batchId(Date.now(), randomUUID());
		await store.add(ns, 'C2', b, entries('C2', b, ['evt_a', 'evt_b']));
		expect((await store.list(ns, 'C2')).every((e) => e.inFlight)).toBe(true);
		process.restart();
		if (kind === 'redis') await new Promise((r) => setTimeout(r, 400)); // flightMs 300, not renewed
		expect((await store.list(ns, 'C2')).map((e) => [e.eventId, e.inFlight])).toEqual([
			['evt_a', false],
			['evt_b', false],
		]);
		expect((await store.channels(ns))[0].waiting).toBe(2);
	});

	test('state and the drain lease', async () => {
		const store = make();
		const ns = `ns-${randomUUID().slice(0, 8)}`;
		expect(await store.getState(ns, 'C3')).toBeNull();
		await store.setState(ns, 'C3', { since: 1, reason: 'Slack unreachable (HTTP 503)', nextAttemptAt: 2, attempts: 1 });
		expect(await store.getState(ns, 'C3')).toEqual({ since: 1, reason: 'Slack unreachable (HTTP 503)', nextAttemptAt: 2, attempts: 1 });
		const t = await store.lease(ns, 'C3', 60_000);
		expect(t).toBeTruthy();
		expect(await store.lease(ns, 'C3', 60_000)).toBeNull();
		await store.unlease(ns, 'C3', 'not-the-token');
		expect(await store.lease(ns, 'C3', 60_000)).toBeNull();
		await store.unlease(ns, 'C3', t!);
		const again = await store.lease(ns, 'C3', 60_000);
		expect(again).toBeTruthy();
		await store.unlease(ns, 'C3', again!);
		await store.setState(ns, 'C3', null);
		expect(await store.getState(ns, 'C3')).toBeNull();
	});
});

test('file: a batch line cut by a crash is not read, the lines before it are', async () => {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-cut-'));
	dirs.push(d);
	const store = new FileOutboxStore(d);
	const b = batchId(Date.now(), randomUUID());
	await store.add('ns', 'C4', b, entries('C4', b, ['evt_x']));
	const [dir] = fs.readdirSync(path.join(d, 'ns')).map((h) => path.join(d, 'ns', h));
	const file = path.join(dir, `b-${b}.jsonl`);
	fs.appendFileSync(file, '{"key":"half'); // the crash
	forgetFileOutboxProcessState();
	expect((await store.list('ns', 'C4')).map((e) => e.eventId)).toEqual(['evt_x']);
});
