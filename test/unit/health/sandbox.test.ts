/**
 * Endpoint health through the real stripe SDK (createStripeClient, as the triggers make it) against the sandbox's
 * Stripe over HTTP, with one fake clock for both: the sandbox disables the endpoint as Stripe does after failed
 * deliveries → one alert over five 10-minute checks → enabled again → one recovery note; failed deliveries recorded
 * in the event log → one alert; event types taken off the endpoint → one alert; each notice formatted into valid
 * Block Kit. (The same on a real n8n needs the triggers' schedule: see the report of #27.)
 */
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { createStripeClient } from '../../../nodes/shared/stripeClient';
import { checkEndpointHealth, type EndpointHealthDeps, type HealthCheckResult } from '../../../nodes/shared/stripe/endpointHealth';
import { MemoryHealthStore } from '../../../nodes/shared/stripe/endpointHealthStore';
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { validateMessage } from '../../../nodes/shared/format/limits';
import { postJson } from '../../sandbox/helpers';
import type { Stripe } from '../../../nodes/shared/sdkTypes';

const TYPES = ['invoice.paid', 'invoice.payment_failed', 'charge.refunded'];

describe('endpoint health against the sandbox Stripe', () => {
	let sb: Sandbox;
	let stripe: Stripe;
	let ms = Date.UTC(2026, 11, 6, 12, 0, 0);
	const now = () => ms;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 0, now });
		stripe = createStripeClient({ secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url }, { maxNetworkRetries: 0 });
	});
	afterAll(() => sb.close());

	async function endpoint(): Promise<{ id: string; deps: EndpointHealthDeps; tick: (n?: number) => Promise<HealthCheckResult[]> }> {
		const ep = await stripe.webhookEndpoints.create({ url: 'https://n8n.example.com/webhook/abc/webhook', enabled_events: TYPES as Stripe.WebhookEndpointCreateParams.EnabledEvent[] });
		const deps: EndpointHealthDeps = { stripe, endpointId: ep.id, eventTypes: TYPES, store: new MemoryHealthStore(), now, catchUpEveryMinutes: 10 };
		const tick = async (n = 1) => {
			const out: HealthCheckResult[] = [];
			for (let i = 0; i < n; i++) {
				out.push(await checkEndpointHealth(deps));
				ms += 600_000;
			}
			expect(out.map((r) => r.error).filter(Boolean)).toEqual([]);
			return out;
		};
		return { id: ep.id, deps, tick };
	}
	const notices = (rs: HealthCheckResult[]) => rs.map((r) => r.notice).filter((n): n is NonNullable<typeof n> => !!n);

	it('disabled by Stripe: one alert in five checks; enabled again: one recovery note', async () => {
		const { id, tick } = await endpoint();
		expect(notices(await tick(2))).toEqual([]);
		await postJson(`${sb.url}/_sandbox/stripe/webhook_endpoints/${id}`, { status: 'disabled' });
		const down = notices(await tick(5));
		expect(down.map((n) => n.type)).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(down[0].data).toMatchObject({ endpointId: id, problems: ['disabled'] });
		const alert = formatStripeEvent(down[0], { timeZone: 'UTC', now: ms });
		expect(validateMessage(alert.blocks, alert.text)).toEqual([]);
		expect(alert.text).toContain(`Stripe disabled the webhook endpoint ${id} — events are not delivered; n8n catches up every 10 minutes, but fix it in the Dashboard`);
		expect(alert.metadata).toMatchObject({ severity: 'critical', object_id: id, amount: null });
		// re-enabled as a user would, through the API (the sandbox's control does the same)
		await stripe.webhookEndpoints.update(id, { disabled: false });
		const up = notices(await tick(4));
		expect(up.map((n) => n.type)).toEqual(['stripe_slack.endpoint_recovered']);
		const note = formatStripeEvent(up[0], { timeZone: 'UTC', now: ms });
		expect(validateMessage(note.blocks, note.text)).toEqual([]);
		expect(note.metadata.object_id).toBe(id); // threads under the alert
	});

	it('the sandbox control re-enables too; a deleted endpoint is missing', async () => {
		const { id, tick } = await endpoint();
		await postJson(`${sb.url}/_sandbox/stripe/webhook_endpoints/${id}`, { status: 'disabled' });
		expect(notices(await tick(2)).map((n) => n.type)).toEqual(['stripe_slack.endpoint_unhealthy']);
		await postJson(`${sb.url}/_sandbox/stripe/webhook_endpoints/${id}`, { status: 'enabled' });
		expect(notices(await tick(2)).map((n) => n.type)).toEqual(['stripe_slack.endpoint_recovered']);
		await stripe.webhookEndpoints.del(id);
		const gone = notices(await tick(3));
		expect(gone.map((n) => n.data)).toEqual([expect.objectContaining({ problems: ['missing'] })]);
	});

	it('failed deliveries in the event log: one alert, then recovery when a window has none', async () => {
		const { tick } = await endpoint();
		await tick(1);
		const created = Math.floor(ms / 1000) - 300;
		const rec = await postJson(`${sb.url}/_sandbox/stripe/events`, { type: 'invoice.paid', count: 4, delivery: 'failed', created, spacing: 10 });
		expect(rec.count).toBe(4);
		const r = notices(await tick(3));
		expect(r.map((n) => [n.type, n.data.problems, n.data.failingDeliveries])).toEqual([['stripe_slack.endpoint_unhealthy', ['delivery_failing'], 4]]);
		const m = formatStripeEvent(r[0], { timeZone: 'UTC', now: ms });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(m.text).toContain('4 events since the last check could not be delivered');
		// deliveries succeed again: an event delivered in the next window
		await postJson(`${sb.url}/_sandbox/stripe/events`, { type: 'charge.refunded', count: 1, delivery: 'succeeded', created: Math.floor(ms / 1000) - 300 });
		expect(notices(await tick(3)).map((n) => n.type)).toEqual(['stripe_slack.endpoint_recovered']);
	});

	it('event types taken off the endpoint: one alert naming them', async () => {
		const { id, tick } = await endpoint();
		await tick(1);
		await stripe.webhookEndpoints.update(id, { enabled_events: ['invoice.paid'] });
		const r = notices(await tick(3));
		expect(r.map((n) => n.data.missingTypes)).toEqual([['charge.refunded', 'invoice.payment_failed']]);
		const m = formatStripeEvent(r[0], { timeZone: 'UTC', now: ms });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(m.text).toContain('no longer sends 2 of the trigger’s event types: charge.refunded, invoice.payment_failed');
	});
});
