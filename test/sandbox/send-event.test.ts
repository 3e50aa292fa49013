/** scripts/send-event.ts: Stripe-style signatures (checked here independently), --times, target selection. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchWebhooks, parseArgs, send } from '../../scripts/send-event';
import { startHook } from './helpers';

/** Stripe's documented scheme: header `t=..,v1=..`, v1 = HMAC-SHA256(secret, `${t}.${payload}`). */
function verifyStripe(payload: string, header: string, secret: string): boolean {
	const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=') as [string, string]));
	const expected = createHmac('sha256', secret).update(`${parts.t}.${payload}`).digest('hex');
	return !!parts.v1 && parts.v1.length === expected.length && timingSafeEqual(Buffer.from(parts.v1), Buffer.from(expected)) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

describe('send-event', () => {
	test('signs like Stripe and posts the same event n times concurrently', async () => {
		const hook = await startHook((_r, res) => { res.writeHead(200); res.end('{"received":true}'); });
		try {
			const results = await send(parseArgs(['invoice.payment_failed', '--to', hook.url, '--times', '3', '--secret', 'whsec_test']), () => undefined);
			expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
			expect(hook.received).toHaveLength(3);
			const [a, b, c] = hook.received;
			expect(a.body).toBe(b.body);
			expect(b.body).toBe(c.body);
			expect(a.headers['stripe-signature']).toBe(c.headers['stripe-signature']);
			expect(verifyStripe(a.body, String(a.headers['stripe-signature']), 'whsec_test')).toBe(true);
			expect(verifyStripe(a.body, String(a.headers['stripe-signature']), 'whsec_other')).toBe(false);
			const ev = JSON.parse(a.body);
			expect(ev).toMatchObject({ object: 'event', type: 'invoice.payment_failed', data: { object: { id: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I' } } });
			expect(ev.id).not.toBe('evt_1PgcHzB7WZ01zgkWaWdwGtHk'); // fresh id per run
		} finally {
			await hook.close();
		}
	});

	test('--keep-id sends the fixture verbatim; a json file works too', async () => {
		const hook = await startHook((_r, res) => { res.writeHead(204); res.end(); });
		try {
			const file = join(__dirname, '..', 'fixtures', 'stripe', 'charge.refunded.json');
			await send(parseArgs([file, '--to', hook.url, '--secret', 's', '--keep-id']), () => undefined);
			const fixture = require(file);
			expect(JSON.parse(hook.received[0].body)).toEqual(fixture);
		} finally {
			await hook.close();
		}
	});

	test('without --to it uses .dev/endpoints.json: secret and the webhooks whose names suggest the event', async () => {
		const hook = await startHook((_r, res) => { res.writeHead(200); res.end(); });
		try {
			const dir = mkdtempSync(join(tmpdir(), 'send-event-'));
			const endpoints = join(dir, 'endpoints.json');
			writeFileSync(endpoints, JSON.stringify({
				n8n: 'http://127.0.0.1:5678', sandbox: null, stripeWebhookSecret: 'whsec_from_file', slackSigningSecret: 'x', owner: {},
				webhooks: { 'failed-payments': `${hook.url}?t=failed`, disputes: `${hook.url}?t=disputes`, actions: `${hook.url}?t=actions` },
			}));
			await send(parseArgs(['charge.dispute.created', '--endpoints', endpoints]), () => undefined);
			expect(hook.received).toHaveLength(1);
			expect(verifyStripe(hook.received[0].body, String(hook.received[0].headers['stripe-signature']), 'whsec_from_file')).toBe(true);
			await expect(send(parseArgs(['customer.updated', '--endpoints', endpoints]), () => undefined)).rejects.toThrow(/--to/);
			await expect(send(parseArgs(['charge.succeeded', '--endpoints', join(dir, 'missing.json'), '--secret', 's']), () => undefined)).rejects.toThrow(/--to/);
		} finally {
			await hook.close();
		}
	});

	test('template names that suggest an event', () => {
		const hooks = { 'failed-payments': 'a', 'billing-alerts': 'b', disputes: 'c', 'daily-revenue': 'd', actions: 'e', 'disputes:slackTrigger': 'f' };
		const names = (t: string) => matchWebhooks(t, hooks).map(([n]) => n).sort();
		expect(names('invoice.payment_failed')).toEqual(['billing-alerts', 'failed-payments']);
		expect(names('charge.dispute.created')).toEqual(['disputes']);
		expect(names('payment_intent.payment_failed')).toEqual(['failed-payments']);
		expect(names('customer.subscription.deleted')).toEqual(['billing-alerts', 'daily-revenue']);
		expect(() => parseArgs([])).toThrow(/Usage/);
		expect(() => parseArgs(['x', '--times', '0'])).toThrow(/--times/);
	});
});

/** Every event type of issue #26 item 2: `npm run send-event -- <type>` sends it, and the sandbox holds its objects. */
const ISSUE_26_TYPES = [
	'invoice.overdue', 'invoice.will_be_due', 'invoice.finalization_failed', 'invoice.marked_uncollectible', 'invoice.payment_action_required',
	'invoice.voided', 'invoice.finalized', 'invoice.sent', 'invoice.overpaid',
	'customer.subscription.trial_will_end', 'customer.subscription.paused', 'customer.subscription.resumed', 'customer.subscription.pending_update_expired',
	'subscription_schedule.canceled',
	'radar.early_fraud_warning.created', 'review.opened', 'review.closed',
	'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated', 'charge.dispute.closed',
	'refund.failed', 'charge.refund.updated',
	'payment_method.automatically_updated', 'customer.source.expiring', 'setup_intent.setup_failed',
	'checkout.session.async_payment_failed', 'checkout.session.async_payment_succeeded', 'checkout.session.expired',
	'payment_intent.requires_action', 'payment_intent.canceled', 'payment_intent.processing', 'payment_intent.amount_capturable_updated',
	'charge.captured', 'charge.expired', 'charge.pending',
	'payout.created', 'payout.canceled', 'payout.failed', 'balance.available', 'topup.failed', 'transfer.reversed',
	'credit_note.created', 'quote.accepted',
];

describe('the event types of issue #26', () => {
	const { listEventTypes } = require('../../scripts/send-event') as typeof import('../../scripts/send-event');
	const { startSandbox } = require('../../sandbox/server') as typeof import('../../sandbox/server');
	const PLACEHOLDER = 1234567890;

	it('are all listed, sent signed like Stripe, in the current shape, and their objects (and what they refer to) are in the sandbox', async () => {
		expect(ISSUE_26_TYPES).toHaveLength(43);
		expect(listEventTypes()).toEqual(expect.arrayContaining(ISSUE_26_TYPES));
		const hook = await startHook((_r, res) => { res.writeHead(200); res.end(); });
		const sb = await startSandbox({ port: 0, seedTransactions: 5 });
		try {
			for (const type of ISSUE_26_TYPES) {
				const [r] = await send(parseArgs([type, '--to', hook.url, '--secret', 'whsec_test']), () => undefined);
				expect([type, r.status]).toEqual([type, 200]);
				const body = hook.received[hook.received.length - 1].body;
				expect(verifyStripe(body, String(hook.received[hook.received.length - 1].headers['stripe-signature']), 'whsec_test')).toBe(true);
				const ev = JSON.parse(body);
				expect(ev).toMatchObject({ object: 'event', type, livemode: false, api_version: '2026-07-29.dahlia', request: { id: null } });
				expect(body).not.toContain(String(PLACEHOLDER)); // every placeholder time was set
				const o = ev.data.object;
				expect([type, o.livemode ?? false]).toEqual([type, false]); // a card has no livemode of its own
				if (o.object === 'balance') continue;
				// the sandbox holds the very object, in the state the event shows, and the objects it points at
				const held = sb.stripe.objects.get(o.id);
				expect([type, held?.object, held?.status ?? null]).toEqual([type, o.object, o.status ?? null]);
				for (const ref of ['charge', 'customer', 'latest_charge', 'invoice']) {
					if (typeof o[ref] === 'string' && /^(ch|cus|in)_/.test(o[ref])) expect([type, ref, sb.stripe.objects.has(o[ref])]).toEqual([type, ref, true]);
				}
			}
		} finally {
			await hook.close();
			await sb.close();
		}
	});

	it('put the button objects in their actionable state', async () => {
		const { ACTION_OBJECTS: O, buildEvent } = require('../../sandbox/stripeEvents') as typeof import('../../sandbox/stripeEvents');
		const sb = await startSandbox({ port: 0, seedTransactions: 5 });
		try {
			const get = (id: string) => sb.stripe.objects.get(id)!;
			expect(get(O.review)).toMatchObject({ object: 'review', open: true, charge: O.reviewCharge });
			expect(get(O.earlyFraudWarning)).toMatchObject({ actionable: true, charge: O.fraudCharge });
			expect(get(O.fraudCharge)).toMatchObject({ refunded: false, amount: 12345 });
			expect(get(O.uncapturedPayment)).toMatchObject({ status: 'requires_capture', amount_capturable: 5000, latest_charge: O.uncapturedCharge });
			expect(get(O.overdueInvoice)).toMatchObject({ status: 'open', amount_due: 12345 });
			expect(get(O.authenticationInvoice)).toMatchObject({ status: 'open', hosted_invoice_url: expect.stringMatching(/^https:\/\/invoice\.stripe\.com\//) });
			const now = 1_800_000_000;
			const overdue = buildEvent('invoice.overdue', now).data.object;
			expect(overdue.due_date).toBe(now - 12 * 86400);
			expect(buildEvent('customer.subscription.trial_will_end', now).data.object.trial_end).toBe(now + 3 * 86400);
			expect(() => buildEvent('nope.nothing')).toThrow(/No sandbox event builder/);
		} finally {
			await sb.close();
		}
	});
});

describe('routing by the templates\' trigger event types', () => {
	const { routeByTriggerEvents } = require('../../scripts/send-event') as typeof import('../../scripts/send-event');
	const hooks = { payments: 'http://x/p', subscriptions: 'http://x/s', disputes: 'http://x/d', actions: 'http://x/a', everything: 'http://x/e' };
	const events = {
		payments: ['payment_intent.*', 'charge.succeeded', 'charge.failed'],
		subscriptions: ['customer.subscription.*', 'invoice.payment_failed'],
		disputes: ['charge.dispute.*'],
		everything: [],
	};
	const names = (t: string) => routeByTriggerEvents(t, hooks, events).map(([n]) => n).sort();

	it('sends an event only to the templates whose trigger takes it', () => {
		expect(names('invoice.payment_failed')).toEqual(['everything', 'subscriptions']);
		expect(names('payment_intent.payment_failed')).toEqual(['everything', 'payments']);
		expect(names('charge.dispute.created')).toEqual(['disputes', 'everything']);
		expect(names('payout.paid')).toEqual(['everything']);
	});
});
