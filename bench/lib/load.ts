/**
 * What the delivery benchmarks (bench/template.ts, burst.ts, faults.ts) send and how: signed Stripe
 * events with unique ids and amounts, closed-loop and paced senders over keep-alive HTTP (127.0.0.1
 * only) and a Stripe-like retrying sender. The rest of the benchmarks' helpers: report.ts (percentiles,
 * tables, results files), workflows.ts (workflow copies on the real n8n), sandbox.ts (the sandbox's
 * Slack) and ledger.ts (the per-event ledger read back from n8n's executions).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import Stripe from 'stripe';

export const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'stripe');

// ------------------------------------------------------------------ events

export interface BenchEvent {
	id: string;
	type: string;
	/** minor units, unique per event within a run */
	amount: number;
	body: string;
}

const fixtureCache = new Map<string, Record<string, any>>();
function fixture(type: string): Record<string, any> {
	let f = fixtureCache.get(type);
	if (!f) fixtureCache.set(type, (f = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${type}.json`), 'utf8'))));
	return JSON.parse(JSON.stringify(f));
}

/** Event `i` of a run: a payment_intent fixture with its own id and its own amount (10,000 + i cents). */
export function makeEvent(run: string, i: number, type = 'payment_intent.succeeded'): BenchEvent {
	const ev = fixture(type);
	const amount = 10_000 + i;
	ev.id = `evt_${run}_${String(i).padStart(6, '0')}`;
	ev.created = Math.floor(Date.now() / 1000);
	const obj = ev.data.object;
	obj.id = `pi_${run}_${i}`;
	if ('amount' in obj) obj.amount = amount;
	if ('amount_received' in obj) obj.amount_received = type.endsWith('succeeded') ? amount : 0;
	if ('amount_capturable' in obj) obj.amount_capturable = 0;
	return { id: ev.id, type, amount, body: JSON.stringify(ev) };
}

export function sign(body: string, secret: string): string {
	return Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
}

// ------------------------------------------------------------------ HTTP

export const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export interface Answer {
	status: number; // 0: network error / timeout
	ms: number;
	body: string;
	error?: string;
}

export function assertLocal(url: string): void {
	const u = new URL(url);
	if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') throw new Error(`benchmarks only send to 127.0.0.1, not ${u.hostname}`);
}

/** One POST over a keep-alive connection, timed from before the request to the end of the answer. */
export function post(url: string, body: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<Answer> {
	assertLocal(url);
	const u = new URL(url);
	const t0 = process.hrtime.bigint();
	const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
	return new Promise((resolve) => {
		const req = http.request(
			{ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: ms(), body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', (e) => resolve({ status: 0, ms: ms(), body: '', error: e.message }));
			},
		);
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', (e) => resolve({ status: 0, ms: ms(), body: '', error: e.message }));
		req.end(body);
	});
}

export function postStripe(url: string, ev: BenchEvent, secret: string, timeoutMs?: number): Promise<Answer> {
	return post(url, ev.body, { 'stripe-signature': sign(ev.body, secret) }, timeoutMs);
}

// ------------------------------------------------------------------ load shapes

export interface ClosedLoopResult {
	sent: number;
	ok: number;
	failed: number;
	statuses: Record<string, number>;
	seconds: number;
	eventsPerSecond: number;
	latenciesMs: number[];
}

/**
 * `concurrency` workers, each sending its next request as soon as the previous is answered, for
 * `seconds` (bounded: no request starts after the deadline). Only 2xx answers count as events.
 */
export async function closedLoop(
	concurrency: number,
	seconds: number,
	send: (i: number) => Promise<Answer>,
): Promise<ClosedLoopResult> {
	const latencies: number[] = [];
	const statuses: Record<string, number> = {};
	let i = 0;
	let ok = 0;
	let failed = 0;
	const t0 = Date.now();
	const deadline = t0 + seconds * 1000;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (Date.now() < deadline) {
				const a = await send(i++);
				statuses[a.status] = (statuses[a.status] ?? 0) + 1;
				if (a.status >= 200 && a.status < 300) {
					ok++;
					latencies.push(a.ms);
				} else failed++;
			}
		}),
	);
	const secs = (Date.now() - t0) / 1000;
	return { sent: i, ok, failed, statuses, seconds: secs, eventsPerSecond: ok / secs, latenciesMs: latencies };
}

/** Starts `total` sends spread evenly over `seconds` (open loop), at most `maxInFlight` at once. */
export async function paced<T>(total: number, seconds: number, maxInFlight: number, send: (i: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(total);
	const t0 = Date.now();
	let inFlight = 0;
	const waiters: Array<() => void> = [];
	const all: Promise<void>[] = [];
	for (let i = 0; i < total; i++) {
		const due = t0 + (i * seconds * 1000) / total;
		const wait = due - Date.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		while (inFlight >= maxInFlight) await new Promise<void>((r) => waiters.push(r));
		inFlight++;
		all.push(
			send(i).then((r) => {
				results[i] = r;
				inFlight--;
				waiters.shift()?.();
			}),
		);
	}
	await Promise.all(all);
	return results;
}

export interface RetryingDelivery {
	event: BenchEvent;
	attempts: Array<{ at: number; status: number; ms: number; error?: string }>;
	/** time of the final 2xx, undefined when the sender gave up */
	acknowledgedAt?: number;
}

/**
 * Delivers like Stripe: a non-2xx answer, a timeout or a refused connection is retried with exponential
 * backoff (Stripe waits minutes to hours; compressed here: `firstBackoffMs`, doubling, capped), until a
 * 2xx or `maxAttempts`.
 */
export async function deliverLikeStripe(
	url: () => string,
	ev: BenchEvent,
	secret: string,
	o: { maxAttempts?: number; firstBackoffMs?: number; maxBackoffMs?: number; timeoutMs?: number } = {},
): Promise<RetryingDelivery> {
	const d: RetryingDelivery = { event: ev, attempts: [] };
	const max = o.maxAttempts ?? 12;
	let backoff = o.firstBackoffMs ?? 1000;
	for (let n = 0; n < max; n++) {
		const at = Date.now();
		const a = await postStripe(url(), ev, secret, o.timeoutMs ?? 30_000);
		d.attempts.push({ at, status: a.status, ms: a.ms, ...(a.error ? { error: a.error } : {}) });
		if (a.status >= 200 && a.status < 300) {
			d.acknowledgedAt = Date.now();
			return d;
		}
		await new Promise((r) => setTimeout(r, backoff * (0.75 + Math.random() * 0.5)));
		backoff = Math.min(o.maxBackoffMs ?? 16_000, backoff * 2);
	}
	return d;
}
