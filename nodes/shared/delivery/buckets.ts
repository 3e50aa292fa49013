/**
 * Per-channel token buckets for the pacer (no n8n imports): in this process's memory, or in Redis so that
 * every n8n process (queue-mode workers) that posts to one channel shares one bucket.
 *
 * A bucket refills at `messagesPerSecond` up to `burst` tokens; one Slack call takes one token. A 429 pauses
 * the bucket for Retry-After, empties it and halves its rate (never below a quarter of the setting); each
 * success gives back 10 % of the setting. In Redis all of that is one Lua script per call, run atomically
 * with Redis's own clock (`TIME`), so the workers' clocks do not matter and a Retry-After one worker hears
 * holds back all of them.
 *
 * If Redis cannot be reached, a Redis bucket paces with a bucket in this process's memory instead (the
 * message still goes, paced per process) and counts the fallback; it tries Redis again on the next call.
 */
import { createHash } from 'crypto';
import type { RedisLike } from '../redis';
import type { RateSettings } from './types';

/** Token bucket with a pause (Retry-After) and a rate that halves on 429 and recovers on success. */
export class TokenBucket {
	private tokens: number;

	private last: number;

	private pausedUntil = 0;

	rate: number;

	constructor(
		public baseRate: number,
		public burst: number,
		now = Date.now(),
	) {
		this.rate = baseRate;
		this.tokens = burst;
		this.last = now;
	}

	configure(r: RateSettings): void {
		if (r.messagesPerSecond !== this.baseRate) {
			this.rate = Math.min(this.rate / this.baseRate, 1) * r.messagesPerSecond;
			this.baseRate = r.messagesPerSecond;
		}
		this.burst = r.burst;
		this.tokens = Math.min(this.tokens, this.burst);
	}

	private refill(now: number): void {
		if (now <= this.last) return;
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
		this.last = now;
	}

	/** ms until a token is available (0: now). */
	waitMs(now = Date.now()): number {
		if (now < this.pausedUntil) return this.pausedUntil - now;
		this.refill(now);
		if (this.tokens >= 1) return 0;
		return Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000));
	}

	take(now = Date.now()): void {
		this.refill(now);
		this.tokens -= 1;
	}

	onRateLimited(retryAfterMs: number, now = Date.now()): void {
		this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
		this.tokens = 0;
		this.last = this.pausedUntil;
		this.rate = Math.max(this.baseRate / 4, this.rate / 2);
	}

	onSuccess(): void {
		if (this.rate < this.baseRate) this.rate = Math.min(this.baseRate, this.rate + this.baseRate / 10);
	}
}

/** One channel's bucket, wherever it lives. */
export interface RateGate {
	/** Takes a token and returns 0, or returns the ms to wait before asking again (nothing taken). */
	acquire(rate: RateSettings): Promise<number>;
	/** Slack answered 429 with this Retry-After. */
	rateLimited(retryAfterMs: number, rate: RateSettings): Promise<void>;
	succeeded(rate: RateSettings): Promise<void>;
}

/** Where a pacer's buckets live: one gate per channel. */
export interface GateSource {
	readonly kind: 'memory' | 'redis';
	/** Identifies the storage, so that pacers on different storage are kept apart. */
	readonly id: string;
	gate(channel: string): RateGate;
	/** Calls that Redis could not answer, paced in memory instead. */
	readonly fallbacks: number;
}

class MemoryGate implements RateGate {
	private bucket: TokenBucket | undefined;

	local(rate: RateSettings): TokenBucket {
		if (!this.bucket) this.bucket = new TokenBucket(rate.messagesPerSecond, rate.burst);
		else this.bucket.configure(rate);
		return this.bucket;
	}

	async acquire(rate: RateSettings): Promise<number> {
		const b = this.local(rate);
		const wait = b.waitMs();
		if (wait === 0) b.take();
		return wait;
	}

	async rateLimited(retryAfterMs: number, rate: RateSettings): Promise<void> {
		this.local(rate).onRateLimited(retryAfterMs);
	}

	async succeeded(rate: RateSettings): Promise<void> {
		this.local(rate).onSuccess();
	}
}

/** Buckets in this process's memory. */
export function memoryGates(): GateSource {
	return { kind: 'memory', id: 'memory', fallbacks: 0, gate: () => new MemoryGate() };
}

// KEYS[1] the bucket (a hash); ARGV[1] op (take | 429 | ok), ARGV[2] messages/s, ARGV[3] burst,
// ARGV[4] Retry-After ms (429), ARGV[5] key TTL ms. Returns the ms to wait (take), else 0.
export const BUCKET_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local base = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local h = redis.call('HMGET', KEYS[1], 'tokens', 'last', 'paused', 'rate', 'base')
local tokens = tonumber(h[1])
local last = tonumber(h[2])
local paused = tonumber(h[3]) or 0
local rate = tonumber(h[4])
local oldBase = tonumber(h[5])
if not tokens or not last then
  tokens = burst
  last = now
end
if not rate or not oldBase or oldBase <= 0 then
  rate = base
  oldBase = base
end
if oldBase ~= base then rate = math.min(rate / oldBase, 1) * base end
if tokens > burst then tokens = burst end
local op = ARGV[1]
local result = 0
if op == 'take' then
  if now < paused then
    result = paused - now
  else
    if now > last then
      tokens = math.min(burst, tokens + (now - last) / 1000 * rate)
      last = now
    end
    if tokens >= 1 then
      tokens = tokens - 1
    else
      result = math.max(1, math.ceil((1 - tokens) / rate * 1000))
    end
  end
elseif op == '429' then
  paused = math.max(paused, now + tonumber(ARGV[4]))
  tokens = 0
  last = paused
  rate = math.max(base / 4, rate / 2)
elseif op == 'ok' then
  if rate < base then rate = math.min(base, rate + base / 10) end
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(last), 'paused', tostring(paused), 'rate', tostring(rate), 'base', tostring(base))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return result`;

const HOUR = 3_600_000;

class RedisGate implements RateGate {
	private readonly fallback = new MemoryGate();

	constructor(
		private readonly source: RedisGates,
		private readonly key: string,
	) {}

	private async run(op: 'take' | '429' | 'ok', rate: RateSettings, retryAfterMs = 0): Promise<number> {
		const ttl = Math.max(HOUR, retryAfterMs * 2);
		const r = await this.source.client.eval(BUCKET_SCRIPT, 1, this.key, op, rate.messagesPerSecond, rate.burst, Math.max(0, Math.ceil(retryAfterMs)), ttl);
		const n = Number(r);
		return Number.isFinite(n) && n > 0 ? n : 0;
	}

	async acquire(rate: RateSettings): Promise<number> {
		try {
			return await this.run('take', rate);
		} catch {
			this.source.fallbacks++;
			return this.fallback.acquire(rate);
		}
	}

	async rateLimited(retryAfterMs: number, rate: RateSettings): Promise<void> {
		await this.fallback.rateLimited(retryAfterMs, rate);
		await this.run('429', rate, retryAfterMs).catch(() => this.source.fallbacks++);
	}

	async succeeded(rate: RateSettings): Promise<void> {
		await this.fallback.succeeded(rate);
		await this.run('ok', rate).catch(() => this.source.fallbacks++);
	}
}

class RedisGates implements GateSource {
	readonly kind = 'redis' as const;

	fallbacks = 0;

	constructor(
		readonly client: RedisLike,
		readonly id: string,
		private readonly prefix: string,
	) {}

	gate(channel: string): RateGate {
		return new RedisGate(this, `${this.prefix}${channel}`);
	}
}

/**
 * Buckets in Redis, shared by every process that uses the same Redis and the same `namespace` (the pacer's
 * connection: API base URL + a hash of the bot token). `id` names the Redis server (no secrets in it).
 */
export function redisGates(client: RedisLike, id: string, namespace: string, prefix = 'n8n-slack-post:pace:'): GateSource {
	const ns = createHash('sha256').update(namespace).digest('hex').slice(0, 16);
	return new RedisGates(client, `redis:${id}`, `${prefix}${ns}:`);
}
