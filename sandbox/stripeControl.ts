/**
 * The sandbox's controls of its Stripe event log and webhook endpoints (`/_sandbox/stripe/...`, see docs/sandbox.md),
 * so that "n8n was down", "the deliveries failed" and "Stripe disabled the endpoint" can be set up in a test:
 *   POST /_sandbox/stripe/events                    record one event: the event itself (as it is), or
 *                                                   {event, deliver?: false, delivery?, pending_webhooks?};
 *                                                   or a batch {type, count, deliver?, delivery?, spacing?, created?}
 *   GET  /_sandbox/stripe/events                    every recorded event, newest first, with its delivery
 *   POST /_sandbox/stripe/events/:id/delivery       {delivery: "succeeded" | "failed" | "pending", pending_webhooks?}
 *   POST /_sandbox/stripe/webhook_endpoints/:id     {status: "enabled" | "disabled"}
 * The sandbox never posts events itself (send-event does); `deliver: false` records an event as Stripe holds one it
 * could not deliver yet.
 */
import { StripeError } from './stripeError';
import { DELIVERIES, type Delivery, type StripeEventLog } from './stripeEventLog';
import { eventOfType } from './stripeEvents';
import { setEndpointStatus } from './stripeWebhookEndpoints';
import { deepClone, randomId, type Obj } from './util';

/** The most events one batch records. */
export const MAX_BATCH = 20000;

export interface StripeControlTarget {
	events: StripeEventLog;
	objects: Map<string, Obj>;
}

const bad = (message: string, param?: string) => new StripeError(400, 'invalid_request_error', message, undefined, param, false);

function integer(v: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
	if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(`${name} must be an integer from ${min} to ${max}`, name);
	return v;
}

/** `deliver: false` = "pending"; `delivery` names the outcome; default "succeeded". */
export function deliveryOf(b: Obj): { delivery: Delivery; pendingWebhooks: number } {
	if (b.deliver !== undefined && typeof b.deliver !== 'boolean') throw bad('deliver must be true or false', 'deliver');
	if (b.delivery !== undefined && !DELIVERIES.includes(b.delivery)) throw bad(`delivery must be one of ${DELIVERIES.join(', ')}`, 'delivery');
	if (b.deliver === false && b.delivery === 'succeeded') throw bad('deliver: false and delivery: "succeeded" contradict each other', 'delivery');
	const delivery: Delivery = b.delivery ?? (b.deliver === false ? 'pending' : 'succeeded');
	const pendingWebhooks = b.pending_webhooks === undefined ? 1 : integer(b.pending_webhooks, 'pending_webhooks', 1, 16);
	return { delivery, pendingWebhooks };
}

/** N events of one type (its fixture or built event), each with its own id, `created` one `spacing` apart. */
function recordBatch(log: StripeEventLog, b: Obj, nowMs: number): Obj {
	const nowSec = Math.floor(nowMs / 1000);
	const template = typeof b.type === 'string' ? eventOfType(b.type, nowSec) : undefined;
	if (!template) throw bad(`type must be an event type the sandbox knows (a fixture or a built event), got ${JSON.stringify(b.type)}`, 'type');
	const count = b.count === undefined ? 1 : integer(b.count, 'count', 1, MAX_BATCH);
	const spacing = b.spacing === undefined ? 1 : integer(b.spacing, 'spacing', 0, 86400);
	const first = b.created === undefined ? nowSec - (count - 1) * spacing : integer(b.created, 'created', 0);
	const { delivery, pendingWebhooks } = deliveryOf(b);
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const event = deepClone(template);
		event.id = randomId('evt_', 24);
		event.created = first + i * spacing;
		ids.push(log.record(event, nowMs, delivery, pendingWebhooks).event.id);
	}
	return { count, type: b.type, delivery, ids, created: { first, last: first + (count - 1) * spacing } };
}

/** Answers a control request, or undefined when the path is none of these. */
export function stripeControl(target: StripeControlTarget, method: string, path: string, body: Obj, nowMs: number): Obj | undefined {
	const log = target.events;
	if (path === '/_sandbox/stripe/events') {
		if (method === 'GET') return { events: log.summary() };
		if (method !== 'POST') return undefined;
		if (body.object === 'event') return log.record(body, nowMs); // the event itself, kept as it is (its own pending_webhooks)
		if (body.event !== undefined) {
			const { delivery, pendingWebhooks } = deliveryOf(body);
			return log.record(body.event, nowMs, delivery, pendingWebhooks);
		}
		if (body.type !== undefined) return recordBatch(log, body, nowMs);
		throw bad('the body must be an event, {"event": …} or {"type": …, "count": n}');
	}
	const delivery = /^\/_sandbox\/stripe\/events\/([^/]+)\/delivery$/.exec(path);
	if (delivery && method === 'POST') {
		if (body.delivery === undefined) throw bad('delivery is required', 'delivery');
		const d = deliveryOf({ delivery: body.delivery, pending_webhooks: body.pending_webhooks });
		return log.setDelivery(decodeURIComponent(delivery[1]), d.delivery, d.pendingWebhooks);
	}
	const endpoint = /^\/_sandbox\/stripe\/webhook_endpoints\/([^/]+)$/.exec(path);
	if (endpoint && method === 'POST') return setEndpointStatus(target, decodeURIComponent(endpoint[1]), body.status);
	return undefined;
}
