import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACTIONS } from '../../../nodes/shared/actions';
import { normalizeInteraction } from '../../../nodes/shared/slack/interaction';
import { computeSlackSignature } from '../../../nodes/shared/slack/signature';
import { SlackActionResponse } from '../../../nodes/SlackActionResponse/SlackActionResponse.node';
import { resolveInput } from '../../../nodes/shared/slack/respond';
import { denialText, forgetDeliveries } from '../../../nodes/shared/slack/click';
import { SlackActionTrigger } from '../../../nodes/SlackActionTrigger/SlackActionTrigger.node';
import { toMinorUnits } from '../../../nodes/shared/stripe/actions/charge/refund';
import { routeAction } from '../../../nodes/shared/stripe/actions/router';
import { describeStripeError, performAction } from '../../../nodes/shared/stripe/perform';
import { StripeAction } from '../../../nodes/StripeAction/StripeAction.node';
import { fakeExecuteFunctions, fakeWebhookFunctions, RecordingResponse, type Params } from './harness';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../fixtures/slack', name), 'utf8'));
const SECRET = 'test-signing-secret';
// Nothing listens here: any Slack call made by mistake fails fast.
const credentials = { botToken: 'xoxb-test', signingSecret: SECRET, apiBaseUrl: 'http://127.0.0.1:9/api/' };

function stripeClick(actionId: string, value: string, user = 'U_ALICE') {
	const payload = fixture('block_actions_button_in_message.json');
	payload.user = { id: user, name: user.toLowerCase() };
	payload.actions[0].action_id = actionId;
	payload.actions[0].value = value;
	payload.message.blocks[0].accessory.action_id = actionId;
	payload.message.blocks[0].accessory.value = value;
	return payload;
}

async function callTrigger(payload: unknown, params: Params = {}, opts: { timestamp?: number; secret?: string; headers?: IDataObject; body?: string } = {}) {
	const body = opts.body ?? new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
	const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
	const response = new RecordingResponse();
	const warnings: string[] = [];
	const result = await new SlackActionTrigger().webhook.call(
		fakeWebhookFunctions({
			params: { authorization: { rules: [{ actionPrefix: 'stripe_slack.', userIds: 'U_ALICE', userGroupIds: '' }] }, ...params },
			credentials,
			request: {
				headers: {
					'x-slack-request-timestamp': String(ts),
					'x-slack-signature': computeSlackSignature(opts.secret ?? SECRET, ts, body),
					...(opts.headers as Record<string, string>),
				},
				rawBody: Buffer.from(body),
			},
			response,
			warnings,
		}),
	);
	return { result, response, warnings };
}

beforeEach(() => forgetDeliveries());

describe('Slack Action Trigger node', () => {
	it('answers 200 with an empty body and emits one item for an allowed click', async () => {
		const { result, response } = await callTrigger(stripeClick(ACTIONS.refund, 'ch_1'));
		expect(response.statusCode).toBe(200);
		expect(response.body).toBe('');
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData![0][0].json).toMatchObject({
			type: 'block_actions',
			actionId: ACTIONS.refund,
			value: 'ch_1',
			user: { id: 'U_ALICE' },
			authorization: { allowed: true, reason: 'user_listed', rulePrefix: 'stripe_slack.' },
			slackRetryNum: 0,
		});
	});

	it('rejects forged, stale and unsigned requests with 401 and no execution', async () => {
		const forged = await callTrigger(stripeClick(ACTIONS.refund, 'ch_1'), {}, { secret: 'wrong' });
		const stale = await callTrigger(stripeClick(ACTIONS.refund, 'ch_1'), {}, { timestamp: Math.floor(Date.now() / 1000) - 301 });
		for (const r of [forged, stale]) {
			expect(r.response.statusCode).toBe(401);
			expect(r.response.body).toEqual({ error: 'Invalid Slack signature' });
			expect(r.result).toEqual({ noWebhookResponse: true });
		}
	});

	it('rejects a request without raw body (400) and a signed non-interaction body (400)', async () => {
		const response = new RecordingResponse();
		const result = await new SlackActionTrigger().webhook.call(
			fakeWebhookFunctions({ params: {}, credentials, request: { headers: {} }, response }),
		);
		expect(response.statusCode).toBe(400);
		expect(result.workflowData).toBeUndefined();
		const bad = await callTrigger(null, {}, { body: 'foo=bar' });
		expect(bad.response.statusCode).toBe(400);
		expect(bad.result.workflowData).toBeUndefined();
	});

	it('acknowledges without running: other prefixes, link buttons, unwanted types, unsupported kinds', async () => {
		const other = await callTrigger(stripeClick('someone_else.button', 'x'));
		const link = stripeClick(ACTIONS.openDashboard, '');
		link.actions[0].url = 'https://dashboard.stripe.com/';
		const linked = await callTrigger(link);
		const typeOff = await callTrigger(stripeClick(ACTIONS.refund, 'ch_1'), { interactionTypes: ['view_submission'] });
		const shortcut = await callTrigger({ type: 'shortcut', user: { id: 'U_ALICE' }, callback_id: 'x' });
		for (const r of [other, linked, typeOff, shortcut]) {
			expect(r.response.statusCode).toBe(200);
			expect(r.result.workflowData).toBeUndefined();
		}
	});

	it('drops a repeated delivery of the same click', async () => {
		const payload = stripeClick(ACTIONS.markHandled, 'ch_1');
		const first = await callTrigger(payload);
		const again = await callTrigger(payload, {}, { headers: { 'x-slack-retry-num': '1' } });
		expect(first.result.workflowData).toBeDefined();
		expect(again.response.statusCode).toBe(200);
		expect(again.result.workflowData).toBeUndefined();
		const off = await callTrigger(payload, { options: { duplicateWindowSeconds: 0 } });
		expect(off.result.workflowData).toBeDefined();
	});

	it('denies money-moving clicks without a rule, but allows harmless ones', async () => {
		const params = { authorization: {} };
		const refund = await callTrigger(stripeClick(ACTIONS.refund, 'ch_1', 'U_BOB'), params);
		expect(refund.response.statusCode).toBe(200);
		expect(refund.result.workflowData).toBeUndefined();
		expect(refund.warnings.join(' ')).toMatch(/could not tell a denied user/);
		const handled = await callTrigger(stripeClick(ACTIONS.markHandled, 'ch_1', 'U_BOB'), params);
		expect(handled.result.workflowData?.[0][0].json).toMatchObject({ authorization: { allowed: true, reason: 'unmatched_allowed' } });
	});

	it('answers a modal submission with the chosen response, and a denied one with an error in the modal', async () => {
		const payload = fixture('view_submission_modal.json');
		payload.user.id = 'U_ALICE';
		payload.view.callback_id = ACTIONS.submitEvidence;
		payload.view.private_metadata = JSON.stringify({ a: ACTIONS.submitEvidence, v: 'du_1', c: 'C1', ts: '1.2' });
		const cleared = await callTrigger(payload, { options: { viewSubmissionResponse: 'clear' } });
		expect(cleared.response.body).toEqual({ response_action: 'clear' });
		expect(cleared.result.workflowData?.[0][0].json).toMatchObject({ actionId: ACTIONS.submitEvidence, value: 'du_1', inputs: { maBWU: 'test' } });
		forgetDeliveries();
		const closed = await callTrigger(payload);
		expect(closed.response.body).toBe('');
		forgetDeliveries();
		payload.user.id = 'U_BOB';
		const denied = await callTrigger(payload);
		expect(denied.response.body).toEqual({ response_action: 'errors', errors: { hspI: expect.stringMatching(/^You are not allowed to submit dispute evidence/) } });
		expect(denied.result.workflowData).toBeUndefined();
	});

	it('words denials per action', () => {
		expect(denialText(undefined, ACTIONS.refund)).toMatch(/^You are not allowed to refund this payment\./);
		expect(denialText('No {action} for you', ACTIONS.cancelSubscriptionNow)).toBe('No cancel this subscription for you');
	});
});

/** A Stripe stand-in with only what the actions call. */
function fakeStripe(behaviour: { fail?: Error; delayMs?: number } = {}) {
	const calls: Array<{ method: string; args: unknown[] }> = [];
	const respond = async (method: string, args: unknown[], body: IDataObject) => {
		calls.push({ method, args });
		if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
		if (behaviour.fail) throw behaviour.fail;
		return { ...body, lastResponse: { requestId: `req_${calls.length}`, headers: { 'idempotent-replayed': calls.length > 1 ? 'true' : 'false' } } };
	};
	const stripe = {
		refunds: { create: async (...a: unknown[]) => await respond('refunds.create', a, { id: 're_1', status: 'succeeded', amount: 100, currency: 'usd', charge: 'ch_1' }) },
		charges: { retrieve: async (...a: unknown[]) => await respond('charges.retrieve', a, { id: 'ch_1', currency: 'usd' }) },
		paymentIntents: { retrieve: async (...a: unknown[]) => await respond('paymentIntents.retrieve', a, { id: 'pi_1', currency: 'jpy' }) },
		invoices: {
			pay: async (...a: unknown[]) => await respond('invoices.pay', a, { id: 'in_1', status: 'paid' }),
			sendInvoice: async (...a: unknown[]) => await respond('invoices.sendInvoice', a, { id: 'in_1', status: 'open' }),
		},
		subscriptions: {
			cancel: async (...a: unknown[]) => await respond('subscriptions.cancel', a, { id: 'sub_1', status: 'canceled' }),
			update: async (...a: unknown[]) => await respond('subscriptions.update', a, { id: 'sub_1', status: 'active', cancel_at_period_end: true }),
		},
		disputes: {
			close: async (...a: unknown[]) => await respond('disputes.close', a, { id: 'du_1', status: 'lost' }),
			update: async (...a: unknown[]) => await respond('disputes.update', a, { id: 'du_1', status: 'under_review' }),
		},
	};
	return { stripe: stripe as never, calls };
}

function allowedClick(actionId: string, value: string) {
	return { ...normalizeInteraction(stripeClick(actionId, value)), authorization: { allowed: true } } as never;
}

describe('Stripe Action', () => {
	it('routes every button to its Stripe call with the click idempotency key', async () => {
		const cases: Array<[string, string, string]> = [
			[ACTIONS.retryPayment, 'in_1', 'invoices.pay'],
			[ACTIONS.sendReminder, 'in_1', 'invoices.sendInvoice'],
			[ACTIONS.refund, 'ch_1', 'refunds.create'],
			[ACTIONS.cancelSubscription, 'sub_1', 'subscriptions.update'],
			[ACTIONS.cancelSubscriptionNow, 'sub_1', 'subscriptions.cancel'],
			[ACTIONS.acceptDispute, 'du_1', 'disputes.close'],
		];
		for (const [actionId, value, method] of cases) {
			const { stripe, calls } = fakeStripe();
			const outcome = await performAction({ stripe, actionId, objectId: value, interaction: allowedClick(actionId, value) });
			expect(outcome.ok).toBe(true);
			expect(calls.map((c) => c.method)).toEqual([method]);
			const options = calls[0].args[calls[0].args.length - 1] as { idempotencyKey: string };
			expect(options.idempotencyKey).toBe(outcome.idempotencyKey);
			expect(outcome.idempotencyKey).toMatch(/^slack-click-v1-/);
			expect(outcome.stripeRequestId).toBe('req_1');
		}
		expect(routeAction('nope')).toBeUndefined();
	});

	it('refunds a payment intent partly, with the amount from a modal in the key', async () => {
		const { stripe, calls } = fakeStripe();
		const click = allowedClick(ACTIONS.refund, 'pi_1') as any;
		click.inputs = { refund_amount: '500', refund_reason: 'duplicate' };
		const outcome = await performAction({ stripe, actionId: ACTIONS.refund, objectId: 'pi_1', interaction: click });
		expect(outcome.ok).toBe(true);
		const params = calls[1].args[0] as IDataObject;
		expect(params).toMatchObject({ payment_intent: 'pi_1', amount: 500, reason: 'duplicate' });
		const full = await performAction({ stripe: fakeStripe().stripe, actionId: ACTIONS.refund, objectId: 'pi_1', interaction: allowedClick(ACTIONS.refund, 'pi_1') });
		expect(full.idempotencyKey).not.toBe(outcome.idempotencyKey);
		expect(toMinorUnits('12.50', 'usd')).toBe(1250);
		expect(() => toMinorUnits('12.5', 'jpy')).toThrow(/no decimals/);
		expect(() => toMinorUnits('abc', 'usd')).toThrow(/not an amount/);
	});

	it('submits dispute evidence from the modal and refuses empty evidence', async () => {
		const { stripe, calls } = fakeStripe();
		const click = allowedClick(ACTIONS.submitEvidence, 'du_1') as any;
		click.inputs = { evidence_text: 'Delivered, signed by the customer.' };
		expect((await performAction({ stripe, actionId: ACTIONS.submitEvidence, objectId: 'du_1', interaction: click })).ok).toBe(true);
		expect(calls[0].args[1]).toMatchObject({ evidence: { uncategorized_text: 'Delivered, signed by the customer.' }, submit: true });
		const empty = await performAction({ stripe, actionId: ACTIONS.submitEvidence, objectId: 'du_1', interaction: allowedClick(ACTIONS.submitEvidence, 'du_1') });
		expect(empty).toMatchObject({ ok: false, error: { type: 'invalid_input', code: 'missing_evidence' } });
	});

	it('turns wrong ids, unknown buttons, unauthorized clicks and Stripe errors into ok:false', async () => {
		const { stripe, calls } = fakeStripe();
		expect(await performAction({ stripe, actionId: ACTIONS.refund, objectId: 'in_1', interaction: allowedClick(ACTIONS.refund, 'in_1') })).toMatchObject({
			ok: false,
			error: { message: expect.stringMatching(/not a charge or payment intent id/) },
		});
		expect(await performAction({ stripe, actionId: 'x.y', objectId: 'ch_1' })).toMatchObject({ ok: false, error: { type: 'unsupported_action' } });
		const notAllowed = { ...(allowedClick(ACTIONS.refund, 'ch_1') as object), authorization: { allowed: false } } as never;
		expect(await performAction({ stripe, actionId: ACTIONS.refund, objectId: 'ch_1', interaction: notAllowed })).toMatchObject({ ok: false, error: { type: 'not_authorized' } });
		expect(calls).toHaveLength(0);

		const declined = Object.assign(new Error('Your card was declined.'), { type: 'StripeCardError', rawType: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', statusCode: 402, requestId: 'req_9' });
		const failed = await performAction({ stripe: fakeStripe({ fail: declined }).stripe, actionId: ACTIONS.retryPayment, objectId: 'in_1', interaction: allowedClick(ACTIONS.retryPayment, 'in_1') });
		expect(failed).toMatchObject({
			ok: false,
			stripeRequestId: 'req_9',
			error: { message: 'The card was declined: Your card was declined. (insufficient_funds)', type: 'card_error', code: 'card_declined', statusCode: 402 },
		});
		expect(describeStripeError(Object.assign(new Error('x'), { rawType: 'idempotency_error', statusCode: 400 })).message).toMatch(/already done/);
		expect(describeStripeError(Object.assign(new Error('ECONNREFUSED'), { type: 'StripeConnectionError' })).message).toMatch(/Could not reach Stripe/);
	});

	it('shares one call between concurrent executions of the same click', async () => {
		const { stripe, calls } = fakeStripe({ delayMs: 50 });
		const click = allowedClick(ACTIONS.refund, 'ch_1');
		const outcomes = await Promise.all([1, 2, 3].map(async () => await performAction({ stripe, actionId: ACTIONS.refund, objectId: 'ch_1', interaction: click })));
		expect(calls).toHaveLength(1);
		expect(outcomes.map((o) => o.replayed)).toEqual([false, true, true]);
	});

	it('node: From Button Click passes the click through; config errors throw', async () => {
		const node = new StripeAction();
		const creds = { secretKey: 'sk_test_x', apiBaseUrl: 'http://127.0.0.1:9' };
		const item = { json: { ...normalizeInteraction(stripeClick(ACTIONS.markHandled, 'ch_1')), authorization: { allowed: true } } as unknown as IDataObject };
		const [out] = await node.execute.call(fakeExecuteFunctions({ name: 'Stripe Action', params: {}, credentials: creds, items: [item], description: node.description }));
		expect(out[0].json).toMatchObject({ ok: true, skipped: true, action: ACTIONS.markHandled, interaction: { actionId: ACTIONS.markHandled } });
		await expect(
			node.execute.call(fakeExecuteFunctions({ name: 'Stripe Action', params: {}, credentials: creds, items: [{ json: { hello: 1 } }], description: node.description })),
		).rejects.toThrow(NodeOperationError);
		await expect(
			node.execute.call(fakeExecuteFunctions({ name: 'Stripe Action', params: {}, credentials: { ...creds, apiBaseUrl: 'ftp://x' }, items: [item], description: node.description })),
		).rejects.toThrow(/must start with https/);
	});
});

describe('Slack Action Response', () => {
	it('finds the click and the outcome in its input', () => {
		const click = normalizeInteraction(stripeClick(ACTIONS.refund, 'ch_1'));
		expect(resolveInput(click as never).interaction?.actionId).toBe(ACTIONS.refund);
		const outcome = { ok: true, action: ACTIONS.refund, interaction: click };
		expect(resolveInput(outcome as never)).toMatchObject({ interaction: { actionId: ACTIONS.refund }, outcome: { ok: true } });
		expect(resolveInput({ foo: 1 })).toEqual({ interaction: null, outcome: null });
	});

	it('throws a clear error without a click, or continues with the error when asked', async () => {
		const node = new SlackActionResponse();
		const fns = (continueOnFail: boolean) =>
			fakeExecuteFunctions({ name: 'Slack Action Response', params: {}, credentials, items: [{ json: { foo: 1 } }], continueOnFail, description: node.description });
		await expect(node.execute.call(fns(false))).rejects.toThrow(/no Slack click/);
		const [out] = await node.execute.call(fns(true));
		expect(out[0].json.slack).toMatchObject({ ok: false, error: expect.stringMatching(/no Slack click/) });
	});
});
