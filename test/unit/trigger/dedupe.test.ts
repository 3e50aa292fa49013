/**
 * Duplicate deliveries through the node's webhook method (memory store), and the MemoryStore itself.
 */
import { MemoryBackend, MemoryStore } from '../../../nodes/shared/dedupe';
import { callWebhook, fixtureText, sign } from './harness';

const body = fixtureText('payment_intent.succeeded');

function deliver(workflowId: string, extra: Parameters<typeof callWebhook>[0] = {}) {
	return callWebhook({ body, header: sign(body), workflowId, ...extra });
}

describe('duplicate deliveries, acknowledge on receipt (default)', () => {
	it('5 concurrent identical deliveries -> exactly 1 workflowData; the others get 200 and no execution', async () => {
		const workflowId = 'wf-concurrent';
		const results = await Promise.all(Array.from({ length: 5 }, async () => await deliver(workflowId)));
		const started = results.filter((r) => r.result.workflowData);
		expect(started).toHaveLength(1);
		for (const r of results.filter((x) => !x.result.workflowData)) {
			expect(r.result.noWebhookResponse).toBe(true);
			expect(r.res.statusCode).toBe(200);
			expect(r.res.body).toMatchObject({ received: true, ignored: expect.stringMatching(/duplicate/) });
		}
		// n8n acknowledges the first one
		started[0].res.answer(200);
		const later = await deliver(workflowId);
		expect(later.result.workflowData).toBeUndefined();
		expect(later.res.statusCode).toBe(200);
		expect(later.res.body).toMatchObject({ ignored: expect.stringMatching(/already received/) });
	});

	it('a failure to start the workflow (n8n answers 500) releases the event for Stripe’s retry', async () => {
		const workflowId = 'wf-start-failed';
		const first = await deliver(workflowId);
		expect(first.result.workflowData).toBeDefined();
		first.res.answer(500, { message: 'There was a problem executing the workflow' });
		const retry = await deliver(workflowId);
		expect(retry.result.workflowData).toBeDefined();
	});

	it('different events and different workflows are independent', async () => {
		const a = await deliver('wf-indep-1');
		const b = await deliver('wf-indep-2');
		const other = fixtureText('charge.succeeded');
		const c = await callWebhook({ body: other, header: sign(other), workflowId: 'wf-indep-1' });
		expect([a, b, c].every((r) => r.result.workflowData)).toBe(true);
	});

	it('Duplicate Window 0 turns the guard off', async () => {
		const r1 = await deliver('wf-window-0', { options: { dedupeWindowHours: 0 } });
		r1.res.answer(200);
		const r2 = await deliver('wf-window-0', { options: { dedupeWindowHours: 0 } });
		expect(r1.result.workflowData && r2.result.workflowData).toBeTruthy();
	});

	it('while testing in the editor (manual mode) the same event may be sent again', async () => {
		const r1 = await deliver('wf-manual', { mode: 'manual' });
		r1.res.answer(200);
		const r2 = await deliver('wf-manual', { mode: 'manual' });
		expect(r1.result.workflowData && r2.result.workflowData).toBeTruthy();
	});

	it('Redis chosen without a URL: 503 so that Stripe retries (fail closed)', async () => {
		const r = await deliver('wf-no-url', { options: { duplicateStore: 'redis' } });
		expect(r.result.workflowData).toBeUndefined();
		expect(r.res.statusCode).toBe(503);
	});
});

describe('duplicate deliveries, acknowledge after the workflow finishes', () => {
	const options = { acknowledgeAfterWorkflow: true };

	it('the workflow failed (non-2xx) -> a later retry is accepted and runs again', async () => {
		const workflowId = 'wf-after-fail';
		const first = await deliver(workflowId, { options });
		expect(first.result.workflowData).toBeDefined();
		first.res.answer(500, { message: 'Error in workflow' });
		const retry = await deliver(workflowId, { options });
		expect(retry.result.workflowData).toBeDefined();
		retry.res.answer(200);
		const again = await deliver(workflowId, { options });
		expect(again.result.workflowData).toBeUndefined();
		expect(again.res.statusCode).toBe(200);
	});

	it('an in-flight duplicate is NOT acknowledged with 2xx (409), so Stripe retries it', async () => {
		const workflowId = 'wf-after-inflight';
		const first = await deliver(workflowId, { options });
		expect(first.result.workflowData).toBeDefined();
		const concurrent = await Promise.all([deliver(workflowId, { options }), deliver(workflowId, { options })]);
		for (const r of concurrent) {
			expect(r.result.workflowData).toBeUndefined();
			expect(r.res.statusCode).toBe(409);
			expect(r.res.body).toEqual({ error: expect.stringMatching(/already being processed; retry later/) });
		}
		first.res.answer(200);
		const after = await deliver(workflowId, { options });
		expect(after.res.statusCode).toBe(200);
		expect(after.result.workflowData).toBeUndefined();
	});

	it('5 concurrent deliveries -> 1 workflowData, 4 x 409', async () => {
		const results = await Promise.all(Array.from({ length: 5 }, async () => await deliver('wf-after-5', { options })));
		expect(results.filter((r) => r.result.workflowData)).toHaveLength(1);
		expect(results.filter((r) => r.res.statusCode === 409)).toHaveLength(4);
	});

	it('a connection dropped before any answer keeps the event locked (no second run while the first may still succeed)', async () => {
		const workflowId = 'wf-after-drop';
		const first = await deliver(workflowId, { options });
		first.res.drop();
		const retry = await deliver(workflowId, { options });
		expect(retry.res.statusCode).toBe(409);
		expect(first.logs.some((l) => l.level === 'warn' && /connection closed/.test(l.message))).toBe(true);
	});
});

describe('MemoryStore', () => {
	it('claim / complete / release', async () => {
		const store = new MemoryStore();
		expect(await store.claim('a', 1000)).toBe('new');
		expect(await store.claim('a', 1000)).toBe('in_flight');
		await store.complete('a', 5000);
		expect(await store.claim('a', 1000)).toBe('done');
		expect(await store.claim('b', 1000)).toBe('new');
		await store.release('b');
		expect(await store.claim('b', 1000)).toBe('new');
	});

	it('entries expire (lease and window)', async () => {
		let now = 1_000;
		const store = new MemoryStore({ now: () => now });
		expect(await store.claim('a', 100)).toBe('new');
		now += 101;
		expect(await store.claim('a', 100)).toBe('new');
		await store.complete('a', 1000);
		now += 999;
		expect(await store.claim('a', 100)).toBe('done');
		now += 2;
		expect(await store.claim('a', 100)).toBe('new');
	});

	it('a handle whose lease expired and was taken over cannot complete or release the new claim', async () => {
		let now = 0;
		const backend = new MemoryBackend({ now: () => now });
		const p1 = new MemoryStore(backend);
		const p2 = new MemoryStore(backend);
		expect(await p1.claim('x', 100)).toBe('new');
		now = 200;
		expect(await p2.claim('x', 100)).toBe('new');
		await p1.release('x');
		expect(await p2.claim('x', 100)).toBe('in_flight');
		await p1.complete('x', 1000);
		expect(await p2.claim('x', 100)).toBe('in_flight');
		await p2.complete('x', 1000);
		expect(await p1.claim('x', 100)).toBe('done');
	});

	it('is bounded: the oldest entries are forgotten first, done before in-flight', async () => {
		const store = new MemoryStore({ maxEntries: 3 });
		await store.claim('inflight', 10_000);
		for (const id of ['d1', 'd2', 'd3', 'd4']) {
			await store.claim(id, 10_000);
			await store.complete(id, 10_000);
		}
		expect(store.size).toBeLessThanOrEqual(3);
		expect(await store.claim('inflight', 10_000)).toBe('in_flight');
		expect(await store.claim('d4', 10_000)).toBe('done');
	});
});
