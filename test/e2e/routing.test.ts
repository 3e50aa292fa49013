/**
 * Routing by product in the payments template on the real n8n: a Checkout Session for the Pro plan lands in
 * #sales-pro and one for the Team plan in #sales-team, with their line items fetched from the sandbox's
 * Stripe (a webhook never carries them); the fixture session (a T-shirt, no rule) stays in #payments.
 */
import * as fs from 'fs';
import * as path from 'path';
import { waitFor } from '../../scripts/lib/n8n';
import { stackInfo } from './stack';
import { type SandboxMessage } from './expectations';
import { signStripe } from './workflows';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'stripe', 'checkout.session.completed.json');

describe('payments template: routing by product', () => {
	const { endpoints } = stackInfo();
	const sandbox = endpoints.sandbox!;
	const messages = async (): Promise<SandboxMessage[]> => (await (await fetch(`${sandbox}/_sandbox/slack/messages`)).json()).messages;
	const requests = async (): Promise<Array<{ method: string; path: string }>> => (await (await fetch(`${sandbox}/_sandbox/stripe/requests`)).json()).requests;

	async function sendSession(sessionId: string | undefined, amount: number): Promise<number> {
		const ev = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
		ev.id = `evt_route_${sessionId ?? 'fixture'}_${Date.now()}`;
		if (sessionId) Object.assign(ev.data.object, { id: sessionId, amount_total: amount, amount_subtotal: amount });
		const body = JSON.stringify(ev);
		const r = await fetch(endpoints.webhooks.payments, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, endpoints.stripeWebhookSecret) },
			body,
		});
		return r.status;
	}

	beforeAll(async () => {
		await fetch(`${sandbox}/_sandbox/reset`, { method: 'POST' });
	});

	it.each([
		['cs_test_sandbox_pro', 4900, 'C_SALES_PRO', '$49.00'],
		['cs_test_sandbox_team', 9900, 'C_SALES_TEAM', '$99.00'],
		[undefined, 0, 'C_PAYMENTS', '$10.99'],
	] as const)('the session %s lands in %s', async (sessionId, amount, channel, text) => {
		const before = (await messages()).length;
		const reqBefore = (await requests()).length;
		expect(await sendSession(sessionId, amount)).toBe(200);
		const found = await waitFor(
			`the checkout message in ${channel}`,
			async () => {
				const fresh = (await messages()).slice(before);
				return fresh.length ? fresh : undefined;
			},
			30_000,
			200,
		);
		await new Promise((r) => setTimeout(r, 500));
		const all = (await messages()).slice(before);
		expect(all.map((m) => m.channel)).toEqual([channel]);
		expect(found[0].text).toContain(text);
		const lineItemCalls = (await requests()).slice(reqBefore).filter((q) => q.path.endsWith('/line_items'));
		expect(lineItemCalls.map((q) => q.method + ' ' + q.path)).toEqual([
			`GET /v1/checkout/sessions/${sessionId ?? JSON.parse(fs.readFileSync(FIXTURE, 'utf8')).data.object.id}/line_items`,
		]);
	});
});
