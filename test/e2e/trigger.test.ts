/**
 * The Stripe Signed Trigger on the real n8n: duplicates collapse to one execution, a failed workflow
 * with "Acknowledge after the workflow finishes" is retried by the sender and succeeds once, and a
 * forged event starts nothing.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import type { N8nRest } from '../../scripts/lib/n8n';
import { loggedIn, stackInfo } from './stack';
import { createChain, postStripe, settledExecutions, stripeTrigger, type WfNode } from './workflows';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'stripe');

function fixtureWithNewId(type: string): string {
	const ev = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${type}.json`), 'utf8'));
	ev.id = `evt_e2e_${Date.now()}_${Math.random().toString(36).slice(2, 10)}`;
	return JSON.stringify(ev);
}

const noOp = (name = 'Done'): WfNode => ({
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

describe('Stripe Signed Trigger on a real n8n', () => {
	const { endpoints } = stackInfo();
	const secret = endpoints.stripeWebhookSecret;
	let rest: N8nRest;
	beforeAll(async () => {
		rest = await loggedIn();
	});

	it('turns 5 simultaneous deliveries of one event into exactly 1 execution', async () => {
		const wf = await createChain(rest, 'e2e: dedupe', [stripeTrigger({ events: [] }), noOp()]);
		const payload = fixtureWithNewId('payment_intent.succeeded');
		const answers = await Promise.all(Array.from({ length: 5 }, () => postStripe(wf.webhookUrl, payload, secret)));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
		const execs = await settledExecutions(rest, wf.id, 1);
		expect(execs).toHaveLength(1);
		expect(execs[0].status).toBe('success');

		// and a later redelivery (Stripe retrying a delivery it thinks failed) starts nothing either
		expect((await postStripe(wf.webhookUrl, payload, secret)).status).toBe(200);
		expect(await settledExecutions(rest, wf.id, 1)).toHaveLength(1);
	});

	it('rejects a forged event with 401 and starts no execution', async () => {
		const wf = await createChain(rest, 'e2e: forged', [stripeTrigger({ events: [] }), noOp()]);
		const payload = fixtureWithNewId('charge.succeeded');
		const forged = await postStripe(wf.webhookUrl, payload, 'whsec_not_the_real_secret');
		expect(forged.status).toBe(401);
		expect(JSON.parse(forged.body).error).toMatch(/signature/i);
		const tampered = await fetch(wf.webhookUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'stripe-signature': (await import('./workflows')).signStripe(payload, secret),
			},
			body: payload.replace('"livemode":false', '"livemode":true '),
		});
		expect(tampered.status).toBe(401);
		expect(await settledExecutions(rest, wf.id, 0, 1000, 5000)).toHaveLength(0);
	});

	it('with "Acknowledge after the workflow finishes", a failed run is retried by the sender and succeeds once', async () => {
		// A downstream service that is down for the first call and up afterwards.
		let calls = 0;
		const flaky = http.createServer((_req, res) => {
			calls++;
			res.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ok: calls !== 1 }));
		});
		await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', () => r()));
		const port = (flaky.address() as AddressInfo).port;
		try {
			const callDownstream: WfNode = {
				name: 'Call Downstream',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [0, 0],
				parameters: { url: `http://127.0.0.1:${port}/notify`, options: {} },
			};
			const wf = await createChain(rest, 'e2e: ack after workflow', [
				stripeTrigger({ events: [], options: { acknowledgeAfterWorkflow: true } }),
				callDownstream,
			]);
			const payload = fixtureWithNewId('invoice.payment_failed');

			// Stripe's first delivery: the workflow fails, so Stripe must not get a 2xx.
			const first = await postStripe(wf.webhookUrl, payload, secret);
			expect(first.status).toBeGreaterThanOrEqual(500);

			// Stripe retries the same event (a fresh signature, as Stripe signs each attempt).
			let retry = await postStripe(wf.webhookUrl, payload, secret);
			for (let i = 0; i < 20 && retry.status === 409; i++) {
				await new Promise((r) => setTimeout(r, 250));
				retry = await postStripe(wf.webhookUrl, payload, secret);
			}
			expect(retry.status).toBe(200);

			// A third delivery after success is a duplicate and starts nothing.
			expect((await postStripe(wf.webhookUrl, payload, secret)).status).toBe(200);

			const execs = await settledExecutions(rest, wf.id, 2);
			expect(execs.filter((e) => e.status === 'success')).toHaveLength(1);
			expect(execs.filter((e) => e.status === 'error')).toHaveLength(1);
			expect(execs).toHaveLength(2);
			expect(calls).toBe(2);
		} finally {
			flaky.close();
		}
	});
});
