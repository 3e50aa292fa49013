/**
 * Where the pause and the held alerts live, so that a restart keeps them and every worker sees the same:
 * a folder in n8n's user folder on a single n8n, Redis in queue mode (or when a Redis URL is given), memory in
 * tests. Every store takes the held alerts atomically: two releases never summarize the same alert twice.
 */
import { queueModeRedisFromEnv, sharedRedisClient, type RedisConnection, type RedisLike } from '../redis';
import { FileNoiseStore, noiseStoreFolder } from './fileStore';
import type { HeldAlert, NoiseStore, PauseState } from './storeTypes';

export { FileNoiseStore } from './fileStore';
export type { HeldAlert, NoiseStore, PauseState } from './storeTypes';

export class MemoryNoiseStore implements NoiseStore {
	private pause: PauseState | null = null;
	private held: HeldAlert[] = [];

	async getPause() {
		return this.pause;
	}
	async setPause(p: PauseState) {
		this.pause = p;
	}
	async clearPause() {
		const p = this.pause;
		this.pause = null;
		return p;
	}
	async hold(alerts: HeldAlert[]) {
		this.held.push(...alerts);
	}
	async takeAll() {
		return this.held.splice(0);
	}
	async heldCount() {
		return this.held.length;
	}
}

const TAKE_ALL = `
local v = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return v`;
const PUSH = `return redis.call('RPUSH', KEYS[1], unpack(ARGV))`;
const SET_PX = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1`;
const GET_DEL = `local v = redis.call('GET', KEYS[1]) redis.call('DEL', KEYS[1]) return v`;
const LLEN = `return redis.call('LLEN', KEYS[1])`;

/** Redis: the pause as a key that expires a day after the pause ends, the held alerts as a list. */
export class RedisNoiseStore implements NoiseStore {
	constructor(
		private readonly redis: RedisLike,
		private readonly prefix: string,
	) {}

	async getPause(): Promise<PauseState | null> {
		const v = await this.redis.get(`${this.prefix}pause`);
		return v ? (JSON.parse(v) as PauseState) : null;
	}

	async setPause(p: PauseState): Promise<void> {
		const ttl = Math.max(1000, p.until - Date.now()) + 86_400_000;
		await this.redis.eval(SET_PX, 1, `${this.prefix}pause`, JSON.stringify(p), ttl);
	}

	async clearPause(): Promise<PauseState | null> {
		const v = (await this.redis.eval(GET_DEL, 1, `${this.prefix}pause`)) as string | null;
		return v ? (JSON.parse(v) as PauseState) : null;
	}

	async hold(alerts: HeldAlert[]): Promise<void> {
		for (let i = 0; i < alerts.length; i += 500) {
			await this.redis.eval(PUSH, 1, `${this.prefix}held`, ...alerts.slice(i, i + 500).map((a) => JSON.stringify(a)));
		}
	}

	async takeAll(): Promise<HeldAlert[]> {
		const v = (await this.redis.eval(TAKE_ALL, 1, `${this.prefix}held`)) as string[];
		return (v ?? []).map((s) => JSON.parse(s) as HeldAlert);
	}

	async heldCount(): Promise<number> {
		return Number(await this.redis.eval(LLEN, 1, `${this.prefix}held`));
	}
}

export type StoreChoice = 'auto' | 'file' | 'redis';

/**
 * The store a node asked for: 'file' (n8n's folder), 'redis' (at `redisUrl`, else n8n's queue-mode Redis), or
 * 'auto' (queue mode's Redis, else files). A string is the reason none can be used.
 */
export function chooseNoiseStore(
	choice: StoreChoice,
	scope: string,
	redisUrl: string,
	open: { redis?: (c: RedisConnection) => RedisLike; queueRedis?: () => RedisConnection | undefined; folder?: string } = {},
): NoiseStore | string {
	const name = scope.trim() || 'alerts';
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) return `Scope "${scope}" may hold only letters, digits, - and _ (at most 64)`;
	const url = redisUrl.trim();
	if (url && !/^rediss?:\/\//.test(url)) return `The Redis URL must start with redis:// or rediss://, got "${url.slice(0, 12)}…"`;
	const redis: RedisConnection | undefined = url ? { url } : (open.queueRedis ?? queueModeRedisFromEnv)();
	if (choice === 'redis' || (choice === 'auto' && redis)) {
		if (!redis) return 'State Store is "Redis" but no Redis URL is set and n8n is not in queue mode';
		return new RedisNoiseStore((open.redis ?? sharedRedisClient)(redis), `n8n-stripe-slack:noise:${name}:`);
	}
	return new FileNoiseStore(noiseStoreFolder(name, open.folder));
}
