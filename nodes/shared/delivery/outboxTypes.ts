/**
 * Slack Post's durable outbox: what it keeps and the store interface (no n8n imports). The stores are in
 * outboxFile.ts (a folder in n8n's data folder, one n8n) and outboxRedis.ts (queue mode); the logic is in
 * outbox.ts. See docs/scaling.md#every-run-finishes-the-slack-outbox.
 *
 * An entry is written before its message is sent (write-ahead), in a *batch* (one per execution and channel).
 * While the execution that wrote the batch is alive the entries are *in flight*: only that execution sends them.
 * When it ends with some not delivered (Slack unreachable), or dies (SIGKILL, crash), its entries *wait*, and the
 * next drain of their channel posts them, oldest first. An entry leaves the outbox only through `done`.
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

export interface OutboxStore {
	readonly kind: 'file' | 'redis';
	/**
	 * Writes a batch (all of one channel) durably and marks it in flight for this process. Entries whose `id`
	 * already waits (or is in flight) are not added again: their ids come back in `duplicates`.
	 */
	add(ns: string, channel: string, batch: string, entries: OutboxEntry[]): Promise<{ duplicates: string[] }>;
	/** Keeps the batches in flight (Redis: their lease); the file store needs nothing. */
	renew(ns: string, batches: string[]): Promise<void>;
	/** The batches are no longer sent by this execution: what is left of them waits. */
	settle(ns: string, batches: string[]): Promise<void>;
	/** Every entry not done, oldest first. */
	list(ns: string, channel: string): Promise<ListedEntry[]>;
	/** The entries leave the outbox (posted, or given up). */
	done(ns: string, channel: string, keys: string[]): Promise<void>;
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
