/**
 * Webhook endpoints of the Stripe stand-in, as Stripe's API serves them:
 *   POST   /v1/webhook_endpoints        create (`url`, `enabled_events`; the answer is the only one with `secret`)
 *   GET    /v1/webhook_endpoints/:id    retrieve, with `status` (`enabled` / `disabled`), `enabled_events`, `url`
 *   POST   /v1/webhook_endpoints/:id    update (`url`, `enabled_events`, `description`, `metadata`, `disabled`)
 *   GET    /v1/webhook_endpoints        list
 *   DELETE /v1/webhook_endpoints/:id    delete
 * and `setEndpointStatus`, the control behind `POST /_sandbox/stripe/webhook_endpoints/:id` (stripeControl.ts):
 * Stripe disables an endpoint on its own after days of failed deliveries; that is how a test makes it happen.
 */
import { missing, paramMissing, StripeError } from './stripeError';
import { randomId, type Obj } from './util';

type Route = (method: string, pattern: string, h: (m: RegExpExecArray, params: Obj) => { status?: number; body: Obj }) => void;

export interface EndpointStore {
	objects: Map<string, Obj>;
	nowSec(): number;
	newId(prefix: string): string;
	sorted(type: string): Obj[];
	list(url: string, all: Obj[], p: Obj): Obj;
}

/** What Stripe shows of an endpoint after its creation: everything but the signing secret. */
const shown = (ep: Obj): Obj => {
	const { secret: _secret, ...rest } = ep; // eslint-disable-line @typescript-eslint/no-unused-vars
	return rest;
};

function endpoint(store: EndpointStore, id: string): Obj {
	const ep = store.objects.get(id);
	if (!ep || ep.object !== 'webhook_endpoint') throw missing('webhook endpoint', id);
	return ep;
}

function checkUrl(url: unknown): string {
	try {
		new URL(String(url));
		return String(url);
	} catch {
		throw new StripeError(400, 'invalid_request_error', 'Invalid URL: URL must be publicly accessible.', 'url_invalid', 'url', false);
	}
}

const eventList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [String(v)]);

function boolParam(v: unknown, param: string): boolean {
	if (v === true || v === 'true') return true;
	if (v === false || v === 'false') return false;
	throw new StripeError(400, 'invalid_request_error', `Invalid boolean: ${String(v)}`, undefined, param, false);
}

function create(store: EndpointStore, p: Obj): Obj {
	if (!p.url) throw paramMissing('url');
	if (!p.enabled_events) throw paramMissing('enabled_events');
	const ep = {
		id: store.newId('we_'),
		object: 'webhook_endpoint',
		api_version: p.api_version ?? null,
		application: null,
		created: store.nowSec(),
		description: p.description ?? null,
		enabled_events: eventList(p.enabled_events),
		livemode: false,
		metadata: p.metadata ?? {},
		secret: randomId('whsec_', 32),
		status: 'enabled',
		url: checkUrl(p.url),
	};
	store.objects.set(ep.id, ep);
	return ep;
}

function update(store: EndpointStore, id: string, p: Obj): Obj {
	const ep = endpoint(store, id);
	if (p.url !== undefined) ep.url = checkUrl(p.url);
	if (p.enabled_events !== undefined) ep.enabled_events = eventList(p.enabled_events);
	if (p.description !== undefined) ep.description = p.description === '' ? null : String(p.description);
	if (p.metadata !== undefined) {
		if (p.metadata === '') ep.metadata = {};
		else for (const [k, v] of Object.entries(p.metadata as Obj)) v === '' ? delete ep.metadata[k] : (ep.metadata[k] = String(v));
	}
	if (p.disabled !== undefined) ep.status = boolParam(p.disabled, 'disabled') ? 'disabled' : 'enabled';
	return shown(ep);
}

/** The sandbox's control: `status` "enabled" or "disabled", as if Stripe had disabled the endpoint itself. */
export function setEndpointStatus(store: Pick<EndpointStore, 'objects'>, id: string, status: unknown): Obj {
	const ep = store.objects.get(id);
	if (!ep || ep.object !== 'webhook_endpoint') throw missing('webhook endpoint', id);
	if (status !== 'enabled' && status !== 'disabled') {
		throw new StripeError(400, 'invalid_request_error', 'status must be "enabled" or "disabled"', undefined, 'status', false);
	}
	ep.status = status;
	return shown(ep);
}

export function defineWebhookEndpointRoutes(store: EndpointStore, r: Route): void {
	r('GET', '/v1/webhook_endpoints/:id', (m) => ({ body: shown(endpoint(store, decodeURIComponent(m[1]))) }));
	r('POST', '/v1/webhook_endpoints/:id', (m, p) => ({ body: update(store, decodeURIComponent(m[1]), p) }));
	r('GET', '/v1/webhook_endpoints', (_m, p) => {
		const page = store.list('/v1/webhook_endpoints', store.sorted('webhook_endpoint'), p);
		return { body: { ...page, data: page.data.map(shown) } };
	});
	r('POST', '/v1/webhook_endpoints', (_m, p) => ({ body: create(store, p) }));
	r('DELETE', '/v1/webhook_endpoints/:id', (m) => {
		const id = decodeURIComponent(m[1]);
		endpoint(store, id);
		store.objects.delete(id);
		return { body: { id, object: 'webhook_endpoint', deleted: true } };
	});
}
