/**
 * A subset of the Stripe API at /v1/..., close enough that the official `stripe` SDK can be pointed
 * at it (`new Stripe(key, {host, port, protocol: 'http'})`).
 *
 * Mimicked behaviour: form-encoded bodies with bracket notation, `Authorization: Bearer` (or Basic)
 * with test keys only, Stripe's error shape and statuses, `Request-Id`, `Idempotency-Key` replay
 * (`Idempotent-Replayed: true`), `idempotency_error` on reuse with other parameters, per-key
 * serialization of concurrent requests, list pagination and `created[...]` filters.
 *
 * Here: authentication, idempotency and the routes, in StripeSandbox. The objects and list semantics:
 * stripeStore.ts; what the routes do: stripeOperations.ts, stripeCatalog.ts, stripeDesk.ts; errors:
 * stripeError.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { maskKey, parseBracketForm, randomId, sendJson, stableStringify, type Obj } from './util';
import { seedStripe } from './seed';
import { defineCatalogRoutes, seedCatalog } from './stripeCatalog';
import { defineDeskRoutes, seedDesk } from './stripeDesk';
import { seedEventObjects } from './stripeEvents';
import { missing, StripeError } from './stripeError';
import { defineEventRoutes, StripeEventLog } from './stripeEventLog';
import { defineWebhookEndpointRoutes } from './stripeWebhookEndpoints';
import { StripeOperations } from './stripeOperations';
import type { StripeOptions } from './stripeStore';

export interface StripeRequestLog {
	method: string;
	path: string;
	params: Obj;
	idempotencyKey: string | null;
	status: number;
}

interface IdemEntry {
	fingerprint: string; // method + path + params
	done?: { status: number; body: Obj };
	pending?: Promise<void>;
	createdAt: number;
}

type Handler = (m: RegExpExecArray, params: Obj) => { status?: number; body: Obj };

export class StripeSandbox extends StripeOperations {
	requests: StripeRequestLog[] = [];
	/** Events recorded by send-event, and their thin forms (stripeEvents.ts). */
	readonly events = new StripeEventLog();
	private idem = new Map<string, IdemEntry>();
	private routes: [string, RegExp, Handler][] = [];

	constructor(opts: StripeOptions) {
		super(opts);
		this.reset();
		this.defineRoutes();
	}

	reset(): void {
		const seed = seedStripe({ transactions: this.opts.seedTransactions, seed: this.opts.seed, now: this.nowSec() });
		this.objects = seed.objects;
		this.balanceTransactions = seed.balanceTransactions;
		seedCatalog(this.objects, this.nowSec());
		seedDesk(this.objects, this.nowSec());
		seedEventObjects(this.objects, this.nowSec());
		this.requests = [];
		this.idem.clear();
		this.events.reset();
	}

	/** Authorization: Bearer <key> (what the SDK sends) or Basic base64(<key>:). */
	private checkAuth(req: IncomingMessage): StripeError | undefined {
		const h = req.headers.authorization || '';
		let key = '';
		if (/^Bearer /i.test(h)) key = h.slice(7).trim();
		else if (/^Basic /i.test(h)) key = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':')[0];
		if (!key) {
			return new StripeError(401, 'invalid_request_error',
				'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.');
		}
		if (key === this.opts.secretKey || /^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key)) return undefined;
		// Live keys are refused on purpose: the sandbox must never look like production.
		return new StripeError(401, 'invalid_request_error', `Invalid API Key provided: ${maskKey(key)}`);
	}

	/**
	 * Entry point for /v1/... requests. `inject5xx` is decided by the server's fault settings; an
	 * injected failure happens before the request executes, so it is never stored for idempotency.
	 */
	async handle(req: IncomingMessage, res: ServerResponse, rawBody: Buffer, inject5xx: boolean): Promise<void> {
		const url = new URL(req.url || '/', 'http://sandbox');
		const method = (req.method || 'GET').toUpperCase();
		const path = url.pathname;
		const params = method === 'GET' || method === 'DELETE'
			? { ...parseBracketForm(url.searchParams.toString()), ...parseBracketForm(rawBody.toString('utf8')) }
			: parseBracketForm(rawBody.toString('utf8'));
		const idemHeader = req.headers['idempotency-key'];
		const idempotencyKey = typeof idemHeader === 'string' && idemHeader ? idemHeader : null;
		const requestId = randomId('req_');
		const headers: Record<string, string> = { 'Request-Id': requestId, 'Stripe-Version': String(req.headers['stripe-version'] || '2026-07-29.dahlia') };
		if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

		const reply = (status: number, body: Obj, extra: Record<string, string> = {}) => {
			this.requests.push({ method, path, params, idempotencyKey, status });
			sendJson(res, status, body, { ...headers, ...extra });
		};

		const authErr = this.checkAuth(req);
		if (authErr) return reply(authErr.status, authErr.toJSON());
		if (inject5xx) {
			return reply(500, new StripeError(500, 'api_error', 'An unknown error occurred (injected by the sandbox fault settings).').toJSON());
		}

		// Idempotency applies to POST (Stripe ignores keys on GET and DELETE).
		if (!idempotencyKey || method !== 'POST') {
			const r = this.execute(method, path, params);
			return reply(r.status, r.body);
		}
		const fingerprint = `${method} ${path} ${stableStringify(params)}`;
		for (;;) {
			const entry = this.idem.get(idempotencyKey);
			if (!entry) break;
			if (entry.fingerprint !== fingerprint) {
				const e = new StripeError(400, 'idempotency_error',
					`Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`);
				return reply(400, e.toJSON());
			}
			if (entry.done) return reply(entry.done.status, entry.done.body, { 'Idempotent-Replayed': 'true' });
			await entry.pending; // a concurrent request with this key is running: wait for its result
		}
		let release!: () => void;
		const entry: IdemEntry = { fingerprint, pending: new Promise<void>((r) => (release = r)), createdAt: Date.now() };
		this.idem.set(idempotencyKey, entry);
		try {
			const r = this.execute(method, path, params);
			if (r.save) entry.done = { status: r.status, body: JSON.parse(JSON.stringify(r.body)) }; // snapshot
			else this.idem.delete(idempotencyKey);
			reply(r.status, r.body);
		} finally {
			entry.pending = undefined;
			release();
		}
	}

	private execute(method: string, path: string, params: Obj): { status: number; body: Obj; save: boolean } {
		for (const [m, re, h] of this.routes) {
			if (m !== method) continue;
			const match = re.exec(path);
			if (!match) continue;
			try {
				const r = h(match, params);
				return { status: r.status ?? 200, body: r.body, save: true };
			} catch (e) {
				if (e instanceof StripeError) return { status: e.status, body: e.toJSON(), save: e.saveIdempotent };
				const err = new StripeError(500, 'api_error', 'An unknown error occurred in the sandbox.');
				return { status: 500, body: err.toJSON(), save: false };
			}
		}
		const err = new StripeError(404, 'invalid_request_error',
			`Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
		return { status: 404, body: err.toJSON(), save: false };
	}

	private defineRoutes(): void {
		const r = (method: string, pattern: string, h: Handler) =>
			this.routes.push([method, new RegExp(`^${pattern.replace(/:id/g, '([^/]+)')}/?$`), h]);
		const ok = (body: Obj) => ({ body });
		// Products, prices, line items (routing by product)
		const self = this; // eslint-disable-line @typescript-eslint/no-this-alias
		defineCatalogRoutes({ get objects() { return self.objects; }, get: (k, t, id) => this.get(k, t, id), list: (u, a, p) => this.list(u, a, p) }, r);
		// What the support desk looks up (before /v1/customers/:id, which would match "search")
		defineEventRoutes(this.events, r, () => this.opts.now());
		defineDeskRoutes({ get: (k, t, id) => this.get(k, t, id), sorted: (t) => this.sorted(t), list: (u, a, p, f) => this.list(u, a, p, f), nowSec: () => this.nowSec() }, r);

		// Invoices
		r('GET', '/v1/invoices/:id', (m) => ok(this.get('invoice', 'invoice', m[1])));
		r('POST', '/v1/invoices/:id/pay', (m, p) => ok(this.payInvoice(this.get('invoice', 'invoice', m[1]), p)));
		r('POST', '/v1/invoices/:id/send', (m) => ok(this.sendInvoice(this.get('invoice', 'invoice', m[1]))));
		r('POST', '/v1/invoices/:id/void', (m) => ok(this.voidInvoice(this.get('invoice', 'invoice', m[1]))));
		// Refunds
		r('POST', '/v1/refunds', (_m, p) => ok(this.createRefund(p)));
		r('GET', '/v1/refunds/:id', (m) => ok(this.get('refund', 'refund', m[1])));
		// Charges
		r('GET', '/v1/charges/:id', (m) => ok(this.get('charge', 'charge', m[1])));
		r('GET', '/v1/charges', (_m, p) => ok(this.list('/v1/charges', this.sorted('charge'), p, (o) =>
			(!p.customer || o.customer === p.customer) && (!p.payment_intent || o.payment_intent === p.payment_intent))));
		// Payment intents
		r('GET', '/v1/payment_intents/:id', (m) => ok(this.get('payment_intent', 'payment_intent', m[1])));
		r('POST', '/v1/payment_intents/:id/capture', (m, p) => ok(this.capturePaymentIntent(this.get('payment_intent', 'payment_intent', m[1]), p)));
		// Radar
		r('GET', '/v1/reviews/:id', (m) => ok(this.get('review', 'review', m[1])));
		r('POST', '/v1/reviews/:id/approve', (m) => ok(this.approveReview(this.get('review', 'review', m[1]))));
		r('GET', '/v1/radar/early_fraud_warnings/:id', (m) => ok(this.get('radar.early_fraud_warning', 'radar.early_fraud_warning', m[1])));
		r('GET', '/v1/radar/early_fraud_warnings', (_m, p) => ok(this.list('/v1/radar/early_fraud_warnings', this.sorted('radar.early_fraud_warning'), p, (o) =>
			(!p.charge || o.charge === p.charge) && (!p.payment_intent || o.payment_intent === p.payment_intent))));
		// Subscriptions
		r('GET', '/v1/subscriptions/:id', (m) => ok(this.get('subscription', 'subscription', m[1])));
		r('DELETE', '/v1/subscriptions/:id', (m, p) => ok(this.cancelSubscription(this.get('subscription', 'subscription', m[1]), p)));
		r('POST', '/v1/subscriptions/:id', (m, p) => ok(this.updateSubscription(this.get('subscription', 'subscription', m[1]), p)));
		// Disputes
		r('GET', '/v1/disputes/:id', (m) => ok(this.get('dispute', 'dispute', m[1])));
		r('POST', '/v1/disputes/:id/close', (m) => ok(this.closeDispute(this.get('dispute', 'dispute', m[1]))));
		r('POST', '/v1/disputes/:id', (m, p) => ok(this.updateDispute(this.get('dispute', 'dispute', m[1]), p)));
		// Customers
		r('GET', '/v1/customers/:id', (m) => ok(this.get('customer', 'customer', m[1])));
		// Balance
		r('GET', '/v1/balance', () => ok(this.balance()));
		r('GET', '/v1/balance_transactions/:id', (m) => {
			const t = this.balanceTransactions.find((x) => x.id === m[1]);
			if (!t) throw missing('balance transaction', m[1]);
			return ok(t);
		});
		r('GET', '/v1/balance_transactions', (_m, p) => ok(this.list('/v1/balance_transactions', this.balanceTransactions, p, (t) =>
			(!p.currency || t.currency === String(p.currency).toLowerCase()) && (!p.type || t.type === p.type) && (!p.source || t.source === p.source))));
		// Webhook endpoints
		defineWebhookEndpointRoutes({ get objects() { return self.objects; }, nowSec: () => this.nowSec(), newId: (x) => this.newId(x), sorted: (t) => this.sorted(t), list: (u, a, p) => this.list(u, a, p) }, r);
	}
}
