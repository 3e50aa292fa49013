/**
 * Per-channel buckets shared in Redis (nodes/shared/delivery/buckets.ts) at 127.0.0.1:6379: two connections
 * stand in for two queue-mode workers. Tokens granted by both together stay within rate × time + burst; a
 * Retry-After one of them hears holds back the other; two pacers on the sandbox's Slack (10/s, burst 4)
 * get 429s with per-process buckets and none with the shared bucket.
 */
import { randomUUID } from 'crypto';
import { openRedisClient, type RedisClientLike } from '../../../nodes/shared/dedupe';
import { memoryGates, redisGates, type GateSource } from '../../../nodes/shared/delivery/buckets';
import { Pacer } from '../../../nodes/shared/delivery/pacer';
import { createDeliveryClient, slackTransport } from '../../../nodes/shared/delivery/slackTransport';
import { resolveSettings, type Fate } from '../../../nodes/shared/delivery/types';
import { choosePacing } from '../../../nodes/shared/delivery/stores';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

jest.setTimeout(60_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-pace-${randomUUID()}:`;
let r1: RedisClientLike;
let r2: RedisClientLike;
type Keys = { keys(p: string): Promise<string[]>; del(...k: string[]): Promise<number>; hgetall(k: string): Promise<Record<string, string>> };

beforeAll(() => {
	r1 = openRedisClient({ url: REDIS_URL });
	r2 = openRedisClient({ url: REDIS_URL });
});
afterAll(async () => {
	const keys = await (r1 as unknown as Keys).keys(`${prefix}*`);
	if (keys.length) await (r1 as unknown as Keys).del(...keys);
	await r1.quit();
	await r2.quit();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shared = (client: RedisClientLike, ns: string): GateSource => redisGates(client, 'test', ns, prefix);

test('two workers asking as fast as they can get at most burst + rate × time tokens between them', async () => {
	const ns = randomUUID();
	const rate = { messagesPerSecond: 20, burst: 5 };
	const gates = [shared(r1, ns).gate('C_ONE'), shared(r2, ns).gate('C_ONE')];
	const granted: number[] = [];
	const t0 = Date.now();
	await Promise.all(
		gates.map(async (g) => {
			while (Date.now() - t0 < 2000) {
				const w = await g.acquire(rate);
				if (w === 0) granted.push(Date.now() - t0);
				else await sleep(Math.min(w, 2000 - (Date.now() - t0)));
			}
		}),
	);
	// 2 s at 20/s plus the burst of 5: at most 45 (one more for the clock's edges), and not far below.
	expect(granted.length).toBeLessThanOrEqual(46);
	expect(granted.length).toBeGreaterThanOrEqual(38);
	// in any 1 s, at most rate + burst
	for (const t of granted) expect(granted.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(26);
	// per-process buckets would have given about twice as many
	const mem = [memoryGates().gate('C_ONE'), memoryGates().gate('C_ONE')];
	let memGranted = 0;
	const t1 = Date.now();
	await Promise.all(mem.map(async (g) => {
		while (Date.now() - t1 < 1000) {
			const w = await g.acquire(rate);
			if (w === 0) memGranted++;
			else await sleep(w);
		}
	}));
	expect(memGranted).toBeGreaterThanOrEqual(40);
});

test("a Retry-After heard by one worker holds back the other; the rate halves and recovers with successes", async () => {
	const ns = randomUUID();
	const rate = { messagesPerSecond: 10, burst: 3 };
	const a = shared(r1, ns).gate('C_TWO');
	const b = shared(r2, ns).gate('C_TWO');
	expect(await b.acquire(rate)).toBe(0);
	await a.rateLimited(800, rate);
	const wait = await b.acquire(rate);
	expect(wait).toBeGreaterThan(600);
	expect(wait).toBeLessThanOrEqual(800);
	const key = (await (r1 as unknown as Keys).keys(`${prefix}*C_TWO`))[0];
	expect(Number((await (r1 as unknown as Keys).hgetall(key)).rate)).toBe(5);
	for (let i = 0; i < 3; i++) await b.succeeded(rate);
	expect(Number((await (r1 as unknown as Keys).hgetall(key)).rate)).toBe(8);
	await a.rateLimited(10, rate);
	await a.rateLimited(10, rate);
	await a.rateLimited(10, rate);
	expect(Number((await (r1 as unknown as Keys).hgetall(key)).rate)).toBe(2.5); // never below a quarter
});

test('Redis unreachable: the bucket paces in memory and counts the fallback', async () => {
	const dead = openRedisClient({ url: 'redis://127.0.0.1:1' });
	try {
		const source = redisGates(dead, 'dead', 'ns', prefix);
		const g = source.gate('C_THREE');
		const rate = { messagesPerSecond: 1, burst: 2 };
		expect(await g.acquire(rate)).toBe(0);
		expect(await g.acquire(rate)).toBe(0);
		expect(await g.acquire(rate)).toBeGreaterThan(0);
		expect(source.fallbacks).toBe(3);
	} finally {
		dead.disconnect();
	}
});

test('the node option: Automatic shares pacing in Redis in queue mode or with a Redis URL, else memory', () => {
	expect((choosePacing('automatic', '', 'ns', {}) as GateSource).kind).toBe('memory');
	expect(choosePacing('redis', '', 'ns', {})).toMatch(/needs a Redis URL/);
	expect(choosePacing('automatic', 'redis:/x', 'ns', {})).toMatch(/must start with redis:\/\//);
	expect((choosePacing('memory', REDIS_URL, 'ns', {}) as GateSource).kind).toBe('memory');
});

describe('two pacers (two workers) posting to one channel of the sandbox Slack (10/s, burst 4)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, slackRateLimit: { burst: 4, perSecond: 10 }, seedTransactions: 0 });
	});
	afterAll(() => sb.close());

	async function burst(make: () => GateSource): Promise<{ fates: Fate[]; rejected: number; posts: number; counted429: number }> {
		await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
		const settings = resolveSettings({ rate: { messagesPerSecond: 8, burst: 3 }, coalesce: { enabled: false } });
		const pacers = [0, 1].map(() => new Pacer(slackTransport(createDeliveryClient({ botToken: 'xoxb-sandbox-token', apiBaseUrl: `${sb.url}/api/` })), make()));
		const fates = await Promise.all(
			Array.from({ length: 40 }, (_, i) => pacers[i % 2].enqueue({ channel: 'C_PAYMENTS', text: `message ${i}` }, settings)),
		);
		const seen = (await (await fetch(`${sb.url}/_sandbox/slack/messages`)).json()) as { messages: unknown[]; rejected: Array<{ error: string }> };
		return {
			fates,
			rejected: seen.rejected.filter((r) => r.error === 'ratelimited').length,
			posts: seen.messages.length,
			counted429: pacers[0].counters.rateLimited + pacers[1].counters.rateLimited,
		};
	}

	it('per-process buckets: the two together go over the channel limit and get 429s', async () => {
		const r = await burst(memoryGates);
		expect(r.rejected).toBeGreaterThan(0);
		expect(r.counted429).toBe(r.rejected);
		expect(r.posts).toBe(40); // still delivered: the 429s were waited out
	});

	it('buckets shared in Redis: no 429, every message posted once', async () => {
		const ns = randomUUID();
		let n = 0;
		const r = await burst(() => shared(n++ % 2 ? r2 : r1, ns));
		expect(r.rejected).toBe(0);
		expect(r.posts).toBe(40);
		expect(r.fates.every((f) => 'posted' in f)).toBe(true);
	});
});
