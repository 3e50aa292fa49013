/**
 * Object → Slack thread store (no n8n imports): which message is the parent of a Stripe object's thread,
 * and the `created` time of the newest event applied to it.
 *
 * - `setIfNewer` is a compare-and-set on `created`: an event older than the stored one never overwrites it
 *   (equal is accepted, so the same event may be applied again).
 * - `claimCreate` / `releaseCreate` is a lease for "I am posting the parent of this key": memory: one
 *   entry per key in this process; Redis: SET NX PX with a random token, deleted only by its owner.
 *   So two executions racing for the first message of one key never create two parents.
 *
 * Memory: process-wide, bounded (oldest forgotten first), lost on restart. Redis: shared by every
 * process (queue mode), keys namespaced by the caller's prefix, with a TTL (default 90 days). File
 * (fileThreads.ts): one n8n without Redis; survives a restart, shared by processes on one file.
 */
import { randomUUID } from 'crypto';
import type { RedisLike } from '../redis';
import { sleep } from '../timers';

export interface ThreadRecord {
	channel: string;
	ts: string;
	/** Unix seconds of the newest event applied to this thread's parent. */
	created: number;
}

export interface ThreadStore {
	readonly kind: 'memory' | 'redis' | 'file';
	get(key: string): Promise<ThreadRecord | null>;
	/** Stores `record` unless the stored one has a newer `created`. True when stored. */
	setIfNewer(key: string, record: ThreadRecord): Promise<boolean>;
	/** A lease for creating the parent: a token, or null when someone else holds it. */
	claimCreate(key: string, ttlMs: number): Promise<string | null>;
	releaseCreate(key: string, token: string): Promise<void>;
}

export interface ThreadStoreOptions {
	/** Prepended to every key. */
	prefix?: string;
	/** How long a thread is remembered after its last change. Default 90 days. */
	ttlMs?: number;
}

const DAY = 86_400_000;

function valid(r: unknown): r is ThreadRecord {
	const x = r as ThreadRecord;
	return !!x && typeof x.channel === 'string' && typeof x.ts === 'string' && typeof x.created === 'number' && Number.isFinite(x.created);
}

/** The memory of one process; several MemoryThreadStore handles may share it (like processes share Redis). */
export class MemoryThreadBackend {
	readonly records = new Map<string, { record: ThreadRecord; expiresAt: number }>();

	readonly locks = new Map<string, { token: string; expiresAt: number }>();

	constructor(readonly maxEntries = 100_000) {}
}

export class MemoryThreadStore implements ThreadStore {
	readonly kind = 'memory' as const;

	private readonly prefix: string;

	private readonly ttlMs: number;

	constructor(
		readonly backend: MemoryThreadBackend = new MemoryThreadBackend(),
		options: ThreadStoreOptions = {},
	) {
		this.prefix = options.prefix ?? '';
		this.ttlMs = options.ttlMs ?? 90 * DAY;
	}

	async get(key: string): Promise<ThreadRecord | null> {
		const e = this.backend.records.get(this.prefix + key);
		if (!e) return null;
		if (e.expiresAt <= Date.now()) {
			this.backend.records.delete(this.prefix + key);
			return null;
		}
		return { ...e.record };
	}

	async setIfNewer(key: string, record: ThreadRecord): Promise<boolean> {
		const k = this.prefix + key;
		const { records, maxEntries } = this.backend;
		const e = records.get(k);
		if (e && e.expiresAt > Date.now() && e.record.created > record.created) return false;
		records.delete(k); // re-insert: most recently changed goes last
		while (records.size >= maxEntries) {
			const oldest = records.keys().next().value as string;
			records.delete(oldest);
		}
		records.set(k, { record: { channel: record.channel, ts: record.ts, created: record.created }, expiresAt: Date.now() + this.ttlMs });
		return true;
	}

	async claimCreate(key: string, ttlMs: number): Promise<string | null> {
		const k = this.prefix + key;
		const lock = this.backend.locks.get(k);
		if (lock && lock.expiresAt > Date.now()) return null;
		const token = randomUUID();
		this.backend.locks.set(k, { token, expiresAt: Date.now() + ttlMs });
		return token;
	}

	async releaseCreate(key: string, token: string): Promise<void> {
		const k = this.prefix + key;
		if (this.backend.locks.get(k)?.token === token) this.backend.locks.delete(k);
	}
}

// KEYS[1] record key; ARGV[1] new JSON, ARGV[2] its created, ARGV[3] ttl ms.
const SET_IF_NEWER = `
local v = redis.call('GET', KEYS[1])
if v then
  local ok, cur = pcall(cjson.decode, v)
  if ok and type(cur) == 'table' and tonumber(cur.created) and tonumber(cur.created) > tonumber(ARGV[2]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

// KEYS[1] lock key; ARGV[1] token: delete only our own lease.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export class RedisThreadStore implements ThreadStore {
	readonly kind = 'redis' as const;

	private readonly prefix: string;

	private readonly ttlMs: number;

	constructor(
		private readonly client: RedisLike,
		options: ThreadStoreOptions = {},
	) {
		this.prefix = options.prefix ?? 'n8n-slack-post:thread:';
		this.ttlMs = Math.max(1, Math.floor(options.ttlMs ?? 90 * DAY));
	}

	async get(key: string): Promise<ThreadRecord | null> {
		const v = await this.client.get(this.prefix + key);
		if (!v) return null;
		try {
			const r = JSON.parse(v) as unknown;
			return valid(r) ? { channel: r.channel, ts: r.ts, created: r.created } : null;
		} catch {
			return null;
		}
	}

	async setIfNewer(key: string, record: ThreadRecord): Promise<boolean> {
		const json = JSON.stringify({ channel: record.channel, ts: record.ts, created: record.created });
		const r = await this.client.eval(SET_IF_NEWER, 1, this.prefix + key, json, String(record.created), this.ttlMs);
		return Number(r) === 1;
	}

	async claimCreate(key: string, ttlMs: number): Promise<string | null> {
		const token = randomUUID();
		const ok = await this.client.set(`${this.prefix}creating:${key}`, token, 'PX', Math.max(1, Math.floor(ttlMs)), 'NX');
		return ok === 'OK' ? token : null;
	}

	async releaseCreate(key: string, token: string): Promise<void> {
		await this.client.eval(RELEASE, 1, `${this.prefix}creating:${key}`, token);
	}
}

let sharedBackend: MemoryThreadBackend | undefined;

/** A handle on the process-wide thread memory. */
export function sharedMemoryThreadStore(options: ThreadStoreOptions = {}): MemoryThreadStore {
	sharedBackend ??= new MemoryThreadBackend();
	return new MemoryThreadStore(sharedBackend, options);
}

export type ThreadResolution =
	| { kind: 'reply'; parent: ThreadRecord }
	/** The caller's post became the parent (`parent` null: its message was folded or failed, nothing stored). */
	| { kind: 'parent'; parent: ThreadRecord | null }
	/** Waited `waitMs` for another execution to create the parent, in vain. */
	| { kind: 'timeout' };

/**
 * The thread of `key`: the stored parent, or — when there is none — the lease to post it. `postParent`
 * posts the caller's message as the parent and returns where it landed (null when it was not posted as
 * its own message). Others wait (polling) while the lease holder posts.
 */
export async function resolveThread(
	store: ThreadStore,
	key: string,
	postParent: () => Promise<ThreadRecord | null>,
	options: { leaseMs?: number; waitMs?: number } = {},
): Promise<ThreadResolution> {
	const leaseMs = options.leaseMs ?? 300_000;
	const deadline = Date.now() + (options.waitMs ?? leaseMs + 5_000);
	let poll = 20;
	for (;;) {
		const existing = await store.get(key);
		if (existing) return { kind: 'reply', parent: existing };
		const token = await store.claimCreate(key, leaseMs);
		if (token) {
			try {
				const again = await store.get(key); // created between our get and our claim
				if (again) return { kind: 'reply', parent: again };
				const posted = await postParent();
				if (posted) await store.setIfNewer(key, posted);
				return { kind: 'parent', parent: posted };
			} finally {
				await store.releaseCreate(key, token).catch(() => undefined);
			}
		}
		if (Date.now() >= deadline) return { kind: 'timeout' };
		await sleep(poll);
		poll = Math.min(500, Math.ceil(poll * 1.5));
	}
}
