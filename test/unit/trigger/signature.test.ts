/**
 * The trigger's webhook method against fixture events signed at test time: only valid deliveries produce
 * workflow data; every rejection gets its status and a JSON {"error"} and is logged without secret or body.
 */
import Stripe from 'stripe';

import { parseSignatureHeader, verifyStripeWebhook } from '../../../nodes/shared/stripe/signature';
import { OLD_SECRET, OTHER_SECRET, SECRET, callWebhook, fixtureText, nowSeconds, sign, v1Of } from './harness';

const body = fixtureText('invoice.paid');
const parsed = JSON.parse(body);

function expectRejected(r: Awaited<ReturnType<typeof callWebhook>>, status: number, reason?: RegExp) {
	expect(r.result.workflowData).toBeUndefined();
	expect(r.result.noWebhookResponse).toBe(true);
	expect(r.res.statusCode).toBe(status);
	const errorBody = r.res.body as { error: string };
	expect(typeof errorBody.error).toBe('string');
	if (reason) expect(errorBody.error).toMatch(reason);
	// logged, without the secret or the body
	const warnings = r.logs.filter((l) => l.level === 'warn');
	expect(warnings.length).toBeGreaterThan(0);
	const logged = JSON.stringify(r.logs);
	for (const secret of [SECRET, OLD_SECRET, OTHER_SECRET]) expect(logged).not.toContain(secret);
	expect(logged).not.toContain(parsed.data.object.id);
}

function expectAccepted(r: Awaited<ReturnType<typeof callWebhook>>, expected: unknown = parsed) {
	expect(r.result.noWebhookResponse).toBeUndefined();
	expect(r.result.workflowData).toHaveLength(1);
	expect(r.result.workflowData![0]).toHaveLength(1);
	expect(r.event).toEqual(expected);
	expect(r.res.headersSent).toBe(false); // n8n answers, not the node
}

describe('valid deliveries', () => {
	it('one secret: the event is output unchanged, one item', async () => {
		expectAccepted(await callWebhook({ body, header: sign(body) }));
	});

	it('every current-shape fixture and every legacy 2012 event verifies', async () => {
		for (const name of ['charge.refunded', 'customer.updated', 'checkout.session.completed', 'payment_intent.payment_failed']) {
			const text = fixtureText(name);
			expectAccepted(await callWebhook({ body: text, header: sign(text) }), JSON.parse(text));
		}
		const legacy = fixtureText('legacy-2012-stripe-java/charge.disputed');
		expectAccepted(await callWebhook({ body: legacy, header: sign(legacy) }), JSON.parse(legacy));
	});

	it('two secrets in the credential: an event signed with the previous one passes', async () => {
		const r = await callWebhook({ body, header: sign(body, OLD_SECRET), credentials: { previousWebhookSecret: OLD_SECRET } });
		expectAccepted(r);
	});

	it('the secret kept from automatic registration is accepted too', async () => {
		const r = await callWebhook({
			body,
			header: sign(body, OTHER_SECRET),
			credentials: { webhookSecret: '' },
			staticData: { endpointId: 'we_1', endpointSecret: OTHER_SECRET },
		});
		expectAccepted(r);
	});

	it('rotation: two v1 signatures in one header, any matching one passes (either order), v0 ignored', async () => {
		const t = nowSeconds();
		const current = v1Of(sign(body, SECRET, t));
		const other = v1Of(sign(body, OTHER_SECRET, t));
		for (const header of [
			`t=${t},v1=${other},v1=${current}`,
			`t=${t},v1=${current},v1=${other}`,
			`t=${t},v1=${other},v1=${current},v0=${'0'.repeat(64)}`,
		]) {
			expectAccepted(await callWebhook({ body, header }));
		}
	});

	it('rotation with the old secret only in the credential and only the new one in use at Stripe', async () => {
		const t = nowSeconds();
		const header = `t=${t},v1=${v1Of(sign(body, OTHER_SECRET, t))},v1=${v1Of(sign(body, OLD_SECRET, t))}`;
		expectAccepted(await callWebhook({ body, header, credentials: { webhookSecret: SECRET, previousWebhookSecret: OLD_SECRET } }));
	});

	it('timestamps inside the tolerance in both directions pass', async () => {
		expectAccepted(await callWebhook({ body, header: sign(body, SECRET, nowSeconds() - 290) }));
		expectAccepted(await callWebhook({ body, header: sign(body, SECRET, nowSeconds() + 290) }));
	});

	it('a configured tolerance widens the window', async () => {
		const header = sign(body, SECRET, nowSeconds() - 1000);
		expectAccepted(await callWebhook({ body, header, options: { toleranceSeconds: 1200 } }));
	});

	it('without n8n’s raw body the re-serialized JSON is tried (verifies only if Stripe signed exactly that)', async () => {
		const compact = JSON.stringify(parsed);
		expectAccepted(await callWebhook({ body: compact, header: sign(compact), noRawBody: true }));
		const r = await callWebhook({ body, header: sign(body), noRawBody: true });
		expectRejected(r, 401, /no v1 signature .* matches/);
	});
});

describe('rejected deliveries start no execution', () => {
	it('wrong secret -> 401', async () => {
		expectRejected(await callWebhook({ body, header: sign(body, OTHER_SECRET) }), 401, /matches the configured signing secret/);
	});

	it('tampered body, one byte changed -> 401', async () => {
		const header = sign(body);
		const i = body.indexOf('"amount_paid": ') + '"amount_paid": '.length;
		const digit = body[i];
		const tampered = body.slice(0, i) + (digit === '9' ? '8' : String(Number(digit) + 1)) + body.slice(i + 1);
		expect(tampered.length).toBe(body.length);
		expect(tampered).not.toBe(body);
		expectRejected(await callWebhook({ body: tampered, header }), 401);
	});

	it('tampered body, same JSON re-serialized -> 401', async () => {
		const header = sign(body);
		const reserialized = JSON.stringify(JSON.parse(body));
		expect(JSON.parse(reserialized)).toEqual(parsed);
		expectRejected(await callWebhook({ body: reserialized, header }), 401);
	});

	it('stale timestamp -> 401', async () => {
		expectRejected(await callWebhook({ body, header: sign(body, SECRET, nowSeconds() - 301 - 5) }), 401, /s old, outside the tolerance of 300 s/);
	});

	it('future timestamp -> 401 (the SDK alone would accept it)', async () => {
		const header = sign(body, SECRET, nowSeconds() + 3600);
		expect(() => Stripe.webhooks.signature!.verifyHeader(body, header, SECRET, 300)).not.toThrow();
		expectRejected(await callWebhook({ body, header }), 401, /in the future/);
	});

	it('stale timestamp with a WRONG secret reports the signature, not the age', async () => {
		expectRejected(await callWebhook({ body, header: sign(body, OTHER_SECRET, nowSeconds() - 3600) }), 401, /matches/);
	});

	it('missing header -> 400', async () => {
		expectRejected(await callWebhook({ body }), 400, /missing/);
		expectRejected(await callWebhook({ body, header: '' }), 400, /missing/);
	});

	it.each([
		['garbage', 'not-a-signature'],
		['no timestamp', `v1=${'a'.repeat(64)}`],
		['non-numeric timestamp', `t=abc,v1=${'a'.repeat(64)}`],
		['no v1', `t=${Math.floor(Date.now() / 1000)}`],
		['only v0', `t=${Math.floor(Date.now() / 1000)},v0=${'a'.repeat(64)}`],
		['v1 not hex', `t=${Math.floor(Date.now() / 1000)},v1=zzzz`],
		['two timestamps', `t=1,t=2,v1=${'a'.repeat(64)}`],
	])('malformed header (%s) -> 400', async (_label, header) => {
		expectRejected(await callWebhook({ body, header }), 400);
	});

	it('oversized body -> 413, checked before anything else', async () => {
		const big = JSON.stringify({ ...parsed, padding: 'x'.repeat(3000) });
		expectRejected(await callWebhook({ body: big, header: sign(big), options: { maxBodyKb: 2 } }), 413, /more than the allowed 2048 bytes/);
		expectRejected(await callWebhook({ body: big, options: { maxBodyKb: 2 } }), 413);
		// default limit 1 MiB
		const huge = JSON.stringify({ ...parsed, padding: 'x'.repeat(1024 * 1024) });
		expectRejected(await callWebhook({ body: huge, header: sign(huge) }), 413);
	});

	it('non-JSON body (correctly signed) -> 400', async () => {
		const text = 'id=evt_1&type=invoice.paid';
		expectRejected(await callWebhook({ body: text, header: sign(text) }), 400, /not valid JSON/);
	});

	it('empty body -> 400', async () => {
		expectRejected(await callWebhook({ body: '', header: sign('x') }), 400);
	});

	it('JSON that is not a Stripe event -> 422', async () => {
		for (const text of ['{"hello":"world"}', '[1,2]', '{"id":"evt_1","type":"x","object":"v2.event"}', '"evt"']) {
			expectRejected(await callWebhook({ body: text, header: sign(text) }), 422, /not a Stripe event|not an object/);
		}
	});

	it('no secret anywhere -> 401: unsigned or signed requests are never accepted', async () => {
		const r = await callWebhook({ body, header: sign(body), credentials: { webhookSecret: '', previousWebhookSecret: '' } });
		expectRejected(r, 401, /no webhook signing secret is configured/);
	});
});

describe('pure verify core', () => {
	it('parses headers strictly', () => {
		expect(parseSignatureHeader(`t=12,v1=${'A'.repeat(64)}, v1=${'b'.repeat(64)},v0=xyz,foo=bar`)).toEqual({
			timestamp: 12,
			v1: ['a'.repeat(64), 'b'.repeat(64)],
		});
		expect(typeof parseSignatureHeader('t=12')).toBe('string');
	});

	it('reports which secret matched and uses the injected clock', () => {
		const t = 1_700_000_000;
		const header = sign(body, OLD_SECRET, t);
		const r = verifyStripeWebhook({ rawBody: body, header, secrets: ['', SECRET, SECRET, OLD_SECRET], nowMs: t * 1000 + 1000 });
		expect(r).toMatchObject({ ok: true, secretIndex: 1, timestamp: t });
		const late = verifyStripeWebhook({ rawBody: body, header, secrets: [OLD_SECRET], nowMs: (t + 301) * 1000 });
		expect(late).toMatchObject({ ok: false, status: 401, code: 'timestamp_too_old' });
		const early = verifyStripeWebhook({ rawBody: body, header, secrets: [OLD_SECRET], nowMs: (t - 301) * 1000 });
		expect(early).toMatchObject({ ok: false, status: 401, code: 'timestamp_in_future' });
		const edge = verifyStripeWebhook({ rawBody: body, header, secrets: [OLD_SECRET], nowMs: (t - 300) * 1000 });
		expect(edge.ok).toBe(true);
	});

	it('decides "too old" from the timestamp, never from the SDK\'s error text', () => {
		const t = 1_700_000_000;
		const header = sign(body, SECRET, t);
		// An SDK error that reads like an age problem, for a request that is neither old nor signed with a
		// configured secret, must not count as a matching signature.
		const spy = jest.spyOn(Stripe.webhooks.signature!, 'verifyHeader').mockImplementation(() => {
			throw new Error('Timestamp outside the tolerance zone');
		});
		try {
			const r = verifyStripeWebhook({ rawBody: body, header, secrets: [SECRET], nowMs: t * 1000 });
			expect(r).toMatchObject({ ok: false, status: 401, code: 'no_matching_signature' });
			expect(spy.mock.calls[0][3]).toBe(0); // the SDK's own age check is off
		} finally {
			spy.mockRestore();
		}
		// One second past the tolerance is too old, exactly at it is not: the boundary is the timestamp's.
		expect(verifyStripeWebhook({ rawBody: body, header, secrets: [SECRET], toleranceSeconds: 60, nowMs: (t + 61) * 1000 })).toMatchObject({ code: 'timestamp_too_old' });
		expect(verifyStripeWebhook({ rawBody: body, header, secrets: [SECRET], toleranceSeconds: 60, nowMs: (t + 60) * 1000 }).ok).toBe(true);
	});

	it('accepts a Buffer and a Uint8Array raw body alike', () => {
		const header = sign(body);
		expect(verifyStripeWebhook({ rawBody: Buffer.from(body), header, secrets: [SECRET] }).ok).toBe(true);
		expect(verifyStripeWebhook({ rawBody: new Uint8Array(Buffer.from(body)), header, secrets: [SECRET] }).ok).toBe(true);
	});
});
