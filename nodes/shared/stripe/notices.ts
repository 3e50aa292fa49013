/**
 * Notes that the Stripe triggers output besides Stripe events (pure, no n8n imports): a catch-up report
 * ("12 events caught up, 14:02 to 14:55, n8n was down") and endpoint-health alerts ("Stripe disabled the
 * endpoint" / "the endpoint is healthy again"). They leave the trigger as ordinary items shaped like an
 * event, with a `stripe_slack.*` type, so every template formats and routes them like an alert (Stripe
 * Block Kit knows these types) and a workflow can route them on `type`.
 *
 * The contract between the trigger (emits them) and the formatter (renders them):
 *   catch-up: nodes/shared/stripe/catchUp*.ts; health: nodes/shared/stripe/endpointHealth.ts;
 *   rendering: nodes/shared/format/templates/stripe_slack.*.ts.
 */

export const NOTICE_OBJECT = 'stripe_slack.notice';

/** Why events had to be caught up, as far as the trigger can tell. */
export type CatchUpReason =
	/** No heartbeat from the trigger while the events were created: n8n (or this workflow's process) was down. */
	| 'n8n_down'
	/** The trigger was deactivated (workflow unpublished) while the events were created. */
	| 'unpublished'
	/** The trigger was running, but Stripe's deliveries of these events failed (delivery_success=false). */
	| 'endpoint_failed'
	/** First activation: events from before the trigger existed, inside the window. */
	| 'first_start'
	| 'unknown';

export interface CatchUpNoticeData {
	/** Events emitted by this catch-up (after the duplicate filter). */
	count: number;
	/** `created` (unix seconds) of the oldest and newest event emitted. */
	from: number;
	to: number;
	reason: CatchUpReason;
	/** The catch-up reached the window's (or Stripe's 30 days') edge: events older than this may be gone. */
	windowEdgeReached?: boolean;
	/** Unix seconds: the oldest moment this catch-up looked at. */
	windowStart?: number;
	/** Up to 10 event types with their counts, most frequent first. */
	types?: Array<{ type: string; count: number }>;
	/** The trigger's webhook endpoint (`we_...`), when known: the message's Dashboard button opens it. */
	endpointId?: string;
}

export type EndpointProblem =
	/** `status: disabled` on the webhook endpoint. */
	| 'disabled'
	/** The endpoint no longer lists some of the trigger's event types (`missingTypes`). */
	| 'missing_event_types'
	/** Events created since the last check whose delivery failed (`delivery_success=false`), more than a few. */
	| 'delivery_failing'
	/** The endpoint id is not found in Stripe (deleted). */
	| 'missing';

export interface EndpointHealthNoticeData {
	endpointId: string;
	/** The problems now (empty on recovery). */
	problems: EndpointProblem[];
	missingTypes?: string[];
	failingDeliveries?: number;
	/** Unix seconds since the current state began. */
	since: number;
	/** Stripe Dashboard link to the endpoint (test or live). */
	dashboardUrl?: string;
	/** On recovery: the problems that are gone. */
	resolved?: EndpointProblem[];
	/** How often the trigger catches up on missed events (its schedule), for the alert's words. */
	catchUpEveryMinutes?: number;
}

export type TriggerNotice =
	| { object: typeof NOTICE_OBJECT; id: string; type: 'stripe_slack.catch_up'; created: number; livemode: boolean; data: CatchUpNoticeData }
	| {
			object: typeof NOTICE_OBJECT;
			id: string;
			type: 'stripe_slack.endpoint_unhealthy' | 'stripe_slack.endpoint_recovered';
			created: number;
			livemode: boolean;
			data: EndpointHealthNoticeData;
	  };

export function isTriggerNotice(value: unknown): value is TriggerNotice {
	return !!value && typeof value === 'object' && (value as { object?: unknown }).object === NOTICE_OBJECT;
}
