/**
 * The sandbox's Stripe event log (issue #27, item 5), through the official SDK where it can be: `GET /v1/events`
 * (order, `created`, `type` wildcards, `types[]`, `delivery_success`, pagination both ways, Stripe's errors), the
 * controls that record events without delivering them and mark deliveries failed, webhook endpoints with a
 * `status` that can be disabled, and send-event recording what it sends with the delivery outcome.
 */
import type Stripe from 'stripe';
import { parseArgs, send } from '../../scripts/send-event';
import type { Sandbox } from '../../sandbox/server';
import { typePattern } from '../../sandbox/stripeEventLog';
import { getJson, postJson, sandboxWithStripe, startHook } from './helpers';

const DAY = 86400;
const nowSec = () => Math.floor(Date.now() / 1000);

let sb: Sandbox;
let stripe: Stripe;
beforeAll(async () => {
	({ sb, stripe } = await sandboxWithStripe());
});
afterAll(async () => sb.close());
beforeEach(async () => {
	await postJson(`${sb.url}/_sandbox/reset`, {});
});

const control = (path: string, body: unknown) =>
	fetch(`${sb.url}/_sandbox/stripe/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
async function batch(body: Record<string, unknown>): Promise<{ ids: string[]; created: { first: number; last: number } }> {
	const r = await control('events', body);
	expect(r.status).toBe(200);
	return r.json();
}
/** A raw GET /v1/events (to see exactly what Stripe's parameters do), with the sandbox's test key. */
async function listRaw(query: string): Promise<{ status: number; body: any }> {
	const r = await fetch(`${sb.url}/v1/events?${query}`, { headers: { authorization: 'Bearer sk_test_sandbox' } });
	return { status: r.status, body: await r.json() };
}
const ids = (list: { data: Array<{ id: string }> }) => list.data.map((e) => e.id);

describe('GET /v1/events', () => {
	test('newest first, 10 by default, a Stripe list with has_more', async () => {
		const older = await batch({ type: 'invoice.paid', count: 8, created: nowSec() - 1000 });
		const newer = await batch({ type: 'charge.refunded', count: 8, created: nowSec() - 500 });
		const page = await stripe.events.list();
		expect(page).toMatchObject({ object: 'list', url: '/v1/events', has_more: true });
		expect(ids(page)).toEqual([...newer.ids].reverse().concat([...older.ids].reverse().slice(0, 2)));
		const created = page.data.map((e) => e.created);
		expect(created).toEqual([...created].sort((a, b) => b - a));
		expect(page.data[0]).toMatchObject({ object: 'event', type: 'charge.refunded', pending_webhooks: 0, livemode: false });
		expect((await stripe.events.list({ limit: 100 })).data).toHaveLength(16);
		// events created in the same second: the one recorded last comes first
		const same = await batch({ type: 'invoice.paid', count: 3, spacing: 0, created: nowSec() });
		expect(ids(await stripe.events.list({ limit: 3 }))).toEqual([...same.ids].reverse());
	});

	test('created: an integer, gt, gte, lt, lte', async () => {
		const t = nowSec() - 2000;
		const b = await batch({ type: 'invoice.paid', count: 6, created: t, spacing: 10 }); // t, t+10, ..., t+50
		const at = (i: number) => b.ids[i];
		expect(ids(await stripe.events.list({ created: t + 20 }))).toEqual([at(2)]);
		expect(ids(await stripe.events.list({ created: { gt: t + 20 } }))).toEqual([at(5), at(4), at(3)]);
		expect(ids(await stripe.events.list({ created: { gte: t + 20 } }))).toEqual([at(5), at(4), at(3), at(2)]);
		expect(ids(await stripe.events.list({ created: { lt: t + 20 } }))).toEqual([at(1), at(0)]);
		expect(ids(await stripe.events.list({ created: { lte: t + 20 } }))).toEqual([at(2), at(1), at(0)]);
		expect(ids(await stripe.events.list({ created: { gt: t, lte: t + 30 } }))).toEqual([at(3), at(2), at(1)]);
	});

	test('type with * wildcards, and types[] of exact names', async () => {
		const paid = await batch({ type: 'invoice.paid', count: 1 });
		const failed = await batch({ type: 'invoice.payment_failed', count: 1 });
		const refund = await batch({ type: 'charge.refunded', count: 1 });
		const sub = await batch({ type: 'customer.subscription.created', count: 1 });
		const sorted = (x: string[]) => [...x].sort();
		expect(sorted(ids(await stripe.events.list({ type: 'invoice.*' })))).toEqual(sorted([paid.ids[0], failed.ids[0]]));
		expect(ids(await stripe.events.list({ type: 'invoice.paid' }))).toEqual(paid.ids);
		expect(ids(await stripe.events.list({ type: 'customer.*' }))).toEqual(sub.ids);
		expect(ids(await stripe.events.list({ type: '*.refunded' }))).toEqual(refund.ids);
		expect(await stripe.events.list({ type: '*' }).then((l) => l.data.length)).toBe(4);
		expect(ids(await stripe.events.list({ type: 'invoice' }))).toEqual([]); // a name, not a prefix
		expect(sorted(ids(await stripe.events.list({ types: ['charge.refunded', 'invoice.paid'] })))).toEqual(sorted([refund.ids[0], paid.ids[0]]));
		expect(ids(await stripe.events.list({ types: ['invoice.*'] }))).toEqual([]); // types[] takes no wildcards
		expect(typePattern('invoice.*').test('invoicexpaid')).toBe(false); // the dot is a dot
	});

	test('pagination across pages both ways, with has_more', async () => {
		await batch({ type: 'invoice.paid', count: 12, created: nowSec() - 3000 });
		await batch({ type: 'charge.refunded', count: 11, created: nowSec() - 2000 });
		const all = ids(await stripe.events.list({ limit: 100 }));
		expect(all).toHaveLength(23);
		// forwards with starting_after
		const forward: string[] = [];
		let page = await stripe.events.list({ limit: 5 });
		const hasMore = [page.has_more];
		forward.push(...ids(page));
		while (page.has_more) {
			page = await stripe.events.list({ limit: 5, starting_after: forward[forward.length - 1] });
			hasMore.push(page.has_more);
			forward.push(...ids(page));
		}
		expect(forward).toEqual(all);
		expect(hasMore).toEqual([true, true, true, true, false]);
		// backwards with ending_before, from the oldest event
		const oldest = all[all.length - 1];
		let back = await stripe.events.list({ limit: 5, ending_before: oldest });
		expect(ids(back)).toEqual(all.slice(17, 22));
		expect(back.has_more).toBe(true);
		const backward = [...ids(back)];
		while (back.has_more) {
			back = await stripe.events.list({ limit: 5, ending_before: backward[0] });
			backward.unshift(...ids(back));
		}
		expect(backward).toEqual(all.slice(0, 22));
		expect(back.data).toHaveLength(2);
		// the SDK's auto-pagination, with a filter; the cursor need not pass the filter itself
		expect(await stripe.events.list({ limit: 3, type: 'invoice.*' }).autoPagingToArray({ limit: 100 }).then((l) => l.map((e) => e.id))).toEqual(all.slice(11));
		const afterCharge = await stripe.events.list({ type: 'invoice.paid', starting_after: all[0], limit: 2 });
		expect(ids(afterCharge)).toEqual(all.slice(11, 13));
		expect((await stripe.events.list({ starting_after: oldest })).data).toEqual([]);
		expect((await stripe.events.list({ starting_after: oldest })).has_more).toBe(false);
	});

	test('delivery_success: events still pending or failed are the undelivered ones', async () => {
		const ok = await batch({ type: 'invoice.paid', count: 2 });
		const pending = await batch({ type: 'invoice.paid', count: 2, deliver: false });
		const failed = await batch({ type: 'invoice.paid', count: 1, delivery: 'failed', pending_webhooks: 2 });
		const sorted = (x: string[]) => [...x].sort();
		const undelivered = await stripe.events.list({ delivery_success: false });
		expect(sorted(ids(undelivered))).toEqual(sorted([...pending.ids, ...failed.ids]));
		expect(undelivered.data.find((e) => e.id === failed.ids[0])?.pending_webhooks).toBe(2);
		expect(sorted(ids(await stripe.events.list({ delivery_success: true })))).toEqual(sorted(ok.ids));
		// a delivery marked failed afterwards, and one that succeeded at last
		expect((await control(`events/${ok.ids[0]}/delivery`, { delivery: 'failed' })).status).toBe(200);
		expect((await control(`events/${pending.ids[0]}/delivery`, { delivery: 'succeeded' })).status).toBe(200);
		expect(sorted(ids(await stripe.events.list({ delivery_success: true })))).toEqual(sorted([ok.ids[1], pending.ids[0]]));
		expect((await stripe.events.retrieve(ok.ids[0])).pending_webhooks).toBe(1);
		const summary = (await getJson(`${sb.url}/_sandbox/stripe/events`)).events as Array<{ id: string; delivery: string }>;
		expect(summary.find((e) => e.id === ok.ids[0])?.delivery).toBe('failed');
		expect(summary.find((e) => e.id === pending.ids[1])?.delivery).toBe('pending');
		expect((await control('events/evt_nope/delivery', { delivery: 'failed' })).status).toBe(404);
		expect((await control(`events/${ok.ids[0]}/delivery`, { delivery: 'lost' })).status).toBe(400);
	});

	test('only the last 30 days are listed; an older event can still be retrieved', async () => {
		const old = await batch({ type: 'invoice.paid', count: 1, created: nowSec() - 31 * DAY });
		const recent = await batch({ type: 'invoice.paid', count: 1, created: nowSec() - 29 * DAY });
		expect(ids(await stripe.events.list())).toEqual(recent.ids);
		expect((await stripe.events.retrieve(old.ids[0])).id).toBe(old.ids[0]);
	});

	test("Stripe's errors for bad parameters: 400 invalid_request_error with param", async () => {
		const cases: Array<[string, string, string | undefined]> = [
			['limit=0', 'limit', 'parameter_invalid_integer'],
			['limit=101', 'limit', 'parameter_invalid_integer'],
			['limit=ten', 'limit', 'parameter_invalid_integer'],
			['created=yesterday', 'created', 'parameter_invalid_integer'],
			['created[gt]=1.5', 'created[gt]', 'parameter_invalid_integer'],
			['created[after]=1', 'created[after]', 'parameter_unknown'],
			['delivery_success=maybe', 'delivery_success', undefined],
			['type=invoice.paid&types[]=invoice.paid', 'types', 'parameters_exclusive'],
			['types=invoice.paid', 'types', undefined],
			[Array.from({ length: 21 }, (_, i) => `types[]=t${i}`).join('&'), 'types', undefined],
			['typ=invoice.paid', 'typ', 'parameter_unknown'],
		];
		for (const [query, param, code] of cases) {
			const r = await listRaw(query);
			expect({ query, status: r.status, type: r.body.error?.type, param: r.body.error?.param, code: r.body.error?.code }).toEqual({ query, status: 400, type: 'invalid_request_error', param, code });
		}
		expect((await listRaw(Array.from({ length: 20 }, (_, i) => `types[]=t${i}`).join('&'))).status).toBe(200);
		const missing = await listRaw('starting_after=evt_nope');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toMatchObject({ code: 'resource_missing', param: 'starting_after' });
		await expect(stripe.events.list({ limit: 500 })).rejects.toMatchObject({ statusCode: 400, param: 'limit' });
	});
});

describe('recording without delivering (n8n was down)', () => {
	test('{event, deliver: false} is listed as undelivered; the batch gives distinct ids and increasing created', async () => {
		const event = { id: 'evt_down_1', object: 'event', type: 'invoice.paid', created: nowSec() - 60, data: { object: { id: 'in_1', object: 'invoice' } }, livemode: false };
		const r = await control('events', { event, deliver: false });
		expect(r.status).toBe(200);
		expect((await r.json()).event).toMatchObject({ id: 'evt_down_1', pending_webhooks: 1 });
		expect(await stripe.events.retrieve('evt_down_1')).toMatchObject({ pending_webhooks: 1, type: 'invoice.paid' });
		const b = await batch({ type: 'payment_intent.succeeded', count: 200, deliver: false });
		expect(new Set(b.ids).size).toBe(200);
		const listed = await stripe.events.list({ delivery_success: false, type: 'payment_intent.succeeded', limit: 100 }).autoPagingToArray({ limit: 1000 });
		expect(listed.map((e) => e.id)).toEqual([...b.ids].reverse());
		const created = listed.map((e) => e.created).reverse();
		expect(created.every((c, i) => i === 0 || c > created[i - 1])).toBe(true);
		expect(created[created.length - 1]).toBeLessThanOrEqual(nowSec());
		expect(listed[0]).toMatchObject({ object: 'event', pending_webhooks: 1, data: { object: { object: 'payment_intent' } } });
		// the built events work too (not only fixtures)
		expect((await batch({ type: 'review.opened', count: 2 })).ids).toHaveLength(2);
	});

	test('bad batches and bodies are refused', async () => {
		expect((await control('events', { type: 'no.such_event', count: 2 })).status).toBe(400);
		expect((await control('events', { type: 'invoice.paid', count: 0 })).status).toBe(400);
		expect((await control('events', { type: 'invoice.paid', count: 2, deliver: 'no' })).status).toBe(400);
		expect((await control('events', { type: 'invoice.paid', deliver: false, delivery: 'succeeded' })).status).toBe(400);
		expect((await control('events', { nothing: true })).status).toBe(400);
		expect((await getJson(`${sb.url}/_sandbox/stripe/events`)).events).toEqual([]);
	});
});

describe('webhook endpoints', () => {
	test('retrieve shows status, enabled_events and url (the secret only at creation); disable and enable', async () => {
		const created = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:5678/webhook/x', enabled_events: ['invoice.paid', 'charge.refunded'] });
		expect(created.secret).toMatch(/^whsec_/);
		const ep = await stripe.webhookEndpoints.retrieve(created.id);
		expect(ep).toMatchObject({ id: created.id, status: 'enabled', enabled_events: ['invoice.paid', 'charge.refunded'], url: 'http://127.0.0.1:5678/webhook/x' });
		expect(ep.secret).toBeUndefined();
		expect((await stripe.webhookEndpoints.list()).data[0].secret).toBeUndefined();
		// the sandbox's control: as if Stripe had disabled it after failed deliveries
		const r = await control(`webhook_endpoints/${created.id}`, { status: 'disabled' });
		expect(r.status).toBe(200);
		expect((await stripe.webhookEndpoints.retrieve(created.id)).status).toBe('disabled');
		await control(`webhook_endpoints/${created.id}`, { status: 'enabled' });
		expect((await stripe.webhookEndpoints.retrieve(created.id)).status).toBe('enabled');
		expect((await control(`webhook_endpoints/${created.id}`, { status: 'broken' })).status).toBe(400);
		expect((await control('webhook_endpoints/we_nope', { status: 'disabled' })).status).toBe(404);
		// Stripe's own update: disabled, enabled_events
		const updated = await stripe.webhookEndpoints.update(created.id, { disabled: true, enabled_events: ['invoice.paid'] });
		expect(updated).toMatchObject({ status: 'disabled', enabled_events: ['invoice.paid'] });
		expect(updated.secret).toBeUndefined();
		expect((await stripe.webhookEndpoints.update(created.id, { disabled: false })).status).toBe('enabled');
		await expect(stripe.webhookEndpoints.retrieve('we_nope')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
	});
});

describe('send-event records what it sends', () => {
	const sendTo = (hookUrl: string, sandbox: string, extra: string[] = []) =>
		send(parseArgs(['invoice.paid', '--to', hookUrl, '--secret', 'whsec_log', '--sandbox', sandbox, ...extra]), () => undefined);

	test('with the delivery outcome it got: delivered, or failed', async () => {
		const ok = await startHook((_r, res) => { res.writeHead(200); res.end(); });
		const down = await startHook((_r, res) => { res.writeHead(503); res.end(); });
		try {
			await sendTo(ok.url, sb.url);
			const delivered = JSON.parse(ok.received[0].body).id;
			await sendTo(down.url, sb.url);
			const failed = JSON.parse(down.received[0].body).id;
			await send(parseArgs(['invoice.paid', '--to', ok.url, '--to', down.url, '--secret', 's', '--sandbox', sb.url]), () => undefined);
			const both = JSON.parse(ok.received[1].body).id;
			await send(parseArgs(['invoice.paid', '--thin', '--to', ok.url, '--secret', 's', '--sandbox', sb.url]), () => undefined);
			expect(await stripe.events.retrieve(delivered)).toMatchObject({ type: 'invoice.paid', pending_webhooks: 0 });
			expect((await stripe.events.retrieve(failed)).pending_webhooks).toBe(1);
			expect((await stripe.events.retrieve(both)).pending_webhooks).toBe(1);
			expect(ids(await stripe.events.list({ delivery_success: false }))).toEqual([both, failed]);
			const all = await stripe.events.list();
			expect(all.data).toHaveLength(4);
			expect(all.data[0].pending_webhooks).toBe(0); // the thin one, delivered
		} finally {
			await ok.close();
			await down.close();
		}
	});

	test('a sandbox that cannot be reached does not stop the event', async () => {
		const hook = await startHook((_r, res) => { res.writeHead(200); res.end(); });
		try {
			const lines: string[] = [];
			const results = await send(parseArgs(['invoice.paid', '--to', hook.url, '--secret', 's', '--sandbox', 'http://127.0.0.1:1']), (s) => lines.push(s));
			expect(results.map((r) => r.status)).toEqual([200]);
			expect(hook.received).toHaveLength(1);
			expect(lines.join('\n')).toMatch(/not recorded in the sandbox's Stripe event log/);
		} finally {
			await hook.close();
		}
	});
});
