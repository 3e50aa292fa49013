/**
 * Every run finishes (issue #27): Slack Post's durable outbox (no n8n imports). Why this design is in
 * docs/scaling.md#every-run-finishes-the-slack-outbox.
 *
 * - Write-ahead: each message is written to the outbox (outboxFile.ts or outboxRedis.ts) before it is sent, and
 *   leaves it when Slack took it or refused it for good. A run killed mid-way leaves its messages waiting.
 * - A message Slack cannot take because of something that passes (5xx, network, time-outs, 429 beyond the
 *   retry budget, `service_unavailable`…) stays in the outbox: the run succeeds, its item says `queued`.
 * - While messages of a channel wait, newer ones queue behind them (so the channel keeps its order); a message
 *   already in the pacer gives up its turn (`abortIf`) instead of spending its own retry budget.
 * - A drain posts what waits, oldest first, folded into summaries when there are many (outboxSummary.ts);
 *   it runs before a new message of the channel goes out, and when the Slack Delivery Trigger asks. Entries
 *   older than the age limit are given up with one alert.
 * - At most once per event and channel: an entry Slack took leaves a mark in the posted ledger (outboxTypes.ts);
 *   the same event sent again (a rerun, a catch-up re-emitting a killed run's chunk) is answered from the mark
 *   (`alreadyPosted`, with where it went) without calling Slack.
 */
import { randomUUID } from 'crypto';
import { deliver, type DeliveryContext, type DeliveryRequest, type DeliveryResult } from './deliver';
import { FileOutboxStore } from './outboxFile';
import { RedisOutboxStore } from './outboxRedis';
import { asOutbound, giveUpAlert, outageSummary, planDrain, type DrainStep } from './outboxSummary';
import { batchId, entryId, entryKey, type ChannelState, type ListedEntry, type OutboxEntry, type OutboxStore, type PostedMark } from './outboxTypes';
import { redisConnection } from './stores';
import type { DeliverySettings, SlackFailure } from './types';
import { sharedRedisClient } from '../redis';
import { sleep, startInterval, stopInterval, type Interval } from '../timers';

const RETRYABLE = new Set(['request_error', 'timeout', 'request_timeout', 'internal_error', 'fatal_error', 'service_unavailable', 'ratelimited', 'rate_limited', 'queued_behind']);

/** A failure that passes (Slack down, slow or refusing for a while), as opposed to a mistake that stays. */
export function isTransient(f: SlackFailure | undefined): boolean {
	if (!f) return false;
	if (RETRYABLE.has(f.code)) return true;
	const http = /^http_(\d+)$/.exec(f.code);
	return !!http && (Number(http[1]) >= 500 || Number(http[1]) === 408 || Number(http[1]) === 429);
}

export function describeFailure(f: SlackFailure): string {
	if (f.code === 'queued_behind') return f.message;
	const http = /^http_(\d+)$/.exec(f.code);
	if (http) return `Slack unreachable (HTTP ${http[1]})`;
	if (f.code === 'ratelimited' || f.code === 'rate_limited') return 'Slack kept answering 429 (rate limited) beyond the retry budget';
	if (f.code === 'request_error' || f.code === 'timeout' || f.code === 'request_timeout') return `Slack unreachable (${f.code.replace(/_/g, ' ')})`;
	return `Slack unavailable (${f.code})`;
}

/** Backoff between drains of a channel while Slack stays unreachable: 15 s, 30 s, 60 s, then every 2 min. */
export function drainBackoffMs(attempts: number): number {
	return Math.min(120_000, 15_000 * 2 ** Math.max(0, attempts));
}

export interface OutboxSettings {
	/** Give up on entries older than this (ms). Default 24 h. */
	giveUpAfterMs: number;
	/** For the times in summaries and alerts. */
	timeZone: string;
	/** Fold when more than this many foldable messages wait for a channel (Slack Post's Coalesce Threshold). */
	threshold: number;
	/** A drain stops after this long (ms); the rest waits for the next one. Default 150 s. */
	drainBudgetMs?: number;
}

/** The outbox store for Slack Post: Redis when there is one (the Redis URL, or queue mode's), else a file. */
export function chooseOutboxStore(redisUrl: string, env?: NodeJS.ProcessEnv): OutboxStore | string {
	const redis = redisConnection(redisUrl, env);
	if (typeof redis === 'string') return redis;
	return redis ? new RedisOutboxStore(sharedRedisClient(redis)) : new FileOutboxStore();
}

export type QueuedResult = DeliveryResult & { queued?: { reason: string; since: string }; alreadyPosted?: { at: string } };

/** The mark of an entry Slack took (`ts` its message, or the summary it was folded into); none without an event id. */
export function postedMark(entry: OutboxEntry, r: Pick<DeliveryResult, 'channel' | 'ts' | 'thread_ts' | 'folded'>): PostedMark[] {
	if (!entry.eventId || !r.ts) return [];
	return [{ id: entry.id, ...(r.channel ? { channel: r.channel } : {}), ts: r.ts, ...(r.thread_ts ? { threadTs: r.thread_ts } : {}), ...(r.folded ? { folded: r.folded } : {}), at: Date.now() }];
}

export interface DrainReport {
	channel: string;
	/** key → where it went */
	posted: Map<string, { ts: string; eventId: string | null; folded?: { summaryTs: string; count: number } }>;
	summaries: number;
	givenUp: Array<{ entry: OutboxEntry; why: string }>;
	/** the give-up alert could not be posted */
	alertError?: string;
	/** still waiting after the drain */
	waiting: number;
	/** why the drain stopped early (Slack still unreachable, another drain busy, not due) */
	stopped?: string;
	state: ChannelState | null;
}

/** One execution of Slack Post with the outbox: `send` replaces `deliver`; `close` when the run ends. */
export class OutboxSession {
	private readonly batches = new Map<string, string>();
	private pending: Array<{ entry: OutboxEntry; resolve: (dup: false | { mark?: PostedMark }) => void; reject: (e: unknown) => void }> = [];
	private finished = new Map<string, { keys: string[]; marks: PostedMark[]; wait: Promise<void> }>();
	private flushing: Promise<void> | undefined;
	private readonly behind = new Map<string, Set<string>>();
	private readonly drains = new Map<string, Promise<DrainReport>>();
	private renewal: Interval | undefined;

	constructor(
		readonly delivery: DeliveryContext,
		readonly store: OutboxStore,
		readonly settings: OutboxSettings,
		readonly ns: string = delivery.namespace ?? '',
	) {
		if (store.kind === 'redis') {
			this.renewal = startInterval(() => void store.renew(this.ns, [...this.batches.values()]).catch(() => undefined), 30_000);
		}
	}

	private batchOf(channel: string): string {
		let b = this.batches.get(channel);
		if (!b) this.batches.set(channel, (b = batchId(Date.now(), randomUUID())));
		return b;
	}

	/** Write-ahead, batched: every `send` of one tick is written in one batch per channel. */
	private add(entry: OutboxEntry): Promise<false | { mark?: PostedMark }> {
		return new Promise((resolve, reject) => {
			this.pending.push({ entry, resolve, reject });
			this.flushing ??= Promise.resolve().then(() => this.flush());
		});
	}

	private async flush(): Promise<void> {
		const work = this.pending;
		this.pending = [];
		this.flushing = undefined;
		const byChannel = new Map<string, typeof work>();
		for (const w of work) byChannel.set(w.entry.channel, [...(byChannel.get(w.entry.channel) ?? []), w]);
		for (const [channel, list] of byChannel) {
			try {
				const { duplicates, posted } = await this.store.add(this.ns, channel, list[0].entry.batch, list.map((w) => w.entry));
				const dup = new Set(duplicates);
				for (const w of list) w.resolve(dup.has(w.entry.id) && { mark: posted[w.entry.id] });
			} catch (error) {
				for (const w of list) w.reject(error);
			}
		}
	}

	/** The entry leaves the outbox (with its mark when Slack took it): every `finish` of one tick in one `done`. */
	private finish(channel: string, key: string, marks: PostedMark[]): Promise<void> {
		let f = this.finished.get(channel);
		if (!f) {
			const next = { keys: [] as string[], marks: [] as PostedMark[], wait: Promise.resolve() };
			next.wait = Promise.resolve().then(() => {
				this.finished.delete(channel);
				return this.store.done(this.ns, channel, next.keys, next.marks);
			});
			this.finished.set(channel, (f = next));
		}
		f.keys.push(key);
		f.marks.push(...marks);
		return f.wait;
	}

	private entryFor(req: DeliveryRequest): OutboxEntry {
		const m = req.message;
		const channel = m.channel;
		const batch = this.batchOf(channel);
		const key = entryKey(batch, this.pendingIndex++);
		const eventId = typeof m.metadata?.event_id === 'string' ? m.metadata.event_id : null;
		return {
			key,
			id: entryId(eventId, channel, key),
			batch,
			channel,
			eventId,
			message: { text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}), ...(m.metadata ? { metadata: m.metadata } : {}), ...(m.mention ? { mention: m.mention } : {}), ...(m.foldable === false ? { foldable: false } : {}) },
			threadKey: req.threadKey?.trim() ?? '',
			updateParent: !!req.updateParent,
			created: req.created,
			queuedAt: Date.now(),
		};
	}

	private pendingIndex = 0;

	private queued(channel: string, reason: string, since: number): QueuedResult {
		return { ok: false, channel, ts: null, thread_ts: null, notes: [], queued: { reason, since: new Date(since).toISOString() } };
	}

	/** Slack Post's send: write-ahead, then deliver, queue behind older messages, or keep for later. */
	readonly send = async (req: DeliveryRequest): Promise<QueuedResult> => {
		const entry = this.entryFor(req);
		const channel = entry.channel;
		const dup = await this.add(entry);
		if (dup && dup.mark) {
			const m = dup.mark;
			return { ok: true, channel: m.channel ?? channel, ts: m.ts, thread_ts: m.threadTs ?? null, notes: [], ...(m.folded ? { folded: m.folded } : {}), alreadyPosted: { at: new Date(m.at).toISOString() } };
		}
		if (dup) return this.queued(channel, 'This event already waits in the outbox for this channel', Date.now());
		const state = await this.store.getState(this.ns, channel);
		if (state) return this.queueBehind(entry, state);
		const abortIf = async () => {
			const s = await this.store.getState(this.ns, channel);
			return s ? `Waiting behind earlier messages for this channel: ${s.reason}` : undefined;
		};
		const r = await deliver(this.delivery, { ...req, message: { ...req.message, abortIf } });
		if (r.ok || !isTransient(r.error)) {
			await this.finish(channel, entry.key, r.ok ? postedMark(entry, r) : []);
			return r;
		}
		const now = Date.now();
		const current = await this.store.getState(this.ns, channel);
		const reason = describeFailure(r.error!);
		if (!current) await this.store.setState(this.ns, channel, { since: now, reason, nextAttemptAt: now + drainBackoffMs(0), attempts: 0 });
		return this.queued(channel, reason, current?.since ?? now);
	};

	/** Older messages of the channel wait: this one goes after them, in the drain this run tries when one is due. */
	private async queueBehind(entry: OutboxEntry, state: ChannelState): Promise<QueuedResult> {
		const channel = entry.channel;
		let mine = this.behind.get(channel);
		if (!mine) this.behind.set(channel, (mine = new Set()));
		mine.add(entry.key);
		if (state.nextAttemptAt > Date.now()) return this.queued(channel, `Waiting behind earlier messages for this channel: ${state.reason}`, state.since);
		let drain = this.drains.get(channel);
		if (!drain) {
			drain = (async () => {
				await this.flushing; // every message of this run is written first
				await sleep(0);
				return await this.drain(channel, { waitForLeaseMs: 20_000 });
			})();
			this.drains.set(channel, drain);
		}
		const report = await drain;
		const posted = report.posted.get(entry.key);
		if (posted) return { ok: true, channel, ts: posted.ts, thread_ts: null, notes: [], ...(posted.folded ? { folded: posted.folded } : {}) };
		return this.queued(channel, `Waiting behind earlier messages for this channel: ${report.state?.reason ?? report.stopped ?? 'Slack unreachable'}`, report.state?.since ?? state.since);
	}

	/** A drain item (from the Slack Delivery Trigger): post what waits for the channel, if it is due. */
	async drainDue(channel: string): Promise<DrainReport> {
		const state = await this.store.getState(this.ns, channel);
		if (state && state.nextAttemptAt > Date.now()) {
			const waiting = (await this.store.list(this.ns, channel)).filter((e) => !e.inFlight).length;
			return { channel, posted: new Map(), summaries: 0, givenUp: [], waiting, stopped: `next attempt at ${new Date(state.nextAttemptAt).toISOString()}`, state };
		}
		return this.drain(channel, { waitForLeaseMs: 0 });
	}

	/** Posts the channel's waiting entries (and this run's queued ones), oldest first, until done or Slack fails. */
	async drain(channel: string, opts: { waitForLeaseMs: number }): Promise<DrainReport> {
		const { store, ns } = this;
		const report: DrainReport = { channel, posted: new Map(), summaries: 0, givenUp: [], waiting: 0, state: null };
		let token = await store.lease(ns, channel, 180_000);
		for (const until = Date.now() + opts.waitForLeaseMs; !token && Date.now() < until; token = await store.lease(ns, channel, 180_000)) await sleep(500);
		if (!token) {
			report.stopped = 'another run is posting this channel’s waiting messages';
			report.state = await store.getState(ns, channel);
			return report;
		}
		const mine = this.behind.get(channel) ?? new Set<string>();
		const settings: DeliverySettings = { ...this.delivery.settings, retry: { ...this.delivery.settings.retry, maxAttempts: Math.min(3, this.delivery.settings.retry.maxAttempts), maxRetryTimeMs: 20_000 } };
		const ctx: DeliveryContext = { ...this.delivery, settings };
		const deadline = Date.now() + (this.settings.drainBudgetMs ?? 150_000);
		let failed: SlackFailure | undefined;
		try {
			for (let pass = 0; pass < 1000 && !failed && Date.now() < deadline; pass++) {
				let entries: ListedEntry[] = (await store.list(ns, channel)).filter((e) => !e.inFlight || mine.has(e.key));
				if (!entries.length) break;
				const now = Date.now();
				const old = entries.filter((e) => now - e.queuedAt > this.settings.giveUpAfterMs);
				if (old.length) {
					await store.done(ns, channel, old.map((e) => e.key));
					const hours = Math.round((this.settings.giveUpAfterMs / 3_600_000) * 10) / 10;
					report.givenUp.push(...old.map((entry) => ({ entry, why: `they waited more than ${hours} h for Slack` })));
					entries = entries.filter((e) => !old.includes(e));
				}
				const steps = planDrain(entries, this.settings.threshold);
				const folds = steps.filter((s) => s.kind === 'fold').length;
				let fold = 0;
				for (const step of steps) {
					if (Date.now() >= deadline) break;
					const r = await this.post(ctx, step, step.kind === 'fold' ? { n: ++fold, of: folds } : undefined);
					const keys = step.kind === 'fold' ? step.entries.map((e) => e.key) : [step.entry.key];
					if (r.ok) {
						const folded = step.kind === 'fold' ? { summaryTs: r.ts!, count: keys.length } : undefined;
						await store.done(ns, channel, keys, (step.kind === 'fold' ? step.entries : [step.entry]).flatMap((e) => postedMark(e, { channel: r.channel, ts: r.ts, thread_ts: folded ? null : r.thread_ts, folded })));
						if (step.kind === 'fold') report.summaries++;
						for (const e of step.kind === 'fold' ? step.entries : [step.entry]) {
							report.posted.set(e.key, { ts: r.ts!, eventId: e.eventId, ...(step.kind === 'fold' ? { folded: { summaryTs: r.ts!, count: keys.length } } : {}) });
						}
						continue;
					}
					if (isTransient(r.error)) {
						failed = r.error;
						break;
					}
					await store.done(ns, channel, keys);
					const why = `Slack refused them: ${r.error?.code ?? 'unknown error'}`;
					report.givenUp.push(...(step.kind === 'fold' ? step.entries : [step.entry]).map((entry) => ({ entry, why })));
				}
				if (entries.length && !steps.length) break;
			}
			const left = await store.list(ns, channel);
			report.waiting = left.filter((e) => !e.inFlight).length;
			const state = await store.getState(ns, channel);
			if (failed) {
				const now = Date.now();
				const attempts = (state?.attempts ?? 0) + 1;
				report.state = { since: state?.since ?? now, reason: describeFailure(failed), nextAttemptAt: now + drainBackoffMs(attempts), attempts };
				report.stopped = report.state.reason;
				await store.setState(ns, channel, report.state);
			} else if (!left.length || !report.waiting) {
				report.state = null;
				await store.setState(ns, channel, null);
			} else {
				report.state = state ? { ...state, nextAttemptAt: Date.now(), attempts: 0 } : null;
				if (report.state) await store.setState(ns, channel, report.state);
				report.stopped = 'the drain took its time budget; the rest goes out next';
			}
		} finally {
			await store.unlease(ns, channel, token).catch(() => undefined);
		}
		if (report.givenUp.length) {
			const alert = giveUpAlert(channel, report.givenUp, { timeZone: this.settings.timeZone, now: Date.now() });
			const fate = await this.delivery.pacer.enqueue(alert, settings);
			if ('failed' in fate) report.alertError = `${fate.failed.code}: ${fate.failed.message}`;
		}
		return report;
	}

	private async post(ctx: DeliveryContext, step: DrainStep<ListedEntry>, part?: { n: number; of: number }): Promise<DeliveryResult> {
		if (step.kind === 'single') {
			const e = step.entry;
			return deliver(ctx, { message: asOutbound(e), threadKey: e.threadKey, updateParent: e.updateParent, created: e.created });
		}
		const message = outageSummary(step.entries, { timeZone: this.settings.timeZone, locale: ctx.settings.coalesce.locale, part });
		const fate = await ctx.pacer.enqueue(message, ctx.settings);
		if ('posted' in fate) return { ok: true, channel: fate.channel, ts: fate.posted, thread_ts: null, notes: [] };
		if ('failed' in fate) return { ok: false, channel: step.entries[0].channel, ts: null, thread_ts: null, notes: [], error: fate.failed };
		return { ok: false, channel: step.entries[0].channel, ts: null, thread_ts: null, notes: [], error: { code: 'internal_error', message: 'the summary was neither posted nor failed', attempts: 0 } };
	}

	/** The run ends: what it did not deliver waits for the next drain. */
	async close(): Promise<void> {
		stopInterval(this.renewal);
		this.renewal = undefined;
		await this.flushing;
		await Promise.all([...this.finished.values()].map((f) => f.wait));
		await this.store.settle(this.ns, [...this.batches.values()]);
	}
}
