/**
 * Where Slack Post keeps its threads and its per-channel buckets (no n8n imports):
 * - threads: Redis (queue mode's, or the Redis URL), else a file in n8n's data folder, or memory;
 * - pacing: Redis (every worker shares each channel's bucket and Retry-After), else this process's memory.
 * A string is a settings error for the user.
 */
import { createHash } from 'crypto';
import { join } from 'path';
import { queueModeRedisFromEnv, sharedRedisClient, type RedisConnection } from '../redis';
import { memoryGates, redisGates, type GateSource } from './buckets';
import { FileThreadStore, fileThreadBackend } from './fileThreads';
import { RedisThreadStore, sharedMemoryThreadStore, type ThreadStore } from './threads';
import { n8nDataFolder } from '../n8nFolder';

export type ThreadStoreChoice = 'automatic' | 'file' | 'memory' | 'redis';
export type PacingChoice = 'automatic' | 'memory' | 'redis';

/** The Redis to use: the URL when given, else queue mode's; a string is a settings error. */
export function redisConnection(url: string, env: NodeJS.ProcessEnv = process.env): RedisConnection | string | undefined {
	const u = url.trim();
	if (u) {
		if (!/^rediss?:\/\//.test(u)) return `The Redis URL must start with redis:// or rediss://, got "${u.slice(0, 12)}…"`;
		return { url: u };
	}
	return queueModeRedisFromEnv(env);
}

/** The thread file of this n8n: `<n8n data folder>/slack-post/threads.jsonl`. */
export function threadFile(env: NodeJS.ProcessEnv = process.env): string {
	return join(n8nDataFolder(env), 'slack-post', 'threads.jsonl');
}

export function chooseThreadStore(kind: ThreadStoreChoice, redisUrl: string, env: NodeJS.ProcessEnv = process.env): ThreadStore | string {
	if (kind === 'memory') return sharedMemoryThreadStore();
	if (kind === 'file') return new FileThreadStore(fileThreadBackend(threadFile(env)));
	const redis = redisConnection(redisUrl, env);
	if (typeof redis === 'string') return redis;
	if (redis) return new RedisThreadStore(sharedRedisClient(redis));
	if (kind === 'redis') return 'The Redis thread store needs a Redis URL (or n8n in queue mode)';
	return new FileThreadStore(fileThreadBackend(threadFile(env)));
}

/** `namespace`: the Slack connection (API base URL + hash of the token), so buckets are per workspace token. */
export function choosePacing(kind: PacingChoice, redisUrl: string, namespace: string, env: NodeJS.ProcessEnv = process.env): GateSource | string {
	if (kind === 'memory') return memoryGates();
	const redis = redisConnection(redisUrl, env);
	if (typeof redis === 'string') return redis;
	if (!redis) return kind === 'redis' ? 'Shared pacing in Redis needs a Redis URL (or n8n in queue mode)' : memoryGates();
	const id = createHash('sha256').update(JSON.stringify(redis)).digest('hex').slice(0, 12);
	return redisGates(sharedRedisClient(redis), id, namespace);
}
