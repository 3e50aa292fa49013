/**
 * Where the pause and the held alerts live, so that a restart keeps them and every worker sees the same:
 * a folder in n8n's user folder on a single n8n, Redis in queue mode (or when a Redis URL is given), memory in
 * tests. Every store takes the held alerts atomically: two releases never summarize the same alert twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import { queueModeRedisFromEnv, sharedRedisClient, type RedisConnection, type RedisLike } from '../dedupe';
import { n8nDataFolder } from '../n8nFolder';
import type { AlertMetadata } from './policy';

export interface PauseState {
	/** ms since the epoch */
	since: number;
	until: number;
	/** a Slack user id, or "editor" */
	by: string;
}

/** What is kept of a held alert: enough to count, total and list it, never its blocks. */
export interface HeldAlert {
	channel: string;
	/** when it was held (ms) */
	at: number;
	/** the message's fallback text (already redacted by the formatter) */
	text: string;
	metadata: AlertMetadata & { object_id?: string | null; event_id?: string | null; livemode?: boolean };
	/** why it was held */
	why: 'pause' | 'quiet_hours';
	/** not released before this time (ms): the end of the pause or of the quiet hours that held it */
	notBefore: number;
}

export interface NoiseStore {
	getPause(): Promise<PauseState | null>;
	setPause(p: PauseState): Promise<void>;
	/** the pause that was cleared, or null */
	clearPause(): Promise<PauseState | null>;
	hold(alerts: HeldAlert[]): Promise<void>;
	/** every held alert, removed from the store in the same step */
	takeAll(): Promise<HeldAlert[]>;
	heldCount(): Promise<number>;
}

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

/** One chain per folder, so that concurrent executions in this process never interleave their file updates. */
const chains = new Map<string, Promise<unknown>>();
function serialized<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
	const prev = chains.get(key) ?? Promise.resolve();
	const next = prev.then(fn, fn);
	chains.set(key, next.catch(() => undefined));
	return next;
}

/**
 * Files: `pause.json` (written whole, through a rename) and `held.jsonl` (one alert a line, appended).
 * For one n8n process (a single n8n); queue mode uses Redis.
 */
export class FileNoiseStore implements NoiseStore {
	private readonly pauseFile: string;
	private readonly heldFile: string;

	constructor(readonly folder: string) {
		fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
		this.pauseFile = path.join(folder, 'pause.json');
		this.heldFile = path.join(folder, 'held.jsonl');
	}

	private run<T>(fn: () => T): Promise<T> {
		return serialized(this.folder, fn);
	}

	getPause(): Promise<PauseState | null> {
		return this.run(() => {
			try {
				return JSON.parse(fs.readFileSync(this.pauseFile, 'utf8')) as PauseState;
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
				throw new Error(`The pause state in ${this.pauseFile} cannot be read: ${(e as Error).message}`);
			}
		});
	}

	setPause(p: PauseState): Promise<void> {
		return this.run(() => {
			const tmp = `${this.pauseFile}.${process.pid}.tmp`;
			fs.writeFileSync(tmp, JSON.stringify(p), { mode: 0o600 });
			fs.renameSync(tmp, this.pauseFile);
		});
	}

	async clearPause(): Promise<PauseState | null> {
		const p = await this.getPause();
		await this.run(() => fs.rmSync(this.pauseFile, { force: true }));
		return p;
	}

	hold(alerts: HeldAlert[]): Promise<void> {
		if (!alerts.length) return Promise.resolve();
		return this.run(() => {
			const fd = fs.openSync(this.heldFile, 'a', 0o600);
			try {
				fs.writeSync(fd, alerts.map((a) => `${JSON.stringify(a)}\n`).join(''));
				fs.fdatasyncSync(fd);
			} finally {
				fs.closeSync(fd);
			}
		});
	}

	takeAll(): Promise<HeldAlert[]> {
		return this.run(() => {
			try {
				fs.renameSync(this.heldFile, `${this.heldFile}.taking-${Date.now()}-${process.pid}`);
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
			}
			// with the batch just renamed, any that a crash left half-taken earlier
			const batches = fs.readdirSync(this.folder).filter((f) => f.startsWith('held.jsonl.taking-')).sort();
			const alerts: HeldAlert[] = [];
			for (const f of batches) {
				const file = path.join(this.folder, f);
				for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
					if (!line) continue;
					try {
						alerts.push(JSON.parse(line) as HeldAlert);
					} catch {
						// a line cut by a crash mid-write
					}
				}
				fs.rmSync(file);
			}
			return alerts;
		});
	}

	heldCount(): Promise<number> {
		return this.run(() => {
			try {
				return fs.readFileSync(this.heldFile, 'utf8').split('\n').filter(Boolean).length;
			} catch {
				return 0;
			}
		});
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
	return new FileNoiseStore(path.join(open.folder ?? n8nDataFolder(), 'stripe-slack', `noise-${name}`));
}
