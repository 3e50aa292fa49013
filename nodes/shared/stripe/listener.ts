/**
 * The Stripe Signed Listener's engine (pure, no n8n imports): an HTTP endpoint of its own that takes
 * Stripe's deliveries without going through n8n's webhook pipeline, and hands them to n8n in batches.
 *
 * Why: n8n runs its whole webhook pipeline for every request (find the workflow, build it, acquire an
 * expression isolate, route, start an execution), about 12 to 25 requests a second on 2 cores. Here a
 * request costs a signature check and a share of one fsync, and n8n starts one execution per batch.
 *
 * Life of a delivery:
 *   1. body read (capped), signature verified against every secret (a thin notification: its event fetched,
 *      ./thin.ts), event filtered;
 *   2. duplicate guard (claim in the memory or Redis store);
 *   3. acknowledgement, one of
 *        journal:     written to the EventJournal and fsynced, then 200; the run happens after.
 *                     A crash before the run finished replays the event on the next start.
 *        afterRun:    200 only when the batch's run succeeded; 500 otherwise (Stripe retries).
 *   4. dispatch: accepted events wait in a queue; a batch is started when `windowMs` has passed since
 *      its first event or it holds `maxItems`, and never more than `maxConcurrentRuns` at once, so
 *      under load the batches grow instead of the executions multiplying.
 * Nothing is dropped silently: a full queue answers 503 (Stripe retries later), a run n8n could not
 * start is retried, a failed run stays in n8n's execution list with its events.
 */
import type { IncomingMessage, ServerResponse } from 'http';

import type { DedupeStore } from '../dedupe';
import { type EventFilterConfig, filterEvent } from './eventFilter';
import type { EventJournal, Recovery } from './journal';
import { type StripeEventLike, verifyStripeWebhook } from './signature';
import { type ThinOptions, deliveredEvent } from './thin';

export type AckMode = 'journal' | 'afterRun';

/** What a batch's run came to: `notStarted` = n8n refused to start it (retried after a pause). */
export type RunOutcome = { status: 'succeeded' } | { status: 'failed'; error?: string } | { status: 'notStarted'; error?: string };

export interface BatchInfo {
	/** The batch replays events accepted before a restart (journal mode). */
	replayed: boolean;
	/** How many of its events may already have been run before the restart (the crash's in-flight window). */
	possiblyRunBefore: number;
}

export interface ListenerLog {
	warn(message: string, extra?: Record<string, unknown>): void;
	info(message: string, extra?: Record<string, unknown>): void;
}

export interface ListenerOptions {
	/** Current secrets, previous secrets: read on every request so that a rotation applies at once. */
	secrets: () => Array<string | undefined | null>;
	/** The credential's Stripe client for thin event notifications (read per request), or why there is none. */
	thinClient?: ThinOptions['client'];
	toleranceSeconds: number;
	maxBodyBytes: number;
	filter: EventFilterConfig;
	dedupe?: { store: DedupeStore; keyPrefix: string; windowMs: number; leaseMs: number };
	ack: AckMode;
	/** Required in journal mode. */
	journal?: EventJournal<StripeEventLike>;
	windowMs: number;
	maxItems: number;
	maxConcurrentRuns: number;
	/** Events accepted and not yet handed to a run; beyond this, deliveries get 503. */
	maxQueued: number;
	run: (events: StripeEventLike[], info: BatchInfo) => Promise<RunOutcome>;
	log: ListenerLog;
	/** Pause before a batch n8n could not start is offered again (ms, default 1000). */
	retryPauseMs?: number;
}

export interface ListenerStats {
	received: number;
	accepted: number;
	rejected: number;
	ignored: number;
	duplicates: number;
	busy: number;
	queued: number;
	runsInFlight: number;
	runsStarted: number;
	runsSucceeded: number;
	runsFailed: number;
	runsNotStarted: number;
	eventsRun: number;
	replayed: number;
	possiblyRunBefore: number;
	largestBatch: number;
}

interface Queued {
	event: StripeEventLike;
	at: number;
	replayed: boolean;
	possiblyRunBefore: boolean;
	claimKey?: string;
	/** afterRun mode: the waiting request. */
	settle?: (outcome: RunOutcome) => void;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
	if (res.headersSent || res.writableEnded) return;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/** Reads the whole body, or stops at `max` bytes (then resolves with `tooLarge`). */
function readBody(req: IncomingMessage, max: number): Promise<{ body: Buffer } | { tooLarge: true } | { aborted: true }> {
	return new Promise((resolve) => {
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > max) {
			req.resume();
			resolve({ tooLarge: true });
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		req.on('data', (c: Buffer) => {
			if (done) return;
			size += c.length;
			if (size > max) {
				done = true;
				resolve({ tooLarge: true });
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => {
			if (!done) {
				done = true;
				resolve({ body: Buffer.concat(chunks, size) });
			}
		});
		const abort = () => {
			if (!done) {
				done = true;
				resolve({ aborted: true });
			}
		};
		req.on('error', abort);
		req.on('close', abort); // after 'end' this is a no-op; before it, the sender went away
	});
}

export class StripeEventListener {
	private readonly queue: Queued[] = [];

	/** Counters; `queued` is read from the queue itself. */
	readonly stats: ListenerStats = ((queue: Queued[]) => ({
		received: 0,
		accepted: 0,
		rejected: 0,
		ignored: 0,
		duplicates: 0,
		busy: 0,
		get queued(): number {
			return queue.length;
		},
		runsInFlight: 0,
		runsStarted: 0,
		runsSucceeded: 0,
		runsFailed: 0,
		runsNotStarted: 0,
		eventsRun: 0,
		replayed: 0,
		possiblyRunBefore: 0,
		largestBatch: 0,
	}))(this.queue);

	private timer: ReturnType<typeof setTimeout> | undefined;

	private stopped = false;

	private readonly runs = new Set<Promise<void>>();

	constructor(private readonly o: ListenerOptions) {
		if (o.ack === 'journal' && !o.journal) throw new Error('journal acknowledgement needs a journal');
	}

	/** Queues what a previous process accepted and did not finish (journal mode), ahead of new events. */
	replay(recovery: Recovery<StripeEventLike>): void {
		if (!recovery.pending.length) return;
		const now = Date.now();
		for (const event of recovery.pending) {
			const possiblyRunBefore = recovery.started.has(event.id);
			this.queue.push({ event, at: now, replayed: true, possiblyRunBefore });
			this.stats.replayed++;
			if (possiblyRunBefore) this.stats.possiblyRunBefore++;
		}
		this.o.log.warn(
			`replaying ${recovery.pending.length} event(s) accepted before the last stop and not finished; ` +
				`${recovery.started.size} of them were in a run when the process stopped, so that run's work may be repeated`,
			{ replayed: recovery.pending.length, possiblyRunBefore: recovery.started.size },
		);
		this.pump();
	}

	/** Handles one HTTP request (POST with a Stripe event). */
	async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		if (req.method === 'GET' || req.method === 'HEAD') {
			// Counts only: nothing about the events themselves.
			const { received, accepted, queued, runsInFlight, eventsRun, replayed, possiblyRunBefore } = this.stats;
			send(res, 200, { listening: !this.stopped, received, accepted, queued, runsInFlight, eventsRun, replayed, possiblyRunBefore });
			return;
		}
		if (req.method !== 'POST') {
			send(res, 405, { error: 'this address accepts only POST requests from Stripe' }, { allow: 'POST, GET' });
			return;
		}
		this.stats.received++;
		const reject = (status: number, reason: string, code: string) => {
			this.stats.rejected++;
			this.o.log.warn(`rejected a request (${status}): ${reason}`, { status, code });
			send(res, status, { error: reason });
		};
		if (this.stopped) return reject(503, 'the listener is stopping; retry later', 'stopping');
		const read = await readBody(req, this.o.maxBodyBytes);
		if ('aborted' in read) return; // the sender went away; nothing was accepted
		if ('tooLarge' in read) return reject(413, `the body is larger than ${this.o.maxBodyBytes} bytes`, 'body_too_large');
		const verified = verifyStripeWebhook({
			rawBody: read.body,
			header: req.headers['stripe-signature'],
			secrets: this.o.secrets(),
			toleranceSeconds: this.o.toleranceSeconds,
			maxBodyBytes: this.o.maxBodyBytes,
		});
		if (!verified.ok) return reject(verified.status, verified.reason, verified.code);
		const delivered = await deliveredEvent(verified, { client: this.o.thinClient, filter: this.o.filter });
		if (!delivered.ok) return reject(delivered.status, delivered.reason, delivered.code);
		const event = delivered.event;
		const filtered = filterEvent(event, this.o.filter);
		if (!filtered.pass) {
			this.stats.ignored++;
			send(res, 200, { received: true, ignored: filtered.reason });
			return;
		}
		if (this.queue.length >= this.o.maxQueued) {
			this.stats.busy++;
			this.o.log.warn(`${this.queue.length} events are waiting for a run; asked Stripe to retry event ${event.id} later`, { status: 503 });
			send(res, 503, { error: 'too many events are waiting; retry later' }, { 'retry-after': '5' });
			return;
		}

		let claimKey: string | undefined;
		const d = this.o.dedupe;
		if (d) {
			claimKey = `${d.keyPrefix}${event.id}`;
			let claim: 'new' | 'in_flight' | 'done';
			try {
				claim = await d.store.claim(claimKey, d.leaseMs);
			} catch (error) {
				this.o.log.warn(`the duplicate store is unavailable (${(error as Error).message}); asked Stripe to retry`, { status: 503 });
				send(res, 503, { error: 'the duplicate store is unavailable; retry later' });
				return;
			}
			if (claim !== 'new') {
				this.stats.duplicates++;
				if (claim === 'in_flight') {
					// Another delivery of it is being written (or run): its outcome is not known yet, and if it
					// fails that delivery gets a 5xx; so this one must not be acknowledged either.
					send(res, 409, { error: `event ${event.id} is already being processed; retry later` });
				} else {
					send(res, 200, { received: true, ignored: `duplicate: event ${event.id} was already received` });
				}
				return;
			}
		}

		if (this.o.ack === 'journal') {
			try {
				await this.o.journal!.accept([event]);
			} catch (error) {
				if (claimKey) await d!.store.release(claimKey).catch(() => undefined);
				this.o.log.warn(`could not write event ${event.id} to the journal (${(error as Error).message}); asked Stripe to retry`, { status: 503 });
				send(res, 503, { error: 'the event could not be stored; retry later' });
				return;
			}
			// On disk: it will run (now, or after a restart). Later deliveries of it are duplicates.
			if (claimKey) d!.store.complete(claimKey, d!.windowMs).catch((e: Error) => this.o.log.warn(`could not update the duplicate store: ${e.message}`));
			this.stats.accepted++;
			send(res, 200, { received: true });
			this.enqueue({ event, at: Date.now(), replayed: false, possiblyRunBefore: false });
			return;
		}

		// afterRun: the answer waits for the batch's run.
		this.stats.accepted++;
		const outcome = await new Promise<RunOutcome>((settle) =>
			this.enqueue({ event, at: Date.now(), replayed: false, possiblyRunBefore: false, claimKey, settle }),
		);
		if (outcome.status === 'succeeded') {
			if (claimKey) d!.store.complete(claimKey, d!.windowMs).catch((e: Error) => this.o.log.warn(`could not update the duplicate store: ${e.message}`));
			send(res, 200, { received: true });
		} else {
			if (claimKey) await d!.store.release(claimKey).catch(() => undefined);
			send(res, 500, { error: `the workflow run for event ${event.id} did not succeed; retry later` });
		}
	}

	/** Queues events a catch-up claimed (and journaled, in journal mode); resolves with their run's outcome. */
	enqueueCaughtUp(events: StripeEventLike[]): Promise<RunOutcome[]> {
		this.stats.accepted += events.length;
		const at = Date.now();
		return Promise.all(events.map((event) => new Promise<RunOutcome>((settle) => this.enqueue({ event, at, replayed: false, possiblyRunBefore: false, settle }))));
	}

	private enqueue(q: Queued): void {
		this.queue.push(q);
		this.pump();
	}

	/** Starts batches while runs are free and a batch is due. */
	private pump(): void {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		while (this.queue.length && this.stats.runsInFlight < this.o.maxConcurrentRuns) {
			const waited = Date.now() - this.queue[0].at;
			if (this.queue.length < this.o.maxItems && waited < this.o.windowMs && !this.stopped) {
				this.timer = setTimeout(() => this.pump(), this.o.windowMs - waited);
				return;
			}
			this.startBatch(this.queue.splice(0, this.o.maxItems));
		}
	}

	private startBatch(batch: Queued[]): void {
		this.stats.runsInFlight++;
		this.stats.runsStarted++;
		this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
		const ids = batch.map((q) => q.event.id);
		const info: BatchInfo = {
			replayed: batch.some((q) => q.replayed),
			possiblyRunBefore: batch.filter((q) => q.possiblyRunBefore).length,
		};
		const journal = this.o.ack === 'journal' ? this.o.journal : undefined;
		const p = (async () => {
			let outcome: RunOutcome;
			try {
				if (journal) await journal.started(ids);
				outcome = await this.o.run(
					batch.map((q) => q.event),
					info,
				);
			} catch (error) {
				outcome = { status: 'notStarted', error: (error as Error).message };
			}
			this.stats.runsInFlight--;
			if (outcome.status === 'notStarted') {
				this.stats.runsNotStarted++;
				if (journal && !this.stopped) {
					// Accepted events must run: offer them again after a pause, ahead of newer ones.
					this.o.log.warn(`n8n could not start a run for ${batch.length} event(s) (${outcome.error ?? 'unknown reason'}); trying again shortly`);
					await new Promise((r) => setTimeout(r, this.o.retryPauseMs ?? 1000));
					this.queue.unshift(...batch);
				} else {
					if (journal) this.o.log.warn(`stopped before ${batch.length} event(s) could run; they stay in the journal for the next start`);
					for (const q of batch) q.settle?.(outcome);
				}
			} else {
				if (outcome.status === 'succeeded') this.stats.runsSucceeded++;
				else {
					this.stats.runsFailed++;
					this.o.log.warn(
						`the run for a batch of ${batch.length} event(s) failed (${outcome.error ?? 'see the execution'})` +
							(journal ? '; the events are in that failed execution, which n8n can retry' : '; Stripe will retry them'),
						{ events: batch.length },
					);
				}
				this.stats.eventsRun += batch.length;
				if (journal) await journal.finished(ids).catch((e: Error) => this.o.log.warn(`could not record finished events in the journal: ${e.message}`));
				for (const q of batch) q.settle?.(outcome);
			}
			this.pump();
		})();
		this.runs.add(p);
		void p.finally(() => this.runs.delete(p));
	}

	/**
	 * Stops taking events. Runs under way are awaited up to `graceMs`; events not yet handed to a run
	 * stay in the journal (journal mode) or are answered 503 (afterRun mode, Stripe retries).
	 */
	async stop(graceMs = 10_000): Promise<void> {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		const left = this.queue.splice(0);
		for (const q of left) q.settle?.({ status: 'notStarted', error: 'the listener stopped' });
		let timer: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([Promise.all([...this.runs]), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
		if (timer) clearTimeout(timer);
	}
}
