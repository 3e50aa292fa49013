/**
 * Types of the delivery core (no n8n imports): what is queued for a Slack channel, and what became of it.
 */

/** The formatter's metadata fields the delivery core reads (nodes/shared/format/types.ts MessageMetadata). */
export interface DeliveryMetadata {
	event_id?: string | null;
	category?: string | null;
	severity?: string | null;
	event_type?: string | null;
	amount?: number | null;
	currency?: string | null;
	livemode?: boolean | null;
}

/** One Slack call the pacer makes: chat.postMessage, or chat.update of an existing message. */
export interface OutboundMessage {
	channel: string;
	text: string;
	blocks?: unknown[];
	/** Post as a reply in this thread. */
	thread_ts?: string;
	/** chat.update this message instead of posting a new one. */
	updateTs?: string;
	metadata?: DeliveryMetadata;
	/** Rendered mentions (`<!subteam^S…> <@U…>`), repeated at the top of a summary that folds this message. */
	mention?: string;
	/** False: never fold this message (e.g. it carries a chart). Default: decided by its metadata. */
	foldable?: boolean;
	/**
	 * Checked right before a chat.update is sent (after waiting in the queue): false → the update is
	 * skipped (e.g. a newer event has been applied to the parent meanwhile).
	 */
	stillWanted?: () => Promise<boolean>;
	/**
	 * Checked before each request: a reason → the message is not sent (fails with code `queued_behind`), e.g.
	 * because older messages of its channel wait in the outbox (outbox.ts).
	 */
	abortIf?: () => Promise<string | undefined>;
}

export interface SlackFailure {
	/** Slack's error code (`channel_not_found`, `invalid_blocks`…), or ours: `http_<status>`, `request_error`, `timeout`. */
	code: string;
	message: string;
	/** Attempts made (HTTP requests sent for this message). */
	attempts: number;
}

export type Fate =
	| { posted: string; channel: string; attempts: number }
	| { folded: { summaryTs: string; count: number }; channel: string }
	| { skipped: string; channel: string }
	| { failed: SlackFailure; channel: string };

export interface CoalesceSettings {
	enabled: boolean;
	/** Fold when more than this many foldable messages of one category wait for one channel. Default 5. */
	threshold: number;
	/** A summary covers the messages that arrived within this window (ms). Default 10 000. */
	windowMs: number;
	/** BCP 47 locale for money in summaries. Default en-US. */
	locale: string;
}

export interface RetrySettings {
	/** HTTP requests per message for 5xx / network errors (429s are not counted). Default 5. */
	maxAttempts: number;
	/** First backoff (ms) after a 5xx / network error; doubles each time, with jitter. Default 500. */
	baseBackoffMs: number;
	/** Largest single backoff (ms). Default 8 000. */
	maxBackoffMs: number;
	/** Give up on a message this long (ms) after its first attempt, 429 waits included. Default 120 000. */
	maxRetryTimeMs: number;
}

export interface RateSettings {
	/** Sustained messages per second per channel. Default 1. */
	messagesPerSecond: number;
	/** Messages that may go at once after a quiet period. Default 3. */
	burst: number;
}

export interface DeliverySettings {
	rate: RateSettings;
	retry: RetrySettings;
	coalesce: CoalesceSettings;
}

export const DEFAULT_SETTINGS: DeliverySettings = {
	rate: { messagesPerSecond: 1, burst: 3 },
	retry: { maxAttempts: 10, baseBackoffMs: 500, maxBackoffMs: 8_000, maxRetryTimeMs: 120_000 },
	coalesce: { enabled: true, threshold: 5, windowMs: 10_000, locale: 'en-US' },
};

export function resolveSettings(s: {
	rate?: Partial<RateSettings>;
	retry?: Partial<RetrySettings>;
	coalesce?: Partial<CoalesceSettings>;
} = {}): DeliverySettings {
	const num = (v: unknown, fallback: number, min: number, max: number) => {
		const n = typeof v === 'number' && Number.isFinite(v) ? v : fallback;
		return Math.min(max, Math.max(min, n));
	};
	const d = DEFAULT_SETTINGS;
	return {
		rate: {
			messagesPerSecond: num(s.rate?.messagesPerSecond, d.rate.messagesPerSecond, 0.01, 1000),
			burst: Math.floor(num(s.rate?.burst, d.rate.burst, 1, 1000)),
		},
		retry: {
			maxAttempts: Math.floor(num(s.retry?.maxAttempts, d.retry.maxAttempts, 1, 100)),
			baseBackoffMs: num(s.retry?.baseBackoffMs, d.retry.baseBackoffMs, 0, 60_000),
			maxBackoffMs: num(s.retry?.maxBackoffMs, d.retry.maxBackoffMs, 0, 300_000),
			maxRetryTimeMs: num(s.retry?.maxRetryTimeMs, d.retry.maxRetryTimeMs, 0, 3_600_000),
		},
		coalesce: {
			enabled: s.coalesce?.enabled ?? d.coalesce.enabled,
			threshold: Math.floor(num(s.coalesce?.threshold, d.coalesce.threshold, 1, 100_000)),
			windowMs: num(s.coalesce?.windowMs, d.coalesce.windowMs, 0, 3_600_000),
			locale: s.coalesce?.locale?.trim() || d.coalesce.locale,
		},
	};
}
