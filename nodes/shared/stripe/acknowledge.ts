/**
 * What a Stripe trigger answers Stripe, and when an event counts as received (no n8n imports):
 *  - the duplicate claim: a verified event is claimed in the duplicate store before it starts an execution;
 *    a claim already done or in flight is answered here and starts nothing;
 *  - settling: when n8n has answered Stripe, a 2xx marks the claim done and anything else releases it, so that
 *    Stripe's retry runs the workflow again;
 *  - micro-batches: the leader's answer is the batch's outcome; followers answer from it.
 * Used by the Stripe Signed Trigger; the High-Volume Trigger shares the key prefix and the lease.
 */
import type { DedupeStore } from '../dedupe';
import type { Batch } from './microBatch';
import type { JsonObject } from '../webhook';
import { withDeadline } from '../timers';

/** Prefix of every duplicate-guard key (memory and Redis): `<prefix><workflow id>:<node id>:<event id>`. Both triggers use it. */
export const DEDUPE_KEY_PREFIX = 'n8n-stripe-signed:';

/**
 * How long an event stays "being processed" when the response never completes (connection dropped, process
 * died). After that a retry from Stripe is processed again. Capped by the duplicate window.
 */
export const IN_FLIGHT_LEASE_MS = 15 * 60 * 1000;

/**
 * With "Acknowledge After the Workflow Finishes", how long a follower waits at most for the answer n8n
 * gives its batch's leader before it answers 504 itself (Stripe gives up after about 20 s anyway).
 */
export const FOLLOWER_MAX_WAIT_MS = 5 * 60 * 1000;

/** The parts of express' Response used here (a fake one in unit tests). */
export interface ResponseLike {
	statusCode: number;
	writableFinished?: boolean;
	status(code: number): ResponseLike;
	json(body: unknown): unknown;
	on(event: 'finish' | 'close', listener: () => void): unknown;
}

/** An answer to give Stripe now, instead of starting an execution. `warning` is for n8n's log. */
export interface Answer {
	status: number;
	body: JsonObject;
	warning?: string;
}

/** A duplicate-store claim taken for one event, to settle once Stripe has its answer. */
export interface Claim {
	store: DedupeStore;
	key: string;
	windowMs: number;
}

/** One event waiting in a micro-batch, with its duplicate-store claim (if any). */
export interface BatchedEvent {
	event: JsonObject;
	claim?: Claim;
}

export type Warn = (message: string, extra?: JsonObject) => void;

/** The duplicate-guard key of one event for one trigger node of one workflow. */
export function dedupeKey(workflowId: string | undefined, nodeKey: string, eventId: string): string {
	return `${DEDUPE_KEY_PREFIX}${workflowId ?? 'unsaved'}:${nodeKey}:${eventId}`;
}

/**
 * Claim an event in the duplicate store. Fails closed when the store is unusable (503: Stripe retries later,
 * nothing is lost and nothing runs twice). A repeat of an event already done is acknowledged and ignored; one
 * still in flight is too, unless Stripe is told only after the workflow (then 409, so that Stripe asks again).
 */
export async function claimDelivery(input: {
	store: DedupeStore | string;
	key: string;
	eventId: string;
	windowMs: number;
	acknowledgeAfterWorkflow: boolean;
}): Promise<{ claim: Claim } | { answer: Answer }> {
	const { store, key, eventId, windowMs } = input;
	if (typeof store === 'string') {
		return { answer: { status: 503, body: { error: 'the duplicate store is not configured; retry later' }, warning: `${store}; asked Stripe to retry` } };
	}
	let claim: 'new' | 'in_flight' | 'done';
	try {
		claim = await store.claim(key, Math.min(windowMs, IN_FLIGHT_LEASE_MS));
	} catch (error) {
		return {
			answer: {
				status: 503,
				body: { error: 'the duplicate store is unavailable; retry later' },
				warning: `the duplicate store is unavailable (${(error as Error).message}); asked Stripe to retry`,
			},
		};
	}
	if (claim === 'done') return { answer: { status: 200, body: { received: true, ignored: `duplicate: event ${eventId} was already received` } } };
	if (claim === 'in_flight') {
		if (input.acknowledgeAfterWorkflow) return { answer: { status: 409, body: { error: `event ${eventId} is already being processed; retry later` } } };
		return { answer: { status: 200, body: { received: true, ignored: `duplicate: event ${eventId} is already being processed` } } };
	}
	return { claim: { store, key, windowMs } };
}

function settleClaim(claim: Claim, ok: boolean, warn: (message: string) => void): void {
	const done = ok ? claim.store.complete(claim.key, claim.windowMs) : claim.store.release(claim.key);
	done.catch((error: Error) => warn(`could not update the duplicate store: ${error.message}`));
}

/**
 * Settle a claimed event when n8n has answered Stripe: 2xx -> done (later deliveries are duplicates);
 * anything else -> released, so that Stripe's retry runs the workflow again. A connection that closes
 * before the answer is complete leaves the claim to expire (IN_FLIGHT_LEASE_MS).
 */
export function settleOnResponse(res: ResponseLike, claim: Claim, warn: (message: string) => void): void {
	let settled = false;
	const settle = (finished: boolean) => {
		if (settled) return;
		settled = true;
		if (!finished) {
			warn('the connection closed before the answer to Stripe was complete; the event stays locked until the lease expires');
			return;
		}
		settleClaim(claim, res.statusCode >= 200 && res.statusCode < 300, warn);
	};
	res.on('finish', () => settle(true));
	res.on('close', () => settle(res.writableFinished === true));
}

/** The leader's side: record n8n's answer to the leader as the batch's outcome, then settle every claim. */
export function settleBatchOnResponse(res: ResponseLike, batch: Batch<BatchedEvent>, ackOnReceipt: boolean, warn: Warn): void {
	res.on('finish', () => batch.settle({ status: res.statusCode }));
	res.on('close', () => batch.settle({ status: res.writableFinished === true ? res.statusCode : 0 }));
	void batch.outcome.then(({ status }) => {
		const events = batch.items.length;
		if (status === 0) {
			warn(
				`the connection closed before n8n's answer for a batch of ${events} event(s) was complete; their duplicate claims stay locked until the lease expires`,
			);
			return;
		}
		const ok = status >= 200 && status < 300;
		if (!ok && ackOnReceipt && events > 1) {
			warn(
				`n8n could not start the workflow for a batch of ${events} events (status ${status}); ${events - 1} of them had already been acknowledged to Stripe and are lost`,
				{ status, events },
			);
		}
		for (const { claim } of batch.items) if (claim) settleClaim(claim, ok, warn);
	});
}

async function outcomeWithin(batch: Batch<BatchedEvent>, ms: number): Promise<{ status: number } | undefined> {
	return await withDeadline<{ status: number } | undefined>(batch.outcome, ms, () => undefined);
}

/**
 * A follower's answer: at once when Stripe is told on receipt; otherwise the outcome of its batch's leader
 * (504 when that is unknown: the leader's connection was cut, or it took longer than FOLLOWER_MAX_WAIT_MS).
 */
export async function followerAnswer(batch: Batch<BatchedEvent>, eventId: string, acknowledgeAfterWorkflow: boolean): Promise<Answer> {
	if (!acknowledgeAfterWorkflow) return { status: 200, body: { received: true, batched: true } };
	const outcome = await outcomeWithin(batch, FOLLOWER_MAX_WAIT_MS);
	if (!outcome || outcome.status === 0) {
		return {
			status: 504,
			body: { error: `the outcome of the batch that holds event ${eventId} is unknown (its first request was cut off); retry later` },
		};
	}
	if (outcome.status >= 200 && outcome.status < 300) return { status: outcome.status, body: { received: true, batched: true } };
	return {
		status: outcome.status >= 400 ? outcome.status : 500,
		body: { error: `the workflow run for the batch that holds event ${eventId} failed; retry later` },
	};
}
