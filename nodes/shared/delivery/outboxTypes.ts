/**
 * Slack Post's durable outbox: what it keeps and the store interface (no n8n imports). The stores are in
 * outboxFile.ts (a folder in n8n's data folder, one n8n) and outboxRedis.ts (queue mode); the logic is in
 * outbox.ts. See docs/scaling.md#every-run-finishes-the-slack-outbox.
 *
 * An entry is written before its message is sent (write-ahead), in a *batch* (one per execution and channel).
 * While the execution that wrote the batch is alive the entries are *in flight*: only that execution sends them.
 * When it ends with some not delivered (Slack unreachable), or dies (SIGKILL, crash), its entries *wait*, and the
 * next drain of their channel posts them, oldest first. An entry leaves the outbox only through `done`.
 *
 * The posted ledger: when an entry with an event id leaves because Slack took it, `done` remembers its id (and
 * where it went) for POSTED_TTL_MS. `add` answers such an id like one that waits (a duplicate), with the mark,
 * so an event re-emitted after a crash or a rerun is not posted to the channel again.
 */
import type { DeliveryMetadata } from './types';

/** What is kept of a message: enough to post it again. Never the token. */
export interface OutboxMessage {
	text: string;
	blocks?: unknown[];
	metadata?: DeliveryMetadata;
	mention?: string;
	foldable?: boolean;
}

export interface OutboxEntry {
	/** Sortable and unique: `<batch>-<index>`, the batch starting with its time; oldest first in string order. */
	key: string;
	/** Duplicate guard: the event id and channel (`evt_…|C…`), or the key when the message has no event id. */
	id: string;
	batch: string;
	channel: string;
	eventId: string | null;
	message: OutboxMessage;
	threadKey: string;
	updateParent: boolean;
	/** Event `created` (unix seconds), for parent updates. */
	created: number;
	/** When the message was written to the outbox (ms), before its first attempt. */
	queuedAt: number;
}

/** A listed entry, and whether a live execution is sending it now. */
export interface ListedEntry extends OutboxEntry {
	inFlight: boolean;
}

/** Why a channel's messages wait, and when the next drain may try. Absent: nothing known to wait. */
export interface ChannelState {
	/** First failure of this outage (ms). */
	since: number;
	reason: string;
	/** No drain before this (ms). */
	nextAttemptAt: number;
	/** Drains that failed in a row (for the backoff). */
	attempts: number;
}

export interface ChannelSummary {
	channel: string;
	/** Entries waiting (not in flight). */
	waiting: number;
	oldestQueuedAt: number | null;
	state: ChannelState | null;
}

/**
 * How long a posted event stays in the ledger: 72 h, the horizon of Stripe's own retries (and of the catch-up's
 * look-back), after which no re-emission of the event is expected. Not an option: shorter would let a late retry
 * post twice, longer only costs space.
 */
export const POSTED_TTL_MS = 72 * 3_600_000;

/** An entry Slack took: its id (`evt_…|C…`) and where its event went (its own message, or a summary). */
export interface PostedMark {
	id: string;
	/** The channel as Slack answered (its id, when the request named it `#name`). */
	channel?: string;
	ts: string | null;
	threadTs?: string | null;
	folded?: { summaryTs: string; count: number };
	/** When it was posted (ms). */
	at: number;
}

export interface OutboxStore {
	readonly kind: 'file' | 'redis';
	/**
	 * Writes a batch (all of one channel) durably and marks it in flight for this process. Entries whose `id`
	 * already waits (or is in flight), or is in the posted ledger, are not added again: their ids come back in
	 * `duplicates`, and those of the ledger in `posted` too, with their mark.
	 */
	add(ns: string, channel: string, batch: string, entries: OutboxEntry[]): Promise<{ duplicates: string[]; posted: Record<string, PostedMark> }>;
	/** Keeps the batches in flight (Redis: their lease); the file store needs nothing. */
	renew(ns: string, batches: string[]): Promise<void>;
	/** The batches are no longer sent by this execution: what is left of them waits. */
	settle(ns: string, batches: string[]): Promise<void>;
	/** Every entry not done, oldest first. */
	list(ns: string, channel: string): Promise<ListedEntry[]>;
	/** The entries leave the outbox (posted, or given up); `posted` go into the posted ledger first (same step). */
	done(ns: string, channel: string, keys: string[], posted?: PostedMark[]): Promise<void>;
	/** Channels with entries or a state. */
	channels(ns: string): Promise<ChannelSummary[]>;
	getState(ns: string, channel: string): Promise<ChannelState | null>;
	setState(ns: string, channel: string, state: ChannelState | null): Promise<void>;
	/** A lease on draining the channel: a token, or null when someone else drains it. */
	lease(ns: string, channel: string, ms: number): Promise<string | null>;
	unlease(ns: string, channel: string, token: string): Promise<void>;
}

/** `evt_…|C…`: one entry per event and channel. */
export function entryId(eventId: string | null | undefined, channel: string, key: string): string {
	return typeof eventId === 'string' && eventId ? `${eventId}|${channel}` : key;
}

let sequence = 0;

/** A new batch id for `queuedAt` (ms): batches made later in this process sort later. */
export function batchId(queuedAt: number, random: string): string {
	sequence = (sequence + 1) % 1_000_000;
	return `${String(Math.floor(queuedAt)).padStart(13, '0')}-${String(sequence).padStart(6, '0')}-${random.replace(/[^a-z0-9]/gi, '').slice(0, 8)}`;
}

/** The key of the `index`-th entry of a batch. */
export function entryKey(batch: string, index: number): string {
	return `${batch}-${String(index).padStart(5, '0')}`;
}
