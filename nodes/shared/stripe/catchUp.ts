/**
 * Catch-up from Stripe's event list (pure, no n8n imports): the events Stripe could not deliver (n8n down, the
 * workflow unpublished, the endpoint failing) are listed at `GET /v1/events` and run like webhook deliveries.
 *
 * One pass:
 *   1. from = the high-water mark minus an overlap (default 5 minutes), but not before the window (default 24 h,
 *      at most Stripe's 30 days); to = now (on activation) or a minute ago (on the schedule, so that deliveries
 *      under way are left to the webhook);
 *   2. list the trigger's types (`types[]`), only the events not delivered everywhere (`delivery_success=false`),
 *      oldest first, a page at a time (./catchUpList.ts);
 *   3. each event: skipped when the mark or the recent ids hold it, or the trigger's filter refuses it; else
 *      claimed through the SAME duplicate claim as a webhook delivery (acknowledge.ts `dedupeKey`), so a webhook
 *      and a catch-up of one event at the same moment run it once;
 *   4. claimed events go to the workflow in chunks (`deliver`), a few chunks at a time; a chunk's claims are
 *      completed when its run is done (or journaled), released when it could not start;
 *   5. the mark advances, in order, only past events handled: never past an event claimed elsewhere and still in
 *      flight, or a chunk that did not start; it is saved after each chunk (a kill resumes from there).
 * A pass that emitted events ends with one notice item (./catchUpNotice.ts).
 */
import { type EventFilterConfig, filterEvent } from './eventFilter';
import { type ListEvents, type ListedEvent, eventsOldestFirst } from './catchUpList';
import type { CatchUpState, CatchUpStateHandle } from './catchUpState';
import { TypeCounter, catchUpNotice, catchUpReason } from './catchUpNotice';
import type { CatchUpNoticeData, TriggerNotice } from './notices';

export const DEFAULT_WINDOW_HOURS = 24;
export const MAX_WINDOW_HOURS = 720;
export const DEFAULT_OVERLAP_SECONDS = 300;
/** On the schedule, events younger than this are left to their webhook delivery. */
export const SCHEDULE_GRACE_SECONDS = 60;
/** Events per execution: Slack Post holds each run for its pacing and summary window (about 10 s), so fewer, larger runs hand a large catch-up over faster; 500 is the High-Volume Trigger's batch too. */
export const DEFAULT_CHUNK = 500;
export const DEFAULT_CONCURRENCY = 4;

export type ClaimState = 'new' | 'in_flight' | 'done';

export interface CatchUpOptions {
	state: CatchUpStateHandle;
	list: ListEvents;
	filter: EventFilterConfig;
	/** `types[]` to list (./catchUpList.ts listTypesFor), or undefined for every type */
	listTypes?: string[];
	/** the duplicate claim of an event id (throws when the store is unusable), and its settlement */
	claim?: (eventId: string) => Promise<ClaimState>;
	settle?: (eventId: string, handled: boolean) => Promise<void>;
	/** hands events (oldest first) to the workflow; true when they ran (or are journaled), false when not started */
	deliver: (events: ListedEvent[]) => Promise<boolean>;
	/** hands the notice to the workflow */
	notify?: (notice: TriggerNotice) => Promise<unknown>;
	/** why: activation (with the state before it) or the schedule */
	trigger: { kind: 'activation'; previous: CatchUpState } | { kind: 'schedule' };
	windowHours?: number;
	overlapSeconds?: number;
	/** list every event, not only `delivery_success=false` (e.g. after a deactivation that deleted the endpoint) */
	allEvents?: boolean;
	chunkSize?: number;
	concurrency?: number;
	now?: () => number;
	/** stop early (the trigger is closing) */
	stopped?: () => boolean;
}

export interface CatchUpResult {
	emitted: number;
	skipped: number;
	/** the mark could not pass an event (claimed elsewhere, or not started) */
	blocked: boolean;
	apiCalls: number;
	notice?: CatchUpNoticeData;
	windowStart: number;
	to: number;
}

interface Seen {
	id: string;
	created: number;
}

interface Segment {
	items: Seen[];
	emitted: ListedEvent[];
	done: boolean;
	ok: boolean;
}

export function clampWindowHours(value: unknown): number {
	const n = typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_WINDOW_HOURS;
	return Math.min(MAX_WINDOW_HOURS, Math.max(1 / 60, n));
}

export async function runCatchUp(o: CatchUpOptions): Promise<CatchUpResult> {
	const nowSec = Math.floor((o.now ?? Date.now)() / 1000);
	const overlap = o.claim ? Math.max(0, o.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) : 0;
	const windowStart = nowSec - Math.round(clampWindowHours(o.windowHours) * 3600);
	const to = o.trigger.kind === 'schedule' ? nowSec - SCHEDULE_GRACE_SECONDS : nowSec - 1;
	const initial = await o.state.read();
	const markFrom = initial.mark ? initial.mark.created - overlap : undefined;
	const from = Math.max(windowStart, markFrom ?? windowStart);
	const windowEdgeReached = markFrom !== undefined && markFrom < windowStart;
	const markIds = new Set(initial.mark?.ids ?? []);
	const recent = new Map(Object.entries(initial.recent ?? {}));
	const counter = { calls: 0 };
	const result: CatchUpResult = { emitted: 0, skipped: 0, blocked: false, apiCalls: 0, windowStart, to };
	if (to < from) return result;

	const chunkSize = Math.max(1, o.chunkSize ?? DEFAULT_CHUNK);
	const concurrency = Math.max(1, o.concurrency ?? DEFAULT_CONCURRENCY);
	const types = new TypeCounter();
	let first: number | undefined;
	let last: number | undefined;
	let livemode = false;
	let mark = initial.mark ? { created: initial.mark.created, ids: [...initial.mark.ids] } : undefined;
	let markSet = new Set(mark?.ids ?? []);
	// Moves the mark past one handled event.
	const advance = (e: Seen) => {
		if (!mark || e.created > mark.created) {
			mark = { created: e.created, ids: [e.id] };
			markSet = new Set([e.id]);
		} else if (e.created === mark.created && !markSet.has(e.id)) {
			mark.ids.push(e.id);
			markSet.add(e.id);
		}
	};
	let blocked = false;
	const segments: Segment[] = [];
	const running = new Set<Promise<void>>();
	let open: Segment = { items: [], emitted: [], done: false, ok: true };

	const save = async () => {
		const keepFrom = (mark?.created ?? 0) - overlap - 60;
		await o.state.update((s) => {
			const kept: Record<string, number> = {};
			for (const [id, created] of recent) if (created >= keepFrom) kept[id] = created;
			return { ...s, mark, recent: kept };
		});
	};
	// Pass the finished segments at the head, in order; stop at the first that failed.
	const settleHead = async () => {
		let moved = false;
		while (segments.length && segments[0].done) {
			const seg = segments.shift()!;
			if (!seg.ok) blocked = true;
			for (const e of seg.emitted) recent.set(e.id, e.created);
			if (blocked) continue;
			for (const e of seg.items) advance(e);
			moved = true;
		}
		if (moved || recent.size) await save();
	};
	const close = async (seg: Segment) => {
		segments.push(seg);
		if (!seg.emitted.length) {
			seg.done = true;
			return;
		}
		while (running.size >= concurrency) await Promise.race(running);
		const p = (async () => {
			let ok = false;
			try {
				ok = await o.deliver(seg.emitted);
			} catch {
				ok = false;
			}
			if (o.settle) for (const e of seg.emitted) await o.settle(e.id, ok).catch(() => undefined);
			seg.ok = ok;
			seg.done = true;
			await settleHead();
		})();
		running.add(p);
		void p.finally(() => running.delete(p));
	};

	const params = {
		created: { gte: from, lte: to },
		...(o.listTypes ? { types: o.listTypes } : {}),
		...(o.allEvents ? {} : { delivery_success: false }),
	};
	try {
		for await (const page of eventsOldestFirst(o.list, params, counter)) {
			for (const event of page) {
				if (o.stopped?.()) break;
				const seen = { id: event.id, created: event.created };
				const known = (mark && (event.created < mark.created - overlap || (event.created === mark.created && markIds.has(event.id)))) || recent.has(event.id);
				if (known || !filterEvent(event, o.filter).pass) {
					result.skipped++;
					open.items.push(seen);
					continue;
				}
				const claim = o.claim ? await o.claim(event.id) : 'new';
				if (claim === 'done') {
					result.skipped++;
					open.items.push(seen);
					continue;
				}
				if (claim === 'in_flight') {
					// Someone else runs it now; the mark must wait for it (the next pass sees it done).
					result.skipped++;
					await close(open);
					segments.push({ items: [seen], emitted: [], done: true, ok: false });
					open = { items: [], emitted: [], done: false, ok: true };
					continue;
				}
				open.items.push(seen);
				open.emitted.push(event);
				result.emitted++;
				types.add(event.type);
				first ??= event.created;
				last = event.created;
				livemode ||= event.livemode === true;
				if (open.emitted.length >= chunkSize) {
					await close(open);
					open = { items: [], emitted: [], done: false, ok: true };
				}
			}
			if (o.stopped?.()) break;
		}
		await close(open);
		await Promise.all(running);
		await settleHead();
	} finally {
		result.apiCalls = counter.calls;
	}
	result.blocked = blocked;
	// Everything up to `to` was listed and handled: the next pass starts there (less the overlap).
	if (!blocked && !o.stopped?.()) {
		if (!mark || mark.created <= to) mark = { created: to + 1, ids: [] };
		await save();
	}
	if (result.emitted > 0 && first !== undefined && last !== undefined) {
		const reason = catchUpReason(o.trigger.kind === 'activation' ? o.trigger.previous : {}, first, last, o.trigger.kind === 'schedule');
		result.notice = { count: result.emitted, from: first, to: last, reason, windowEdgeReached, windowStart: from, types: types.top() };
		if (o.notify) await o.notify(catchUpNotice(result.notice, livemode, nowSec));
	}
	return result;
}
