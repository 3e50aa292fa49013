/**
 * `send-event --thin`: the event is recorded in the sandbox's Stripe and its thin event notification, signed like
 * Stripe signs, is what is posted; the sandbox then serves the event (GET /v1/events/:id) and its Event v2
 * (GET /v2/core/events/:id, with snapshot_event) to a client with a test key.
 */
import Stripe from 'stripe';
import { parseArgs, send } from '../../scripts/send-event';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { objectUrl } from '../../sandbox/stripeEventLog';
import { startHook } from './helpers';

describe('send-event --thin', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 5 });
	});
	afterAll(async () => sb.close());

	test('posts a signed thin notification whose event the sandbox serves', async () => {
		const hook = await startHook((_r, res) => { res.writeHead(200); res.end('{"received":true}'); });
		try {
			const results = await send(parseArgs(['checkout.session.completed', '--thin', '--to', hook.url, '--secret', 'whsec_thin', '--sandbox', sb.url, '--times', '2']), () => undefined);
			expect(results.map((r) => r.status)).toEqual([200, 200]);
			const [a, b] = hook.received;
			expect(a.body).toBe(b.body);
			const header = String(a.headers['stripe-signature']);
			const client = new Stripe('sk_test_sandbox', { host: '127.0.0.1', port: sb.port, protocol: 'http' });
			const n = client.parseEventNotification(a.body, header, 'whsec_thin');
			expect(() => client.parseEventNotification(a.body, header, 'whsec_other')).toThrow(/signature/i);
			const raw = JSON.parse(a.body);
			expect(raw).toMatchObject({
				object: 'v2.core.event',
				type: 'v1.checkout.session.completed',
				livemode: false,
				context: null,
				related_object: { id: 'cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY', type: 'checkout.session', url: '/v1/checkout/sessions/cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY' },
			});
			expect(raw.snapshot_event).toBeUndefined();
			expect(Object.keys(raw)).not.toContain('data');
			const v2 = (await n.fetchEvent()) as unknown as { snapshot_event: string };
			const event = await client.events.retrieve(v2.snapshot_event);
			expect(event).toMatchObject({ object: 'event', type: 'checkout.session.completed', data: { object: { id: raw.related_object.id } } });
			expect(event.id).not.toBe('evt_1Pgc76B7WZ01zgkWCC2FB1A2'); // a fresh id per run, as without --thin
		} finally {
			await hook.close();
		}
	});

	test('without a sandbox --thin stops with the reason; unknown ids are Stripe 404s', async () => {
		await expect(send(parseArgs(['invoice.paid', '--thin', '--to', 'http://127.0.0.1:1/x', '--secret', 's', '--endpoints', '/nonexistent.json']), () => undefined)).rejects.toThrow(/--thin needs the sandbox/);
		const r = await fetch(`${sb.url}/v1/events/evt_nope`, { headers: { authorization: 'Bearer sk_test_sandbox' } });
		expect(r.status).toBe(404);
		expect((await r.json()).error).toMatchObject({ code: 'resource_missing' });
		const v2 = await fetch(`${sb.url}/v2/core/events/evt_nope`);
		expect(v2.status).toBe(401); // no key
		const bad = await fetch(`${sb.url}/_sandbox/stripe/events`, { method: 'POST', body: '{"object":"charge"}' });
		expect(bad.status).toBe(400);
	});

	test('API paths of related objects', () => {
		expect(objectUrl({ id: 'pi_1', object: 'payment_intent' })).toBe('/v1/payment_intents/pi_1');
		expect(objectUrl({ id: 'cs_1', object: 'checkout.session' })).toBe('/v1/checkout/sessions/cs_1');
		expect(objectUrl({ id: 'dp_1', object: 'dispute' })).toBe('/v1/disputes/dp_1');
		expect(objectUrl({ id: 'sub_1', object: 'subscription' })).toBe('/v1/subscriptions/sub_1');
		expect(objectUrl({ id: 'tu_1', object: 'topup' })).toBe('/v1/topups/tu_1');
		expect(objectUrl({ id: 'x' })).toBeUndefined();
	});
});
