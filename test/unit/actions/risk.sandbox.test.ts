/**
 * The five actions of issue #26 against the sandbox, each click through the three nodes (trigger → Stripe Action →
 * Slack Action Response, run by harness.ts the way n8n would): approve a Radar review, refund from an early fraud
 * warning, capture, void an invoice, send the hosted invoice page. The objects are the ones the sandbox's built
 * events carry (sandbox/stripeEvents.ts).
 */
import { ACTIONS } from '../../../nodes/shared/actions';
import { ACTION_OBJECTS as O } from '../../../sandbox/stripeEvents';
import { OPERATIONS } from '../../../nodes/shared/stripe/actions/router';
import { StripeAction } from '../../../nodes/StripeAction/StripeAction.node';
import { fakeExecuteFunctions, type Host } from './harness';
import { sandboxSuite } from './sandboxSuite';

jest.setTimeout(60_000);

const CHANNEL = 'C_PAYMENTS';
const suite = sandboxSuite();
const { api } = suite;

/** The actions template's host; `rules` replaces its authorization rules (default: finance may press everything). */
async function useHost(rules?: unknown[]): Promise<Host> {
	if (!rules) return await suite.useHost();
	const base = suite.hostOptions();
	return await suite.useHost({ triggerParams: { ...base.triggerParams, authorization: { rules } } });
}

/** A message with one button, as the formatter would put it. */
async function post(actionId: string, value: string, label: string): Promise<string> {
	const res = await suite.slack.chat.postMessage({
		channel: CHANNEL,
		text: label,
		blocks: [
			{ type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: `*${label}*` } },
			{ type: 'actions', block_id: 'stripe_actions', elements: [{ type: 'button', action_id: actionId, value, text: { type: 'plain_text', text: label } }] },
		],
	});
	return res.ts as string;
}

const click = async (ts: string, user: string, actionId: string) => await api('/_sandbox/slack/click', { channel: CHANNEL, ts, action_id: actionId, user_id: user });
const messages = async () => (await api('/_sandbox/slack/messages')) as { messages: any[]; ephemeral: any[] };
const posts = async () => ((await api('/_sandbox/stripe/requests')).requests as any[]).filter((r) => r.method === 'POST');
const obj = (id: string) => suite.sandbox.stripe.objects.get(id)!;
const refundsOf = (charge: string) => [...suite.sandbox.stripe.objects.values()].filter((o) => o.object === 'refund' && o.charge === charge);

/** Clicks as Alice (finance), waits for the flow, and returns its outcome, the message and its audit notes. */
async function act(actionId: string, value: string, label: string) {
	const h = await useHost();
	const ts = await post(actionId, value, label);
	expect((await click(ts, 'U_ALICE', actionId)).status).toBe(200);
	const runs = await h.settle();
	expect(runs).toHaveLength(1);
	expect(runs[0].error).toBeUndefined();
	const all = (await messages()).messages;
	const message = all.find((m) => m.ts === ts)!;
	return { h, ts, outcome: runs[0].stripe![0].json as any, blocks: JSON.stringify(message.blocks), notes: all.filter((m) => m.thread_ts === ts) };
}

describe('each new button, clicked by someone allowed', () => {
	it('Approve closes the Radar review as approved', async () => {
		const { outcome, blocks, notes } = await act(ACTIONS.approveReview, O.review, 'Approve');
		expect(outcome).toMatchObject({ ok: true, result: { object: 'review', id: O.review, open: false, closed_reason: 'approved', charge: O.reviewCharge } });
		expect(obj(O.review)).toMatchObject({ open: false, closed_reason: 'approved' });
		const [call] = await posts();
		expect(call).toMatchObject({ path: `/v1/reviews/${O.review}/approve`, status: 200 });
		expect(call.idempotencyKey).toMatch(/^slack-click-v1-/);
		expect(blocks).toMatch(/Review approved by <@U_ALICE> at \d\d:\d\d UTC/);
		expect(blocks).not.toContain(ACTIONS.approveReview);
		expect(notes).toHaveLength(1);
		expect(notes[0].text).toContain(O.review);
	});

	it('Refund on an early fraud warning refunds its charge in full as fraudulent, and the warning stops being actionable', async () => {
		const { outcome, blocks, notes } = await act(ACTIONS.refundFraudWarning, O.earlyFraudWarning, 'Refund');
		const refunds = refundsOf(O.fraudCharge);
		expect(refunds).toHaveLength(1);
		expect(refunds[0]).toMatchObject({ amount: 12345, currency: 'usd', reason: 'fraudulent', status: 'succeeded' });
		expect(outcome).toMatchObject({ ok: true, result: { id: refunds[0].id, reason: 'fraudulent', early_fraud_warning: O.earlyFraudWarning, amount: 12345 } });
		expect(obj(O.earlyFraudWarning).actionable).toBe(false);
		expect((await posts()).map((p) => [p.path, p.params.reason])).toEqual([['/v1/refunds', 'fraudulent']]);
		expect(blocks).toMatch(/Refunded as fraudulent by <@U_ALICE>/);
		expect(notes[0].text).toContain(refunds[0].id);
	});

	it('Capture collects the authorized amount', async () => {
		const { outcome, blocks } = await act(ACTIONS.capturePayment, O.uncapturedPayment, 'Capture');
		expect(outcome).toMatchObject({ ok: true, result: { status: 'succeeded', amount_received: 5000, amount_capturable: 0 } });
		expect(obj(O.uncapturedPayment)).toMatchObject({ status: 'succeeded', amount_received: 5000 });
		expect(obj(O.uncapturedCharge)).toMatchObject({ captured: true, amount_captured: 5000 });
		expect((await posts()).map((p) => p.path)).toEqual([`/v1/payment_intents/${O.uncapturedPayment}/capture`]);
		expect(blocks).toMatch(/Payment captured by <@U_ALICE>/);
	});

	it('Void voids the open invoice; paying it afterwards fails with Stripe\'s error', async () => {
		const { h, outcome, blocks } = await act(ACTIONS.voidInvoice, O.overdueInvoice, 'Void');
		expect(outcome).toMatchObject({ ok: true, result: { status: 'void', amount_remaining: 0 } });
		expect(obj(O.overdueInvoice).status).toBe('void');
		expect(blocks).toMatch(/Invoice voided by <@U_ALICE>/);
		await h.close(); // the next click goes to a host of its own
		const again = await act(ACTIONS.retryPayment, O.overdueInvoice, 'Retry');
		expect(again.outcome).toMatchObject({ ok: false, error: { code: 'invoice_not_open' } });
		expect(again.blocks).toMatch(/failed: .*void/);
	});

	it('Send payment page emails the hosted invoice page (POST /v1/invoices/:id/send) and shows no customer link', async () => {
		const { outcome, blocks, notes } = await act(ACTIONS.sendAuthenticationLink, O.authenticationInvoice, 'Send payment page');
		expect(outcome).toMatchObject({ ok: true, result: { object: 'invoice', id: O.authenticationInvoice, status: 'open', amount_due: 4900 } });
		expect(JSON.stringify(outcome)).not.toContain('invoice.stripe.com');
		expect((await posts()).map((p) => p.path)).toEqual([`/v1/invoices/${O.authenticationInvoice}/send`]);
		expect(blocks).toMatch(/Payment page sent by <@U_ALICE>/);
		expect(blocks + notes[0].text).not.toContain('invoice.stripe.com');
	});
});

describe('a double click moves money once', () => {
	it.each([
		[ACTIONS.refundFraudWarning, O.earlyFraudWarning],
		[ACTIONS.capturePayment, O.uncapturedPayment],
		[ACTIONS.voidInvoice, O.overdueInvoice],
	])('%s: two clicks at once and one after, one Stripe change', async (actionId, value) => {
		const h = await useHost();
		const ts = await post(actionId, value, 'Do it');
		await api('/_sandbox/faults', { stripe: { latencyMs: 600 } });
		await Promise.all([click(ts, 'U_ALICE', actionId), click(ts, 'U_CAROL', actionId)]);
		await click(ts, 'U_ALICE', actionId);
		const runs = await h.settle();
		expect(runs).toHaveLength(3);
		const outcomes = runs.map((r) => r.stripe![0].json as any);
		expect(outcomes.every((o) => o.ok)).toBe(true);
		expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
		const changing = (await posts()).filter((p) => p.status === 200);
		expect(new Set(changing.map((p) => p.idempotencyKey)).size).toBe(1);
		if (actionId === ACTIONS.refundFraudWarning) expect(refundsOf(O.fraudCharge)).toHaveLength(1);
		if (actionId === ACTIONS.capturePayment) expect(obj(O.uncapturedPayment).amount_received).toBe(5000);
	});

	it('a second click on the same Refund after the first finished gets Stripe\'s replay, not a refusal', async () => {
		const { h, ts } = await act(ACTIONS.refundFraudWarning, O.earlyFraudWarning, 'Refund');
		expect(obj(O.earlyFraudWarning).actionable).toBe(false);
		// A stale client still shows the button: the same button of the same message, clicked again.
		const delivered = JSON.parse(new URLSearchParams(h.requests[0].rawBody.toString('utf8')).get('payload')!);
		const { computeSlackSignature } = await import('../../../nodes/shared/slack/signature');
		delivered.trigger_id = 'another.trigger';
		delivered.actions[0].action_ts = String(Date.now() / 1000);
		const body = new URLSearchParams({ payload: JSON.stringify(delivered) }).toString();
		const now = Math.floor(Date.now() / 1000);
		const res = await fetch(h.url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(now), 'x-slack-signature': computeSlackSignature('sandbox-signing-secret', now, body) },
			body,
		});
		expect(res.status).toBe(200);
		const runs = await h.settle();
		expect(runs).toHaveLength(2);
		expect(runs[1].stripe![0].json).toMatchObject({ ok: true, replayed: true });
		expect(refundsOf(O.fraudCharge)).toHaveLength(1);
		expect(ts).toBeTruthy();
	});

	it('a Refund on another message of the same warning is refused: the charge was refunded already', async () => {
		await (await act(ACTIONS.refundFraudWarning, O.earlyFraudWarning, 'Refund')).h.close();
		const second = await act(ACTIONS.refundFraudWarning, O.earlyFraudWarning, 'Refund');
		expect(second.outcome).toMatchObject({ ok: false, error: { type: 'invalid_input', code: 'charge_already_refunded' } });
		expect(refundsOf(O.fraudCharge)).toHaveLength(1);
		expect((await posts()).filter((p) => p.path === '/v1/refunds')).toHaveLength(1);
	});
});

describe('a stranger\'s click makes no Stripe call', () => {
	it.each([
		[ACTIONS.approveReview, O.review],
		[ACTIONS.refundFraudWarning, O.earlyFraudWarning],
		[ACTIONS.capturePayment, O.uncapturedPayment],
		[ACTIONS.voidInvoice, O.overdueInvoice],
		[ACTIONS.sendAuthenticationLink, O.authenticationInvoice],
	])('%s by U_BOB (not in S_FINANCE)', async (actionId, value) => {
		const h = await useHost();
		const ts = await post(actionId, value, 'Do it');
		expect((await click(ts, 'U_BOB', actionId)).status).toBe(200);
		expect(await h.settle()).toHaveLength(0);
		// The denial is posted right after the answer; give it a moment.
		let eph: any[] = [];
		for (let i = 0; i < 40 && eph.length === 0; i++) {
			eph = (await messages()).ephemeral.filter((e) => e.user === 'U_BOB');
			if (!eph.length) await new Promise((r) => setTimeout(r, 50));
		}
		expect(eph[0]?.text).toMatch(/^You are not allowed to /);
		expect(await api('/_sandbox/stripe/requests')).toEqual({ requests: [] });
	});

	it('with no rule at all, the money-moving ones are denied to everyone; approve and send follow the default allow', async () => {
		const h = await useHost([]);
		for (const [actionId, value] of [
			[ACTIONS.refundFraudWarning, O.earlyFraudWarning],
			[ACTIONS.capturePayment, O.uncapturedPayment],
			[ACTIONS.voidInvoice, O.overdueInvoice],
		]) {
			const ts = await post(actionId, value, 'Do it');
			await click(ts, 'U_ALICE', actionId);
		}
		expect(await h.settle()).toHaveLength(0);
		expect(await api('/_sandbox/stripe/requests')).toEqual({ requests: [] });
		const ts = await post(ACTIONS.sendAuthenticationLink, O.authenticationInvoice, 'Send');
		await click(ts, 'U_BOB', ACTIONS.sendAuthenticationLink);
		expect((await h.settle()).map((r) => (r.stripe![0].json as any).ok)).toEqual([true]);
	});
});

describe('the Stripe Action node\'s explicit operations', () => {
	it('offers each new operation and performs it on the Object ID, without a click', async () => {
		const node = new StripeAction();
		// version 1 lists every operation at once; version 2 spreads them over its resources; the tool has its own list
		const operationLists = node.description.properties.filter((p) => p.name === 'operation');
		const valuesOf = (version: number) =>
			operationLists
				.filter((p) => !p.displayOptions?.show?.['@tool']?.includes(true) && (p.displayOptions?.show?.['@version'] as number[] | undefined)?.includes(version))
				.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value))
				.filter((o) => o !== 'fromButtonClick')
				.sort();
		const explicit = Object.keys(OPERATIONS).filter((o) => o !== 'markHandled').sort();
		expect(valuesOf(1)).toEqual(explicit);
		expect(valuesOf(2)).toEqual(explicit);
		const tool = operationLists.find((p) => p.displayOptions?.show?.['@tool']?.includes(true))!;
		expect((tool.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(explicit);
		const run = async (operation: string, objectId: string) => {
			const [[item]] = await node.execute.call(
				fakeExecuteFunctions({
					name: 'Stripe Action',
					params: { operation, objectId, options: {} },
					credentials: { secretKey: 'sk_test_sandbox', apiBaseUrl: suite.sandbox.url },
					items: [{ json: {} }],
					description: node.description,
				}),
			);
			return item.json as any;
		};
		expect(await run('approveReview', O.review)).toMatchObject({ ok: true, result: { closed_reason: 'approved' } });
		expect(await run('refundEarlyFraudWarning', O.earlyFraudWarning)).toMatchObject({ ok: true, result: { reason: 'fraudulent', amount: 12345 } });
		expect(await run('capturePayment', O.uncapturedPayment)).toMatchObject({ ok: true, result: { status: 'succeeded' } });
		expect(await run('voidInvoice', O.overdueInvoice)).toMatchObject({ ok: true, result: { status: 'void' } });
		expect(await run('sendAuthenticationLink', O.authenticationInvoice)).toMatchObject({ ok: true, result: { status: 'open' } });
		// wrong kinds of id are refused before any call
		expect(await run('approveReview', O.uncapturedPayment)).toMatchObject({ ok: false, error: { type: 'invalid_input' } });
		expect(await run('sendAuthenticationLink', O.overdueInvoice)).toMatchObject({ ok: false, error: { code: 'invoice_not_open' } });
		expect((await posts()).map((p) => p.path)).toEqual([
			`/v1/reviews/${O.review}/approve`,
			'/v1/refunds',
			`/v1/payment_intents/${O.uncapturedPayment}/capture`,
			`/v1/invoices/${O.overdueInvoice}/void`,
			`/v1/invoices/${O.authenticationInvoice}/send`,
		]);
	});
});
