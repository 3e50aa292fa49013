/**
 * The catch-up core on a fake Stripe event list built from the real payment_intent.succeeded fixture: pagination,
 * oldest first, the overlap, the window's edge, the mark surviving a new store instance, and a webhook claim racing
 * a catch-up claim of the same event.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MemoryBackend, MemoryStore } from '../../../nodes/shared/dedupe';
import { runCatchUp, type CatchUpOptions } from '../../../nodes/shared/stripe/catchUp';
import { eventsOldestFirst, listTypesFor, type EventListParams, type ListedEvent } from '../../../nodes/shared/stripe/catchUpList';
import { CatchUpStateHandle, FileStateBackend, MemoryStateBackend } from '../../../nodes/shared/stripe/catchUpState';
import { catchUpReason } from '../../../nodes/shared/stripe/catchUpNotice';
import type { TriggerNotice } from '../../../nodes/shared/stripe/notices';

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'stripe', 'payment_intent.succeeded.json'), 'utf8'));
const NOW = 1_800_000_000;

function makeEvents(n: number, start: number, step = 1, type = 'payment_intent.succeeded'): ListedEvent[] {
	return Array.from({ length: n }, (_, i) => ({ ...FIXTURE, id: `evt_${String(start + i * step).padStart(10, '0')}_${i}`, type, created: start + i * step, pending_webhooks: 1 }));
}

/** A fake `stripe.events.list`: newest first, created/types/delivery_success/starting_after, like the sandbox. */
function fakeStripe(events: ListedEvent[]) {
	const calls: EventListParams[] = [];
	const ordered = () => events.slice().sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
	const list = async (p: EventListParams) => {
		calls.push(p);
		let rows = ordered().filter(
			(e) =>
				(p.created?.gte === undefined || e.created >= p.created.gte) &&
				(p.created?.lte === undefined || e.created <= p.created.lte) &&
				(!p.types || p.types.includes(e.type)) &&
				(p.delivery_success === undefined || (Number(e.pending_webhooks) > 0) !== p.delivery_success),
		);
		if (p.starting_after) rows = rows.slice(rows.findIndex((e) => e.id === p.starting_after) + 1);
		const limit = p.limit ?? 10;
		return { data: rows.slice(0, limit), has_more: rows.length > limit };
	};
	return { list, calls };
}

function base(events: ListedEvent[], extra: Partial<CatchUpOptions> = {}) {
	const stripe = fakeStripe(events);
	const delivered: ListedEvent[][] = [];
	const notices: TriggerNotice[] = [];
	const dedupe = new MemoryBackend({ now: () => NOW * 1000 });
	const store = new MemoryStore(dedupe);
	const state = new CatchUpStateHandle(new MemoryStateBackend());
	const options: CatchUpOptions = {
		state,
		list: stripe.list,
		filter: { types: ['payment_intent.*'] },
		claim: (id) => store.claim(id, 60_000),
		settle: (id, ok) => (ok ? store.complete(id, 3_600_000) : store.release(id)),
		deliver: async (batch) => {
			delivered.push(batch);
			return true;
		},
		notify: async (n) => notices.push(n),
		trigger: { kind: 'activation', previous: {} },
		now: () => NOW * 1000,
		...extra,
	};
	return { stripe, delivered, notices, dedupe, store, state, options };
}

describe('listing Stripe events oldest first', () => {
	it('walks 1,050 events in pages of 100, yields them oldest first, about two calls per page', async () => {
		const events = makeEvents(1050, NOW - 5000);
		const { list, calls } = fakeStripe(events);
		const counter = { calls: 0 };
		const seen: number[] = [];
		let largestPage = 0;
		for await (const page of eventsOldestFirst(list, { limit: 100 }, counter)) {
			largestPage = Math.max(largestPage, page.length);
			for (const e of page) seen.push(e.created);
		}
		expect(seen).toHaveLength(1050);
		expect(seen).toEqual(seen.slice().sort((a, b) => a - b));
		expect(new Set(seen).size).toBe(1050);
		expect(largestPage).toBeLessThanOrEqual(100);
		expect(counter.calls).toBe(11 + 9); // 11 pages, then 9 again (the first and last are kept)
		expect(calls.every((c) => c.limit === 100)).toBe(true);
	});

	it('resolves wildcards to at most 20 exact types, else lists every type', () => {
		const known = ['invoice.paid', 'invoice.payment_failed', 'charge.refunded', 'invoice.*'];
		expect(listTypesFor(['invoice.*', 'charge.refunded'], known)).toEqual(['charge.refunded', 'invoice.paid', 'invoice.payment_failed']);
		expect(listTypesFor(['*'], known)).toBeUndefined();
		expect(listTypesFor([], known)).toBeUndefined();
		expect(listTypesFor(Array.from({ length: 21 }, (_, i) => `t.${i}`), known)).toBeUndefined();
	});
});

describe('a catch-up pass', () => {
	it('emits every undelivered event once, oldest first, in chunks, then one notice; delivered ones are skipped', async () => {
		const missed = makeEvents(250, NOW - 3000, 10);
		const fine = makeEvents(5, NOW - 2000).map((e) => ({ ...e, id: `${e.id}_ok`, pending_webhooks: 0 }));
		const other = makeEvents(3, NOW - 1000, 1, 'invoice.paid');
		const t = base([...missed, ...fine, ...other], { chunkSize: 100 });
		const r = await runCatchUp(t.options);
		const flat = t.delivered.flat();
		expect(flat.map((e) => e.id)).toEqual(missed.map((e) => e.id));
		expect(t.delivered.map((b) => b.length)).toEqual([100, 100, 50]);
		expect(r.emitted).toBe(250);
		expect(t.stripe.calls[0]).toMatchObject({ delivery_success: false, created: { lte: NOW - 1 } });
		expect(t.notices).toHaveLength(1);
		expect(t.notices[0]).toMatchObject({ type: 'stripe_slack.catch_up', data: { count: 250, from: missed[0].created, to: missed[249].created, reason: 'first_start' } });
		expect(t.notices[0].data).toMatchObject({ types: [{ type: 'payment_intent.succeeded', count: 250 }], windowEdgeReached: false });
		// a second pass emits nothing and posts no notice
		const again = await runCatchUp(t.options);
		expect(again.emitted).toBe(0);
		expect(t.notices).toHaveLength(1);
	});

	it('lists from the mark minus the overlap; older events in the window are not listed', async () => {
		const t = base(makeEvents(10, NOW - 600, 60));
		await t.state.update(() => ({ mark: { created: NOW - 200, ids: [] }, heartbeatAt: NOW - 200 }));
		await runCatchUp({ ...t.options, overlapSeconds: 100 });
		expect(t.stripe.calls[0].created).toEqual({ gte: NOW - 300, lte: NOW - 1 });
		expect(t.delivered.flat().every((e) => e.created >= NOW - 300)).toBe(true);
		expect(t.delivered.flat()).toHaveLength(5);
	});

	it('a mark older than the window: lists from the window start and says the edge was reached', async () => {
		const t = base(makeEvents(3, NOW - 7200, 600));
		const previous = { mark: { created: NOW - 10 * 3600, ids: [] }, heartbeatAt: NOW - 10 * 3600 };
		await t.state.update(() => previous);
		const r = await runCatchUp({ ...t.options, windowHours: 2, trigger: { kind: 'activation', previous } });
		expect(t.stripe.calls[0].created?.gte).toBe(NOW - 7200);
		expect(r.notice).toMatchObject({ windowEdgeReached: true, windowStart: NOW - 7200, reason: 'n8n_down' });
	});

	it('the mark and the recent ids survive a new store instance (a restart): nothing runs twice', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catchup-'));
		const file = path.join(dir, 'state.json');
		const events = makeEvents(120, NOW - 400);
		const t = base(events, { state: new CatchUpStateHandle(new FileStateBackend(file)) });
		await runCatchUp(t.options);
		expect(t.delivered.flat()).toHaveLength(120);
		const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
		expect(saved.mark.created).toBe(NOW);
		// a new process: new state handle on the same file, and a duplicate store that forgot everything
		const u = base(events, { state: new CatchUpStateHandle(new FileStateBackend(file)) });
		const r = await runCatchUp(u.options);
		expect(r.emitted).toBe(0);
		expect(u.delivered).toHaveLength(0);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('a chunk that could not start holds the mark before it and releases its claims', async () => {
		const events = makeEvents(30, NOW - 100);
		let n = 0;
		const t = base(events, {
			chunkSize: 10,
			concurrency: 1,
			deliver: async () => ++n !== 2,
		});
		const r = await runCatchUp(t.options);
		expect(r.blocked).toBe(true);
		const state = await t.state.read();
		expect(state.mark).toEqual({ created: events[9].created, ids: [events[9].id] });
		expect(await t.store.claim(events[10].id, 1000)).toBe('new'); // released: the next pass runs it
	});

	it('a webhook claim and a catch-up claim of the same event at the same moment: one run', async () => {
		const events = makeEvents(1, NOW - 50);
		const t = base(events);
		const webhook = new MemoryStore(t.dedupe); // the webhook's own handle on the same store
		const [hook, pass] = await Promise.all([webhook.claim(events[0].id, 60_000), runCatchUp(t.options)]);
		const runs = (hook === 'new' ? 1 : 0) + pass.emitted;
		expect(runs).toBe(1);
	});

	it('an event in flight elsewhere is not emitted and holds the mark', async () => {
		const events = makeEvents(3, NOW - 50);
		const t = base(events);
		await new MemoryStore(t.dedupe).claim(events[1].id, 60_000);
		const r = await runCatchUp(t.options);
		expect(t.delivered.flat().map((e) => e.id)).toEqual([events[0].id, events[2].id]);
		expect(r.blocked).toBe(true);
		expect((await t.state.read()).mark).toEqual({ created: events[0].created, ids: [events[0].id] });
	});

	it('on the schedule: leaves the last minute to the webhook and names the failing endpoint', async () => {
		const t = base(makeEvents(2, NOW - 300, 270), { trigger: { kind: 'schedule' } });
		const r = await runCatchUp(t.options);
		expect(t.stripe.calls[0].created?.lte).toBe(NOW - 60);
		expect(r.emitted).toBe(1);
		expect(r.notice?.reason).toBe('endpoint_failed');
	});
});

describe('why events were missed', () => {
	it('tells first start, n8n down, unpublished and a failing endpoint apart', () => {
		expect(catchUpReason({}, NOW - 10, NOW, false)).toBe('first_start');
		expect(catchUpReason({ heartbeatAt: NOW - 3600, activeSince: NOW - 7200 }, NOW - 1800, NOW, false)).toBe('n8n_down');
		expect(catchUpReason({ heartbeatAt: NOW - 3600, deactivatedAt: NOW - 3600 }, NOW - 1800, NOW, false)).toBe('unpublished');
		expect(catchUpReason({ heartbeatAt: NOW, activeSince: NOW - 7200 }, NOW - 1800, NOW - 100, false)).toBe('endpoint_failed');
	});
});
