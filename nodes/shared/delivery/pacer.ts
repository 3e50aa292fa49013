/**
 * Per-channel pacing for Slack (no n8n imports).
 *
 * One Pacer per Slack connection (API base URL + bot token), one Lane per channel. A lane is an outbox:
 * a FIFO queue drained by one worker through a token bucket (default 1 message/s sustained, burst 3).
 * Pacers live in a module-level registry, so every execution of every Slack Post node in this process
 * that posts with the same token to the same channel shares one queue and one bucket. The buckets
 * (buckets.ts) live in memory, or in Redis: then every process (queue-mode workers) shares each channel's
 * bucket and its Retry-After pauses; the queues and coalescing stay per process.
 *
 * Each enqueue returns a promise of that message's fate, which never rejects:
 *   {posted: ts} | {folded: {summaryTs, count}} | {skipped: reason} | {failed: {code, message, attempts}}
 *
 * Errors (classified by the sender's `classify`):
 * - rate limited (429 + Retry-After): the lane waits Retry-After, empties its bucket and halves its rate
 *   (it recovers by 10 % of the configured rate per success); not counted as an attempt, bounded by
 *   `maxRetryTimeMs`;
 * - retryable (5xx, network, timeouts): exponential backoff with jitter, at most `maxAttempts` requests
 *   and `maxRetryTimeMs`;
 * - fatal (invalid_blocks, channel_not_found, not_in_channel, invalid_auth, …): fails at once with Slack's code.
 */
import { createHash } from 'crypto';
import { memoryGates, type GateSource, type RateGate } from './buckets';
import { buildSummary, groupKey, isFoldable, planNext, type Queued } from './coalesce';
import { resolveSettings, type DeliverySettings, type Fate, type OutboundMessage, type RateSettings, type SlackFailure } from './types';
import { sleep, startTimer, stopTimer } from '../timers';

export interface SendResult {
	ts: string;
	channel: string;
}

export type Classified =
	| { kind: 'rate_limited'; retryAfterMs: number }
	| { kind: 'retry'; code: string; message: string }
	| { kind: 'fatal'; code: string; message: string };

export interface Transport {
	send(message: OutboundMessage): Promise<SendResult>;
	classify(error: unknown): Classified;
}

export interface Counters {
	/** chat.postMessage calls that succeeded (individual messages and summaries). */
	posted: number;
	/** chat.update calls that succeeded. */
	updated: number;
	/** Summaries posted. */
	summaries: number;
	/** Messages folded into a summary (each counted in exactly one summary). */
	folded: number;
	/** HTTP 429 answers received. */
	rateLimited: number;
	/** Requests repeated after a 429, 5xx or network error. */
	retries: number;
	/** Messages whose delivery failed finally (a failed summary counts every message it folded). */
	failures: number;
	/** Updates skipped because a newer state was applied meanwhile. */
	skipped: number;
}

const zeroCounters = (): Counters => ({ posted: 0, updated: 0, summaries: 0, folded: 0, rateLimited: 0, retries: 0, failures: 0, skipped: 0 });

export { TokenBucket } from './buckets';

interface Entry extends Queued {
	settings: DeliverySettings;
	resolve: (fate: Fate) => void;
}

type SendOutcome = { ok: true; result: SendResult; attempts: number } | { ok: false; failure: SlackFailure };

class Lane {
	readonly queue: Entry[] = [];

	private running = false;

	private wake: (() => void) | undefined;

	constructor(
		private readonly pacer: Pacer,
		readonly channel: string,
		public gate: RateGate,
		/** Rate and burst of the most recent execution that used this channel. */
		public rate: RateSettings,
	) {}

	/** Waits until this channel's bucket gives a token, and takes it. */
	private async takeToken(): Promise<void> {
		for (let w = await this.gate.acquire(this.rate); w > 0; w = await this.gate.acquire(this.rate)) await sleep(w);
	}

	push(entry: Entry): void {
		this.queue.push(entry);
		const w = this.wake;
		this.wake = undefined;
		w?.();
		if (!this.running) void this.run();
	}

	private async nap(ms: number): Promise<void> {
		await new Promise<void>((resolve) => {
			const t = startTimer(() => {
				this.wake = undefined;
				resolve();
			}, Math.max(1, ms));
			this.wake = () => {
				stopTimer(t);
				resolve();
			};
		});
	}

	private async run(): Promise<void> {
		this.running = true;
		try {
			for (;;) {
				const now = Date.now();
				let plan = planNext(this.queue, now);
				if (plan.kind === 'idle') break;
				if (plan.kind === 'wait') {
					await this.nap(plan.until - now);
					continue;
				}
				const wait = await this.gate.acquire(this.rate);
				if (wait > 0) {
					await sleep(wait);
					continue; // the queue may have changed: plan again
				}
				// We hold a token; the queue may have grown while the bucket answered: plan again (no await until sent).
				plan = planNext(this.queue, Date.now());
				if (plan.kind === 'idle' || plan.kind === 'wait') continue; // the token goes unused: only ever slower
				const taken = plan.kind === 'single' ? [plan.entry] : plan.entries;
				for (const e of taken) this.queue.splice(this.queue.indexOf(e), 1);
				try {
					if (plan.kind === 'single') await this.sendOne(plan.entry);
					else await this.sendFold(plan.entries, plan.spanMs);
				} catch (error) {
					// Never happens by design; never leave a promise hanging if it does.
					const failure: SlackFailure = { code: 'internal_error', message: (error as Error)?.message ?? String(error), attempts: 0 };
					for (const e of taken) e.resolve({ failed: failure, channel: this.channel });
				}
			}
		} finally {
			this.running = false;
			if (this.queue.length) void this.run();
		}
	}

	private async sendOne(e: Entry): Promise<void> {
		const m = e.message;
		if (m.updateTs && m.stillWanted) {
			let wanted = true;
			try {
				wanted = await m.stillWanted();
			} catch {
				wanted = true;
			}
			if (!wanted) {
				this.pacer.counters.skipped++;
				return e.resolve({ skipped: 'a newer event has been applied to this message meanwhile', channel: this.channel });
			}
		}
		const out = await this.sendWithRetries(m, e.settings, true);
		if (out.ok) {
			if (m.updateTs) this.pacer.counters.updated++;
			else this.pacer.counters.posted++;
			e.resolve({ posted: out.result.ts, channel: out.result.channel, attempts: out.attempts });
		} else {
			this.pacer.counters.failures++;
			e.resolve({ failed: out.failure, channel: this.channel });
		}
	}

	private async sendFold(entries: Entry[], spanMs: number): Promise<void> {
		const first = entries[0];
		const summary = buildSummary(
			entries.map((e) => e.message),
			spanMs,
			first.settings.coalesce.locale,
		);
		const message: OutboundMessage = {
			channel: first.message.channel,
			text: summary.text,
			blocks: summary.blocks,
			...(first.message.thread_ts ? { thread_ts: first.message.thread_ts } : {}),
			...(first.message.abortIf ? { abortIf: first.message.abortIf } : {}),
			foldable: false,
			metadata: { ...first.message.metadata, event_id: null, amount: null, currency: null },
		};
		const out = await this.sendWithRetries(message, first.settings, true);
		if (out.ok) {
			this.pacer.counters.posted++;
			this.pacer.counters.summaries++;
			this.pacer.counters.folded += entries.length;
			for (const e of entries) e.resolve({ folded: { summaryTs: out.result.ts, count: entries.length }, channel: out.result.channel });
		} else {
			this.pacer.counters.failures += entries.length;
			for (const e of entries) e.resolve({ failed: out.failure, channel: this.channel });
		}
	}

	/** `holdsToken`: the caller has taken the token for the first request. */
	private async sendWithRetries(m: OutboundMessage, s: DeliverySettings, holdsToken: boolean): Promise<SendOutcome> {
		const started = Date.now();
		let requests = 0;
		let errorAttempts = 0;
		for (;;) {
			if (requests > 0 || !holdsToken) await this.takeToken();
			const behind = m.abortIf ? await m.abortIf().catch(() => undefined) : undefined;
			if (behind) return { ok: false, failure: { code: 'queued_behind', message: behind, attempts: requests } };
			requests++;
			try {
				const result = await this.pacer.transport.send(m);
				await this.gate.succeeded(this.rate);
				if (result.channel && result.channel !== this.channel) this.pacer.alias(this, result.channel);
				return { ok: true, result, attempts: requests };
			} catch (error) {
				const c = this.pacer.transport.classify(error);
				const elapsed = Date.now() - started;
				if (c.kind === 'rate_limited') {
					this.pacer.counters.rateLimited++;
					await this.gate.rateLimited(c.retryAfterMs, this.rate);
					if (elapsed + c.retryAfterMs > s.retry.maxRetryTimeMs) {
						return { ok: false, failure: { code: 'ratelimited', message: `Slack kept answering 429 for ${Math.round(elapsed / 1000)} s`, attempts: requests } };
					}
					this.pacer.counters.retries++;
					continue;
				}
				if (c.kind === 'fatal') return { ok: false, failure: { code: c.code, message: c.message, attempts: requests } };
				errorAttempts++;
				if (errorAttempts >= s.retry.maxAttempts) {
					return { ok: false, failure: { code: c.code, message: `${c.message} (gave up after ${errorAttempts} attempts)`, attempts: requests } };
				}
				const exp = Math.min(s.retry.maxBackoffMs, s.retry.baseBackoffMs * 2 ** (errorAttempts - 1));
				const backoff = exp / 2 + Math.random() * (exp / 2); // "equal jitter": never less than half
				if (elapsed + backoff > s.retry.maxRetryTimeMs) {
					return { ok: false, failure: { code: c.code, message: `${c.message} (gave up after ${Math.round(elapsed / 1000)} s)`, attempts: requests } };
				}
				this.pacer.counters.retries++;
				await sleep(backoff);
			}
		}
	}
}

/** The outboxes of one Slack connection. */
export class Pacer {
	readonly counters: Counters = zeroCounters();

	private readonly lanes = new Map<string, Lane>();

	private readonly gates = new Map<string, RateGate>();

	/** `gates`: where the channels' buckets live (default: this process's memory). */
	constructor(
		readonly transport: Transport,
		readonly gateSource: GateSource = memoryGates(),
	) {}

	private gate(channel: string): RateGate {
		let gate = this.gates.get(channel);
		if (!gate) this.gates.set(channel, (gate = this.gateSource.gate(channel)));
		return gate;
	}

	private lane(channel: string, rate: RateSettings): Lane {
		let lane = this.lanes.get(channel);
		if (!lane) {
			lane = new Lane(this, channel, this.gate(channel), rate);
			this.lanes.set(channel, lane);
		}
		lane.rate = rate;
		return lane;
	}

	/** "#payments" and "C0123" are one Slack channel: once Slack tells us the id, both lanes share one bucket. */
	alias(lane: Lane, channelId: string): void {
		const existing = this.gates.get(channelId);
		if (!existing) {
			// Shared buckets are named by channel: the id's bucket is the one every process uses.
			lane.gate = this.gateSource.kind === 'memory' ? lane.gate : this.gateSource.gate(channelId);
			this.gates.set(channelId, lane.gate);
		} else if (existing !== lane.gate) lane.gate = existing;
	}

	/** Messages waiting (not in flight) per channel. */
	pending(): Record<string, number> {
		const out: Record<string, number> = {};
		for (const [ch, lane] of this.lanes) if (lane.queue.length) out[ch] = lane.queue.length;
		return out;
	}

	enqueue(message: OutboundMessage, settings: Partial<DeliverySettings> | DeliverySettings = {}): Promise<Fate> {
		const s = resolveSettings(settings);
		if (!message.channel) return Promise.resolve({ failed: { code: 'channel_not_specified', message: 'No channel given', attempts: 0 }, channel: '' });
		const lane = this.lane(message.channel, s.rate);
		return new Promise<Fate>((resolve) => {
			lane.push({
				message,
				enqueuedAt: Date.now(),
				foldable: s.coalesce.enabled && isFoldable(message),
				key: groupKey(message),
				threshold: s.coalesce.threshold,
				windowMs: s.coalesce.windowMs,
				settings: s,
				resolve,
			});
		});
	}
}

// ------------------------------------------------------------------ process-wide registry

const registry = new Map<string, Pacer>();

export function connectionKey(apiBaseUrl: string, botToken: string): string {
	return `${apiBaseUrl}|${createHash('sha256').update(botToken).digest('hex').slice(0, 24)}`;
}

/**
 * The process-wide pacer of a connection; `create` makes its transport the first time. `gates`: where its
 * buckets live (default: memory); pacers whose buckets live elsewhere are kept apart.
 */
export function sharedPacer(apiBaseUrl: string, botToken: string, create: () => Transport, gates: GateSource = memoryGates()): Pacer {
	const key = `${connectionKey(apiBaseUrl, botToken)}|${gates.id}`;
	let p = registry.get(key);
	if (!p) registry.set(key, (p = new Pacer(create(), gates)));
	return p;
}

/** Sum of every pacer's counters in this process (for tests and the bench). */
export function deliveryCounters(): Counters {
	const sum = zeroCounters();
	for (const p of registry.values()) for (const k of Object.keys(sum) as Array<keyof Counters>) sum[k] += p.counters[k];
	return sum;
}

/** For tests: forget every pacer (does not cancel messages in flight). */
export function resetPacers(): void {
	registry.clear();
}
