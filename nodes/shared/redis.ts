/**
 * Redis for the stores that n8n's processes share (duplicate claims, Slack threads and pacing, held alerts):
 * the ioredis client, and n8n's own Redis settings read from its environment in queue mode. Self-hosted only:
 * it opens network connections and reads `process.env` (`npm run lint` and `npm run scan` exempt this file,
 * docs/n8n-checks.md). No n8n imports.
 */

/** The part of an ioredis client the Redis store uses (so tests can pass a real client or a fake). */
export interface RedisLike {
	set(key: string, value: string, px: 'PX', ttl: number, nx: 'NX'): Promise<'OK' | null>;
	get(key: string): Promise<string | null>;
	eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

/** Connection settings for ioredis: a `redis://` / `rediss://` URL or host/port/... */
export type RedisConnection =
	| { url: string }
	| { host: string; port?: number; username?: string; password?: string; db?: number; tls?: boolean };

export interface RedisClientLike extends RedisLike {
	quit(): Promise<unknown>;
	disconnect(): void;
	on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Open an ioredis client. ioredis is required lazily so that n8n instances without Redis never load it.
 * Commands fail fast (one retry, 5 s connect timeout) instead of queueing forever while Redis is down.
 */
export function openRedisClient(connection: RedisConnection): RedisClientLike {
	const IORedis = require('ioredis') as new (...args: unknown[]) => RedisClientLike;
	const common = { maxRetriesPerRequest: 1, connectTimeout: 5000, enableOfflineQueue: true, lazyConnect: false };
	let client: RedisClientLike;
	if ('url' in connection) {
		client = new IORedis(connection.url, common);
	} else {
		const { tls, ...rest } = connection;
		client = new IORedis({ ...rest, ...(tls ? { tls: {} } : {}), ...common });
	}
	// Without a listener ioredis prints every connection error; the caller sees command errors instead.
	client.on('error', () => undefined);
	return client;
}

/** Redis settings of an n8n running in queue mode, from its environment; undefined otherwise. */
export function queueModeRedisFromEnv(env: NodeJS.ProcessEnv = process.env): RedisConnection | undefined {
	if (env.EXECUTIONS_MODE !== 'queue') return undefined;
	const port = Number(env.QUEUE_BULL_REDIS_PORT ?? 6379);
	const db = Number(env.QUEUE_BULL_REDIS_DB ?? 0);
	return {
		host: env.QUEUE_BULL_REDIS_HOST || 'localhost',
		port: Number.isFinite(port) ? port : 6379,
		db: Number.isFinite(db) ? db : 0,
		...(env.QUEUE_BULL_REDIS_USERNAME ? { username: env.QUEUE_BULL_REDIS_USERNAME } : {}),
		...(env.QUEUE_BULL_REDIS_PASSWORD ? { password: env.QUEUE_BULL_REDIS_PASSWORD } : {}),
		...(env.QUEUE_BULL_REDIS_TLS === 'true' ? { tls: true } : {}),
	};
}

const sharedClients = new Map<string, RedisClientLike>();

/** One client per connection per process, reused by every trigger that uses the same Redis. */
export function sharedRedisClient(connection: RedisConnection): RedisClientLike {
	const key = JSON.stringify(connection);
	let client = sharedClients.get(key);
	if (!client) {
		client = openRedisClient(connection);
		sharedClients.set(key, client);
	}
	return client;
}

/** For tests and shutdown: close every shared client. */
export function closeSharedRedisClients(): void {
	const clients = Array.from(sharedClients.values());
	sharedClients.clear();
	// disconnect(), not quit(): a client that never reached its server would otherwise keep reconnecting.
	for (const c of clients) c.disconnect();
}
