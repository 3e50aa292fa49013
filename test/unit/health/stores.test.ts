/**
 * The shared state of endpoint health: two "processes" (two store handles on one folder, two Redis connections)
 * checking the same disabled endpoint at the same moments alert once; the state survives a restart (a new handle);
 * a lock left by a dead process is taken over.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkEndpointHealth, type EndpointHealthDeps, type HealthCheckResult } from '../../../nodes/shared/stripe/endpointHealth';
import { chooseHealthStore, FileHealthStore, RedisHealthStore, type HealthStateStore } from '../../../nodes/shared/stripe/endpointHealthStore';
import { openRedisClient, type RedisClientLike } from '../../../nodes/shared/redis';
import { fakeClock, fakeStripe } from './fakeStripe';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function twoProcesses(storeA: HealthStateStore, storeB: HealthStateStore, restart: () => HealthStateStore) {
	const { s, stripe } = fakeStripe();
	const clock = fakeClock();
	const deps = (store: HealthStateStore): EndpointHealthDeps => ({ stripe, endpointId: 'we_1TestEndpoint', eventTypes: ['invoice.paid'], store, now: clock.now });
	const round = async (...stores: HealthStateStore[]) => {
		clock.advance(600);
		return Promise.all(stores.map((st) => checkEndpointHealth(deps(st))));
	};
	const notices = (rs: HealthCheckResult[]) => rs.map((r) => r.notice?.type).filter(Boolean);
	const errors = (rs: HealthCheckResult[]) => rs.map((r) => r.error).filter(Boolean);
	await round(storeA, storeB);
	s.endpoint.status = 'disabled';
	const down: HealthCheckResult[] = [];
	for (let i = 0; i < 5; i++) down.push(...(await round(storeA, storeB)));
	expect(errors(down)).toEqual([]);
	expect(notices(down)).toEqual(['stripe_slack.endpoint_unhealthy']);
	// n8n restarts: a new handle reads the same state and does not alert again
	const after = await round(restart(), storeA);
	expect(notices(after)).toEqual([]);
	s.endpoint.status = 'enabled';
	const up: HealthCheckResult[] = [];
	for (let i = 0; i < 3; i++) up.push(...(await round(storeB, storeA)));
	expect(notices(up)).toEqual(['stripe_slack.endpoint_recovered']);
}

describe('file store (one n8n: executions and restarts)', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('two handles on one folder alert once; a new handle after a restart stays silent', async () => {
		await twoProcesses(new FileHealthStore(dir), new FileHealthStore(dir), () => new FileHealthStore(dir));
		const files = fs.readdirSync(dir);
		expect(files).toEqual(['endpoint_we_1TestEndpoint.json']); // no lock or temporary file left behind
		expect(JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8'))).toMatchObject({ v: 1, endpointId: 'we_1TestEndpoint', problems: [] });
		expect(fs.statSync(path.join(dir, files[0])).mode & 0o777).toBe(0o600);
	});

	it('two real processes (each its own node) on one folder: one alert between them', async () => {
		const { execFile } = await import('child_process');
		const script = path.join(__dirname, 'checkProcess.ts');
		const tsNode = path.join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'ts-node');
		const start = 1_796_000_000;
		const runOne = () =>
			new Promise<Array<{ notice?: string; error?: string }>>((resolve, reject) =>
				execFile(tsNode, ['--transpile-only', script, dir, String(start), '4'], { timeout: 120_000 }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout)))),
			);
		const [a, b] = await Promise.all([runOne(), runOne()]);
		expect([...a, ...b].map((r) => r.error).filter(Boolean)).toEqual([]);
		expect([...a, ...b].map((r) => r.notice).filter(Boolean)).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(fs.readdirSync(dir)).toEqual(['endpoint_we_1TestEndpoint.json']);
	}, 150_000);

	it('compare-and-set: a stale expectation does not write', async () => {
		const st = new FileHealthStore(dir);
		expect(await st.compareAndSet('k', null, '{"a":1}')).toBe(true);
		expect(await st.compareAndSet('k', null, '{"a":2}')).toBe(false);
		expect(await st.compareAndSet('k', '{"a":1}', '{"a":3}')).toBe(true);
		expect(await st.read('k')).toBe('{"a":3}');
	});

	it('a lock left by a process that died is taken over once it is old; a fresh one is waited for', async () => {
		const st = new FileHealthStore(dir);
		const lock = path.join(dir, 'k.json.lock');
		fs.writeFileSync(lock, '');
		const old = new Date(Date.now() - 60_000);
		fs.utimesSync(lock, old, old);
		expect(await st.compareAndSet('k', null, '1')).toBe(true);
		expect(fs.existsSync(lock)).toBe(false);
		fs.writeFileSync(lock, '');
		const pending = st.compareAndSet('k', '1', '2');
		await new Promise((r) => setTimeout(r, 100));
		expect(await st.read('k')).toBe('1'); // still waiting for the lock
		fs.rmSync(lock);
		expect(await pending).toBe(true);
		expect(await st.read('k')).toBe('2');
	});
});

describe('Redis store (queue mode: every process)', () => {
	let r1: RedisClientLike;
	let r2: RedisClientLike;
	const prefix = `test-health-${process.pid}-${Date.now()}:`;
	beforeAll(() => {
		r1 = openRedisClient({ url: REDIS_URL });
		r2 = openRedisClient({ url: REDIS_URL });
	});
	afterAll(async () => {
		const keys = await (r1 as unknown as { keys(p: string): Promise<string[]> }).keys(`${prefix}*`);
		if (keys.length) await (r1 as unknown as { del(...k: string[]): Promise<number> }).del(...keys);
		r1.disconnect();
		r2.disconnect();
	});

	it('two connections alert once; a new connection after a restart stays silent', async () => {
		await twoProcesses(new RedisHealthStore(r1, prefix), new RedisHealthStore(r2, prefix), () => new RedisHealthStore(r2, prefix));
		const stored = JSON.parse((await r1.get(`${prefix}endpoint:we_1TestEndpoint`)) as string);
		expect(stored).toMatchObject({ v: 1, problems: [] });
		const ttl = await (r1 as unknown as { pttl(k: string): Promise<number> }).pttl(`${prefix}endpoint:we_1TestEndpoint`);
		expect(ttl).toBeGreaterThan(86_400_000); // forgotten only long after the endpoint stops being checked
	});

	it('compare-and-set is atomic: of 20 simultaneous writers expecting the same value, one wins', async () => {
		const a = new RedisHealthStore(r1, prefix);
		const b = new RedisHealthStore(r2, prefix);
		const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).compareAndSet('race', null, `w${i}`)));
		expect(wins.filter(Boolean)).toHaveLength(1);
	});
});

describe('chooseHealthStore', () => {
	it('file on a single n8n, Redis in queue mode or with a URL, a reason otherwise', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-'));
		try {
			const fake = { get: async () => null, set: async () => 'OK' as const, eval: async () => 1 };
			expect((chooseHealthStore('auto', '', { queueRedis: () => undefined, folder: dir }) as HealthStateStore).kind).toBe('file');
			expect((chooseHealthStore('memory', '', { queueRedis: () => undefined, folder: dir }) as HealthStateStore).kind).toBe('file');
			expect((chooseHealthStore('auto', '', { queueRedis: () => ({ host: 'redis' }), redis: () => fake, folder: dir }) as HealthStateStore).kind).toBe('redis');
			expect((chooseHealthStore('redis', 'redis://127.0.0.1:6379', { redis: () => fake, folder: dir }) as HealthStateStore).kind).toBe('redis');
			expect(chooseHealthStore('redis', '', { queueRedis: () => undefined, folder: dir })).toMatch(/no Redis URL/);
			expect(chooseHealthStore('auto', 'http://x', { folder: dir })).toMatch(/must start with redis:\/\//);
			expect(fs.existsSync(path.join(dir, 'stripe-slack', 'endpoint-health'))).toBe(true);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
