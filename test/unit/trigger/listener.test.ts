/**
 * The Stripe High-Volume Trigger's engine: the event journal, the listener (signature, duplicates,
 * acknowledgement, batching, back-pressure, replay) and the shared HTTP servers, over real HTTP with
 * fixture events signed like Stripe signs them.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { MemoryStore } from '../../../nodes/shared/dedupe';
import { addRoute } from '../../../nodes/shared/stripe/httpHub';
import { EventJournal } from '../../../nodes/shared/stripe/journal';
import { type BatchInfo, type ListenerOptions, type RunOutcome, StripeEventListener } from '../../../nodes/shared/stripe/listener';
import type { StripeEventLike } from '../../../nodes/shared/stripe/signature';
import { OTHER_SECRET, SECRET, fixtureText, postRaw, sign } from './harness';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hv-trigger-'));

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}

/** A payment_intent.succeeded fixture with its own id, signed. */
function eventBody(id: string, type = 'payment_intent.succeeded'): string {
	const e = JSON.parse(fixtureText(type));
	e.id = id;
	return JSON.stringify(e, null, 2); // Stripe sends pretty-printed JSON, newlines included
}
const postEvent = (url: string, id: string, secret = SECRET, type?: string) => {
	const body = eventBody(id, type);
	return postRaw(url, body, { 'stripe-signature': sign(body, secret) });
};

interface Harness {
	url: string;
	listener: StripeEventListener;
	runs: Array<{ ids: string[]; info: BatchInfo }>;
	warnings: string[];
	close: () => Promise<void>;
}

async function start(over: Partial<ListenerOptions> & { outcome?: (ids: string[]) => Promise<RunOutcome> | RunOutcome } = {}): Promise<Harness> {
	const port = await freePort();
	const runs: Harness['runs'] = [];
	const warnings: string[] = [];
	const { outcome, ...rest } = over;
	const listener = new StripeEventListener({
		secrets: () => [SECRET],
		toleranceSeconds: 300,
		maxBodyBytes: 1024 * 1024,
		filter: { types: ['payment_intent.*', 'invoice.*'] },
		ack: 'afterRun',
		windowMs: 10,
		maxItems: 100,
		maxConcurrentRuns: 2,
		maxQueued: 1000,
		log: { warn: (m) => warnings.push(m), info: () => undefined },
		retryPauseMs: 10,
		run: async (events, info) => {
			const ids = events.map((e) => e.id);
			runs.push({ ids, info });
			return outcome ? await outcome(ids) : { status: 'succeeded' };
		},
		...rest,
	});
	const remove = await addRoute(port, '127.0.0.1', '/stripe', (req, res) => listener.handle(req, res));
	return {
		url: `http://127.0.0.1:${port}/stripe`,
		listener,
		runs,
		warnings,
		close: async () => {
			await remove();
			await listener.stop(1000);
		},
	};
}

const allRunIds = (h: Harness) => h.runs.flatMap((r) => r.ids);

describe('EventJournal', () => {
	const ev = (id: string): StripeEventLike => ({ id, type: 'payment_intent.succeeded', object: 'event', data: { object: { note: 'a\nb' } } });

	test('accepted events survive a reopen until finished; started ones are reported as the in-flight window', async () => {
		const file = path.join(tmp(), 'j.journal');
		const { journal } = await EventJournal.open<StripeEventLike>(file);
		await journal.accept([ev('evt_1'), ev('evt_2'), ev('evt_3')]);
		await journal.started(['evt_1', 'evt_2']);
		await journal.finished(['evt_1']);
		expect(journal.pendingCount).toBe(2);
		// no close(): as after a crash
		const again = await EventJournal.open<StripeEventLike>(file);
		expect(again.recovery.pending.map((e) => e.id)).toEqual(['evt_2', 'evt_3']);
		expect([...again.recovery.started]).toEqual(['evt_2']);
		expect(again.recovery.seen.sort()).toEqual(['evt_1', 'evt_2', 'evt_3']);
		expect(again.recovery.pending[0].data).toEqual({ object: { note: 'a\nb' } });
		await again.journal.close();
		await journal.close();
	});

	test('a torn last line (a write cut off by a crash) is skipped; the rest is read', async () => {
		const file = path.join(tmp(), 'j.journal');
		fs.writeFileSync(file, `${JSON.stringify({ a: ev('evt_ok') })}\n{"a":{"id":"evt_torn","ty`);
		const { journal, recovery } = await EventJournal.open<StripeEventLike>(file);
		expect(recovery.pending.map((e) => e.id)).toEqual(['evt_ok']);
		expect(recovery.unreadableLines).toBe(1);
		await journal.close();
		expect(fs.readFileSync(file, 'utf8')).not.toContain('evt_torn');
	});

	test('the file is emptied once nothing is pending, and compacted when it grows past its limit', async () => {
		const file = path.join(tmp(), 'j.journal');
		const { journal } = await EventJournal.open<StripeEventLike>(file, { compactBytes: 200_000 });
		const big = (id: string) => ({ ...ev(id), pad: 'x'.repeat(1000) });
		for (let i = 0; i < 100; i++) await journal.accept([big(`evt_${i}`)]);
		await journal.finished(Array.from({ length: 100 }, (_, i) => `evt_${i}`));
		expect(fs.statSync(file).size).toBe(0);
		await journal.accept([big('evt_keep')]);
		await journal.started(['evt_keep']);
		for (let i = 0; i < 300; i++) {
			await journal.accept([big(`evt_x${i}`)]);
			await journal.finished([`evt_x${i}`]);
		}
		expect(fs.statSync(file).size).toBeLessThan(200_000);
		await journal.close();
		const { recovery, journal: j2 } = await EventJournal.open<StripeEventLike>(file);
		expect(recovery.pending.map((e) => e.id)).toEqual(['evt_keep']);
		expect([...recovery.started]).toEqual(['evt_keep']);
		await j2.close();
	});

	test('writes are group-committed: 500 concurrent accepts take far fewer fsyncs', async () => {
		const { journal } = await EventJournal.open<StripeEventLike>(path.join(tmp(), 'j.journal'));
		await Promise.all(Array.from({ length: 500 }, (_, i) => journal.accept([ev(`evt_${i}`)])));
		expect(journal.pendingCount).toBe(500);
		expect(journal.syncs).toBeLessThan(50);
		await journal.close();
	});
});

describe('StripeEventListener over HTTP', () => {
	let h: Harness | undefined;
	afterEach(async () => {
		await h?.close();
		h = undefined;
	});

	test('a signed event is acknowledged after its run and runs once; forged, stale and malformed requests are refused and run nothing', async () => {
		h = await start();
		expect(await postEvent(h.url, 'evt_ok_1')).toEqual({ status: 200, body: { received: true } });
		expect(allRunIds(h)).toEqual(['evt_ok_1']);
		const forged = await postEvent(h.url, 'evt_forged', OTHER_SECRET);
		expect(forged.status).toBe(401);
		const body = eventBody('evt_stale');
		const stale = await postRaw(h.url, body, { 'stripe-signature': sign(body, SECRET, Math.floor(Date.now() / 1000) - 3600) });
		expect(stale.status).toBe(401);
		expect((await postRaw(h.url, body)).status).toBe(400); // no header
		const junk = 'not json';
		expect((await postRaw(h.url, junk, { 'stripe-signature': sign(junk) })).status).toBe(400);
		expect(allRunIds(h)).toEqual(['evt_ok_1']);
		expect(h.listener.stats.rejected).toBe(4);
		// filtered: answered 200, not run
		const ignored = await postEvent(h.url, 'evt_cus', SECRET, 'customer.updated');
		expect(ignored.body.ignored).toMatch(/customer\.updated/);
		expect(allRunIds(h)).toEqual(['evt_ok_1']);
	});

	test('GET answers with counts only; other methods 405; other paths 404', async () => {
		h = await start();
		const got = await new Promise<any>((resolve) => http.get(h!.url, (res) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(t) })); }));
		expect(got).toEqual({ status: 200, body: { listening: true, received: 0, accepted: 0, queued: 0, runsInFlight: 0, eventsRun: 0, replayed: 0, possiblyRunBefore: 0 } });
		const put = await new Promise<number>((resolve) => { const r = http.request(h!.url, { method: 'PUT' }, (res) => { res.resume(); resolve(res.statusCode!); }); r.end(); });
		expect(put).toBe(405);
		expect((await postEvent(h.url.replace('/stripe', '/other'), 'evt_x')).status).toBe(404);
	});

	test('journal mode: 200 as soon as the event is on disk, before its run; duplicates answered and not run again', async () => {
		const dir = tmp();
		const { journal, recovery } = await EventJournal.open<StripeEventLike>(path.join(dir, 'j.journal'));
		expect(recovery.pending).toEqual([]);
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		h = await start({ ack: 'journal', journal, dedupe: { store: new MemoryStore(), keyPrefix: 't:', windowMs: 60_000, leaseMs: 60_000 }, outcome: async () => { await gate; return { status: 'succeeded' }; } });
		const answers = await Promise.all([postEvent(h.url, 'evt_j1'), postEvent(h.url, 'evt_j1'), postEvent(h.url, 'evt_j2')]);
		// the repeat arrived while the first delivery was being written: 409 (retry later), or 200 if it came after
		expect(answers.map((a) => a.status).sort()).toEqual(answers[1].status === 409 ? [200, 200, 409] : [200, 200, 200]);
		expect(answers.filter((a) => a.status === 409 || a.body.ignored).length).toBe(1);
		expect(journal.pendingCount).toBe(2); // acknowledged, not yet finished
		release();
		await waitFor(() => h!.listener.stats.eventsRun === 2);
		expect(allRunIds(h).sort()).toEqual(['evt_j1', 'evt_j2']);
		await waitFor(() => journal.pendingCount === 0);
		expect((await postEvent(h.url, 'evt_j1')).body.ignored).toMatch(/duplicate/);
		expect(allRunIds(h)).toHaveLength(2);
		await h.close();
		h = undefined;
		await journal.close();
	});

	test('journal mode after a crash: unfinished events are replayed, and those that were in a run are flagged', async () => {
		const file = path.join(tmp(), 'j.journal');
		const first = await EventJournal.open<StripeEventLike>(file);
		h = await start({ ack: 'journal', journal: first.journal, maxConcurrentRuns: 1, windowMs: 0, maxItems: 1, outcome: () => new Promise(() => undefined) });
		await postEvent(h.url, 'evt_c1'); // its run never finishes (the "crash")
		await postEvent(h.url, 'evt_c2'); // accepted, waiting behind it
		await waitFor(() => h!.runs.length === 1);
		await h.close();
		h = undefined;
		const second = await EventJournal.open<StripeEventLike>(file);
		expect(second.recovery.pending.map((e) => e.id)).toEqual(['evt_c1', 'evt_c2']);
		h = await start({ ack: 'journal', journal: second.journal, windowMs: 5 });
		h.listener.replay(second.recovery);
		await waitFor(() => h!.listener.stats.eventsRun === 2);
		expect(allRunIds(h)).toEqual(['evt_c1', 'evt_c2']);
		expect(h.runs[0].info).toEqual({ replayed: true, possiblyRunBefore: 1 });
		expect(h.listener.stats).toMatchObject({ replayed: 2, possiblyRunBefore: 1 });
		expect(h.warnings.join('\n')).toMatch(/replaying 2 event\(s\).*1 of them were in a run/);
		await waitFor(() => second.journal.pendingCount === 0);
		await first.journal.close();
		await second.journal.close();
	});

	test('a run n8n could not start is offered again (journal mode); nothing is lost', async () => {
		const { journal } = await EventJournal.open<StripeEventLike>(path.join(tmp(), 'j.journal'));
		let refusals = 2;
		h = await start({ ack: 'journal', journal, outcome: () => (refusals-- > 0 ? { status: 'notStarted', error: 'database busy' } : { status: 'succeeded' }) });
		await postEvent(h.url, 'evt_r1');
		await waitFor(() => h!.listener.stats.eventsRun === 1);
		expect(allRunIds(h)).toEqual(['evt_r1', 'evt_r1', 'evt_r1']);
		expect(h.listener.stats.runsNotStarted).toBe(2);
		await journal.close();
	});

	test('afterRun mode: a failed run answers 500 and releases the event, so Stripe’s retry runs it again', async () => {
		let fail = true;
		h = await start({ dedupe: { store: new MemoryStore(), keyPrefix: 't:', windowMs: 60_000, leaseMs: 60_000 }, outcome: () => (fail ? { status: 'failed', error: 'Slack down' } : { status: 'succeeded' }) });
		expect((await postEvent(h.url, 'evt_f1')).status).toBe(500);
		fail = false;
		expect((await postEvent(h.url, 'evt_f1')).status).toBe(200);
		expect((await postEvent(h.url, 'evt_f1')).body.ignored).toMatch(/duplicate/);
		expect(allRunIds(h)).toEqual(['evt_f1', 'evt_f1']);
	});

	test('under load batches grow instead of executions multiplying; a full queue answers 503 and loses nothing', async () => {
		let release!: () => void;
		let gate = new Promise<void>((r) => (release = r));
		h = await start({ maxConcurrentRuns: 1, windowMs: 5, maxItems: 1000, maxQueued: 30, outcome: async () => { await gate; return { status: 'succeeded' }; } });
		const first = postEvent(h.url, 'evt_b0');
		await waitFor(() => h!.runs.length === 1);
		const answers = Promise.all(Array.from({ length: 40 }, (_, i) => postEvent(h!.url, `evt_b${i + 1}`)));
		await waitFor(() => h!.listener.stats.received === 41);
		await waitFor(() => h!.listener.stats.busy === 10);
		const g = release;
		gate = Promise.resolve();
		g();
		const all = [await first, ...(await answers)];
		expect(all.filter((a) => a.status === 200)).toHaveLength(31);
		expect(all.filter((a) => a.status === 503)).toHaveLength(10);
		expect(h.runs.map((r) => r.ids.length)).toEqual([1, 30]); // one execution for the 30 that waited
		expect(new Set(allRunIds(h)).size).toBe(31);
	});
});

describe('shared HTTP servers', () => {
	test('two paths on one port; a taken path and a port used by another program are clear errors', async () => {
		const port = await freePort();
		const a = await addRoute(port, '127.0.0.1', '/a', (_q, s) => void s.end('A'));
		const b = await addRoute(port, '127.0.0.1', 'b/', (_q, s) => void s.end('B'));
		const get = (p: string) => new Promise<string>((resolve) => http.get(`http://127.0.0.1:${port}${p}`, (res) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => resolve(t)); }));
		expect(await get('/a')).toBe('A');
		expect(await get('/b?x=1')).toBe('B');
		await expect(addRoute(port, '127.0.0.1', '/a/', () => undefined)).rejects.toThrow(/already listens on port .* at \/a/);
		await a();
		await b();
		const blocker = net.createServer().listen(port, '127.0.0.1');
		await new Promise((r) => blocker.once('listening', r));
		await expect(addRoute(port, '127.0.0.1', '/a', () => undefined)).rejects.toThrow(`port ${port} is already in use by another program`);
		blocker.close();
		await expect(addRoute(0, '127.0.0.1', '/a', () => undefined)).rejects.toThrow(/whole number from 1 to 65535/);
	});
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
	const until = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > until) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 5));
	}
}
