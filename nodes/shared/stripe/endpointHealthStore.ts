/**
 * Where endpoint health state lives (endpointHealth.ts), shared by every process that may run the check: a file in
 * n8n's data folder on a single n8n, Redis in queue mode (or when a Redis URL is given), memory in tests. Each
 * store writes with compare-and-set, so that of two processes checking at once only one records the change (and
 * only that one alerts). No n8n imports.
 */
import { queueModeRedisFromEnv, sharedRedisClient, type RedisConnection, type RedisLike } from '../redis';
import { FileHealthStore, healthStoreFolder } from './endpointHealthFileStore';

export { FileHealthStore } from './endpointHealthFileStore';

export interface HealthStateStore {
	readonly kind: 'memory' | 'file' | 'redis';
	/** The stored JSON text, or null. */
	read(key: string): Promise<string | null>;
	/** Writes `next` only if the stored text is still `expected` (null: nothing stored); true when written. */
	compareAndSet(key: string, expected: string | null, next: string): Promise<boolean>;
}

/** One process's memory (tests, or a trigger with no shared store). Several handles may share one Map. */
export class MemoryHealthStore implements HealthStateStore {
	readonly kind = 'memory' as const;

	constructor(readonly entries: Map<string, string> = new Map()) {}

	async read(key: string): Promise<string | null> {
		return this.entries.get(key) ?? null;
	}

	async compareAndSet(key: string, expected: string | null, next: string): Promise<boolean> {
		if ((this.entries.get(key) ?? null) !== expected) return false;
		this.entries.set(key, next);
		return true;
	}
}

// KEYS[1] key; ARGV[1] expected ('' = absent), ARGV[2] next, ARGV[3] ttl ms
const CAS = `
local v = redis.call('GET', KEYS[1])
if (v or '') == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/** A state untouched for this long is forgotten (the endpoint is no longer checked). */
const REDIS_TTL_MS = 60 * 86_400_000;

/** Redis: one key per state, written by a Lua compare-and-set (atomic across every process). */
export class RedisHealthStore implements HealthStateStore {
	readonly kind = 'redis' as const;

	constructor(
		private readonly redis: RedisLike,
		private readonly prefix = 'n8n-stripe-slack:health:',
	) {}

	read(key: string): Promise<string | null> {
		return this.redis.get(this.prefix + key);
	}

	async compareAndSet(key: string, expected: string | null, next: string): Promise<boolean> {
		return Number(await this.redis.eval(CAS, 1, this.prefix + key, expected ?? '', next, REDIS_TTL_MS)) === 1;
	}
}

export type HealthStoreChoice = 'auto' | 'file' | 'redis' | 'memory';

/**
 * The store for a trigger's health state, chosen like the duplicate store (nodes/shared/dedupe.ts): 'redis' (at
 * `redisUrl`, else n8n's queue-mode Redis), 'file' (n8n's data folder), or 'auto' (n8n's Redis in queue mode,
 * else the file). The duplicate filter's 'memory' maps to the file: health state must outlive a restart.
 * A string is the reason none can be used.
 */
export function chooseHealthStore(
	choice: HealthStoreChoice | undefined = 'auto',
	redisUrl = '',
	open: { redis?: (c: RedisConnection) => RedisLike; queueRedis?: () => RedisConnection | undefined; folder?: string } = {},
): HealthStateStore | string {
	const url = redisUrl.trim();
	if (url && !/^rediss?:\/\//.test(url)) return `The Redis URL must start with redis:// or rediss://, got "${url.slice(0, 12)}…"`;
	const redis: RedisConnection | undefined = url ? { url } : (open.queueRedis ?? queueModeRedisFromEnv)();
	if (choice === 'redis' || (choice === 'auto' && redis)) {
		if (!redis) return 'The health state store is "Redis" but no Redis URL is set and n8n is not in queue mode';
		return new RedisHealthStore((open.redis ?? sharedRedisClient)(redis));
	}
	return new FileHealthStore(healthStoreFolder(open.folder));
}
