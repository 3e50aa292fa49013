/**
 * Acceptance of issue 6 against the sandbox (Slack Web API + Stripe API on 127.0.0.1), started in-process.
 * The flow is trigger → Stripe Action → Slack Action Response, run by harness.ts the way n8n would.
 */
import { ACTIONS } from '../../../nodes/shared/actions';
import { computeSlackSignature } from '../../../nodes/shared/slack/signature';
import { sandboxSuite } from './sandboxSuite';

jest.setTimeout(60_000);

const CHARGE = 'ch_1PgafuB7WZ01zgkWXYmPNZs8';
const INVOICE_DECLINED = 'in_sandbox_card_declined';
const CHANNEL = 'C_PAYMENTS';

const suite = sandboxSuite();
const { api, useHost } = suite;

/** Posts a payment message with the buttons the formatter would put on it. */
async function postPaymentMessage(objectId = CHARGE, actionId: string = ACTIONS.refund): Promise<string> {
	const res = await suite.slack.chat.postMessage({
		channel: CHANNEL,
		text: 'Payment of $1.00 USD succeeded',
		blocks: [
			{ type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: '*Payment succeeded:* $1.00 USD' } },
			{
				type: 'actions',
				block_id: 'stripe_actions',
				elements: [
					{ type: 'button', action_id: actionId, value: objectId, style: 'danger', text: { type: 'plain_text', text: 'Refund' } },
					{ type: 'button', action_id: ACTIONS.openDashboard, url: `https://dashboard.stripe.com/payments/${objectId}`, text: { type: 'plain_text', text: 'Open in Stripe' } },
				],
			},
		],
	});
	return res.ts as string;
}

const click = async (ts: string, user: string, actionId: string = ACTIONS.refund) => {
	const started = Date.now();
	const result = await api('/_sandbox/slack/click', { channel: CHANNEL, ts, action_id: actionId, user_id: user });
	return { ...result, ms: Date.now() - started };
};

const messages = async () => (await api('/_sandbox/slack/messages')) as { messages: any[]; ephemeral: any[]; rejected: any[] };
const stripeRequests = async () => ((await api('/_sandbox/stripe/requests')).requests as any[]).filter((r) => r.method === 'POST');
const refundsOf = (charge: string) => [...suite.sandbox.stripe.objects.values()].filter((o) => o.object === 'refund' && o.charge === charge);

describe('an authorized click on Refund', () => {
	it('makes one refund, updates the message and adds the audit note', async () => {
		const h = await useHost();
		const ts = await postPaymentMessage();
		const res = await click(ts, 'U_ALICE');
		expect(res.status).toBe(200);
		expect(res.body).toBe('');
		const runs = await h.settle();
		expect(runs).toHaveLength(1);
		expect(runs[0].error).toBeUndefined();

		const outcome = runs[0].stripe![0].json as any;
		expect(outcome).toMatchObject({ ok: true, action: ACTIONS.refund, objectId: CHARGE, replayed: false });
		expect(outcome.stripeRequestId).toMatch(/^req_/);

		const refunds = refundsOf(CHARGE);
		expect(refunds).toHaveLength(1);
		expect(refunds[0]).toMatchObject({ amount: 100, reason: 'requested_by_customer', status: 'succeeded' });
		const posts = await stripeRequests();
		expect(posts).toHaveLength(1);
		expect(posts[0]).toMatchObject({ path: '/v1/refunds', params: { charge: CHARGE }, status: 200 });
		expect(posts[0].idempotencyKey).toMatch(/^slack-click-v1-/);

		const { messages: all } = await messages();
		const original = all.find((m) => m.ts === ts)!;
		expect(original.edits).toHaveLength(1);
		const blocksJson = JSON.stringify(original.blocks);
		expect(blocksJson).not.toContain(ACTIONS.refund); // the Refund button is gone: no second click
		expect(blocksJson).toContain(ACTIONS.openDashboard); // the link stays
		expect(blocksJson).toMatch(new RegExp(`Refunded by <@U_ALICE> at \\d\\d:\\d\\d UTC: succeeded \\(${refunds[0].id}\\)`));

		const notes = all.filter((m) => m.thread_ts === ts);
		expect(notes).toHaveLength(1);
		expect(notes[0].text).toContain('<@U_ALICE>');
		expect(notes[0].text).toContain(CHARGE);
		expect(notes[0].text).toContain(outcome.stripeRequestId);
		expect(notes[0].text).toContain(refunds[0].id);
	});

	it('makes one refund for the same click twice and for two clicks at once', async () => {
		const h = await useHost();
		const ts = await postPaymentMessage();
		// Keep the message unchanged long enough for all the clicks to reach the button.
		await api('/_sandbox/faults', { stripe: { latencyMs: 800 } });
		const first = await click(ts, 'U_ALICE');
		const second = await click(ts, 'U_ALICE');
		const together = await Promise.all([click(ts, 'U_ALICE'), click(ts, 'U_CAROL')]);
		for (const r of [first, second, ...together]) expect(r.status).toBe(200);
		const runs = await h.settle();
		expect(runs).toHaveLength(4); // four distinct clicks → four executions …
		expect(refundsOf(CHARGE)).toHaveLength(1); // … and one refund
		const outcomes = runs.map((r) => r.stripe![0].json as any);
		expect(outcomes.every((o) => o.ok)).toBe(true);
		expect(new Set(outcomes.map((o) => o.result.id)).size).toBe(1);
		expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
		const posts = await stripeRequests();
		expect(posts.every((p) => p.path === '/v1/refunds' && p.idempotencyKey === posts[0].idempotencyKey)).toBe(true);
		const bodies = suite.sandbox.stripe.requests.filter((r) => r.method === 'POST');
		expect(bodies.length).toBeGreaterThanOrEqual(1);

		const { messages: all } = await messages();
		const original = all.find((m) => m.ts === ts)!;
		expect(JSON.stringify(original.blocks)).not.toContain(ACTIONS.refund);
		// Every click is on record; the repeated ones say that nothing was done twice.
		const notes = all.filter((m) => m.thread_ts === ts);
		expect(notes).toHaveLength(4);
		expect(notes.filter((n) => /nothing was done twice/.test(n.text))).toHaveLength(3);
	});

	it('moves no money for a click replayed after the buttons are gone, or for Slack re-delivering a click', async () => {
		const h = await useHost();
		const ts = await postPaymentMessage();
		await click(ts, 'U_ALICE');
		await h.settle();
		expect(refundsOf(CHARGE)).toHaveLength(1);

		// Slack re-delivers the very same request (same trigger_id and action_ts, re-signed as a retry).
		const delivered = h.requests[0];
		const now = Math.floor(Date.now() / 1000);
		const resend = async (body: string, extra: Record<string, string> = {}) =>
			await fetch(h.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'x-slack-request-timestamp': String(now),
					'x-slack-signature': computeSlackSignature('sandbox-signing-secret', now, body),
					...extra,
				},
				body,
			});
		const retry = await resend(delivered.rawBody.toString('utf8'), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
		expect(retry.status).toBe(200);
		expect(await h.settle()).toHaveLength(1); // no second execution

		// A stale client clicks the old button again (a new click of the same button of the same message).
		const payload = JSON.parse(new URLSearchParams(delivered.rawBody.toString('utf8')).get('payload')!);
		payload.trigger_id = 'another.trigger';
		payload.actions[0].action_ts = String(now);
		const again = await resend(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
		expect(again.status).toBe(200);
		const runs = await h.settle();
		expect(runs).toHaveLength(2);
		expect(runs[1].stripe![0].json).toMatchObject({ ok: true, replayed: true });
		expect(refundsOf(CHARGE)).toHaveLength(1);
	});
});

describe('a user who is not allowed', () => {
	it('gets the ephemeral denial and Stripe sees no request', async () => {
		const h = await useHost();
		const ts = await postPaymentMessage();
		const res = await click(ts, 'U_BOB');
		expect(res.status).toBe(200);
		expect(await h.settle()).toHaveLength(0);
		// The denial is posted right after the answer; give it a moment.
		let eph: any[] = [];
		for (let i = 0; i < 40 && eph.length === 0; i++) {
			eph = (await messages()).ephemeral.filter((e) => e.user === 'U_BOB');
			if (!eph.length) await new Promise((r) => setTimeout(r, 50));
		}
		expect(eph).toHaveLength(1);
		expect(eph[0].channel).toBe(CHANNEL);
		expect(eph[0].text).toMatch(/^You are not allowed to refund this payment/);
		expect(await api('/_sandbox/stripe/requests')).toEqual({ requests: [] });
		const original = (await messages()).messages.find((m) => m.ts === ts)!;
		expect(original.edits).toHaveLength(0);
	});
});

describe('forged or stale requests', () => {
	it('get 401 and no execution', async () => {
		const h = await useHost();
		const ts = await postPaymentMessage();
		const now = Math.floor(Date.now() / 1000);
		const payload = { type: 'block_actions', user: { id: 'U_ALICE' }, team: { id: 'T_SANDBOX' }, channel: { id: CHANNEL }, container: { message_ts: ts }, actions: [{ action_id: ACTIONS.refund, value: CHARGE, action_ts: '1' }] };
		const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
		const post = async (timestamp: number, signature: string) =>
			await fetch(h.url, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
				body,
			});
		const forged = await post(now, computeSlackSignature('not-the-secret', now, body));
		const stale = await post(now - 600, computeSlackSignature('sandbox-signing-secret', now - 600, body));
		const future = await post(now + 600, computeSlackSignature('sandbox-signing-secret', now + 600, body));
		const unsigned = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
		for (const r of [forged, stale, future, unsigned]) {
			expect(r.status).toBe(401);
			expect(await r.json()).toEqual({ error: 'Invalid Slack signature' });
		}
		expect(await h.settle()).toHaveLength(0);
		expect(await api('/_sandbox/stripe/requests')).toEqual({ requests: [] });
	});

	it('a click signed by another Slack app gets 401 through the sandbox too', async () => {
		const h = await useHost({
			slackCredentials: { botToken: 'xoxb-sandbox-token', signingSecret: 'a-different-secret', apiBaseUrl: `${suite.sandbox.url}/api/` },
		});
		const ts = await postPaymentMessage();
		const res = await click(ts, 'U_ALICE');
		expect(res.status).toBe(401);
		expect(await h.settle()).toHaveLength(0);
		expect(refundsOf(CHARGE)).toHaveLength(0);
	});
});

describe('a slow Stripe', () => {
	it('still gets Slack its answer within 3 s, and the message is updated when the action finishes', async () => {
		const h = await useHost();
		const ts = await postPaymentMessage();
		await api('/_sandbox/faults', { stripe: { latencyMs: 5000 } });
		const started = Date.now();
		const res = await click(ts, 'U_ALICE');
		expect(res.status).toBe(200);
		expect(res.ms).toBeLessThan(3000);
		expect(h.requests[0].answeredInMs).toBeLessThan(1000);
		// Not updated yet: Stripe is still "working".
		expect((await messages()).messages.find((m) => m.ts === ts)!.edits).toHaveLength(0);
		const [run] = await h.settle();
		expect(run.error).toBeUndefined();
		expect(run.finishedAt! - started).toBeGreaterThanOrEqual(5000);
		const original = (await messages()).messages.find((m) => m.ts === ts)!;
		expect(original.edits).toHaveLength(1);
		expect(JSON.stringify(original.blocks)).toContain('Refunded by <@U_ALICE>');
		expect(refundsOf(CHARGE)).toHaveLength(1);
	});
});

describe('a Stripe error', () => {
	it('becomes a clear message in Slack, not a silent failure', async () => {
		const h = await useHost();
		const ts = await postPaymentMessage(INVOICE_DECLINED, ACTIONS.retryPayment);
		const res = await click(ts, 'U_ALICE', ACTIONS.retryPayment);
		expect(res.status).toBe(200);
		const [run] = await h.settle();
		expect(run.error).toBeUndefined();
		expect(run.stripe![0].json).toMatchObject({
			ok: false,
			error: { type: 'card_error', code: 'card_declined', declineCode: 'generic_decline' },
		});
		const { messages: all, ephemeral } = await messages();
		const original = all.find((m) => m.ts === ts)!;
		const blocks = JSON.stringify(original.blocks);
		expect(blocks).toContain(ACTIONS.retryPayment); // buttons kept: someone can try again
		expect(blocks).toMatch(/Payment retry by <@U_ALICE> at \d\d:\d\d UTC failed: The card was declined: Your card was declined. \(generic_decline\)/);
		const note = all.find((m) => m.thread_ts === ts)!;
		expect(note.text).toContain('failed: The card was declined');
		expect(ephemeral.filter((e) => e.user === 'U_ALICE' && /declined/.test(e.text))).toHaveLength(1);
	});
});
