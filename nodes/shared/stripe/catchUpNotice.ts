/**
 * The catch-up note (pure, no n8n imports): why events were missed, and the one notice item a catch-up that
 * found events emits after them (the contract in ./notices.ts, type `stripe_slack.catch_up`).
 */
import type { CatchUpState } from './catchUpState';
import { type CatchUpNoticeData, type CatchUpReason, NOTICE_OBJECT, type TriggerNotice } from './notices';

/** A heartbeat is written this often while the trigger is active (seconds); older means the trigger was gone. */
export const HEARTBEAT_SECONDS = 60;

/**
 * Why the events created from `from` to `to` (unix seconds) were missed, from the state as it was before this
 * activation (`previous`), or `scheduled` for a catch-up of a running trigger (its webhook failed).
 */
export function catchUpReason(previous: CatchUpState, from: number, to: number, scheduled: boolean): CatchUpReason {
	if (scheduled) return 'endpoint_failed';
	if (!previous.mark && previous.heartbeatAt === undefined) return 'first_start';
	const alive = previous.heartbeatAt;
	// Created while the trigger was still beating: Stripe's deliveries failed although n8n was up.
	if (alive !== undefined && to <= alive + HEARTBEAT_SECONDS && from >= (previous.activeSince ?? 0)) return 'endpoint_failed';
	if (previous.deactivatedAt !== undefined && (alive === undefined || previous.deactivatedAt >= alive - HEARTBEAT_SECONDS)) return 'unpublished';
	if (alive !== undefined) return 'n8n_down';
	return 'unknown';
}

/** Counts event types, most frequent first (ties by name), up to 10. */
export class TypeCounter {
	private readonly counts = new Map<string, number>();

	add(type: string): void {
		this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
	}

	top(n = 10): Array<{ type: string; count: number }> {
		return Array.from(this.counts, ([type, count]) => ({ type, count }))
			.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type))
			.slice(0, n);
	}
}

export function catchUpNotice(data: CatchUpNoticeData, livemode: boolean, nowSec: number): TriggerNotice {
	return {
		object: NOTICE_OBJECT,
		id: `stripe_slack_catch_up_${data.from}_${data.to}_${data.count}`,
		type: 'stripe_slack.catch_up',
		created: nowSec,
		livemode,
		data,
	};
}
