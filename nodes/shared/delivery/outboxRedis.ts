/**
 * Slack Post's outbox in Redis (no n8n imports), shared by every n8n process in queue mode. Keys, under
 * `n8n-slack-post:outbox:<connection>:`:
 *   ch             the set of channels with entries
 *   q:<channel>    the channel's entry keys (a sorted set, all scores 0: ordered by key, oldest first)
 *   e:<channel>    entry key → entry (JSON)
 *   id:<channel>   entry id (event id and channel) → entry key: the duplicate guard
 *   fly:<batch>    present while the execution that wrote the batch runs (a lease it renews)
 *   st:<channel>   the channel's state (JSON)
 *   lease:<channel> the drain lease
 *   pd:<id>        the posted ledger: the mark of an event Slack took (JSON), expiring after POSTED_TTL_MS
 * Every change is one Lua script, so an entry is added, or leaves, in one step.
 */
import { randomUUID } from 'crypto';
import type { RedisLike } from '../redis';
import { POSTED_TTL_MS, type ChannelState, type ChannelSummary, type ListedEntry, type OutboxEntry, type OutboxStore, type PostedMark } from './outboxTypes';

// KEYS: q, e, id, ch, fly. ARGV: fly ttl, channel, pd prefix, then id, key, json for each entry.
// Returns id, mark (or '' when it only waits) for each duplicate.
const ADD = `
local dup = {}
local added = 0
for i = 4, #ARGV, 3 do
  local mark = redis.call('GET', ARGV[3] .. ARGV[i])
  if mark then
    table.insert(dup, ARGV[i])
    table.insert(dup, mark)
  elseif redis.call('HSETNX', KEYS[3], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('HSET', KEYS[2], ARGV[i + 1], ARGV[i + 2])
    redis.call('ZADD', KEYS[1], 0, ARGV[i + 1])
    added = added + 1
  else
    table.insert(dup, ARGV[i])
    table.insert(dup, '')
  end
end
if added > 0 then
  redis.call('SADD', KEYS[4], ARGV[2])
  redis.call('SET', KEYS[5], '1', 'PX', ARGV[1])
end
return dup`;

// KEYS: q, e. ARGV: fly prefix. Returns json, flying, json, flying, ...
const LIST = `
local out = {}
for _, k in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local v = redis.call('HGET', KEYS[2], k)
  if v then
    local batch = string.match(k, '^(.*)%-%d+$') or k
    table.insert(out, v)
    table.insert(out, redis.call('EXISTS', ARGV[1] .. batch))
  else
    redis.call('ZREM', KEYS[1], k)
  end
end
return out`;

// KEYS: q, e, id. ARGV: pd prefix, ttl (ms), n, then id, mark for n posted entries, then the keys.
const DONE = `
local n = tonumber(ARGV[3])
for j = 0, n - 1 do
  redis.call('SET', ARGV[1] .. ARGV[4 + 2 * j], ARGV[5 + 2 * j], 'PX', ARGV[2])
end
for i = 4 + 2 * n, #ARGV do
  local k = ARGV[i]
  local v = redis.call('HGET', KEYS[2], k)
  if v then
    local ok, entry = pcall(cjson.decode, v)
    if ok and type(entry) == 'table' and entry.id and redis.call('HGET', KEYS[3], entry.id) == k then redis.call('HDEL', KEYS[3], entry.id) end
    redis.call('HDEL', KEYS[2], k)
  end
  redis.call('ZREM', KEYS[1], k)
end
return 1`;

const SMEMBERS = `return redis.call('SMEMBERS', KEYS[1])`;
const FORGET_CHANNEL = `if redis.call('ZCARD', KEYS[2]) == 0 and redis.call('EXISTS', KEYS[3]) == 0 then redis.call('SREM', KEYS[1], ARGV[1]) end return 1`;
const SET_PX = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1`;
const DEL = `return redis.call('DEL', unpack(KEYS))`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class RedisOutboxStore implements OutboxStore {
	readonly kind = 'redis' as const;

	constructor(
		private readonly client: RedisLike,
		/** `postedTtlMs`: for tests; the node always uses POSTED_TTL_MS. */
		private readonly options: { prefix?: string; flightMs?: number; stateTtlMs?: number; postedTtlMs?: number } = {},
	) {}

	private p(ns: string): string {
		return `${this.options.prefix ?? 'n8n-slack-post:outbox:'}${ns}:`;
	}

	private get flightMs(): number {
		return this.options.flightMs ?? 90_000;
	}

	async add(ns: string, channel: string, batch: string, entries: OutboxEntry[]): Promise<{ duplicates: string[]; posted: Record<string, PostedMark> }> {
		const p = this.p(ns);
		const args: string[] = [];
		for (const e of entries) args.push(e.id, e.key, JSON.stringify(e));
		const flat = ((await this.client.eval(ADD, 5, `${p}q:${channel}`, `${p}e:${channel}`, `${p}id:${channel}`, `${p}ch`, `${p}fly:${batch}`, this.flightMs, channel, `${p}pd:`, ...args)) as string[]) ?? [];
		const duplicates: string[] = [];
		const posted: Record<string, PostedMark> = {};
		for (let i = 0; i < flat.length; i += 2) {
			duplicates.push(String(flat[i]));
			if (!flat[i + 1]) continue;
			try {
				posted[String(flat[i])] = JSON.parse(String(flat[i + 1])) as PostedMark;
			} catch {
				posted[String(flat[i])] = { id: String(flat[i]), ts: null, at: 0 };
			}
		}
		return { duplicates, posted };
	}

	async renew(ns: string, batches: string[]): Promise<void> {
		const p = this.p(ns);
		for (const b of batches) await this.client.eval(SET_PX, 1, `${p}fly:${b}`, '1', this.flightMs);
	}

	async settle(ns: string, batches: string[]): Promise<void> {
		if (!batches.length) return;
		const p = this.p(ns);
		await this.client.eval(DEL, batches.length, ...batches.map((b) => `${p}fly:${b}`));
	}

	async list(ns: string, channel: string): Promise<ListedEntry[]> {
		const p = this.p(ns);
		const flat = ((await this.client.eval(LIST, 2, `${p}q:${channel}`, `${p}e:${channel}`, `${p}fly:`)) as Array<string | number>) ?? [];
		const out: ListedEntry[] = [];
		for (let i = 0; i < flat.length; i += 2) {
			try {
				out.push({ ...(JSON.parse(String(flat[i])) as OutboxEntry), inFlight: Number(flat[i + 1]) === 1 });
			} catch {
				// not ours
			}
		}
		return out;
	}

	async done(ns: string, channel: string, keys: string[], posted: PostedMark[] = []): Promise<void> {
		if (!keys.length && !posted.length) return;
		const p = this.p(ns);
		const marks = posted.flatMap((m) => [m.id, JSON.stringify(m)]);
		const ttl = Math.max(1, Math.floor(this.options.postedTtlMs ?? POSTED_TTL_MS));
		await this.client.eval(DONE, 3, `${p}q:${channel}`, `${p}e:${channel}`, `${p}id:${channel}`, `${p}pd:`, ttl, posted.length, ...marks, ...keys);
	}

	async channels(ns: string): Promise<ChannelSummary[]> {
		const p = this.p(ns);
		const names = ((await this.client.eval(SMEMBERS, 1, `${p}ch`)) as string[]) ?? [];
		const out: ChannelSummary[] = [];
		for (const channel of names.sort()) {
			const entries = await this.list(ns, channel);
			const state = await this.getState(ns, channel);
			if (!entries.length && !state) {
				await this.client.eval(FORGET_CHANNEL, 3, `${p}ch`, `${p}q:${channel}`, `${p}st:${channel}`, channel);
				continue;
			}
			const waiting = entries.filter((e) => !e.inFlight);
			out.push({ channel, waiting: waiting.length, oldestQueuedAt: waiting.length ? waiting[0].queuedAt : null, state });
		}
		return out;
	}

	async getState(ns: string, channel: string): Promise<ChannelState | null> {
		const v = await this.client.get(`${this.p(ns)}st:${channel}`);
		if (!v) return null;
		try {
			return JSON.parse(v) as ChannelState;
		} catch {
			return null;
		}
	}

	async setState(ns: string, channel: string, state: ChannelState | null): Promise<void> {
		const p = this.p(ns);
		if (!state) {
			await this.client.eval(DEL, 1, `${p}st:${channel}`);
			return;
		}
		await this.client.eval(SET_PX, 1, `${p}st:${channel}`, JSON.stringify(state), this.options.stateTtlMs ?? 7 * 86_400_000);
		await this.client.eval(`redis.call('SADD', KEYS[1], ARGV[1]) return 1`, 1, `${p}ch`, channel);
	}

	async lease(ns: string, channel: string, ms: number): Promise<string | null> {
		const token = randomUUID();
		const ok = await this.client.set(`${this.p(ns)}lease:${channel}`, token, 'PX', Math.max(1, Math.floor(ms)), 'NX');
		return ok === 'OK' ? token : null;
	}

	async unlease(ns: string, channel: string, token: string): Promise<void> {
		await this.client.eval(RELEASE, 1, `${this.p(ns)}lease:${channel}`, token);
	}
}
