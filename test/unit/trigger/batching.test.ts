/**
 * Micro-batching in the Stripe Signed Trigger, through the node's webhook method with the fake n8n
 * context: one execution per window, followers answered at once (or, after the workflow, with the
 * leader's status), duplicate claims settled by n8n's answer to the leader.
 */
import { randomUUID } from 'crypto';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { MicroBatcher, batchOptions } from '../../../nodes/shared/stripe/microBatch';
import { type CallOptions, type FakeResponse, fixtureText, makeContext, sign, trigger } from './harness';

const base = JSON.parse(fixtureText('payment_intent.succeeded')) as IDataObject;

function eventBody(id = `evt_batch_${randomUUID().replace(/-/g, '')}`): { id: string; body: string } {
	return { id, body: JSON.stringify({ ...base, id }) };
}

interface Call {
	promise: Promise<IWebhookResponseData>;
	res: FakeResponse;
	logs: Array<{ level: string; message: string }>;
	answeredAt?: number;
	returnedAt?: number;
}

/** Starts one delivery (does not wait for it). */
function start(workflowId: string, body: string, extra: CallOptions = {}): Call {
	const { ctx, res, logs } = makeContext({ body, header: sign(body), workflowId, ...extra });
	const call: Call = { res, logs, promise: Promise.resolve({}) };
	res.on('finish', () => (call.answeredAt ??= Date.now()));
	call.promise = trigger.webhook.call(ctx).then((r) => {
		call.returnedAt = Date.now();
		return r;
	});
	return call;
}

const batching = (more: IDataObject = {}): IDataObject => ({ microBatching: true, batchWindowMs: 40, batchMaxEvents: 500, ...more });

function itemsOf(r: IWebhookResponseData): IDataObject[] {
	return (r.workflowData?.[0] ?? []).map((i) => i.json);
}

describe('micro-batching, acknowledge on receipt', () => {
	it('is off by default: every event starts its own execution', async () => {
		const wf = `wf-${randomUUID()}`;
		const calls = [eventBody(), eventBody(), eventBody()].map((e) => start(wf, e.body));
		const results = await Promise.all(calls.map((c) => c.promise));
		expect(results.map((r) => itemsOf(r).length)).toEqual([1, 1, 1]);
	});

	it('10 events within the window -> one execution with 10 items; the 9 followers are answered 200 at once', async () => {
		const wf = `wf-${randomUUID()}`;
		const events = Array.from({ length: 10 }, () => eventBody());
		const t0 = Date.now();
		const calls = events.map((e) => start(wf, e.body, { options: batching() }));
		const results = await Promise.all(calls.map((c) => c.promise));
		const leaders = results.filter((r) => r.workflowData);
		expect(leaders).toHaveLength(1);
		expect(itemsOf(leaders[0]).map((j) => j.id)).toEqual(events.map((e) => e.id));
		const followers = calls.filter((_, i) => !results[i].workflowData);
		expect(followers).toHaveLength(9);
		for (const f of followers) {
			expect(f.res.statusCode).toBe(200);
			expect(f.res.body).toEqual({ received: true, batched: true });
			// answered well before the window closed
			expect(f.answeredAt! - t0).toBeLessThan(35);
		}
		const leader = calls[results.findIndex((r) => r.workflowData)];
		expect(leader.returnedAt! - t0).toBeGreaterThanOrEqual(35);
		expect(leader.res.writableFinished).toBe(false); // n8n answers the leader itself
	});

	it('"Maximum Events per Batch" hands a full batch over at once: 7 events, max 3 -> 3 + 3 + 1', async () => {
		const wf = `wf-${randomUUID()}`;
		const t0 = Date.now();
		const calls = Array.from({ length: 7 }, () => start(wf, eventBody().body, { options: batching({ batchMaxEvents: 3, batchWindowMs: 2000 }) }));
		const results = await Promise.all(calls.slice(0, 6).map((c) => c.promise));
		// the two full batches did not wait for the 2 s window
		expect(Date.now() - t0).toBeLessThan(1000);
		expect(results.filter((r) => r.workflowData).map((r) => itemsOf(r).length)).toEqual([3, 3]);
		const last = await calls[6].promise;
		expect(itemsOf(last)).toHaveLength(1);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
	});

	it('duplicates inside a window are answered and not batched twice', async () => {
		const wf = `wf-${randomUUID()}`;
		const a = eventBody();
		const b = eventBody();
		const calls = [a, a, a, b, a, b].map((e) => start(wf, e.body, { options: batching() }));
		const results = await Promise.all(calls.map((c) => c.promise));
		const leader = results.find((r) => r.workflowData)!;
		expect(itemsOf(leader).map((j) => j.id)).toEqual([a.id, b.id]);
		const dupes = calls.filter((c) => (c.res.body as IDataObject | undefined)?.ignored);
		expect(dupes).toHaveLength(4);
		for (const d of dupes) expect(d.res.statusCode).toBe(200);
	});

	it('claims are completed only when n8n has answered the leader with 2xx (the batch was handed over)', async () => {
		const wf = `wf-${randomUUID()}`;
		const events = [eventBody(), eventBody(), eventBody()];
		const calls = events.map((e) => start(wf, e.body, { options: batching() }));
		const results = await Promise.all(calls.map((c) => c.promise));
		const leaderCall = calls[results.findIndex((r) => r.workflowData)];

		// before n8n's answer: a redelivery of a follower's event is "being processed"
		const early = start(wf, events[2].body, { options: batching() });
		expect(await early.promise).toEqual({ noWebhookResponse: true });
		expect(early.res.body).toMatchObject({ ignored: expect.stringMatching(/already being processed/) });

		leaderCall.res.answer(200);
		await new Promise((r) => setImmediate(r));
		for (const e of events) {
			const again = start(wf, e.body, { options: batching() });
			expect((await again.promise).workflowData).toBeUndefined();
			expect(again.res.body).toMatchObject({ ignored: expect.stringMatching(/already received/) });
		}
	});

	it('n8n failing to start the batch (500 to the leader) releases every claim and logs the acknowledged events as lost', async () => {
		const wf = `wf-${randomUUID()}`;
		const events = [eventBody(), eventBody(), eventBody()];
		const calls = events.map((e) => start(wf, e.body, { options: batching() }));
		const results = await Promise.all(calls.map((c) => c.promise));
		const leaderCall = calls[results.findIndex((r) => r.workflowData)];
		leaderCall.res.answer(500, { message: 'There was a problem executing the workflow' });
		await new Promise((r) => setImmediate(r));
		expect(leaderCall.logs.some((l) => l.level === 'warn' && /2 of them had already been acknowledged to Stripe and are lost/.test(l.message))).toBe(true);
		// a redelivery of every event is processed again (one new batch)
		const retries = events.map((e) => start(wf, e.body, { options: batching() }));
		const again = await Promise.all(retries.map((c) => c.promise));
		expect(again.filter((r) => r.workflowData).flatMap(itemsOf).map((j) => j.id).sort()).toEqual(events.map((e) => e.id).sort());
	});

	it('a leader whose connection dropped leaves the claims locked (lease), as without batching', async () => {
		const wf = `wf-${randomUUID()}`;
		const events = [eventBody(), eventBody()];
		const calls = events.map((e) => start(wf, e.body, { options: batching() }));
		const results = await Promise.all(calls.map((c) => c.promise));
		const leaderCall = calls[results.findIndex((r) => r.workflowData)];
		leaderCall.res.drop();
		await new Promise((r) => setImmediate(r));
		expect(leaderCall.logs.some((l) => l.level === 'warn' && /stay locked/.test(l.message))).toBe(true);
		const again = start(wf, events[1].body, { options: batching() });
		expect((await again.promise).workflowData).toBeUndefined();
		expect(again.res.body).toMatchObject({ ignored: expect.stringMatching(/already being processed/) });
	});

	it('different workflows (and different trigger nodes) batch separately', async () => {
		const w1 = `wf-${randomUUID()}`;
		const w2 = `wf-${randomUUID()}`;
		const calls = [
			start(w1, eventBody().body, { options: batching() }),
			start(w2, eventBody().body, { options: batching() }),
			start(w1, eventBody().body, { options: batching() }),
			start(w1, eventBody().body, { options: batching(), nodeId: 'node-2' }),
		];
		const results = await Promise.all(calls.map((c) => c.promise));
		expect(results.filter((r) => r.workflowData).map((r) => itemsOf(r).length).sort()).toEqual([1, 1, 2]);
	});

	it('rejected and filtered events never join a batch', async () => {
		const wf = `wf-${randomUUID()}`;
		const good = eventBody();
		const forged = eventBody();
		const charge = JSON.stringify({ ...JSON.parse(fixtureText('charge.succeeded')), id: `evt_${randomUUID().replace(/-/g, '')}` });
		const calls = [
			start(wf, good.body, { options: batching(), params: { events: ['payment_intent.*'] } }),
			start(wf, forged.body, { options: batching(), params: { events: ['payment_intent.*'] }, header: sign(forged.body, 'whsec_wrong_secret_0123456789abcdef') }),
			start(wf, charge, { options: batching(), params: { events: ['payment_intent.*'] } }),
		];
		const results = await Promise.all(calls.map((c) => c.promise));
		expect(calls[1].res.statusCode).toBe(401);
		expect(calls[2].res.body).toMatchObject({ received: true, ignored: expect.any(String) });
		expect(results.filter((r) => r.workflowData).flatMap(itemsOf).map((j) => j.id)).toEqual([good.id]);
	});

	it('is not used while testing in the editor (manual mode)', async () => {
		const wf = `wf-${randomUUID()}`;
		const calls = [eventBody(), eventBody()].map((e) => start(wf, e.body, { options: batching(), mode: 'manual' }));
		const results = await Promise.all(calls.map((c) => c.promise));
		expect(results.map((r) => itemsOf(r).length)).toEqual([1, 1]);
	});

	it('with the duplicate guard off (window 0) events are still batched', async () => {
		const wf = `wf-${randomUUID()}`;
		const e = eventBody();
		const calls = [e, e].map((x) => start(wf, x.body, { options: batching({ dedupeWindowHours: 0 }) }));
		const results = await Promise.all(calls.map((c) => c.promise));
		expect(results.filter((r) => r.workflowData).flatMap(itemsOf)).toHaveLength(2);
	});
});

describe('micro-batching, acknowledge after the workflow finishes', () => {
	const options = batching({ acknowledgeAfterWorkflow: true });

	async function batchOf(wf: string, n: number) {
		const events = Array.from({ length: n }, () => eventBody());
		const calls = events.map((e) => start(wf, e.body, { options }));
		// the leader returns once the window has passed; followers are still waiting
		const leaderIndex = await Promise.race(calls.map((c, i) => c.promise.then(() => i)));
		const leader = calls[leaderIndex];
		expect((await leader.promise).workflowData?.[0]).toHaveLength(n);
		const followers = calls.filter((c) => c !== leader);
		for (const f of followers) expect(f.res.writableFinished).toBe(false);
		return { events, leader, followers };
	}

	it('followers answer with the status n8n gave the leader: 200 after the workflow succeeded', async () => {
		const wf = `wf-${randomUUID()}`;
		const { events, leader, followers } = await batchOf(wf, 4);
		leader.res.answer(200, '');
		await Promise.all(followers.map((f) => f.promise));
		for (const f of followers) {
			expect(f.res.statusCode).toBe(200);
			expect(f.res.body).toEqual({ received: true, batched: true });
		}
		const again = start(wf, events[3].body, { options });
		expect((await again.promise).workflowData).toBeUndefined();
		expect(again.res.body).toMatchObject({ ignored: expect.stringMatching(/already received/) });
	});

	it('a failed workflow: every follower gets 500 and every claim is released, so Stripe retries every event', async () => {
		const wf = `wf-${randomUUID()}`;
		const { events, leader, followers } = await batchOf(wf, 4);
		leader.res.answer(500, { message: 'Error in workflow' });
		await Promise.all(followers.map((f) => f.promise));
		for (const f of followers) {
			expect(f.res.statusCode).toBe(500);
			expect(f.res.body).toEqual({ error: expect.stringMatching(/failed; retry later/) });
		}
		const retries = events.map((e) => start(wf, e.body, { options }));
		const leaderIndex = await Promise.race(retries.map((c, i) => c.promise.then(() => i)));
		const r = await retries[leaderIndex].promise;
		expect(itemsOf(r).map((j) => j.id).sort()).toEqual(events.map((e) => e.id).sort());
		retries[leaderIndex].res.answer(200, '');
		await Promise.all(retries.map((c) => c.promise));
	});

	it('the leader cut off before an answer: followers get 504 and the claims stay locked (409 on retry)', async () => {
		const wf = `wf-${randomUUID()}`;
		const { events, leader, followers } = await batchOf(wf, 3);
		leader.res.drop();
		await Promise.all(followers.map((f) => f.promise));
		for (const f of followers) expect(f.res.statusCode).toBe(504);
		const again = start(wf, events[1].body, { options });
		await again.promise;
		expect(again.res.statusCode).toBe(409);
	});
});

describe('MicroBatcher', () => {
	it('opens one batch per key, closes it after the window, then opens a new one', async () => {
		const b = new MicroBatcher<number>();
		const o = { windowMs: 20, maxItems: 10 };
		const first = b.join('k', 1, o);
		expect(first.role).toBe('leader');
		expect(b.join('k', 2, o)).toMatchObject({ role: 'follower', index: 1 });
		expect(b.join('other', 3, o).role).toBe('leader');
		expect(await first.batch.ready).toEqual([1, 2]);
		expect(b.join('k', 4, o).role).toBe('leader');
	});

	it('closes at maxItems at once; maxItems 1 means no batching', async () => {
		const b = new MicroBatcher<number>();
		const l = b.join('k', 1, { windowMs: 10_000, maxItems: 2 });
		b.join('k', 2, { windowMs: 10_000, maxItems: 2 });
		expect(l.batch.isClosed).toBe(true);
		expect(await l.batch.ready).toEqual([1, 2]);
		const single = b.join('k', 3, { windowMs: 10_000, maxItems: 1 });
		expect(single.batch.isClosed).toBe(true);
		expect(b.openCount).toBe(0);
	});

	it('settle: the first outcome wins', async () => {
		const b = new MicroBatcher<number>();
		const l = b.join('k', 1, { windowMs: 1, maxItems: 5 });
		l.batch.settle({ status: 200 });
		l.batch.settle({ status: 0 });
		expect(await l.batch.outcome).toEqual({ status: 200 });
	});

	it('batchOptions clamps settings', () => {
		expect(batchOptions(undefined, undefined)).toEqual({ windowMs: 50, maxItems: 500 });
		expect(batchOptions(0, 0)).toEqual({ windowMs: 1, maxItems: 1 });
		expect(batchOptions(1e9, 1e9)).toEqual({ windowMs: 10_000, maxItems: 10_000 });
	});
});
