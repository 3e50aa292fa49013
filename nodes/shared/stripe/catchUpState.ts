/**
 * The catch-up's durable state, one record per trigger node (no n8n imports): the high-water mark (the newest
 * event it has processed: its `created` and the ids handled at that second), the ids it handled recently (the
 * overlap it lists again), a heartbeat while the trigger is active and the moment it was deactivated, so that a
 * later catch-up can tell why events were missed.
 *
 * Stores: a JSON file in n8n's data folder (`<n8n folder>/stripe-slack/catch-up/<workflow>-<node>.json`, written
 * through a rename) for a single n8n, or one Redis key shared by every process in queue mode, chosen like the
 * duplicate store. Self-hosted only (the file system; `npm run lint` and `npm run scan` exempt this file,
 * docs/n8n-checks.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { attempt, isMissingFile, messageOf } from '../attempt';
import { n8nDataFolder } from '../n8nFolder';
import { queueModeRedisFromEnv, sharedRedisClient, type RedisLike } from '../redis';

export interface CatchUpMark {
	/** unix seconds: every event created before this second was handled */
	created: number;
	/** the ids handled at exactly `created` */
	ids: string[];
}

export interface CatchUpState {
	mark?: CatchUpMark;
	/** ids handled by catch-ups inside the overlap, with their `created` (durable across a restart) */
	recent?: Record<string, number>;
	/** unix seconds: the trigger's last sign of life, and when this activation began */
	heartbeatAt?: number;
	activeSince?: number;
	/** unix seconds: the workflow was deactivated (unpublished) */
	deactivatedAt?: number;
}

export interface CatchUpStateBackend {
	readonly kind: 'file' | 'redis' | 'memory';
	load(): Promise<CatchUpState>;
	save(state: CatchUpState): Promise<void>;
}

/** A state file per trigger node: `<base>/stripe-slack/catch-up/<workflow>-<node>.json`. */
export function catchUpStateFile(workflowId: string, nodeId: string, base?: string): string {
	const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
	return path.join(base ?? n8nDataFolder(), 'stripe-slack', 'catch-up', `${safe(workflowId)}-${safe(nodeId)}.json`);
}

export class FileStateBackend implements CatchUpStateBackend {
	readonly kind = 'file' as const;

	constructor(readonly file: string) {}

	async load(): Promise<CatchUpState> {
		const read = attempt(() => JSON.parse(fs.readFileSync(this.file, 'utf8')) as CatchUpState);
		if (read.ok) return read.value ?? {};
		if (isMissingFile(read.error)) return {};
		throw new Error(`The catch-up state in ${this.file} cannot be read: ${messageOf(read.error)}`);
	}

	async save(state: CatchUpState): Promise<void> {
		fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
		const tmp = `${this.file}.${process.pid}.tmp`;
		fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
		fs.renameSync(tmp, this.file);
	}
}

// Kept 60 days after its last write (Stripe lists events for 30).
const SET_SCRIPT = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1`;
const STATE_TTL_MS = 60 * 86_400_000;

export class RedisStateBackend implements CatchUpStateBackend {
	readonly kind = 'redis' as const;

	constructor(
		private readonly client: RedisLike,
		readonly key: string,
	) {}

	async load(): Promise<CatchUpState> {
		const text = await this.client.get(this.key);
		return text ? (JSON.parse(text) as CatchUpState) : {};
	}

	async save(state: CatchUpState): Promise<void> {
		await this.client.eval(SET_SCRIPT, 1, this.key, JSON.stringify(state), STATE_TTL_MS);
	}
}

/** For tests: a state kept in memory; several handles on one instance stand for several processes. */
export class MemoryStateBackend implements CatchUpStateBackend {
	readonly kind = 'memory' as const;

	private text = '{}';

	async load(): Promise<CatchUpState> {
		return JSON.parse(this.text) as CatchUpState;
	}

	async save(state: CatchUpState): Promise<void> {
		this.text = JSON.stringify(state);
	}
}

/**
 * A handle on one trigger's state: every update is a read-modify-write, serialized within the process (the
 * heartbeat and the catch-up write the same record). In queue mode only the leader's trigger writes it.
 */
export class CatchUpStateHandle {
	private chain: Promise<unknown> = Promise.resolve();

	constructor(readonly backend: CatchUpStateBackend) {}

	read(): Promise<CatchUpState> {
		return this.serial(() => this.backend.load());
	}

	/** `change` may return null: nothing to write. */
	update(change: (state: CatchUpState) => CatchUpState | void | null): Promise<CatchUpState> {
		return this.serial(async () => {
			const state = await this.backend.load();
			const next = change(state);
			if (next === null) return state;
			await this.backend.save(next ?? state);
			return next ?? state;
		});
	}

	private serial<T>(fn: () => Promise<T>): Promise<T> {
		const next = this.chain.then(fn, fn);
		this.chain = next.catch(() => undefined);
		return next;
	}
}

/** Key prefix of the Redis record: `<prefix><workflow>:<node>`. */
export const CATCH_UP_KEY_PREFIX = 'n8n-stripe-catch-up:';

/**
 * The state store like the duplicate store: Redis when the duplicate store is Redis (its URL) or n8n runs in
 * queue mode (n8n's own Redis), else the file in n8n's data folder. A string is the reason none can be used.
 */
export function chooseCatchUpState(
	workflowId: string,
	nodeId: string,
	choice: 'auto' | 'memory' | 'redis' | undefined,
	redisUrl?: string,
): CatchUpStateHandle | string {
	const key = `${CATCH_UP_KEY_PREFIX}${workflowId}:${nodeId}`;
	if (choice === 'redis') {
		const url = (redisUrl ?? '').trim();
		if (!url) return 'Duplicate Store is "Redis" but no Redis URL is set';
		return new CatchUpStateHandle(new RedisStateBackend(sharedRedisClient({ url }), key));
	}
	const fromEnv = choice === 'memory' ? undefined : queueModeRedisFromEnv();
	// n8n's own Redis: under n8n's queue prefix too, so that two n8n instances sharing a Redis keep their own marks.
	const bull = process.env.QUEUE_BULL_PREFIX?.trim();
	if (fromEnv) return new CatchUpStateHandle(new RedisStateBackend(sharedRedisClient(fromEnv), bull ? `${CATCH_UP_KEY_PREFIX}${bull}:${workflowId}:${nodeId}` : key));
	return new CatchUpStateHandle(new FileStateBackend(catchUpStateFile(workflowId, nodeId)));
}

/** On activation: the state as it was (to tell why events were missed), then marked active now. */
export async function beginActivation(handle: CatchUpStateHandle, nowSec: number): Promise<CatchUpState> {
	let previous: CatchUpState = {};
	await handle.update((s) => {
		previous = { ...s };
		const next: CatchUpState = { ...s, activeSince: nowSec, heartbeatAt: nowSec };
		delete next.deactivatedAt;
		return next;
	});
	return previous;
}

export function heartbeat(handle: CatchUpStateHandle, nowSec: number): Promise<CatchUpState> {
	return handle.update((s) => ({ ...s, heartbeatAt: nowSec }));
}

/** The workflow was deactivated; nothing is written for a trigger that never caught up (no state yet). */
export function markDeactivated(handle: CatchUpStateHandle, nowSec: number): Promise<CatchUpState> {
	return handle.update((s) => (s.activeSince === undefined && !s.mark ? null : { ...s, heartbeatAt: nowSec, deactivatedAt: nowSec }));
}
