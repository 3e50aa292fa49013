/**
 * Shared helpers of the delivery benchmarks (bench/template.ts, burst.ts, faults.ts): signed Stripe
 * events with unique ids and amounts, closed-loop and paced senders over keep-alive HTTP (127.0.0.1
 * only), a Stripe-like retrying sender, percentiles, tables, results files, workflow copies on the real
 * n8n, and the per-event ledger read back from n8n's executions and the sandbox's Slack.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import Stripe from 'stripe';
import type { N8nRest } from '../../scripts/lib/n8n';

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

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

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

// ------------------------------------------------------------------ statistics and output

export function percentile(values: number[], p: number): number {
	if (!values.length) return NaN;
	const s = [...values].sort((a, b) => a - b);
	const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
	return s[idx];
}

export const round = (n: number, d = 1): number => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : n);

export function table(rows: Array<Record<string, unknown>>): string {
	if (!rows.length) return '';
	const cols = Object.keys(rows[0]);
	const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v));
	const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
	const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(w[i])).join(' | ')} |`;
	return [line(cols), `| ${w.map((n) => '-'.repeat(n)).join(' | ')} |`, ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}

export function writeResults(name: string, result: unknown): string {
	const dir = path.join(ROOT, 'bench', 'results');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.json`);
	fs.writeFileSync(file, JSON.stringify(result, null, 2));
	return file;
}

export function machine(): Record<string, unknown> {
	const os = require('os') as typeof import('os');
	return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}

// ------------------------------------------------------------------ workflows on the real n8n

export interface TemplateJson {
	name: string;
	nodes: Array<{ name: string; type: string; webhookId?: string; parameters: Record<string, any>; [k: string]: unknown }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export function loadTemplate(name: string): TemplateJson {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', `${name}.json`), 'utf8'));
}

/** Creates and activates a copy of a template (new webhook id), with changes; returns its id and URL. */
export async function createCopy(
	rest: N8nRest,
	n8nUrl: string,
	name: string,
	tpl: TemplateJson,
	change: (wf: TemplateJson) => void = () => {},
): Promise<{ id: string; url: string }> {
	const wf: TemplateJson = JSON.parse(JSON.stringify(tpl));
	wf.name = name;
	let url = '';
	for (const n of wf.nodes) {
		if (n.type.endsWith('.stripeSignedTrigger')) {
			n.webhookId = crypto.randomUUID();
			url = `${n8nUrl}/webhook/${n.webhookId}/webhook`;
		} else if (n.type === 'n8n-nodes-base.webhook') {
			n.webhookId = crypto.randomUUID();
			n.parameters.path = n.webhookId;
			url = `${n8nUrl}/webhook/${n.webhookId}`;
		}
	}
	change(wf);
	const hv = wf.nodes.find((n) => n.type.endsWith('.stripeHighVolumeTrigger'));
	if (hv) url = `http://127.0.0.1:${hv.parameters.port}${hv.parameters.path}`;
	const created = await rest.request<{ id: string }>('POST', '/rest/workflows', { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings ?? {}, active: false });
	await rest.activate(created.id);
	for (let i = 0; i < 100 && hv; i++) {
		// the High-Volume Trigger answers GET with its counts once it listens
		const ok = await listenerStatus(url).then(() => true, () => false);
		if (ok) break;
		await new Promise((res) => setTimeout(res, 100));
	}
	for (let i = 0; i < 100 && !hv; i++) {
		const r = await post(url, '{}', {}, 5000);
		if (r.status !== 404) break;
		await new Promise((res) => setTimeout(res, 100));
	}
	return { id: created.id, url };
}

/** The bare reference workflow: Webhook (answers on receipt) -> No Operation. */
export function bareWorkflow(settings: Record<string, unknown>): TemplateJson {
	return {
		name: 'bench: bare webhook',
		nodes: [
			{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { httpMethod: 'POST', path: 'x', responseMode: 'onReceived', options: {} } },
			{ name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { Webhook: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
		settings,
	};
}

/**
 * Swaps the template's Stripe Signed Trigger for the Stripe High-Volume Trigger (same name, event types
 * and live mode, so the rest of the workflow is unchanged), listening on 127.0.0.1:`port``path`.
 */
export function useHighVolumeTrigger(wf: TemplateJson, port: number, urlPath: string, options: Record<string, unknown> = {}): void {
	const t = wf.nodes.find((n) => n.type.endsWith('.stripeSignedTrigger'))!;
	t.type = t.type.replace(/stripeSignedTrigger$/, 'stripeHighVolumeTrigger');
	delete t.webhookId;
	const { events, liveMode } = t.parameters;
	const moreEventTypes = t.parameters.options?.moreEventTypes;
	t.parameters = { port, path: urlPath, events, liveMode, options: { host: '127.0.0.1', ...(moreEventTypes ? { moreEventTypes } : {}), ...options } };
}

export interface ListenerStatus {
	listening: boolean;
	received: number;
	accepted: number;
	queued: number;
	runsInFlight: number;
	eventsRun: number;
	replayed: number;
	possiblyRunBefore: number;
}

/** The High-Volume Trigger's counts (GET on its address). */
export function listenerStatus(url: string): Promise<ListenerStatus> {
	assertLocal(url);
	return new Promise((resolve, reject) => {
		const req = http.get(url, { agent }, (res) => {
			let t = '';
			res.on('data', (c) => (t += c));
			res.on('end', () => {
				try {
					if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
					resolve(JSON.parse(t) as ListenerStatus);
				} catch (e) {
					reject(e as Error);
				}
			});
		});
		req.setTimeout(5000, () => req.destroy(new Error('timeout')));
		req.on('error', reject);
	});
}

/** Waits until the High-Volume Trigger has no event waiting and no run under way; returns the seconds it took. */
export async function listenerDrained(url: string, maxMs = 600_000): Promise<number> {
	const t0 = Date.now();
	while (Date.now() - t0 < maxMs) {
		// n8n may be too busy to answer within 5 s while it works through a backlog: ask again
		const s = await listenerStatus(url).catch(() => undefined);
		if (s && s.queued === 0 && s.runsInFlight === 0) return (Date.now() - t0) / 1000;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`the High-Volume Trigger at ${url} still had events waiting after ${maxMs / 1000} s`);
}

export function setTriggerOptions(wf: TemplateJson, options: Record<string, unknown>): void {
	const t = wf.nodes.find((n) => n.type.endsWith('.stripeSignedTrigger'))!;
	t.parameters.options = { ...(t.parameters.options ?? {}), ...options };
}

// ------------------------------------------------------------------ sandbox Slack

export interface SlackMessage {
	channel: string;
	ts: string;
	thread_ts: string | null;
	text: string;
	blocks?: Array<Record<string, any>>;
}

export async function sandboxMessages(sandbox: string): Promise<{ messages: SlackMessage[]; rejected: Array<{ method: string; error: string; channel?: string }> }> {
	return (await fetch(`${sandbox}/_sandbox/slack/messages`)).json() as Promise<any>;
}

export async function sandboxPost(sandbox: string, p: string, body: unknown): Promise<void> {
	const r = await fetch(`${sandbox}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!r.ok) throw new Error(`sandbox ${p} answered ${r.status}`);
}

/** "[TEST] 37 payments succeeded in the last 10 s: ..." -> 37 (undefined for a single message). */
export function summaryCount(m: SlackMessage): number | undefined {
	const folded = (m.blocks ?? []).some((b) => b.block_id === 'folded');
	if (!folded) return undefined;
	const match = /(?:^|\s|\*)([\d,]+) [a-z]+ /i.exec(m.text.replace(/^(<[^>]+>\s*)+/, '').replace('[TEST] ', ''));
	return match ? Number(match[1].replace(/,/g, '')) : undefined;
}

/** Posts per channel: peak in any 1 s, and the highest average over sliding 10 s and 30 s windows. */
export function ratePerChannel(messages: SlackMessage[]): Record<string, { posts: number; peak1s: number; max10s: number; max30s: number; overall: number }> {
	const by = new Map<string, number[]>();
	for (const m of messages) {
		const t = Number(m.ts) * 1000;
		by.set(m.channel, [...(by.get(m.channel) ?? []), t]);
	}
	const out: Record<string, { posts: number; peak1s: number; max10s: number; max30s: number; overall: number }> = {};
	for (const [ch, ts] of by) {
		ts.sort((a, b) => a - b);
		const maxIn = (w: number) => {
			let best = 0;
			let j = 0;
			for (let i = 0; i < ts.length; i++) {
				while (ts[i] - ts[j] >= w) j++;
				best = Math.max(best, i - j + 1);
			}
			return best;
		};
		const span = (ts[ts.length - 1] - ts[0]) / 1000;
		out[ch] = {
			posts: ts.length,
			peak1s: maxIn(1000),
			max10s: round(maxIn(10_000) / 10, 2),
			max30s: span >= 30 ? round(maxIn(30_000) / 30, 2) : NaN,
			overall: span > 0 ? round((ts.length - 1) / span, 2) : NaN,
		};
	}
	return out;
}

// ------------------------------------------------------------------ the ledger from n8n's executions

export interface LedgerEntry {
	executionId: string;
	node: string;
	eventId: string;
	ok: boolean;
	channel?: string;
	/** the Slack message that carries this event: its own ts, or the summary's ts */
	ts?: string;
	folded?: boolean;
}

/**
 * Every item that left a Slack Post node in the finished executions of a workflow: which Slack message
 * carries which event. Reads n8n's REST API (execution data is stored in n8n's "flatted" format).
 */
export async function executionLedger(
	rest: N8nRest,
	workflowId: string,
): Promise<{ entries: LedgerEntry[]; executions: Record<string, number> }> {
	const { parse } = require('flatted') as { parse(s: string): any };
	const ids: Array<{ id: string; status: string }> = [];
	// n8n 2.x pages executions with an opaque cursor (`nextCursor`), not by id.
	let cursor: string | undefined;
	for (let page = 0; page < 10_000; page++) {
		const q = `?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const res = await rest.request<{ results: Array<{ id: string; status: string }>; nextCursor?: string | null }>('GET', `/rest/executions${q}`);
		ids.push(...res.results);
		if (!res.results.length || !res.nextCursor || res.nextCursor === cursor) break;
		cursor = res.nextCursor;
	}
	const executions: Record<string, number> = {};
	const entries: LedgerEntry[] = [];
	const seen = new Set<string>();
	for (const e of ids) {
		if (seen.has(e.id)) continue;
		seen.add(e.id);
		executions[e.status] = (executions[e.status] ?? 0) + 1;
		if (e.status !== 'success') continue;
		const full = await rest.request<{ data: string }>('GET', `/rest/executions/${e.id}`);
		const data = parse(full.data);
		const runData = data?.resultData?.runData ?? {};
		for (const [node, runs] of Object.entries<any[]>(runData)) {
			if (!/^Post /.test(node)) continue;
			for (const run of runs) {
				for (const item of run?.data?.main?.[0] ?? []) {
					const j = item.json ?? {};
					const eventId = j.metadata?.event_id;
					if (typeof eventId !== 'string') continue;
					entries.push({
						executionId: e.id,
						node,
						eventId,
						ok: j.ok === true,
						channel: j.channel,
						ts: j.folded?.summaryTs ?? j.ts ?? undefined,
						folded: !!j.folded,
					});
				}
			}
		}
	}
	return { entries, executions };
}

export interface Accounting {
	events: number;
	/** events with exactly one Slack message per channel they were routed to */
	accountedFor: number;
	/** events in no Slack message */
	unaccounted: string[];
	/** events carried by more than one Slack message in one channel (by the ledger) */
	duplicatedInLedger: string[];
	/** ledger entries pointing at a ts the sandbox does not have */
	danglingTs: number;
	/** summaries whose stated count differs from the events the ledger puts in them */
	summaryCountMismatches: number;
	/** Slack messages in the bench channels that no successful execution claims (posted by a crashed one) */
	orphanMessages: number;
	/** events carried by orphan messages (a summary's stated count, or 1) */
	orphanEvents: number;
}

/**
 * Checks that every event is in exactly one Slack message (its own, or counted in a summary) in the
 * channel of each Slack Post node it went through, using the executions' ledger and the sandbox.
 */
export function account(events: string[], ledger: LedgerEntry[], messages: SlackMessage[], channels: string[]): Accounting {
	const byTs = new Map(messages.filter((m) => channels.includes(m.channel)).map((m) => [`${m.channel}|${m.ts}`, m]));
	const perEvent = new Map<string, Map<string, Set<string>>>(); // event -> node -> message keys
	const perSummary = new Map<string, number>();
	let dangling = 0;
	for (const e of ledger) {
		if (!e.ok || !e.ts) continue;
		const key = `${e.channel}|${e.ts}`;
		if (!byTs.has(key)) dangling++;
		if (e.folded) perSummary.set(key, (perSummary.get(key) ?? 0) + 1);
		let nodes = perEvent.get(e.eventId);
		if (!nodes) perEvent.set(e.eventId, (nodes = new Map()));
		let set = nodes.get(e.node);
		if (!set) nodes.set(e.node, (set = new Set()));
		set.add(`${key}|${e.executionId}`);
	}
	const unaccounted: string[] = [];
	const dup: string[] = [];
	let ok = 0;
	for (const id of events) {
		const nodes = perEvent.get(id);
		if (!nodes) {
			unaccounted.push(id);
			continue;
		}
		if ([...nodes.values()].some((s) => s.size > 1)) dup.push(id);
		else ok++;
	}
	let mismatches = 0;
	for (const [key, n] of perSummary) {
		const m = byTs.get(key);
		if (m && summaryCount(m) !== n) mismatches++;
	}
	const claimed = new Set(ledger.filter((e) => e.ok && e.ts).map((e) => `${e.channel}|${e.ts}`));
	let orphanMessages = 0;
	let orphanEvents = 0;
	for (const [key, m] of byTs) {
		if (claimed.has(key) || m.thread_ts) continue;
		orphanMessages++;
		orphanEvents += summaryCount(m) ?? 1;
	}
	return {
		events: events.length,
		accountedFor: ok,
		unaccounted,
		duplicatedInLedger: dup,
		danglingTs: dangling,
		summaryCountMismatches: mismatches,
		orphanMessages,
		orphanEvents,
	};
}
