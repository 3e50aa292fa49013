/** The Stripe half of the sandbox, driven by the official `stripe` SDK (v23) where possible. */
import Stripe from 'stripe';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ACTION_OBJECTS } from '../../sandbox/stripeEvents';
import { getJson, postJson } from './helpers';

const CHARGE = 'ch_1PgafuB7WZ01zgkWXYmPNZs8';
const INVOICE = 'in_1Pgc6tB7WZ01zgkWu9fdqL6I';
const SUB = 'sub_1Pgc6rB7WZ01zgkWNy0Cn5nw';
const DISPUTE = 'dp_1Pgc71B7WZ01zgkWMevJiAUx';
const PI = 'pi_1PgafyB7WZ01zgkWSjxsAJo3';
const CUSTOMER = 'cus_QXg1o8vcGmoR32';

describe('Stripe API subset', () => {
	let sb: Sandbox;
	let stripe: Stripe;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 250 });
		stripe = new Stripe('sk_test_sandbox', { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 2 });
	});
	afterAll(() => sb.close());
	beforeEach(() => postJson(`${sb.url}/_sandbox/reset`, {}));

	test('every object id used in the fixture events is retrievable', async () => {
		expect((await stripe.charges.retrieve(CHARGE)).id).toBe(CHARGE);
		expect((await stripe.invoices.retrieve(INVOICE)).status).toBe('open');
		expect((await stripe.subscriptions.retrieve(SUB)).status).toBe('active');
		expect((await stripe.disputes.retrieve(DISPUTE)).id).toBe(DISPUTE);
		expect((await stripe.paymentIntents.retrieve(PI)).latest_charge).toBe(CHARGE);
		expect((await stripe.customers.retrieve(CUSTOMER)).id).toBe(CUSTOMER);
	});

	test('two refunds sharing an Idempotency-Key create one refund; the replay is marked', async () => {
		const a = await stripe.refunds.create({ charge: CHARGE }, { idempotencyKey: 'refund-key-1' });
		const b = await stripe.refunds.create({ charge: CHARGE }, { idempotencyKey: 'refund-key-1' });
		expect(b.id).toBe(a.id);
		expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
		expect(b.lastResponse.requestId).toMatch(/^req_/);
		const charge = await stripe.charges.retrieve(CHARGE);
		expect(charge.refunded).toBe(true);
		expect(charge.refunds!.data).toHaveLength(1);
		const log = (await getJson(`${sb.url}/_sandbox/stripe/requests`)).requests.filter((r: any) => r.path === '/v1/refunds');
		expect(log).toEqual([
			{ method: 'POST', path: '/v1/refunds', params: { charge: CHARGE }, idempotencyKey: 'refund-key-1', status: 200 },
			{ method: 'POST', path: '/v1/refunds', params: { charge: CHARGE }, idempotencyKey: 'refund-key-1', status: 200 },
		]);
	});

	test('concurrent requests with one key still make one refund', async () => {
		const rs = await Promise.all(Array.from({ length: 5 }, () => stripe.refunds.create({ charge: CHARGE }, { idempotencyKey: 'same' })));
		expect(new Set(rs.map((r) => r.id)).size).toBe(1);
		expect((await stripe.charges.retrieve(CHARGE)).refunds!.data).toHaveLength(1);
	});

	test('same key with other parameters is an idempotency_error; a new key on a refunded charge is charge_already_refunded', async () => {
		await stripe.refunds.create({ charge: CHARGE, amount: 40 }, { idempotencyKey: 'k2' });
		await expect(stripe.refunds.create({ charge: CHARGE, amount: 50 }, { idempotencyKey: 'k2' })).rejects.toMatchObject({
			type: 'StripeIdempotencyError', statusCode: 400,
		});
		await expect(stripe.refunds.create({ charge: CHARGE, amount: 61 })).rejects.toMatchObject({ code: 'amount_too_large', statusCode: 400 });
		await stripe.refunds.create({ charge: CHARGE });
		await expect(stripe.refunds.create({ charge: CHARGE }, { idempotencyKey: 'k3' })).rejects.toMatchObject({
			type: 'StripeInvalidRequestError', code: 'charge_already_refunded', statusCode: 400,
		});
		// a refund by payment intent goes to its latest charge
		await expect(stripe.refunds.create({ payment_intent: PI })).rejects.toMatchObject({ code: 'charge_already_refunded' });
	});

	test('errors have Stripe\'s shape and statuses', async () => {
		await expect(stripe.charges.retrieve('ch_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', type: 'StripeInvalidRequestError' });
		const bad = new Stripe('sk_live_nope', { host: '127.0.0.1', port: sb.port, protocol: 'http' });
		await expect(bad.balance.retrieve()).rejects.toMatchObject({ statusCode: 401, type: 'StripeAuthenticationError' });
		const raw = await fetch(`${sb.url}/v1/balance`);
		expect(raw.status).toBe(401);
		expect((await raw.json()).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('API key') });
		expect(raw.headers.get('request-id')).toMatch(/^req_/);
		const body = await (await fetch(`${sb.url}/v1/nothing`, { headers: { Authorization: 'Bearer sk_test_sandbox' } })).json();
		expect(body.error.message).toMatch(/Unrecognized request URL/);
		await expect(stripe.invoices.pay('in_sandbox_card_declined')).rejects.toMatchObject({ statusCode: 402, type: 'StripeCardError', code: 'card_declined' });
	});

	test('invoices pay and send, subscriptions update and cancel, disputes update and close', async () => {
		expect((await stripe.invoices.sendInvoice(INVOICE)).status).toBe('open');
		expect((await stripe.invoices.pay(INVOICE)).status).toBe('paid');
		await expect(stripe.invoices.pay(INVOICE)).rejects.toMatchObject({ statusCode: 400 });
		expect((await stripe.subscriptions.update(SUB, { cancel_at_period_end: true })).cancel_at_period_end).toBe(true);
		expect((await stripe.subscriptions.cancel(SUB)).status).toBe('canceled');
		await expect(stripe.subscriptions.update(SUB, { cancel_at_period_end: false })).rejects.toMatchObject({ statusCode: 400 });
		expect((await stripe.disputes.update(DISPUTE, { evidence: { uncategorized_text: 'proof' }, metadata: { by: 'U_ALICE' } })).evidence.uncategorized_text).toBe('proof');
		expect((await stripe.disputes.close(DISPUTE)).status).toMatch(/lost|closed/);
		await expect(stripe.disputes.close(DISPUTE)).rejects.toMatchObject({ statusCode: 400 });
	});

	test('Radar: a review approves once; an early fraud warning and a review close when their charge is refunded', async () => {
		const review = await stripe.reviews.retrieve(ACTION_OBJECTS.review);
		expect(review).toMatchObject({ open: true, reason: 'rule', charge: ACTION_OBJECTS.reviewCharge });
		const approved = await stripe.reviews.approve(ACTION_OBJECTS.review, {}, { idempotencyKey: 'approve-1' });
		expect(approved).toMatchObject({ open: false, closed_reason: 'approved', reason: 'approved' });
		const replay = await stripe.reviews.approve(ACTION_OBJECTS.review, {}, { idempotencyKey: 'approve-1' });
		expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
		await expect(stripe.reviews.approve(ACTION_OBJECTS.review)).rejects.toMatchObject({ statusCode: 400, code: 'review_already_closed', type: 'StripeInvalidRequestError' });
		await expect(stripe.reviews.approve('prv_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });

		const warning = await stripe.radar.earlyFraudWarnings.retrieve(ACTION_OBJECTS.earlyFraudWarning);
		expect(warning).toMatchObject({ actionable: true, charge: ACTION_OBJECTS.fraudCharge, fraud_type: 'made_with_stolen_card' });
		expect((await stripe.radar.earlyFraudWarnings.list({ charge: ACTION_OBJECTS.fraudCharge })).data.map((w) => w.id)).toEqual([warning.id]);
		const refund = await stripe.refunds.create({ charge: ACTION_OBJECTS.fraudCharge, reason: 'fraudulent' });
		expect(refund).toMatchObject({ amount: 12345, reason: 'fraudulent', status: 'succeeded' });
		expect((await stripe.radar.earlyFraudWarnings.retrieve(ACTION_OBJECTS.earlyFraudWarning)).actionable).toBe(false);
		await expect(stripe.refunds.create({ charge: ACTION_OBJECTS.fraudCharge })).rejects.toMatchObject({ code: 'charge_already_refunded' });
		// a review whose charge is refunded closes as refunded (as fraud with that reason)
		await postJson(`${sb.url}/_sandbox/reset`, {});
		await stripe.refunds.create({ charge: ACTION_OBJECTS.reviewCharge, reason: 'fraudulent' });
		expect(await stripe.reviews.retrieve(ACTION_OBJECTS.review)).toMatchObject({ open: false, closed_reason: 'refunded_as_fraud' });
		await expect(stripe.radar.earlyFraudWarnings.retrieve('issfr_missing')).rejects.toMatchObject({ statusCode: 404 });
	});

	test('capture: requires_capture → succeeded with amount_received, once; void: open → void, never paid or voided again', async () => {
		const pi = await stripe.paymentIntents.retrieve(ACTION_OBJECTS.uncapturedPayment);
		expect(pi).toMatchObject({ status: 'requires_capture', amount_capturable: 5000, amount_received: 0 });
		await expect(stripe.paymentIntents.capture(pi.id, { amount_to_capture: 6000 })).rejects.toMatchObject({ statusCode: 400, code: 'amount_too_large' });
		const captured = await stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: 'cap-1' });
		expect(captured).toMatchObject({ status: 'succeeded', amount_received: 5000, amount_capturable: 0 });
		expect((await stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: 'cap-1' })).lastResponse.headers['idempotent-replayed']).toBe('true');
		await expect(stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: 'cap-2' })).rejects.toMatchObject({
			statusCode: 400,
			code: 'payment_intent_unexpected_state',
			message: 'This PaymentIntent could not be captured because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
		});
		await expect(stripe.paymentIntents.capture(pi.id, { amount_to_capture: 10 }, { idempotencyKey: 'cap-1' })).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
		expect(await stripe.charges.retrieve(ACTION_OBJECTS.uncapturedCharge)).toMatchObject({ captured: true, amount_captured: 5000 });

		const inv = ACTION_OBJECTS.overdueInvoice;
		expect((await stripe.invoices.retrieve(inv)).status).toBe('open');
		const voided = await stripe.invoices.voidInvoice(inv, {}, { idempotencyKey: 'void-1' });
		expect(voided).toMatchObject({ status: 'void', amount_remaining: 0 });
		expect(voided.status_transitions.voided_at).toEqual(expect.any(Number));
		expect((await stripe.invoices.voidInvoice(inv, {}, { idempotencyKey: 'void-1' })).lastResponse.headers['idempotent-replayed']).toBe('true');
		await expect(stripe.invoices.voidInvoice(inv)).rejects.toMatchObject({ statusCode: 400, code: 'invoice_not_open', message: expect.stringContaining('This invoice is void') });
		await expect(stripe.invoices.pay(inv)).rejects.toMatchObject({ statusCode: 400, code: 'invoice_not_open' });
		await expect(stripe.invoices.sendInvoice(inv)).rejects.toMatchObject({ statusCode: 400, code: 'invoice_not_open' });
		await expect(stripe.invoices.voidInvoice('in_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
		// the invoice that needs authentication is open and can be sent (the hosted invoice page)
		const sent = await stripe.invoices.sendInvoice(ACTION_OBJECTS.authenticationInvoice, {}, { idempotencyKey: 'send-1' });
		expect(sent).toMatchObject({ status: 'open', hosted_invoice_url: expect.stringMatching(/^https:\/\/invoice\.stripe\.com\//) });
	});

	test('balance and balance transactions: seeded, several currencies, paginated, created filters', async () => {
		const bal = await stripe.balance.retrieve();
		expect(bal.available.map((b) => b.currency).sort()).toEqual(expect.arrayContaining(['eur', 'gbp', 'usd']));
		const all: Stripe.BalanceTransaction[] = [];
		for await (const t of stripe.balanceTransactions.list({ limit: 100 })) all.push(t);
		expect(all).toHaveLength(250);
		expect(new Set(all.map((t) => t.id)).size).toBe(250);
		expect(all.every((t, i) => i === 0 || all[i - 1].created >= t.created)).toBe(true);
		const first = await stripe.balanceTransactions.list({ limit: 3 });
		expect(first.has_more).toBe(true);
		const next = await stripe.balanceTransactions.list({ limit: 3, starting_after: first.data[2].id });
		expect(next.data[0].id).toBe(all[3].id);
		const mid = all[80].created; // fewer than 100 newer ones, so one page holds them
		const recent = await stripe.balanceTransactions.list({ limit: 100, created: { gte: mid } });
		expect(recent.data.every((t) => t.created >= mid)).toBe(true);
		expect(recent.data.length).toBe(all.filter((t) => t.created >= mid).length);
		const older = await stripe.balanceTransactions.list({ limit: 100, created: { lt: mid } });
		expect(older.data.every((t) => t.created < mid)).toBe(true);
		// deterministic: same seed, same data
		const again = await startSandbox({ port: 0, seedTransactions: 250 });
		try {
			expect(again.stripe.balanceTransactions.map((t) => [t.id, t.amount])).toEqual(sb.stripe.balanceTransactions.map((t) => [t.id, t.amount]));
		} finally {
			await again.close();
		}
		const charges = await stripe.charges.list({ limit: 5 });
		expect(charges.data).toHaveLength(5);
	});

	test('webhook endpoints: create, list, delete', async () => {
		const ep = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:5678/webhook/x', enabled_events: ['invoice.payment_failed', 'charge.refunded'] });
		expect(ep.secret).toMatch(/^whsec_/);
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toContain(ep.id);
		expect((await stripe.webhookEndpoints.del(ep.id)).deleted).toBe(true);
		expect((await stripe.webhookEndpoints.list()).data).toHaveLength(0);
		await expect(stripe.webhookEndpoints.create({ url: 'x' } as any)).rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing' });
	});

	test('fault injection: 5xx is retried by the SDK with the same key and still makes one refund', async () => {
		await postJson(`${sb.url}/_sandbox/faults`, { stripe: { fail5xx: 1 } });
		const failing = new Stripe('sk_test_sandbox', { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 1 });
		await expect(failing.balance.retrieve()).rejects.toMatchObject({ statusCode: 500, type: 'StripeAPIError' });
		await postJson(`${sb.url}/_sandbox/faults`, { stripe: { fail5xx: 0.5 } });
		const retrying = new Stripe('sk_test_sandbox', { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 20 });
		const r = await retrying.refunds.create({ charge: CHARGE });
		await postJson(`${sb.url}/_sandbox/faults`, {});
		const ch = await stripe.charges.retrieve(CHARGE);
		expect(ch.refunds!.data.map((x) => x.id)).toEqual([r.id]);
		const keys = (await getJson(`${sb.url}/_sandbox/stripe/requests`)).requests.filter((x: any) => x.path === '/v1/refunds').map((x: any) => x.idempotencyKey);
		expect(new Set(keys).size).toBe(1); // the SDK retried with its own generated key
	}, 30000);
});
