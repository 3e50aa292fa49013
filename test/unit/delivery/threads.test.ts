/**
 * Threads per Stripe object: the stores (memory; Redis at 127.0.0.1:6379 with two connections standing in
 * for two n8n processes) and `deliver` on the sandbox: 1 parent + replies, parent updates that never go
 * back in time, one parent when first messages race.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { closeSharedRedisClients, openRedisClient, type RedisClientLike } from '../../../nodes/shared/dedupe';
import { deliver, type DeliveryContext } from '../../../nodes/shared/delivery/deliver';
import { Pacer } from '../../../nodes/shared/delivery/pacer';
import { createDeliveryClient, slackTransport } from '../../../nodes/shared/delivery/slackTransport';
import { FileThreadBackend, FileThreadStore } from '../../../nodes/shared/delivery/fileThreads';
import { MemoryThreadBackend, MemoryThreadStore, RedisThreadStore, type ThreadStore } from '../../../nodes/shared/delivery/threads';
import { resolveSettings, type OutboundMessage } from '../../../nodes/shared/delivery/types';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

jest.setTimeout(30_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-threads-${randomUUID()}:`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threads-test-'));
// Each handle gets a backend of its own on one file: like separate processes sharing it.
const fileStore = () => new FileThreadStore(new FileThreadBackend(path.join(dir, 'threads.jsonl')), { prefix: `${prefix}f:` });
let sb: Sandbox;
let r1: RedisClientLike;
let r2: RedisClientLike;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, slackRateLimit: { burst: 50, perSecond: 50 }, seedTransactions: 0 });
	r1 = openRedisClient({ url: REDIS_URL });
	r2 = openRedisClient({ url: REDIS_URL });
});

afterAll(async () => {
	const keys = await (r1 as unknown as { keys(p: string): Promise<string[]> }).keys(`${prefix}*`);
	if (keys.length) await (r1 as unknown as { del(...k: string[]): Promise<number> }).del(...keys);
	await r1.quit();
	await r2.quit();
	closeSharedRedisClients();
	await sb.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
	await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
});

interface SbMessage {
	channel: string;
	ts: string;
	thread_ts: string | null;
	text: string;
	edits: unknown[];
}
const sbMessages = async (): Promise<SbMessage[]> => ((await (await fetch(`${sb.url}/_sandbox/slack/messages`)).json()) as { messages: SbMessage[] }).messages;

const newPacer = () => new Pacer(slackTransport(createDeliveryClient({ botToken: 'xoxb-sandbox-token', apiBaseUrl: `${sb.url}/api/` })));
const settings = resolveSettings({ rate: { messagesPerSecond: 20, burst: 5 } });

const subEvent = (i: number, text = `subscription event ${i}`): OutboundMessage => ({
	channel: 'C_BILLING',
	text,
	metadata: { event_id: `evt_s${i}`, category: 'subscription', severity: 'info', event_type: 'customer.subscription.updated', livemode: false },
});

describe.each([
	['memory', () => new MemoryThreadStore(new MemoryThreadBackend(), { prefix: `${prefix}m:` })],
	['redis', () => new RedisThreadStore(r1, { prefix: `${prefix}r:` })],
	['file', fileStore],
] as Array<[string, () => ThreadStore]>)('%s thread store', (_name, make) => {
	it('compare-and-set on created: older never overwrites newer; equal is accepted', async () => {
		const s = make();
		const k = `cas-${randomUUID()}`;
		expect(await s.get(k)).toBeNull();
		expect(await s.setIfNewer(k, { channel: 'C1', ts: '1.1', created: 200 })).toBe(true);
		expect(await s.setIfNewer(k, { channel: 'C1', ts: '1.1', created: 100 })).toBe(false);
		expect(await s.get(k)).toEqual({ channel: 'C1', ts: '1.1', created: 200 });
		expect(await s.setIfNewer(k, { channel: 'C1', ts: '1.1', created: 200 })).toBe(true);
		expect(await s.setIfNewer(k, { channel: 'C1', ts: '1.1', created: 300 })).toBe(true);
		expect((await s.get(k))!.created).toBe(300);
	});

	it('the creation lease: one holder at a time, released only by its owner', async () => {
		const s = make();
		const k = `lease-${randomUUID()}`;
		const t1 = await s.claimCreate(k, 5000);
		expect(t1).toEqual(expect.any(String));
		expect(await s.claimCreate(k, 5000)).toBeNull();
		await s.releaseCreate(k, 'not-mine');
		expect(await s.claimCreate(k, 5000)).toBeNull();
		await s.releaseCreate(k, t1!);
		expect(await s.claimCreate(k, 5000)).toEqual(expect.any(String));
	});

	it('5 events for one subscription at once → 1 parent + 4 replies', async () => {
		const ctx: DeliveryContext = { pacer: newPacer(), settings, store: make(), namespace: 'ns:' };
		const key = `sub_${randomUUID().slice(0, 8)}`;
		const results = await Promise.all([1, 2, 3, 4, 5].map((i) => deliver(ctx, { message: subEvent(i), threadKey: key, created: 1000 + i })));
		expect(results.every((r) => r.ok)).toBe(true);
		const parents = results.filter((r) => r.threadParent);
		expect(parents).toHaveLength(1);
		const ms = await sbMessages();
		expect(ms).toHaveLength(5);
		const top = ms.filter((m) => !m.thread_ts);
		expect(top).toHaveLength(1);
		expect(ms.filter((m) => m.thread_ts === top[0].ts)).toHaveLength(4);
		for (const r of results) expect(r.thread_ts).toBe(top[0].ts);
	});

	it('Update Parent in Place: a newer event updates the parent, an older one arriving late does not', async () => {
		const store = make();
		const ctx: DeliveryContext = { pacer: newPacer(), settings, store, namespace: 'ns:' };
		const key = `sub_${randomUUID().slice(0, 8)}`;
		const first = await deliver(ctx, { message: subEvent(1, 'state at 100'), threadKey: key, created: 100, updateParent: true });
		expect(first.threadParent).toBe(true);
		const newer = await deliver(ctx, { message: subEvent(3, 'state at 300'), threadKey: key, created: 300, updateParent: true });
		expect(newer).toMatchObject({ ok: true, parentUpdated: true, ts: first.ts });
		const older = await deliver(ctx, { message: subEvent(2, 'state at 200'), threadKey: key, created: 200, updateParent: true });
		expect(older).toMatchObject({ ok: true, parentUpdated: false, thread_ts: first.ts });
		expect(older.notes.join(' ')).toMatch(/older than the state shown in the parent/);
		const ms = await sbMessages();
		const parent = ms.find((m) => m.ts === first.ts)!;
		expect(parent.text).toBe('state at 300');
		expect(parent.edits).toHaveLength(1);
		expect(ms.find((m) => m.text === 'state at 200')!.thread_ts).toBe(first.ts);
		expect(await store.get(`ns:C_BILLING:${key}`)).toMatchObject({ created: 300 });
	});

	it('out-of-order updates queued together: only the newest state ends up in the parent', async () => {
		const ctx: DeliveryContext = { pacer: newPacer(), settings, store: make(), namespace: 'ns:' };
		const key = `sub_${randomUUID().slice(0, 8)}`;
		const first = await deliver(ctx, { message: subEvent(1, 'state at 100'), threadKey: key, created: 100, updateParent: true });
		const rs = await Promise.all([500, 300, 400, 200].map((c) => deliver(ctx, { message: subEvent(c, `state at ${c}`), threadKey: key, created: c, updateParent: true })));
		expect(rs.every((r) => r.ok)).toBe(true);
		const parent = (await sbMessages()).find((m) => m.ts === first.ts)!;
		expect(parent.text).toBe('state at 500');
	});
});

test('Redis, two processes (two connections, two pacers): racing first messages of one key → one parent', async () => {
	const a: DeliveryContext = { pacer: newPacer(), settings, store: new RedisThreadStore(r1, { prefix: `${prefix}race:` }), namespace: 'ns:' };
	const b: DeliveryContext = { pacer: newPacer(), settings, store: new RedisThreadStore(r2, { prefix: `${prefix}race:` }), namespace: 'ns:' };
	const key = `sub_${randomUUID().slice(0, 8)}`;
	const results = await Promise.all(
		Array.from({ length: 6 }, (_, i) => deliver(i % 2 ? a : b, { message: subEvent(i), threadKey: key, created: 1000 + i })),
	);
	expect(results.filter((r) => r.threadParent)).toHaveLength(1);
	const ms = await sbMessages();
	expect(ms.filter((m) => !m.thread_ts)).toHaveLength(1);
	expect(ms.filter((m) => m.thread_ts)).toHaveLength(5);
});
