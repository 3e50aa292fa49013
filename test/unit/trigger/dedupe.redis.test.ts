/**
 * RedisStore against the real Redis at 127.0.0.1:6379 (started by CI; REDIS_URL overrides), with two store
 * instances on two connections standing in for two n8n processes (queue mode), and the node using it.
 */
import { randomUUID } from 'crypto';

import {
	RedisStore,
	closeSharedRedisClients,
	openRedisClient,
	queueModeRedisFromEnv,
	type RedisClientLike,
} from '../../../nodes/shared/dedupe';
import { callWebhook, fixtureText, sign } from './harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-dedupe-${randomUUID()}:`;

let c1: RedisClientLike;
let c2: RedisClientLike;
let p1: RedisStore;
let p2: RedisStore;

beforeAll(() => {
	c1 = openRedisClient({ url: REDIS_URL });
	c2 = openRedisClient({ url: REDIS_URL });
	p1 = new RedisStore(c1, { prefix });
	p2 = new RedisStore(c2, { prefix });
});

afterAll(async () => {
	const keys = (await (c1 as unknown as { keys(p: string): Promise<string[]> }).keys(`${prefix}*`)) ?? [];
	if (keys.length) await (c1 as unknown as { del(...k: string[]): Promise<number> }).del(...keys);
	await c1.quit();
	await c2.quit();
	closeSharedRedisClients();
});

describe('RedisStore, two processes', () => {
	it('simultaneous claims from both processes: exactly one "new"', async () => {
		for (let round = 0; round < 20; round++) {
			const id = `evt_${round}`;
			const claims = await Promise.all([
				p1.claim(id, 10_000),
				p2.claim(id, 10_000),
				p1.claim(id, 10_000),
				p2.claim(id, 10_000),
				p2.claim(id, 10_000),
			]);
			expect(claims.filter((c) => c === 'new')).toHaveLength(1);
			expect(claims.filter((c) => c === 'in_flight')).toHaveLength(4);
		}
	});

	it('complete by the owner -> the other process sees "done" for the window', async () => {
		expect(await p1.claim('evt_done', 10_000)).toBe('new');
		expect(await p2.claim('evt_done', 10_000)).toBe('in_flight');
		await p1.complete('evt_done', 60_000);
		expect(await p2.claim('evt_done', 10_000)).toBe('done');
		const ttl = await (c2 as unknown as { pttl(k: string): Promise<number> }).pttl(`${prefix}evt_done`);
		expect(ttl).toBeGreaterThan(50_000);
	});

	it('release by the owner -> the other process can claim (Stripe retry after a failed workflow)', async () => {
		expect(await p1.claim('evt_rel', 10_000)).toBe('new');
		await p1.release('evt_rel');
		expect(await p2.claim('evt_rel', 10_000)).toBe('new');
	});

	it('a non-owner cannot release or complete (compare-and-delete by token)', async () => {
		expect(await p1.claim('evt_own', 10_000)).toBe('new');
		await p2.release('evt_own');
		await p2.complete('evt_own', 60_000);
		expect(await p2.claim('evt_own', 10_000)).toBe('in_flight');
	});

	it('an expired lease taken over by another process is not touched by the first owner', async () => {
		expect(await p1.claim('evt_lease', 150)).toBe('new');
		await new Promise((r) => setTimeout(r, 250));
		expect(await p2.claim('evt_lease', 10_000)).toBe('new');
		await p1.release('evt_lease');
		await p1.complete('evt_lease', 60_000);
		expect(await p1.claim('evt_lease', 10_000)).toBe('in_flight');
		await p2.complete('evt_lease', 60_000);
		expect(await p1.claim('evt_lease', 10_000)).toBe('done');
	});

	it('"done" expires after the window', async () => {
		expect(await p1.claim('evt_win', 10_000)).toBe('new');
		await p1.complete('evt_win', 150);
		expect(await p2.claim('evt_win', 10_000)).toBe('done');
		await new Promise((r) => setTimeout(r, 250));
		expect(await p2.claim('evt_win', 10_000)).toBe('new');
	});
});

describe('the node with a Redis duplicate store', () => {
	const body = fixtureText('invoice.payment_failed');
	const options = { duplicateStore: 'redis', redisUrl: REDIS_URL };

	it('5 concurrent deliveries -> 1 workflowData', async () => {
		const workflowId = `wf-redis-${randomUUID()}`;
		const results = await Promise.all(
			Array.from({ length: 5 }, async () => await callWebhook({ body, header: sign(body), workflowId, options })),
		);
		expect(results.filter((r) => r.result.workflowData)).toHaveLength(1);
		expect(results.filter((r) => r.res.statusCode === 200 && r.result.noWebhookResponse)).toHaveLength(4);
		results.find((r) => r.result.workflowData)!.res.answer(200);
		await new Promise((r) => setTimeout(r, 50)); // complete() is fire-and-forget on 'finish'
		const later = await callWebhook({ body, header: sign(body), workflowId, options });
		expect(later.res.body).toMatchObject({ ignored: expect.stringMatching(/already received/) });
	});

	it('after-workflow mode: failed run -> retry accepted; in-flight duplicate -> 409', async () => {
		const workflowId = `wf-redis-${randomUUID()}`;
		const opts = { ...options, acknowledgeAfterWorkflow: true };
		const first = await callWebhook({ body, header: sign(body), workflowId, options: opts });
		expect(first.result.workflowData).toBeDefined();
		const dup = await callWebhook({ body, header: sign(body), workflowId, options: opts });
		expect(dup.res.statusCode).toBe(409);
		first.res.answer(500, { message: 'Error in workflow' });
		await new Promise((r) => setTimeout(r, 50));
		const retry = await callWebhook({ body, header: sign(body), workflowId, options: opts });
		expect(retry.result.workflowData).toBeDefined();
	});

	it('Automatic uses n8n’s queue-mode Redis settings', () => {
		expect(queueModeRedisFromEnv({})).toBeUndefined();
		expect(queueModeRedisFromEnv({ EXECUTIONS_MODE: 'regular' })).toBeUndefined();
		expect(
			queueModeRedisFromEnv({
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: 'redis',
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_PASSWORD: 'pw',
				QUEUE_BULL_REDIS_DB: '2',
			}),
		).toEqual({ host: 'redis', port: 6380, password: 'pw', db: 2 });
	});

	it('Automatic in queue mode reaches Redis and dedupes across two "processes"', async () => {
		const saved = { ...process.env };
		const url = new URL(REDIS_URL);
		Object.assign(process.env, {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: url.hostname,
			QUEUE_BULL_REDIS_PORT: url.port || '6379',
		});
		try {
			const workflowId = `wf-auto-${randomUUID()}`;
			const [a, b] = await Promise.all([
				callWebhook({ body, header: sign(body), workflowId }),
				callWebhook({ body, header: sign(body), workflowId }),
			]);
			expect([a, b].filter((r) => r.result.workflowData)).toHaveLength(1);
			const keys = await (c1 as unknown as { keys(p: string): Promise<string[]> }).keys(`n8n-stripe-signed:${workflowId}:*`);
			expect(keys).toHaveLength(1);
			await (c1 as unknown as { del(...k: string[]): Promise<number> }).del(...keys);
		} finally {
			process.env = saved;
		}
	});

	it('Redis unreachable -> 503, no execution (Stripe retries later)', async () => {
		const r = await callWebhook({
			body,
			header: sign(body),
			options: { duplicateStore: 'redis', redisUrl: 'redis://127.0.0.1:1' },
		});
		expect(r.result.workflowData).toBeUndefined();
		expect(r.res.statusCode).toBe(503);
		expect(JSON.stringify(r.logs)).toMatch(/duplicate store is unavailable/);
	}, 20_000);
});
