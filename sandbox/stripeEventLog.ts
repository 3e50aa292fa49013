/**
 * The event log of the Stripe stand-in, like Stripe's: every event `npm run send-event` sends (and what tests
 * record through `POST /_sandbox/stripe/events`, stripeControl.ts) with the outcome of its delivery, served as
 * Stripe serves them:
 *   GET /v1/events              newest first; `created` (integer or gt/gte/lt/lte), `type` (`*` wildcards) or
 *                               `types[]` (up to 20 exact names), `delivery_success`, `limit`, `starting_after`,
 *                               `ending_before`; the last 30 days only, as at Stripe
 *   GET /v1/events/:id          the (snapshot) event, as recorded, with its `pending_webhooks`
 *   GET /v2/core/events/:id     the Event v2 of its thin form, with `snapshot_event` = the v1 event's id
 * Delivery: `succeeded` (pending_webhooks 0), `failed` (every attempt so far failed) or `pending` (not delivered
 * yet: n8n was down); the last two have pending_webhooks >= 1 and are what `delivery_success=false` lists.
 * Recording an event also makes its thin event notification (object "v2.core.event", type `v1.<type>`,
 * `related_object` with the API path of `data.object`), which send-event signs and posts for `--thin`.
 * The notification carries no `snapshot_event`: a receiver learns it from the Event v2, as with Stripe.
 */
import { missing, StripeError } from './stripeError';
import { listPage, unknownParam } from './stripeStore';
import { randomId, type Obj } from './util';

export type Delivery = 'succeeded' | 'failed' | 'pending';
export const DELIVERIES: readonly Delivery[] = ['succeeded', 'failed', 'pending'];
/** How far back Stripe lists events. */
export const EVENT_LIST_DAYS = 30;
const LIST_PARAMS = new Set(['created', 'delivery_success', 'ending_before', 'expand', 'limit', 'starting_after', 'type', 'types']);
const MAX_TYPES = 20;

interface Entry {
	event: Obj;
	seq: number;
	delivery: Delivery;
}

const badParam = (message: string, param: string, code?: string) => new StripeError(400, 'invalid_request_error', message, code, param, false);

/** Stripe's `type` filter: an event name, where `*` stands for any run of characters (`invoice.*`, `*`). */
export function typePattern(type: string): RegExp {
	return new RegExp(`^${type.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

type Route = (method: string, pattern: string, h: (m: RegExpExecArray, params: Obj) => { status?: number; body: Obj }) => void;

/** The API path of an object, e.g. `/v1/payment_intents/pi_1`, `/v1/checkout/sessions/cs_1`. */
export function objectUrl(object: Obj): string | undefined {
	if (typeof object?.id !== 'string' || typeof object?.object !== 'string') return undefined;
	const parts = object.object.split('.');
	const last = parts.pop() as string;
	const plural = /(s|x|ch|sh)$/.test(last) ? `${last}es` : last.endsWith('y') && !/[aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`;
	return `/v1/${[...parts, plural].join('/')}/${encodeURIComponent(object.id)}`;
}

export class StripeEventLog {
	private readonly entries = new Map<string, Entry>();
	private readonly thin = new Map<string, Obj>();
	private seq = 0;
	/** the events newest first (Stripe's list order: `created`, then the order they were recorded in) */
	private ordered: Obj[] | undefined;

	reset(): void {
		this.entries.clear();
		this.thin.clear();
		this.ordered = undefined;
	}

	/**
	 * Records a v1 event (a copy; an event recorded again replaces the first) with its delivery outcome; returns
	 * it with its thin event notification. `pendingWebhooks` (default 1) counts the endpoints not reached yet.
	 * Without a delivery the event is kept as it is, its own `pending_webhooks` telling (0 or none: delivered).
	 */
	record(event: Obj, nowMs = Date.now(), delivery?: Delivery, pendingWebhooks = 1): { event: Obj; notification: Obj } {
		if (!event || typeof event !== 'object' || event.object !== 'event' || typeof event.id !== 'string' || typeof event.type !== 'string') {
			throw new StripeError(400, 'invalid_request_error', 'an event needs "object": "event", a string "id" and a string "type"');
		}
		const copy = JSON.parse(JSON.stringify(event)) as Obj;
		if (typeof copy.created !== 'number') copy.created = Math.floor(nowMs / 1000);
		const own = copy.pending_webhooks;
		this.entries.set(copy.id, { event: copy, seq: ++this.seq, delivery: typeof own === 'number' && own > 0 ? 'pending' : 'succeeded' });
		if (delivery) this.setDelivery(copy.id, delivery, pendingWebhooks);
		this.ordered = undefined;
		const object = copy.data?.object ?? {};
		const url = objectUrl(object);
		const notification: Obj = {
			id: randomId(copy.livemode ? 'evt_' : 'evt_test_', 24),
			object: 'v2.core.event',
			type: `v1.${copy.type}`,
			livemode: copy.livemode === true,
			created: new Date(copy.created * 1000).toISOString(),
			context: typeof copy.account === 'string' ? copy.account : null,
			related_object: url ? { id: object.id, type: object.object, url } : null,
			reason: copy.request?.id ? { type: 'request', request: { id: copy.request.id, idempotency_key: copy.request.idempotency_key ?? null } } : null,
		};
		this.thin.set(notification.id, { ...notification, snapshot_event: copy.id, changes: null, data: {} });
		return { event: copy, notification };
	}

	/** Sets how the delivery of a recorded event went (`pending_webhooks`: 0 when it succeeded, else >= 1). */
	setDelivery(id: string, delivery: Delivery, pendingWebhooks = 1): Obj {
		const entry = this.entries.get(id);
		if (!entry) throw missing('event', id);
		if (!DELIVERIES.includes(delivery)) throw badParam(`delivery must be one of ${DELIVERIES.join(', ')}`, 'delivery');
		if (!Number.isInteger(pendingWebhooks) || pendingWebhooks < 1) throw badParam('pending_webhooks must be an integer of at least 1', 'pending_webhooks');
		entry.delivery = delivery;
		entry.event.pending_webhooks = delivery === 'succeeded' ? 0 : pendingWebhooks;
		return entry.event;
	}

	event(id: string): Obj {
		const e = this.entries.get(id);
		if (!e) throw missing('event', id);
		return e.event;
	}

	eventV2(id: string): Obj {
		const e = this.thin.get(id);
		if (!e) throw missing('event', id);
		return e;
	}

	/** Every recorded event, newest first, with its delivery (for the sandbox's inspection endpoint). */
	summary(): Obj[] {
		return this.order().map((e) => ({ id: e.id, type: e.type, created: e.created, delivery: this.entries.get(e.id)?.delivery, pending_webhooks: e.pending_webhooks }));
	}

	private order(): Obj[] {
		this.ordered ??= [...this.entries.values()].sort((a, b) => b.event.created - a.event.created || b.seq - a.seq).map((e) => e.event);
		return this.ordered;
	}

	/** `GET /v1/events`, with Stripe's parameters and errors. */
	list(p: Obj, nowSec: number): Obj {
		for (const k of Object.keys(p)) if (!LIST_PARAMS.has(k)) throw unknownParam(k);
		if (p.type !== undefined && p.types !== undefined) {
			throw badParam('You may pass either `type` or `types`, but not both.', 'types', 'parameters_exclusive');
		}
		let typeOk: (t: string) => boolean = () => true;
		if (p.types !== undefined) {
			if (!Array.isArray(p.types) || p.types.some((t) => typeof t !== 'string')) throw badParam('Invalid array', 'types');
			if (p.types.length > MAX_TYPES) throw badParam(`Array types exceeded maximum ${MAX_TYPES} allowed elements.`, 'types');
			const names = new Set<string>(p.types);
			typeOk = (t) => names.has(t);
		} else if (p.type !== undefined) {
			if (typeof p.type !== 'string') throw badParam('Invalid string', 'type');
			const re = typePattern(p.type);
			typeOk = (t) => re.test(t);
		}
		let delivered: boolean | undefined;
		if (p.delivery_success !== undefined) {
			if (p.delivery_success !== 'true' && p.delivery_success !== 'false') throw badParam(`Invalid boolean: ${String(p.delivery_success)}`, 'delivery_success');
			delivered = p.delivery_success === 'true';
		}
		const since = nowSec - EVENT_LIST_DAYS * 86400;
		const { type: _t, types: _ts, delivery_success: _d, expand: _e, ...paging } = p; // eslint-disable-line @typescript-eslint/no-unused-vars
		return listPage('/v1/events', this.order(), paging, (e) =>
			e.created >= since && typeOk(e.type) && (delivered === undefined || !(e.pending_webhooks > 0) === delivered));
	}
}

export function defineEventRoutes(log: StripeEventLog, r: Route, now: () => number): void {
	r('GET', '/v1/events', (_m, p) => ({ body: log.list(p, Math.floor(now() / 1000)) }));
	r('GET', '/v1/events/:id', (m) => ({ body: log.event(decodeURIComponent(m[1])) }));
	r('GET', '/v2/core/events/:id', (m) => ({ body: log.eventV2(decodeURIComponent(m[1])) }));
}
