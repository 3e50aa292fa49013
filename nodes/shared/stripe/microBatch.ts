/**
 * Micro-batching for webhook triggers (pure, no n8n imports).
 *
 * n8n calls a trigger's webhook method once per HTTP request and starts one execution per call that
 * returns workflow data, and an execution has a fixed cost (database rows, hooks, ~20 per second on a
 * small machine). Under load, the events of a short window are therefore gathered into one batch: the
 * first request of a window is the batch's *leader*; it waits until the window has passed (or the batch
 * is full) and then hands every event of the batch to n8n as the items of one execution. The other
 * requests of the window (*followers*) answer their sender themselves.
 *
 * Batches are kept per process, keyed by the caller (workflow id + node id). Each batch has an
 * `outcome`: the HTTP status n8n answered the leader with (0 when the leader's connection closed
 * before an answer was complete), which followers may wait for and which settles the batch's
 * duplicate-store claims.
 */
import { startTimer, stopTimer, type Timer } from '../timers';

export interface BatchOptions {
	/** How long the leader waits for more events (ms). */
	windowMs: number;
	/** A batch is handed over as soon as it holds this many events. */
	maxItems: number;
}

/** The HTTP status n8n sent for the leader's request, 0 when unknown (connection closed first). */
export type BatchOutcome = { status: number };

export class Batch<T> {
	readonly items: T[] = [];

	/** When the batch was opened (ms since the epoch). */
	readonly openedAt = Date.now();

	private closed = false;

	private resolveClosed!: (items: T[]) => void;

	/** The leader's items, once the window has passed or the batch is full. */
	readonly ready: Promise<T[]>;

	private resolveOutcome!: (o: BatchOutcome) => void;

	/** n8n's answer to the leader: whether the batch was handed over (or, after the workflow, succeeded). */
	readonly outcome: Promise<BatchOutcome>;

	private outcomeKnown: BatchOutcome | undefined;

	private timer: Timer | undefined;

	constructor(private readonly onClose: (b: Batch<T>) => void) {
		this.ready = new Promise((resolve) => (this.resolveClosed = resolve));
		this.outcome = new Promise((resolve) => (this.resolveOutcome = resolve));
	}

	get isClosed(): boolean {
		return this.closed;
	}

	/** @internal */
	arm(windowMs: number): void {
		this.timer = startTimer(() => this.close(), Math.max(0, windowMs));
	}

	/** Stops taking events and releases the leader. Idempotent. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		stopTimer(this.timer);
		this.onClose(this);
		this.resolveClosed(this.items);
	}

	/** Called by the leader when n8n's answer to it is known. Idempotent: the first call wins. */
	settle(outcome: BatchOutcome): void {
		if (this.outcomeKnown) return;
		this.outcomeKnown = outcome;
		this.resolveOutcome(outcome);
	}

	get settled(): BatchOutcome | undefined {
		return this.outcomeKnown;
	}
}

export type Joined<T> =
	| { role: 'leader'; batch: Batch<T>; index: 0 }
	| { role: 'follower'; batch: Batch<T>; index: number };

/** Open batches by key (one per workflow + trigger node), process-wide when shared. */
export class MicroBatcher<T> {
	private readonly open = new Map<string, Batch<T>>();

	/** Adds an item to the key's open batch, or opens one (the caller is then its leader). */
	join(key: string, item: T, options: BatchOptions): Joined<T> {
		const maxItems = Math.max(1, Math.floor(options.maxItems));
		let batch = this.open.get(key);
		if (batch && !batch.isClosed) {
			batch.items.push(item);
			const index = batch.items.length - 1;
			if (batch.items.length >= maxItems) batch.close();
			return { role: 'follower', batch, index };
		}
		batch = new Batch<T>((b) => {
			if (this.open.get(key) === b) this.open.delete(key);
		});
		batch.items.push(item);
		this.open.set(key, batch);
		if (maxItems <= 1) batch.close();
		else batch.arm(options.windowMs);
		return { role: 'leader', batch, index: 0 };
	}

	/** Batches still taking events (for tests). */
	get openCount(): number {
		return this.open.size;
	}
}

let shared: MicroBatcher<unknown> | undefined;

/** The process-wide batcher (every trigger node of every workflow in this n8n process). */
export function sharedBatcher<T>(): MicroBatcher<T> {
	shared ??= new MicroBatcher<unknown>();
	return shared as MicroBatcher<T>;
}

/** Clamp user settings to something sane: window 1 ms .. 10 s, 1 .. 10 000 events. */
export function batchOptions(windowMs: unknown, maxItems: unknown): BatchOptions {
	const w = typeof windowMs === 'number' && Number.isFinite(windowMs) ? windowMs : 50;
	const m = typeof maxItems === 'number' && Number.isFinite(maxItems) ? maxItems : 500;
	return { windowMs: Math.min(10_000, Math.max(1, Math.round(w))), maxItems: Math.min(10_000, Math.max(1, Math.floor(m))) };
}
