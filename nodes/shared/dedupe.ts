/**
 * "Have we seen this id before?" for at-least-once deliveries (Stripe retries for days, sometimes
 * concurrently). Pure module, no n8n imports.
 *
 * Life of an id:
 *   claim(id, ttl)  -> 'new'        the caller owns it ("in flight") for `ttl` ms (a lease)
 *                   -> 'in_flight'  someone else is processing it right now
 *                   -> 'done'       it was processed within the window
 *   complete(id, windowMs) -> 'done' for `windowMs` (or the claim's ttl): later claims answer 'done'
 *   release(id)            -> forgotten, so that a retry is processed again (e.g. the workflow failed)
 *
 * A claim is atomic (memory: single-threaded map; Redis: SET NX PX), so N simultaneous claims give
 * exactly one 'new'. complete/release act only on the caller's own claim (a random token per claim;
 * Redis: compare-and-set / compare-and-delete in Lua), so a lease that expired and was taken over by
 * another process is never overwritten or deleted by the first owner.
 */
import { randomUUID } from 'crypto';
import { queueModeRedisFromEnv, sharedRedisClient, type RedisLike } from './redis';

export {
	closeSharedRedisClients,
	openRedisClient,
	queueModeRedisFromEnv,
	sharedRedisClient,
	type RedisClientLike,
	type RedisConnection,
	type RedisLike,
} from './redis';

export type ClaimResult = 'new' | 'in_flight' | 'done';

export interface DedupeStore {
	readonly kind: 'memory' | 'redis';
	claim(id: string, ttlMs: number): Promise<ClaimResult>;
	/** Mark the caller's claim as done; it then answers 'done' for `ttlMs` (default: the claim's ttl). */
	complete(id: string, ttlMs?: number): Promise<void>;
	/** Drop the caller's claim so that the next delivery of the id is processed. */
	release(id: string): Promise<void>;
}

interface MemoryEntry {
	state: 'in_flight' | 'done';
	token: string;
	expiresAt: number;
	ttlMs: number;
}

export interface MemoryStoreOptions {
	/** Most ids kept; the oldest are forgotten first when full. Default 100 000. */
	maxEntries?: number;
	/** Injectable clock for tests. */
	now?: () => number;
}

/**
 * The memory of one process: ids and their state, bounded in size (oldest forgotten first) and in time.
 * Several MemoryStore handles may share one backend, like several processes share one Redis.
 */
export class MemoryBackend {
	readonly entries = new Map<string, MemoryEntry>();

	readonly maxEntries: number;

	readonly now: () => number;

	constructor(options: MemoryStoreOptions = {}) {
		this.maxEntries = Math.max(1, options.maxEntries ?? 100_000);
		this.now = options.now ?? Date.now;
	}

	makeRoom(now: number): void {
		if (this.entries.size < this.maxEntries) return;
		for (const [key, entry] of this.entries) {
			if (entry.expiresAt <= now) this.entries.delete(key);
		}
		// Still full: forget the oldest entries (insertion order), done ones before in-flight ones.
		for (const wanted of ['done', 'in_flight'] as const) {
			for (const [key, entry] of this.entries) {
				if (this.entries.size < this.maxEntries) return;
				if (entry.state === wanted) this.entries.delete(key);
			}
		}
	}
}

/** In-process store: enough for a single n8n process. */
export class MemoryStore implements DedupeStore {
	readonly kind = 'memory' as const;

	/** ids claimed through this handle, with the claim's token */
	private readonly owned = new Map<string, string>();

	readonly backend: MemoryBackend;

	constructor(backend?: MemoryBackend | MemoryStoreOptions) {
		this.backend = backend instanceof MemoryBackend ? backend : new MemoryBackend(backend);
	}

	get size(): number {
		return this.backend.entries.size;
	}

	async claim(id: string, ttlMs: number): Promise<ClaimResult> {
		const { entries } = this.backend;
		const now = this.backend.now();
		const existing = entries.get(id);
		if (existing && existing.expiresAt > now) return existing.state;
		if (existing) entries.delete(id);
		this.backend.makeRoom(now);
		const token = randomUUID();
		entries.set(id, { state: 'in_flight', token, expiresAt: now + ttlMs, ttlMs });
		this.owned.set(id, token);
		return 'new';
	}

	async complete(id: string, ttlMs?: number): Promise<void> {
		const token = this.owned.get(id);
		this.owned.delete(id);
		if (token === undefined) return;
		const { entries } = this.backend;
		const entry = entries.get(id);
		const now = this.backend.now();
		if (entry && entry.token !== token && entry.expiresAt > now) return; // taken over by another claim
		const ttl = ttlMs ?? entry?.ttlMs ?? 0;
		if (ttl <= 0) return;
		entries.delete(id); // re-insert: most recently used goes last
		this.backend.makeRoom(now);
		entries.set(id, { state: 'done', token, expiresAt: now + ttl, ttlMs: ttl });
	}

	async release(id: string): Promise<void> {
		const token = this.owned.get(id);
		this.owned.delete(id);
		if (token === undefined) return;
		const entry = this.backend.entries.get(id);
		if (entry && entry.token === token) this.backend.entries.delete(id);
	}
}

const IN_FLIGHT = 'in_flight:';
const DONE = 'done:';

// KEYS[1] key, ARGV[1] expected in-flight value, ARGV[2] done value, ARGV[3] ttl ms.
// Sets "done" when the key still holds our claim, or when our lease expired and nobody else claimed it.
const COMPLETE_SCRIPT = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] or v == false then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

// KEYS[1] key, ARGV[1] expected value: delete only our own claim.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface RedisStoreOptions {
	/** Prepended to every id, e.g. `n8n-stripe-signed:<workflow>:<node>:` */
	prefix?: string;
}

/** Shared store for several n8n processes (queue mode): SET NX PX + compare-and-set by token. */
export class RedisStore implements DedupeStore {
	readonly kind = 'redis' as const;

	private readonly owned = new Map<string, { token: string; ttlMs: number }>();

	private readonly prefix: string;

	constructor(
		private readonly client: RedisLike,
		options: RedisStoreOptions = {},
	) {
		this.prefix = options.prefix ?? '';
	}

	async claim(id: string, ttlMs: number): Promise<ClaimResult> {
		const key = this.prefix + id;
		const ttl = Math.max(1, Math.floor(ttlMs));
		for (let attempt = 0; attempt < 3; attempt++) {
			const token = randomUUID();
			const ok = await this.client.set(key, IN_FLIGHT + token, 'PX', ttl, 'NX');
			if (ok === 'OK') {
				this.owned.set(id, { token, ttlMs: ttl });
				return 'new';
			}
			const current = await this.client.get(key);
			if (current === null) continue; // expired between SET and GET: try again
			return current.startsWith(DONE) ? 'done' : 'in_flight';
		}
		return 'in_flight';
	}

	async complete(id: string, ttlMs?: number): Promise<void> {
		const own = this.owned.get(id);
		this.owned.delete(id);
		if (!own) return;
		const ttl = Math.max(1, Math.floor(ttlMs ?? own.ttlMs));
		await this.client.eval(COMPLETE_SCRIPT, 1, this.prefix + id, IN_FLIGHT + own.token, DONE + own.token, ttl);
	}

	async release(id: string): Promise<void> {
		const own = this.owned.get(id);
		this.owned.delete(id);
		if (!own) return;
		await this.client.eval(RELEASE_SCRIPT, 1, this.prefix + id, IN_FLIGHT + own.token);
	}
}

let sharedBackend: MemoryBackend | undefined;

/** A handle on the process-wide memory (ids are namespaced by the caller). Use one handle per delivery. */
export function sharedMemoryStore(): MemoryStore {
	sharedBackend ??= new MemoryBackend();
	return new MemoryStore(sharedBackend);
}

/**
 * The duplicate store a trigger asked for: 'memory', 'redis' (at `redisUrl`), or 'auto' (n8n's own
 * Redis in queue mode, else memory). A string is the reason none can be used.
 */
export function chooseDedupeStore(choice: 'auto' | 'memory' | 'redis' | undefined, redisUrl?: string): DedupeStore | string {
	if (choice === 'memory') return sharedMemoryStore();
	if (choice === 'redis') {
		const url = (redisUrl ?? '').trim();
		if (!url) return 'Duplicate Store is "Redis" but no Redis URL is set';
		return new RedisStore(sharedRedisClient({ url }));
	}
	const fromEnv = queueModeRedisFromEnv();
	return fromEnv ? new RedisStore(sharedRedisClient(fromEnv)) : sharedMemoryStore();
}
