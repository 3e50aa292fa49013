/**
 * A tiny stand-in for Stripe's list API, for benchmarks: N balance transactions (and the charges
 * behind them, plus failed charges and a few subscription events) generated on the fly from a
 * counter-based PRNG, so record i is computed from (seed, i) alone and 1,000,000 records need no
 * memory. Serves GET /v1/balance_transactions, /v1/charges and /v1/events with Stripe's list
 * semantics: newest first, `limit` (default 10, max 100), `starting_after`, `created[gte|gt|lt|lte]`.
 *
 * Run as a child process: `ts-node bench/lib/generator.ts N SEED START_UNIX END_UNIX`; it prints
 * one JSON line {port, expected} when listening. `expected` is computed here by plain summing over
 * all records (independent of the aggregator under test).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GenConfig {
	n: number;
	seed: number;
	/** Transactions are spread over [start, end) (unix seconds), newest first. */
	start: number;
	end: number;
}

function fmix(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Uniform [0,1) from (seed, i, k). */
export function rnd(seed: number, i: number, k: number): number {
	return fmix(fmix(seed ^ Math.imul(i + 1, 0x9e3779b1)) ^ Math.imul(k + 1, 0x85ebca77)) / 4294967296;
}

const CURRENCIES = [
	{ code: 'usd', w: 50, min: 500, max: 250000, digits: 2 },
	{ code: 'eur', w: 30, min: 500, max: 200000, digits: 2 },
	{ code: 'gbp', w: 15, min: 500, max: 150000, digits: 2 },
	{ code: 'jpy', w: 8, min: 500, max: 300000, digits: 0 },
	{ code: 'kwd', w: 2, min: 1000, max: 90000, digits: 3 },
];
const TOTAL_W = CURRENCIES.reduce((a, c) => a + c.w, 0);
export const CUSTOMERS = 50_000;

export function createdAt(c: GenConfig, i: number): number {
	return c.end - 1 - Math.floor((i * (c.end - c.start)) / c.n);
}

export interface GenTxn {
	i: number;
	id: string;
	type: string;
	category: string;
	currency: string;
	amount: number;
	fee: number;
	net: number;
	created: number;
	customer: number;
	failedCharge: boolean;
}

const pad = (i: number) => i.toString(36).padStart(6, '0');

export function txn(c: GenConfig, i: number): GenTxn {
	const r = (k: number) => rnd(c.seed, i, k);
	let x = r(0) * TOTAL_W;
	let cur = CURRENCIES[0];
	for (const cc of CURRENCIES) if ((x -= cc.w) < 0) {
		cur = cc;
		break;
	}
	const t = r(1);
	let amount = Math.round(cur.min + r(2) * (cur.max - cur.min));
	if (cur.digits === 2) amount = Math.round(amount / 100) * 100 - (r(3) < 0.5 ? 1 : 0);
	let type: string;
	let category: string;
	let fee = 0;
	if (t < 0.8) {
		type = 'charge';
		category = 'charge';
		fee = Math.round(amount * 0.029 + (cur.digits === 0 ? 40 : cur.digits === 3 ? 100 : 30));
	} else if (t < 0.88) {
		type = 'refund';
		category = 'refund';
		amount = -Math.round(amount / 3);
	} else if (t < 0.94) {
		type = 'payout';
		category = 'payout';
		amount = -amount * 4;
	} else if (t < 0.96) {
		type = 'adjustment';
		category = 'dispute';
		amount = -amount;
		fee = cur.digits === 0 ? 2000 : 1500;
	} else if (t < 0.97) {
		type = 'adjustment';
		category = 'dispute_reversal';
	} else if (t < 0.99) {
		type = 'stripe_fee';
		category = 'fee';
		amount = -Math.max(1, Math.round(amount / 50));
	} else {
		type = 'adjustment';
		category = 'other_adjustment';
		amount = Math.round(amount / 10) * (r(4) < 0.5 ? -1 : 1);
	}
	const customer = Math.floor(CUSTOMERS * r(5) ** 3);
	return {
		i,
		id: `txn_gen${pad(i)}`,
		type,
		category,
		currency: cur.code,
		amount,
		fee,
		net: amount - fee,
		created: createdAt(c, i),
		customer,
		failedCharge: type !== 'charge' && r(6) < 0.06,
	};
}

export function balanceJson(c: GenConfig, g: GenTxn): Record<string, unknown> {
	return {
		id: g.id,
		object: 'balance_transaction',
		amount: g.amount,
		available_on: g.created + 2 * 86400,
		balance_type: 'payments',
		created: g.created,
		currency: g.currency,
		description: g.type === 'charge' ? 'Pro plan (monthly)' : g.type === 'refund' ? 'REFUND FOR CHARGE' : g.type === 'payout' ? 'STRIPE PAYOUT' : null,
		exchange_rate: null,
		fee: g.fee,
		fee_details: g.fee ? [{ amount: g.fee, application: null, currency: g.currency, description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
		net: g.net,
		reporting_category: g.category,
		source: g.type === 'charge' ? `ch_gen${pad(g.i)}` : g.type === 'refund' ? `re_gen${pad(g.i)}` : g.type === 'payout' ? `po_gen${pad(g.i)}` : null,
		status: 'available',
		type: g.type,
	};
}

export function chargeJson(g: GenTxn): Record<string, unknown> {
	const failed = g.type !== 'charge';
	const amount = failed ? Math.abs(g.amount) || 1000 : g.amount;
	return {
		id: `ch_gen${pad(g.i)}`,
		object: 'charge',
		amount,
		amount_captured: failed ? 0 : amount,
		amount_refunded: 0,
		application: null,
		application_fee: null,
		application_fee_amount: null,
		balance_transaction: failed ? null : g.id,
		billing_details: {
			address: { city: null, country: 'US', line1: null, line2: null, postal_code: '94107', state: null },
			email: `c${g.customer}@example.com`,
			name: `Customer ${g.customer}`,
			phone: null,
		},
		calculated_statement_descriptor: 'EXAMPLE.COM',
		captured: !failed,
		created: g.created,
		currency: g.currency,
		customer: `cus_gen${pad(g.customer)}`,
		description: 'Pro plan (monthly)',
		disputed: false,
		failure_code: failed ? 'card_declined' : null,
		failure_message: failed ? 'Your card was declined.' : null,
		fraud_details: {},
		invoice: null,
		livemode: false,
		metadata: {},
		outcome: {
			network_status: failed ? 'declined_by_network' : 'approved_by_network',
			reason: failed ? 'generic_decline' : null,
			risk_level: 'normal',
			risk_score: 32,
			seller_message: failed ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
			type: failed ? 'issuer_declined' : 'authorized',
		},
		paid: !failed,
		payment_intent: `pi_gen${pad(g.i)}`,
		payment_method: `pm_gen${pad(g.i)}`,
		payment_method_details: {
			card: {
				brand: 'visa',
				checks: { address_line1_check: null, address_postal_code_check: 'pass', cvc_check: 'pass' },
				country: 'US',
				exp_month: 8,
				exp_year: 2030,
				funding: 'credit',
				last4: '4242',
				network: 'visa',
			},
			type: 'card',
		},
		receipt_email: null,
		refunded: false,
		status: failed ? 'failed' : 'succeeded',
	};
}

/** Subscription events: one per 500 transactions, created / updated (quantity +1) / deleted. */
export function eventCount(c: GenConfig): number {
	return Math.max(3, Math.floor(c.n / 500));
}

export function eventJson(c: GenConfig, j: number): Record<string, unknown> {
	const m = eventCount(c);
	const created = c.end - 1 - Math.floor((j * (c.end - c.start)) / m);
	const k = j % 3;
	const type = k === 0 ? 'customer.subscription.created' : k === 1 ? 'customer.subscription.updated' : 'customer.subscription.deleted';
	const qty = 1 + (j % 4);
	const sub = (q: number, status: string) => ({
		id: `sub_gen${pad(j)}`,
		object: 'subscription',
		currency: 'usd',
		status,
		items: { object: 'list', data: [{ quantity: q, price: { unit_amount: 2900, currency: 'usd', recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' } } }] },
	});
	return {
		id: `evt_gen${pad(j)}`,
		object: 'event',
		created,
		type,
		data:
			k === 1
				? { object: sub(qty + 1, 'active'), previous_attributes: { items: sub(qty, 'active').items } }
				: { object: sub(qty, k === 2 ? 'canceled' : 'active') },
	};
}

/** Plain sums over every record (what the summary must equal), and exact top customers. */
export function expectedFor(c: GenConfig, topN = 5) {
	const money: Record<string, { gross: number; refunds: number; disputes: number; fees: number; other: number; net: number; payouts: number; payments: number; failed: number }> = {};
	const spend = new Map<string, number>();
	for (let i = 0; i < c.n; i++) {
		const g = txn(c, i);
		const e = (money[g.currency] ??= { gross: 0, refunds: 0, disputes: 0, fees: 0, other: 0, net: 0, payouts: 0, payments: 0, failed: 0 });
		if (g.failedCharge) e.failed++;
		if (g.category === 'payout') {
			e.payouts += g.amount;
			continue;
		}
		if (g.category === 'charge') {
			e.gross += g.amount;
			e.payments++;
			const key = `${g.currency} cus_gen${pad(g.customer)}`;
			spend.set(key, (spend.get(key) ?? 0) + g.amount);
		} else if (g.category === 'refund') e.refunds += g.amount;
		else if (g.category === 'dispute' || g.category === 'dispute_reversal') e.disputes += g.amount;
		else if (g.category === 'fee') e.fees -= g.amount;
		else e.other += g.amount;
		e.fees += g.fee;
		e.net += g.net;
	}
	const top: Record<string, Array<[string, number]>> = {};
	for (const [k, v] of spend) {
		const [cur, id] = k.split(' ');
		(top[cur] ??= []).push([id, v]);
	}
	for (const cur of Object.keys(top)) top[cur] = top[cur].sort((a, b) => b[1] - a[1]).slice(0, topN);
	return { money, top, distinctCustomers: spend.size, events: eventCount(c) };
}

// ---------------------------------------------------------------- server

function firstIndexBefore(c: GenConfig, count: number, createdOf: (i: number) => number, lt: number): number {
	// smallest i with createdOf(i) < lt (created is non-increasing in i)
	let lo = 0;
	let hi = count;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (createdOf(mid) < lt) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

function rangeFor(c: GenConfig, count: number, createdOf: (i: number) => number, q: URLSearchParams): [number, number] {
	let lt = Infinity;
	let gte = -Infinity;
	if (q.has('created[lt]')) lt = Math.min(lt, Number(q.get('created[lt]')));
	if (q.has('created[lte]')) lt = Math.min(lt, Number(q.get('created[lte]')) + 1);
	if (q.has('created[gte]')) gte = Math.max(gte, Number(q.get('created[gte]')));
	if (q.has('created[gt]')) gte = Math.max(gte, Number(q.get('created[gt]')) + 1);
	const from = Number.isFinite(lt) ? firstIndexBefore(c, count, createdOf, lt) : 0;
	const to = Number.isFinite(gte) ? firstIndexBefore(c, count, createdOf, gte) : count;
	return [from, Math.max(from, to)];
}

function parseIndex(id: string | null, prefix: string): number {
	if (!id) return -1;
	if (!id.startsWith(prefix)) return NaN;
	return parseInt(id.slice(prefix.length), 36);
}

export function startGenerator(c: GenConfig, port = 0): Promise<{ port: number; close: () => Promise<void>; requests: () => number }> {
	let requests = 0;
	const send = (res: ServerResponse, status: number, body: unknown) => {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Request-Id': `req_gen${requests}` });
		res.end(text);
	};
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		requests++;
		const url = new URL(req.url || '/', 'http://gen');
		const q = url.searchParams;
		if (!/^Bearer sk_test_/.test(String(req.headers.authorization))) {
			return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
		}
		const limit = q.has('limit') ? Number(q.get('limit')) : 10;
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) return send(res, 400, { error: { type: 'invalid_request_error', message: 'Invalid limit', param: 'limit' } });
		const list = (path: string, count: number, createdOf: (i: number) => number, prefix: string, include: (i: number) => boolean, make: (i: number) => Record<string, unknown>) => {
			const [from, to] = rangeFor(c, count, createdOf, q);
			const after = parseIndex(q.get('starting_after'), prefix);
			if (Number.isNaN(after)) return send(res, 404, { error: { type: 'invalid_request_error', message: `No such object: '${q.get('starting_after')}'`, param: 'starting_after' } });
			const data: Record<string, unknown>[] = [];
			let i = Math.max(from, after + 1);
			for (; i < to && data.length < limit; i++) if (include(i)) data.push(make(i));
			let more = false;
			for (let j = i; j < to; j++) if (include(j)) {
				more = true;
				break;
			}
			send(res, 200, { object: 'list', data, has_more: more, url: path });
		};
		if (url.pathname === '/v1/balance_transactions') {
			return list('/v1/balance_transactions', c.n, (i) => createdAt(c, i), 'txn_gen', () => true, (i) => balanceJson(c, txn(c, i)));
		}
		if (url.pathname === '/v1/charges') {
			return list('/v1/charges', c.n, (i) => createdAt(c, i), 'ch_gen', (i) => {
				const g = txn(c, i);
				return g.type === 'charge' || g.failedCharge;
			}, (i) => chargeJson(txn(c, i)));
		}
		if (url.pathname === '/v1/events') {
			const m = eventCount(c);
			const createdOf = (j: number) => c.end - 1 - Math.floor((j * (c.end - c.start)) / m);
			return list('/v1/events', m, createdOf, 'evt_gen', () => true, (j) => eventJson(c, j));
		}
		send(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (GET: ${url.pathname})` } });
	});
	server.keepAliveTimeout = 60_000;
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () => {
			const p = (server.address() as AddressInfo).port;
			resolve({
				port: p,
				requests: () => requests,
				close: () => new Promise<void>((r) => server.close(() => r())),
			});
		});
	});
}

if (require.main === module) {
	const [n, seed, start, end] = process.argv.slice(2).map(Number);
	const c: GenConfig = { n, seed, start, end };
	const expected = expectedFor(c);
	startGenerator(c).then((g) => {
		process.stdout.write(`${JSON.stringify({ port: g.port, expected })}\n`);
	});
	process.on('SIGTERM', () => process.exit(0));
}
