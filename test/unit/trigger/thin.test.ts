/**
 * Thin event notifications at the Stripe Signed Trigger: verified with stripe-node's parser like snapshot
 * deliveries (forged, stale, wrong secret, rotated secret, malformed), the full event fetched from the sandbox's
 * Stripe and handed on exactly as a snapshot delivery carries it, one claim per event whichever way it came, a
 * fetch failure answered non-2xx with its reason, unknown types passed on as an event for the generic message.
 */
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { OLD_SECRET, OTHER_SECRET, SECRET, callWebhook, fixtureText, nowSeconds, sign, v1Of } from './harness';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ port: 0, seedTransactions: 5 });
});
afterAll(async () => {
	await sb.close();
});

let seq = 0;
/** A fixture event with its own id, recorded in the sandbox's Stripe; its thin notification as Stripe sends it. */
function recorded(type: string, change: (e: Record<string, any>) => void = () => undefined) {
	const event = JSON.parse(fixtureText(type));
	event.id = `evt_thin_${Date.now()}_${++seq}`;
	change(event);
	const { notification } = sb.stripe.events.record(event);
	return { event, notification, text: JSON.stringify(notification, null, 2) };
}

const credentials = () => ({ apiBaseUrl: sb.url, secretKey: 'sk_test_sandbox' });
const eventRequests = () => sb.stripe.requests.filter((r) => r.path.startsWith('/v1/events/') || r.path.startsWith('/v2/core/events/'));

function deliverThin(text: string, extra: Parameters<typeof callWebhook>[0] = {}) {
	return callWebhook({ body: text, header: sign(text), credentials: credentials(), ...extra });
}

function expectRefused(r: Awaited<ReturnType<typeof callWebhook>>, status: number, reason: RegExp) {
	expect(r.result.workflowData).toBeUndefined();
	expect(r.res.statusCode).toBe(status);
	expect((r.res.body as { error: string }).error).toMatch(reason);
	const logged = JSON.stringify(r.logs);
	for (const secret of [SECRET, OLD_SECRET, OTHER_SECRET, 'sk_test_sandbox']) expect(logged).not.toContain(secret);
}

describe('a thin notification hands the workflow the same event as a snapshot delivery', () => {
	it.each([
		'payment_intent.succeeded',
		'payment_intent.payment_failed',
		'charge.succeeded',
		'charge.refunded',
		'checkout.session.completed',
		'charge.dispute.created',
		'customer.subscription.created',
		'customer.subscription.updated',
		'customer.subscription.deleted',
		'invoice.paid',
		'invoice.payment_failed',
		'customer.updated',
	])('%s', async (type) => {
		const { event, notification, text } = recorded(type);
		expect(notification).toMatchObject({ object: 'v2.core.event', type: `v1.${type}` });
		const thin = await deliverThin(text);
		expect(thin.res.headersSent).toBe(false); // n8n answers, as for a snapshot event
		expect(thin.event).toEqual(event);
		const snapshot = JSON.stringify(event, null, 2);
		expect((await callWebhook({ body: snapshot, header: sign(snapshot) })).event).toEqual(thin.event);
	});

	it('through its Event v2 (snapshot_event) and GET /v1/events/:id, with the credential’s key', async () => {
		const before = sb.stripe.requests.length;
		const { event, notification, text } = recorded('invoice.paid');
		expect(notification.snapshot_event).toBeUndefined();
		await deliverThin(text);
		expect(sb.stripe.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET /v2/core/events/${notification.id} 200`,
			`GET /v1/events/${event.id} 200`,
		]);
	});

	it('a thin and a snapshot delivery of one event run once, in either order (the claim is the v1 event id)', async () => {
		for (const thinFirst of [true, false]) {
			const { event, text } = recorded('charge.succeeded');
			const snapshot = JSON.stringify(event, null, 2);
			const workflowId = `wf-thin-dup-${thinFirst}`;
			const viaThin = () => deliverThin(text, { workflowId });
			const viaSnapshot = () => callWebhook({ body: snapshot, header: sign(snapshot), workflowId, credentials: credentials() });
			const first = await (thinFirst ? viaThin() : viaSnapshot());
			expect(first.event?.id).toBe(event.id);
			first.res.answer(200);
			const second = await (thinFirst ? viaSnapshot() : viaThin());
			expect(second.result.workflowData).toBeUndefined();
			expect(second.res.body).toMatchObject({ received: true, ignored: expect.stringMatching(new RegExp(`duplicate.*${event.id}`)) });
		}
		// and at the same moment: one of the two starts the workflow
		const { event, text } = recorded('invoice.payment_failed');
		const snapshot = JSON.stringify(event, null, 2);
		const both = await Promise.all([
			deliverThin(text, { workflowId: 'wf-thin-race' }),
			callWebhook({ body: snapshot, header: sign(snapshot), workflowId: 'wf-thin-race', credentials: credentials() }),
		]);
		expect(both.filter((r) => r.result.workflowData)).toHaveLength(1);
	});

	it('a thin type the trigger does not listen to is answered 200, ignored, and nothing is fetched', async () => {
		const before = eventRequests().length;
		const { text } = recorded('customer.updated');
		const r = await deliverThin(text, { params: { events: ['invoice.*'] } });
		expect(r.result.workflowData).toBeUndefined();
		expect(r.res.statusCode).toBe(200);
		expect(r.res.body).toMatchObject({ received: true, ignored: expect.stringMatching(/customer\.updated/) });
		expect(eventRequests()).toHaveLength(before);
	});
});

describe('thin notifications are verified as snapshot deliveries are', () => {
	it('forged (signed with another secret) -> 401, nothing fetched', async () => {
		const before = eventRequests().length;
		const { text } = recorded('charge.succeeded');
		expectRefused(await deliverThin(text, { header: sign(text, OTHER_SECRET) }), 401, /signature/);
		expect(eventRequests()).toHaveLength(before);
	});

	it('a changed body -> 401', async () => {
		const { text } = recorded('charge.succeeded');
		expectRefused(await deliverThin(text.replace('"livemode": false', '"livemode": true'), { header: sign(text) }), 401, /signature/);
	});

	it('stale and future timestamps -> 401; inside the tolerance both ways passes', async () => {
		const { text } = recorded('invoice.paid');
		expectRefused(await deliverThin(text, { header: sign(text, SECRET, nowSeconds() - 301) }), 401, /old/);
		expectRefused(await deliverThin(text, { header: sign(text, SECRET, nowSeconds() + 301) }), 401, /future/);
		expect((await deliverThin(text, { header: sign(text, SECRET, nowSeconds() - 290) })).event).toBeDefined();
		expect((await deliverThin(text, { header: sign(text, SECRET, nowSeconds() + 290) })).event).toBeDefined();
		// a configured tolerance applies to stripe-node's parser too
		const old = sign(text, SECRET, nowSeconds() - 1000);
		expect((await deliverThin(text, { header: old, options: { toleranceSeconds: 1200 } })).event).toBeDefined();
	});

	it('rotated secrets: signed with the previous secret, or two v1 signatures in either order', async () => {
		const { event, text } = recorded('payment_intent.succeeded');
		const rotated = { ...credentials(), webhookSecret: SECRET, previousWebhookSecret: OLD_SECRET };
		expect((await deliverThin(text, { header: sign(text, OLD_SECRET), credentials: rotated })).event).toEqual(event);
		const t = nowSeconds();
		const a = v1Of(sign(text, OTHER_SECRET, t));
		const b = v1Of(sign(text, SECRET, t));
		for (const header of [`t=${t},v1=${a},v1=${b}`, `t=${t}, v1=${b}, v1=${a}`]) {
			expect((await deliverThin(text, { header })).event).toEqual(event);
		}
	});

	it('malformed: not JSON -> 400, a thin notification without a type -> 422', async () => {
		const junk = '{"id":"evt_1","object":"v2.core.event",';
		expectRefused(await deliverThin(junk, { header: sign(junk) }), 400, /not valid JSON/);
		const noType = JSON.stringify({ id: 'evt_1', object: 'v2.core.event', created: '2026-01-01T00:00:00.000Z' });
		expectRefused(await deliverThin(noType, { header: sign(noType) }), 422, /no "type"/);
	});
});

describe('a fetch that fails is answered non-2xx, with its reason, and Stripe’s retry runs', () => {
	it('an event the API does not have -> 502 naming the step; once it is there, the same notification runs', async () => {
		const event = JSON.parse(fixtureText('invoice.payment_failed'));
		event.id = `evt_thin_late_${Date.now()}`;
		const { notification } = sb.stripe.events.record(event);
		// a notification whose Event v2 the API does not know (another account's, or not yet readable)
		const unknown = { ...notification, id: `evt_test_unknown_${Date.now()}` };
		const text = JSON.stringify(unknown, null, 2);
		const failed = await deliverThin(text, { workflowId: 'wf-thin-retry' });
		expectRefused(failed, 502, /could not fetch its Event v2 for the thin event notification .*Stripe answered 404.*same account and mode.*send the notification again/);
		expect(failed.logs.some((l) => l.level === 'warn' && /502/.test(l.message))).toBe(true);
		// the real notification of the same event now runs: no claim was left behind by the failure
		const ok = await deliverThin(JSON.stringify(notification, null, 2), { workflowId: 'wf-thin-retry' });
		expect(ok.event).toEqual(event);
	});

	it('Stripe failing (5xx) -> 502; the retry after Stripe is back runs', async () => {
		const { event, text } = recorded('charge.refunded');
		const res = await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stripe: { fail5xx: 1 } }) });
		expect(res.status).toBe(200);
		try {
			expectRefused(await deliverThin(text, { workflowId: 'wf-thin-5xx' }), 502, /Stripe answered 500 \(api_error\)/);
		} finally {
			await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		}
		expect((await deliverThin(text, { workflowId: 'wf-thin-5xx' })).event).toEqual(event);
	});

	it('Stripe unreachable -> 502; a credential without an API key -> 500, saying so', async () => {
		const { text } = recorded('customer.updated');
		expectRefused(await deliverThin(text, { credentials: { apiBaseUrl: 'http://127.0.0.1:1', secretKey: 'sk_test_x' } }), 502, /could not be reached/);
		expectRefused(await deliverThin(text, { credentials: { apiBaseUrl: sb.url, secretKey: '' } }), 500, /no secret or restricted key/);
	});
});

describe('unknown thin types pass as an event for the generic message, never an error', () => {
	it('a v2 type is not fetched and renders as the generic message', async () => {
		const before = eventRequests().length;
		const ping = {
			id: 'evt_test_ping_1',
			object: 'v2.core.event',
			type: 'v2.core.event_destination.ping',
			livemode: false,
			created: '2026-12-01T10:00:00.000Z',
			context: null,
			related_object: { id: 'ed_test_1', type: 'v2.core.event_destination', url: '/v2/core/event_destinations/ed_test_1' },
		};
		const text = JSON.stringify(ping, null, 2);
		const r = await deliverThin(text);
		expect(r.event).toMatchObject({ id: 'evt_test_ping_1', object: 'event', type: 'v2.core.event_destination.ping', created: 1796119200, livemode: false, data: { object: { id: 'ed_test_1', object: 'v2.core.event_destination' } } });
		expect(eventRequests()).toHaveLength(before);
		const message = formatStripeEvent(r.event);
		expect(message.text).toMatch(/event_destination|ping/i);
	});

	it('a v1 type without a template is fetched like any other and renders as the generic message', async () => {
		const event = { id: `evt_thin_topup_${Date.now()}`, object: 'event', type: 'topup.created', created: 1764583200, livemode: false, data: { object: { id: 'tu_1', object: 'topup', amount: 500, currency: 'usd' } } };
		const { notification } = sb.stripe.events.record(event);
		const r = await deliverThin(JSON.stringify(notification, null, 2));
		expect(r.event).toEqual(event);
		expect(() => formatStripeEvent(r.event)).not.toThrow();
	});
});
