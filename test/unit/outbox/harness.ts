/**
 * What the outbox's session tests share: the in-process sandbox (its Slack paced at 100/s, reset before each test),
 * a Redis client on 127.0.0.1:6379 under a prefix of this file's own (its keys removed afterwards), temporary
 * folders (removed afterwards), and a delivery context whose pacer talks to the sandbox's Slack.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import type { DeliveryContext } from '../../../nodes/shared/delivery/deliver';
import { Pacer } from '../../../nodes/shared/delivery/pacer';
import { createDeliveryClient, slackTransport } from '../../../nodes/shared/delivery/slackTransport';
import type { ThreadStore } from '../../../nodes/shared/delivery/threads';
import { resolveSettings } from '../../../nodes/shared/delivery/types';
import { openRedisClient, type RedisClientLike } from '../../../nodes/shared/redis';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const outboxSettings = resolveSettings({
	rate: { messagesPerSecond: 100, burst: 100 },
	retry: { maxAttempts: 2, baseBackoffMs: 10, maxRetryTimeMs: 2000 },
	coalesce: { threshold: 5, windowMs: 0 },
});

export interface OutboxHarness {
	/** The Redis keys' prefix of this test file. */
	readonly prefix: string;
	sb(): Sandbox;
	redis(): RedisClientLike;
	/** A new temporary folder, removed after the file's tests. */
	tempDir(): string;
	/** A delivery context on the sandbox's Slack (with a thread store when given), in a namespace of its own. */
	delivery(threads?: ThreadStore): DeliveryContext;
	/** What the sandbox's Slack holds. */
	slack<M>(): Promise<{ messages: M[]; rejected: unknown[] }>;
}

/** Registers the hooks (call it at the top of a test file) and returns the shared pieces. */
export function outboxHarness(label: string): OutboxHarness {
	const prefix = `test-outbox-${label}-${randomUUID()}:`;
	let sb: Sandbox | undefined;
	let redis: RedisClientLike | undefined;
	const dirs: string[] = [];
	const started = <T>(v: T | undefined, what: string): T => {
		if (!v) throw new Error(`the ${what} did not start (see beforeAll)`);
		return v;
	};
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, slackRateLimit: { burst: 100, perSecond: 100 }, seedTransactions: 0 });
		redis = openRedisClient({ url: REDIS_URL });
	});
	afterAll(async () => {
		await sb?.close();
		if (redis) {
			const r = redis as unknown as { keys(p: string): Promise<string[]>; del(...k: string[]): Promise<number> };
			const keys = await r.keys(`${prefix}*`);
			if (keys.length) await r.del(...keys);
			await redis.quit();
		}
		for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
	});
	beforeEach(async () => {
		await fetch(`${started(sb, 'sandbox').url}/_sandbox/reset`, { method: 'POST' });
	});
	return {
		prefix,
		sb: () => started(sb, 'sandbox'),
		redis: () => started(redis, 'Redis client'),
		tempDir: () => {
			const d = fs.mkdtempSync(path.join(os.tmpdir(), `outbox-${label}-`));
			dirs.push(d);
			return d;
		},
		delivery: (threads) => {
			const pacer = new Pacer(slackTransport(createDeliveryClient({ botToken: 'xoxb-sandbox-token', apiBaseUrl: `${started(sb, 'sandbox').url}/api/` })));
			return { pacer, settings: outboxSettings, ...(threads ? { store: threads } : {}), namespace: `ns${randomUUID().slice(0, 8)}:` };
		},
		slack: async <M>() => (await (await fetch(`${started(sb, 'sandbox').url}/_sandbox/slack/messages`)).json()) as { messages: M[]; rejected: unknown[] },
	};
}
