/**
 * A subset of the Stripe API at /v1/..., close enough that the official `stripe` SDK can be pointed
 * at it (`new Stripe(key, {host, port, protocol: 'http'})`).
 *
 * Mimicked behaviour: form-encoded bodies with bracket notation, `Authorization: Bearer` (or Basic)
 * with test keys only, Stripe's error shape and statuses, `Request-Id`, `Idempotency-Key` replay
 * (`Idempotent-Replayed: true`), `idempotency_error` on reuse with other parameters, per-key
 * serialization of concurrent requests, list pagination and `created[...]` filters.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { maskKey, parseBracketForm, randomId, sendJson, stableStringify, type Obj } from './util';
import { seedStripe } from './seed';
import { defineCatalogRoutes, seedCatalog } from './stripeCatalog';
import { defineDeskRoutes, mergeMetadata, seedDesk } from './stripeDesk';

export interface StripeRequestLog {
	method: string;
	path: string;
	params: Obj;
	idempotencyKey: string | null;
	status: number;
}

export interface StripeOptions {
	/** Exactly accepted key; any other sk_test_/rk_test_ key is accepted too. */
	secretKey: string;
	seedTransactions: number;
	seed: number;
	now: () => number; // ms
}

/** Thrown by handlers; rendered as Stripe's `{"error": {...}}`. */
export class StripeError extends Error {
	constructor(
		public status: number,
		public type: string,
		message: string,
		public code?: string,
		public param?: string,
		/** false when Stripe would not store the result for an idempotency key (validation failures). */
		public saveIdempotent = true,
		public extra: Obj = {},
	) {
		super(message);
	}
	toJSON(): Obj {
		const e: Obj = { type: this.type, message: this.message };
		if (this.code) e.code = this.code;
		if (this.param) e.param = this.param;
		if (this.code) e.doc_url = `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}`;
		return { error: { ...e, ...this.extra } };
	}
}

const missing = (kind: string, id: string, param = 'id') =>
	new StripeError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', param, false);
const paramMissing = (param: string) =>
	new StripeError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param, false);

interface IdemEntry {
	fingerprint: string; // method + path + params
	done?: { status: number; body: Obj };
	pending?: Promise<void>;
	createdAt: number;
}

type Handler = (m: RegExpExecArray, params: Obj) => { status?: number; body: Obj };

export class StripeSandbox {
	objects = new Map<string, Obj>();
	balanceTransactions: Obj[] = [];
	requests: StripeRequestLog[] = [];
	private idem = new Map<string, IdemEntry>();
	private counter = 0;
	private routes: [string, RegExp, Handler][] = [];

	constructor(private opts: StripeOptions) {
		this.reset();
		this.defineRoutes();
	}

	reset(): void {
		const seed = seedStripe({ transactions: this.opts.seedTransactions, seed: this.opts.seed, now: this.nowSec() });
		this.objects = seed.objects;
		this.balanceTransactions = seed.balanceTransactions;
		seedCatalog(this.objects, this.nowSec());
		seedDesk(this.objects, this.nowSec());
		this.requests = [];
		this.idem.clear();
	}

	private nowSec(): number {
		return Math.floor(this.opts.now() / 1000);
	}

	private newId(prefix: string): string {
		this.counter++;
		return randomId(prefix, 24);
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

	private get(kind: string, objectType: string, id: string): Obj {
		const o = this.objects.get(id);
		if (!o || o.object !== objectType) throw missing(kind, id);
		return o;
	}

	private defineRoutes(): void {
		const r = (method: string, pattern: string, h: Handler) =>
			this.routes.push([method, new RegExp(`^${pattern.replace(/:id/g, '([^/]+)')}/?$`), h]);
		const ok = (body: Obj) => ({ body });
		// Products, prices, line items (routing by product)
		const self = this; // eslint-disable-line @typescript-eslint/no-this-alias
		defineCatalogRoutes({ get objects() { return self.objects; }, get: (k, t, id) => this.get(k, t, id), list: (u, a, p) => this.list(u, a, p) }, r);
		// What the support desk looks up (before /v1/customers/:id, which would match "search")
		defineDeskRoutes({ get: (k, t, id) => this.get(k, t, id), sorted: (t) => this.sorted(t), list: (u, a, p, f) => this.list(u, a, p, f), nowSec: () => this.nowSec() }, r);

		// Invoices
		r('GET', '/v1/invoices/:id', (m) => ok(this.get('invoice', 'invoice', m[1])));
		r('POST', '/v1/invoices/:id/pay', (m, p) => ok(this.payInvoice(this.get('invoice', 'invoice', m[1]), p)));
		r('POST', '/v1/invoices/:id/send', (m) => ok(this.sendInvoice(this.get('invoice', 'invoice', m[1]))));
		// Refunds
		r('POST', '/v1/refunds', (_m, p) => ok(this.createRefund(p)));
		r('GET', '/v1/refunds/:id', (m) => ok(this.get('refund', 'refund', m[1])));
		// Charges
		r('GET', '/v1/charges/:id', (m) => ok(this.get('charge', 'charge', m[1])));
		r('GET', '/v1/charges', (_m, p) => ok(this.list('/v1/charges', this.sorted('charge'), p, (o) =>
			(!p.customer || o.customer === p.customer) && (!p.payment_intent || o.payment_intent === p.payment_intent))));
		// Payment intents
		r('GET', '/v1/payment_intents/:id', (m) => ok(this.get('payment_intent', 'payment_intent', m[1])));
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
		r('GET', '/v1/webhook_endpoints/:id', (m) => ok(this.get('webhook endpoint', 'webhook_endpoint', m[1])));
		r('GET', '/v1/webhook_endpoints', (_m, p) => ok(this.list('/v1/webhook_endpoints', this.sorted('webhook_endpoint'), p)));
		r('POST', '/v1/webhook_endpoints', (_m, p) => ok(this.createWebhookEndpoint(p)));
		r('DELETE', '/v1/webhook_endpoints/:id', (m) => {
			this.get('webhook endpoint', 'webhook_endpoint', m[1]);
			this.objects.delete(m[1]);
			return ok({ id: m[1], object: 'webhook_endpoint', deleted: true });
		});
	}

	/** Objects of one type, newest first (Stripe's list order). */
	private sorted(type: string): Obj[] {
		return [...this.objects.values()].filter((o) => o.object === type).sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
	}

	/** Stripe list semantics: limit 1..100 (default 10), starting_after / ending_before, created filters. */
	private list(url: string, all: Obj[], p: Obj, filter: (o: Obj) => boolean = () => true): Obj {
		let limit = 10;
		if (p.limit !== undefined) {
			limit = Number(p.limit);
			if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
				throw new StripeError(400, 'invalid_request_error', 'Invalid integer: limit must be between 1 and 100.', 'parameter_invalid_integer', 'limit', false);
			}
		}
		let items = all.filter(filter);
		if (p.created !== undefined) {
			const c = p.created;
			const num = (v: unknown, param: string) => {
				const n = Number(v);
				if (!Number.isInteger(n)) throw new StripeError(400, 'invalid_request_error', `Invalid integer: ${String(v)}`, 'parameter_invalid_integer', param, false);
				return n;
			};
			if (typeof c === 'string') {
				const n = num(c, 'created');
				items = items.filter((o) => o.created === n);
			} else {
				if (c.gte !== undefined) { const n = num(c.gte, 'created[gte]'); items = items.filter((o) => o.created >= n); }
				if (c.gt !== undefined) { const n = num(c.gt, 'created[gt]'); items = items.filter((o) => o.created > n); }
				if (c.lte !== undefined) { const n = num(c.lte, 'created[lte]'); items = items.filter((o) => o.created <= n); }
				if (c.lt !== undefined) { const n = num(c.lt, 'created[lt]'); items = items.filter((o) => o.created < n); }
			}
		}
		let page: Obj[];
		let hasMore: boolean;
		if (p.starting_after) {
			const i = items.findIndex((o) => o.id === p.starting_after);
			if (i < 0) throw missing('object', String(p.starting_after), 'starting_after');
			page = items.slice(i + 1, i + 1 + limit);
			hasMore = i + 1 + limit < items.length;
		} else if (p.ending_before) {
			const i = items.findIndex((o) => o.id === p.ending_before);
			if (i < 0) throw missing('object', String(p.ending_before), 'ending_before');
			page = items.slice(Math.max(0, i - limit), i);
			hasMore = i - limit > 0;
		} else {
			page = items.slice(0, limit);
			hasMore = limit < items.length;
		}
		return { object: 'list', data: page, has_more: hasMore, url };
	}

	private payInvoice(inv: Obj, p: Obj): Obj {
		if (inv.status === 'paid') throw new StripeError(400, 'invalid_request_error', 'Invoice is already paid', 'invoice_already_paid');
		if (inv.status !== 'open') {
			throw new StripeError(400, 'invalid_request_error', `You can only pay an invoice that is open; this invoice is ${inv.status}.`, 'invoice_not_open');
		}
		inv.attempt_count = (inv.attempt_count ?? 0) + 1;
		inv.attempted = true;
		if (inv.metadata?.sandbox_behaviour === 'card_declined' && p.paid_out_of_band !== 'true') {
			throw new StripeError(402, 'card_error', 'Your card was declined.', 'card_declined', undefined, true, { decline_code: 'generic_decline' });
		}
		inv.status = 'paid';
		inv.paid = true;
		inv.amount_paid = inv.amount_due;
		inv.amount_remaining = 0;
		inv.status_transitions = { ...(inv.status_transitions || {}), paid_at: this.nowSec() };
		inv.next_payment_attempt = null;
		return inv;
	}

	private sendInvoice(inv: Obj): Obj {
		if (inv.status !== 'open' && inv.status !== 'draft') {
			throw new StripeError(400, 'invalid_request_error', `You can only send an invoice that is open. This invoice is ${inv.status}.`, 'invoice_not_open');
		}
		if (inv.status === 'draft') inv.status = 'open';
		inv.webhooks_delivered_at = inv.webhooks_delivered_at ?? this.nowSec();
		return inv;
	}

	private createRefund(p: Obj): Obj {
		let chargeId: string | undefined = p.charge;
		if (!chargeId && p.payment_intent) {
			const pi = this.objects.get(p.payment_intent);
			if (!pi || pi.object !== 'payment_intent') throw missing('payment_intent', p.payment_intent, 'payment_intent');
			chargeId = pi.latest_charge;
			if (!chargeId) {
				throw new StripeError(400, 'invalid_request_error', `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'charge_not_refundable', 'payment_intent');
			}
		}
		if (!chargeId) throw paramMissing('charge');
		const ch = this.objects.get(chargeId);
		if (!ch || ch.object !== 'charge') throw missing('charge', chargeId, 'charge');
		const remaining = ch.amount - (ch.amount_refunded ?? 0);
		if (ch.refunded || remaining <= 0) {
			throw new StripeError(400, 'invalid_request_error', `Charge ${ch.id} has already been refunded.`, 'charge_already_refunded');
		}
		const amount = p.amount !== undefined ? Number(p.amount) : remaining;
		if (!Number.isInteger(amount) || amount <= 0) {
			throw new StripeError(400, 'invalid_request_error', 'Invalid positive integer', 'parameter_invalid_integer', 'amount', false);
		}
		if (amount > remaining) {
			throw new StripeError(400, 'invalid_request_error',
				`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, 'amount_too_large', 'amount');
		}
		const now = this.nowSec();
		const refund: Obj = {
			id: this.newId('re_'),
			object: 'refund',
			amount,
			balance_transaction: this.newId('txn_'),
			charge: ch.id,
			created: now,
			currency: ch.currency,
			metadata: p.metadata ?? {},
			payment_intent: ch.payment_intent ?? p.payment_intent ?? null,
			reason: p.reason ?? null,
			receipt_number: null,
			source_transfer_reversal: null,
			status: 'succeeded',
			transfer_reversal: null,
		};
		this.objects.set(refund.id, refund);
		ch.amount_refunded = (ch.amount_refunded ?? 0) + amount;
		ch.refunded = ch.amount_refunded >= ch.amount;
		if (ch.refunds && Array.isArray(ch.refunds.data)) {
			ch.refunds.data.unshift(refund);
			ch.refunds.total_count = ch.refunds.data.length;
		}
		this.balanceTransactions.unshift({
			id: refund.balance_transaction, object: 'balance_transaction', amount: -amount, available_on: now, created: now,
			currency: ch.currency, description: 'REFUND FOR CHARGE', exchange_rate: null, fee: 0, fee_details: [], net: -amount,
			reporting_category: 'refund', source: refund.id, status: 'available', type: 'refund',
		});
		return refund;
	}

	private cancelSubscription(sub: Obj, p: Obj): Obj {
		if (sub.status === 'canceled') {
			throw new StripeError(400, 'invalid_request_error', `A canceled subscription can only update its cancellation_details and metadata.`, 'subscription_canceled');
		}
		const now = this.nowSec();
		sub.status = 'canceled';
		sub.canceled_at = now;
		sub.ended_at = now;
		sub.cancellation_details = { comment: p.cancellation_details?.comment ?? null, feedback: p.cancellation_details?.feedback ?? null, reason: 'cancellation_requested' };
		return sub;
	}

	private updateSubscription(sub: Obj, p: Obj): Obj {
		const onlyMeta = Object.keys(p).every((k) => k === 'metadata' || k === 'cancellation_details' || k === 'expand');
		if (sub.status === 'canceled' && !onlyMeta) {
			throw new StripeError(400, 'invalid_request_error', 'A canceled subscription can only update its cancellation_details and metadata.');
		}
		if (p.cancel_at_period_end !== undefined) {
			const v = String(p.cancel_at_period_end);
			if (v !== 'true' && v !== 'false') throw new StripeError(400, 'invalid_request_error', 'Invalid boolean: ' + v, 'parameter_invalid_boolean', 'cancel_at_period_end', false);
			sub.cancel_at_period_end = v === 'true';
			const periodEnd = sub.items?.data?.[0]?.current_period_end ?? sub.current_period_end ?? this.nowSec() + 30 * 86400;
			sub.cancel_at = sub.cancel_at_period_end ? periodEnd : null;
			sub.canceled_at = sub.cancel_at_period_end ? this.nowSec() : null;
		}
		if (p.metadata) sub.metadata = mergeMetadata(sub.metadata, p.metadata);
		if (p.cancellation_details) sub.cancellation_details = { ...(sub.cancellation_details || {}), ...p.cancellation_details };
		return sub;
	}

	private closeDispute(d: Obj): Obj {
		if (d.status !== 'needs_response' && d.status !== 'warning_needs_response') {
			throw new StripeError(400, 'invalid_request_error', `This dispute is already closed (status ${d.status}).`, 'dispute_already_closed');
		}
		d.status = d.status === 'warning_needs_response' ? 'warning_closed' : 'lost';
		d.is_charge_refundable = false;
		return d;
	}

	private updateDispute(d: Obj, p: Obj): Obj {
		if (!['needs_response', 'warning_needs_response'].includes(d.status) && (p.evidence || p.submit)) {
			throw new StripeError(400, 'invalid_request_error', `This dispute is already closed (status ${d.status}).`, 'dispute_already_closed');
		}
		if (p.evidence) d.evidence = { ...(d.evidence || {}), ...p.evidence };
		if (p.metadata) d.metadata = mergeMetadata(d.metadata, p.metadata);
		if (String(p.submit) === 'true') {
			d.status = d.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
			d.evidence_details = { ...(d.evidence_details || {}), submission_count: (d.evidence_details?.submission_count ?? 0) + 1, has_evidence: true };
		}
		return d;
	}

	private balance(): Obj {
		const sums = new Map<string, { available: number; pending: number }>();
		for (const t of this.balanceTransactions) {
			const s = sums.get(t.currency) ?? { available: 0, pending: 0 };
			if (t.status === 'available') s.available += t.net;
			else s.pending += t.net;
			sums.set(t.currency, s);
		}
		const list = (k: 'available' | 'pending') =>
			[...sums.entries()].map(([currency, s]) => ({ amount: s[k], currency, source_types: { card: s[k] } }));
		return { object: 'balance', available: list('available'), pending: list('pending'), livemode: false };
	}

	private createWebhookEndpoint(p: Obj): Obj {
		if (!p.url) throw paramMissing('url');
		if (!p.enabled_events) throw paramMissing('enabled_events');
		try {
			new URL(p.url);
		} catch {
			throw new StripeError(400, 'invalid_request_error', 'Invalid URL: URL must be publicly accessible.', 'url_invalid', 'url', false);
		}
		const events = Array.isArray(p.enabled_events) ? p.enabled_events : [p.enabled_events];
		const ep = {
			id: this.newId('we_'),
			object: 'webhook_endpoint',
			api_version: p.api_version ?? null,
			application: null,
			created: this.nowSec(),
			description: p.description ?? null,
			enabled_events: events,
			livemode: false,
			metadata: p.metadata ?? {},
			secret: randomId('whsec_', 32),
			status: 'enabled',
			url: p.url,
		};
		this.objects.set(ep.id, ep);
		return ep;
	}
}
