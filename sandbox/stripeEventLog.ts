/**
 * The event log of the Stripe stand-in: events recorded by `npm run send-event` (and tests) through
 * `POST /_sandbox/stripe/events`, served like Stripe serves them:
 *   GET /v1/events/:id          the (snapshot) event, as recorded
 *   GET /v2/core/events/:id     the Event v2 of its thin form, with `snapshot_event` = the v1 event's id
 * Recording an event also makes its thin event notification (object "v2.core.event", type `v1.<type>`,
 * `related_object` with the API path of `data.object`), which send-event signs and posts for `--thin`.
 * The notification carries no `snapshot_event`: a receiver learns it from the Event v2, as with Stripe.
 */
import { missing, StripeError } from './stripeError';
import { randomId, type Obj } from './util';

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
	private readonly events = new Map<string, Obj>();
	private readonly thin = new Map<string, Obj>();

	reset(): void {
		this.events.clear();
		this.thin.clear();
	}

	/** Records a v1 event (a copy); returns it with its thin event notification. */
	record(event: Obj, nowMs = Date.now()): { event: Obj; notification: Obj } {
		if (!event || typeof event !== 'object' || event.object !== 'event' || typeof event.id !== 'string' || typeof event.type !== 'string') {
			throw new StripeError(400, 'invalid_request_error', 'an event needs "object": "event", a string "id" and a string "type"');
		}
		const copy = JSON.parse(JSON.stringify(event)) as Obj;
		this.events.set(copy.id, copy);
		const object = copy.data?.object ?? {};
		const url = objectUrl(object);
		const createdMs = typeof copy.created === 'number' ? copy.created * 1000 : nowMs;
		const notification: Obj = {
			id: randomId(copy.livemode ? 'evt_' : 'evt_test_', 24),
			object: 'v2.core.event',
			type: `v1.${copy.type}`,
			livemode: copy.livemode === true,
			created: new Date(createdMs).toISOString(),
			context: typeof copy.account === 'string' ? copy.account : null,
			related_object: url ? { id: object.id, type: object.object, url } : null,
			reason: copy.request?.id ? { type: 'request', request: { id: copy.request.id, idempotency_key: copy.request.idempotency_key ?? null } } : null,
		};
		this.thin.set(notification.id, { ...notification, snapshot_event: copy.id, changes: null, data: {} });
		return { event: copy, notification };
	}

	event(id: string): Obj {
		const e = this.events.get(id);
		if (!e) throw missing('event', id);
		return e;
	}

	eventV2(id: string): Obj {
		const e = this.thin.get(id);
		if (!e) throw missing('event', id);
		return e;
	}
}

export function defineEventRoutes(log: StripeEventLog, r: Route): void {
	r('GET', '/v1/events/:id', (m) => ({ body: log.event(decodeURIComponent(m[1])) }));
	r('GET', '/v2/core/events/:id', (m) => ({ body: log.eventV2(decodeURIComponent(m[1])) }));
}
