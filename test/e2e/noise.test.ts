/**
 * Noise control on the real n8n, with its own stack (ports 6078 n8n, 6080 sandbox; E2E_NOISE_BASE_PORT moves
 * them): `/stripe pause 2m` from the sandbox's Slack, then 200 payments while paused, with a restart of n8n in
 * the middle: no routine message is posted during the pause, a dispute posts at once, the pause still holds after
 * the restart, and when it ends one summary reaches #payments with the exact count and total.
 */
import * as fs from 'fs';
import * as path from 'path';
import { waitFor } from '../../scripts/lib/n8n';
import type { SandboxMessage } from './expectations';
import { ownStack } from './stack';
import { signStripe } from './workflows';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'stripe');
const BASE = Number(process.env.E2E_NOISE_BASE_PORT ?? 6078);
const N = 200;

describe('pause on the real n8n', () => {
	const own = ownStack('noise', BASE);
	const s = own.stack;
	const sandbox = () => s().endpoints.sandbox!;
	const state = async (): Promise<{ messages: SandboxMessage[]; ephemeral: Array<{ user: string; text: string }> }> => (await fetch(`${sandbox()}/_sandbox/slack/messages`)).json();

	async function send(template: string, type: string, patch: (e: any) => void = () => {}): Promise<number> {
		const ev = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${type}.json`), 'utf8'));
		ev.id = `evt_noise_${Math.random().toString(36).slice(2)}`;
		patch(ev);
		const body = JSON.stringify(ev);
		const r = await fetch(s().endpoints.webhooks[template], { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, s().endpoints.stripeWebhookSecret) }, body });
		await r.text();
		return r.status;
	}
	const routed = (when: string) => own.routed(['payments', 'disputes', 'support-desk'], when);

	async function payments(from: number, to: number): Promise<number[]> {
		const statuses: number[] = [];
		for (let i = from; i < to; i += 8) {
			const batch = Array.from({ length: Math.min(8, to - i) }, (_, k) => i + k);
			statuses.push(...(await Promise.all(batch.map((j) => send('payments', 'payment_intent.succeeded', (e) => Object.assign(e.data.object, { amount: 1000 + j, amount_received: 1000 + j }))))));
		}
		return statuses;
	}

	it(`holds ${N} payments through a restart, passes a dispute, and summarizes them once when the pause ends`, async () => {
		await routed('after the start');
		const r = await (await fetch(`${sandbox()}/_sandbox/slack/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'pause 2m', user_id: 'U_BOB', channel: 'C_SUPPORT' }) })).json();
		expect(r.status).toBe(200);
		await waitFor('the pause reply', async () => ((await state()).ephemeral.find((e) => e.user === 'U_BOB' && /paused until/.test(e.text)) ? true : undefined), 15_000, 100);
		const pausedAt = Date.now();

		expect(new Set(await payments(0, N / 2))).toEqual(new Set([200]));
		// a dispute is critical: it posts at once, pause or not
		expect(await send('disputes', 'charge.dispute.created')).toBe(200);
		await waitFor('the dispute in #disputes', async () => ((await state()).messages.some((m) => m.channel === 'C_DISPUTES') ? true : undefined), 20_000, 200);

		// restart n8n in the middle of the pause
		await own.restart();
		await routed('after the restart');
		expect(new Set(await payments(N / 2, N))).toEqual(new Set([200]));

		// nothing routine in #payments while the pause holds
		const endsAt = pausedAt + 120_000;
		while (Date.now() < endsAt - 2000) {
			expect((await state()).messages.filter((m) => m.channel === 'C_PAYMENTS')).toEqual([]);
			await new Promise((res) => setTimeout(res, 2000));
		}
		// after it: exactly one summary, with every payment counted and totalled
		const summary = await waitFor(
			'the summary in #payments',
			async () => (await state()).messages.find((m) => m.channel === 'C_PAYMENTS'),
			100_000,
			500,
		);
		const total = Array.from({ length: N }, (_, j) => 1000 + j).reduce((a, b) => a + b, 0);
		expect(summary.text).toBe(`While alerts were paused: ${N} alerts held ($${(total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })})`);
		expect(JSON.stringify(summary.blocks)).toContain(`${N} × Payment intent succeeded`);
		expect(JSON.stringify(summary.blocks)).toContain('paused by <@U_BOB>');
		await new Promise((res) => setTimeout(res, 5000));
		expect((await state()).messages.filter((m) => m.channel === 'C_PAYMENTS')).toHaveLength(1);
		// the access log recorded the pause
		expect((await state()).messages.some((m) => m.channel === 'C_SUPPORT_AUDIT' && /<@U_BOB> used alerts_pause on `pause_2m`/.test(m.text))).toBe(true);
	}, 420_000);
});
