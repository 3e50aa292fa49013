/**
 * The replay window cannot be switched off: a tolerance that is not a finite number from 1 to 3600 is a
 * configuration error at activation (both Stripe triggers, the Slack Action Trigger), and the verifiers
 * refuse every request with it, however old, instead of skipping the age check.
 */
import type { IDataObject, IHookFunctions, ITriggerFunctions } from 'n8n-workflow';

import { StripeHighVolumeTrigger } from '../../../nodes/StripeHighVolumeTrigger/StripeHighVolumeTrigger.node';
import { handleSlackAction } from '../../../nodes/shared/slack/click';
import { SlackActionTrigger } from '../../../nodes/SlackActionTrigger/SlackActionTrigger.node';
import { computeSlackSignature, verifySlackSignature } from '../../../nodes/shared/slack/signature';
import { verifyStripeWebhook } from '../../../nodes/shared/stripe/signature';
import { resolveTolerance, toleranceProblem, ToleranceError } from '../../../nodes/shared/tolerance';
import { SECRET, callWebhook, fixtureText, nowSeconds, sign, trigger as signedTrigger } from './harness';

const BAD: Array<[string, unknown]> = [
	['NaN', NaN],
	['Infinity', Infinity],
	['-Infinity', -Infinity],
	['0', 0],
	['-1', -1],
	['-300', -300],
	['0.5', 0.5],
	['the string "300"', '300'],
	['the string "abc"', 'abc'],
	['an empty string', ''],
	['3601', 3601],
	['86400', 86400],
	['null', null],
	['an object', {}],
	['true', true],
];
const GOOD: Array<[unknown, number]> = [
	[undefined, 300],
	[1, 1],
	[300, 300],
	[1200.7, 1200],
	[3600, 3600],
];

const TEN_DAYS = 10 * 86400;
const body = fixtureText('invoice.paid');

function hookContext(options: Record<string, unknown>, params: IDataObject = {}): IHookFunctions {
	const all: IDataObject = { events: ['invoice.paid'], registerEndpoint: false, options: options as IDataObject, ...params };
	return {
		getNodeParameter: (name: string, fallback?: unknown) => (name in all ? all[name] : fallback),
		getNode: () => ({ id: 'n1', name: 'Trigger', type: 't', typeVersion: 1, position: [0, 0], parameters: all }),
		getWorkflow: () => ({ id: 'wf-tol', name: 'tol', active: true }),
		getMode: () => 'trigger',
		getCredentials: async () => ({ secretKey: 'sk_test_x', webhookSecret: SECRET, previousWebhookSecret: '' }),
		logger: { debug() {}, info() {}, warn() {}, error() {} },
	} as unknown as IHookFunctions;
}

describe('tolerance values', () => {
	it.each(BAD)('%s is refused with a clear reason', (_label, value) => {
		expect(toleranceProblem(value)).toMatch(/must be a number of seconds from 1 to 3600, but it is /);
		expect(() => resolveTolerance(value, 300)).toThrow(ToleranceError);
	});
	it.each(GOOD)('%p is accepted as %p s', (value, seconds) => {
		expect(toleranceProblem(value)).toBeUndefined();
		expect(resolveTolerance(value, 300)).toBe(seconds);
	});
});

describe('activation refuses a bad tolerance', () => {
	it.each(BAD)('Stripe Signed Trigger: %s', async (_label, value) => {
		const methods = signedTrigger.webhookMethods.default;
		await expect(methods.checkExists.call(hookContext({ toleranceSeconds: value }))).rejects.toThrow(/Signature time tolerance must be a number of seconds from 1 to 3600/);
		await expect(methods.create.call(hookContext({ toleranceSeconds: value }))).rejects.toThrow(/from 1 to 3600/);
	});
	it.each(BAD)('Stripe High-Volume Trigger: %s (before any port is opened)', async (_label, value) => {
		const ctx = hookContext({ toleranceSeconds: value }, { port: 1 }) as unknown as ITriggerFunctions;
		await expect(new StripeHighVolumeTrigger().trigger.call(ctx)).rejects.toThrow(/Signature time tolerance must be a number of seconds from 1 to 3600/);
	});
	it.each(BAD)('Slack Action Trigger: %s', async (_label, value) => {
		const methods = new SlackActionTrigger().webhookMethods.default;
		await expect(methods.checkExists.call(hookContext({ toleranceSeconds: value }))).rejects.toThrow(/Signature Max Age must be a number of seconds from 1 to 3600/);
	});
	it('a good or unset tolerance activates', async () => {
		for (const options of [{}, { toleranceSeconds: 1 }, { toleranceSeconds: 3600 }]) {
			await expect(signedTrigger.webhookMethods.default.checkExists.call(hookContext(options))).resolves.toBe(true);
			await expect(new SlackActionTrigger().webhookMethods.default.checkExists.call(hookContext(options))).resolves.toBe(true);
		}
	});
});

describe('a bad tolerance never means "no check"', () => {
	it.each(BAD)('Stripe verifier: %s refuses a request signed 10 days ago, and a fresh one', (_label, value) => {
		for (const age of [TEN_DAYS, 0]) {
			const r = verifyStripeWebhook({ rawBody: body, header: sign(body, SECRET, nowSeconds() - age), secrets: [SECRET], toleranceSeconds: value as number });
			expect(r).toMatchObject({ ok: false, status: 500, code: 'bad_tolerance' });
		}
	});
	it.each(BAD)('Stripe Signed Trigger webhook: %s answers 500, no workflow data', async (_label, value) => {
		const r = await callWebhook({ body, header: sign(body, SECRET, nowSeconds() - TEN_DAYS), options: { toleranceSeconds: value as number } });
		expect(r.result.workflowData).toBeUndefined();
		expect(r.res.statusCode).toBe(500);
		expect((r.res.body as { error: string }).error).toMatch(/misconfigured: Signature time tolerance must be a number/);
	});
	it.each(BAD)('Slack verifier: %s refuses a request signed 10 days ago', (_label, value) => {
		const ts = String(nowSeconds() - TEN_DAYS);
		const raw = 'payload=%7B%7D';
		const r = verifySlackSignature({ signingSecret: 's3cr3t', rawBody: raw, signature: computeSlackSignature('s3cr3t', ts, raw), timestamp: ts, toleranceSeconds: value as number });
		expect(r).toMatchObject({ ok: false, reason: 'bad_tolerance' });
	});
	it.each(BAD)('Slack Action Trigger webhook: %s answers 500 with the reason, no workflow data', async (_label, value) => {
		const ts = String(nowSeconds() - TEN_DAYS);
		const raw = 'payload=%7B%7D';
		const res = { code: 0, body: undefined as unknown, headersSent: false, status(c: number) { this.code = c; return this; }, json(b: unknown) { this.body = b; this.headersSent = true; return this; }, send(b?: unknown) { return this.json(b); } };
		const request = { headers: { 'x-slack-signature': computeSlackSignature('s3cr3t', ts, raw), 'x-slack-request-timestamp': ts }, rawBody: raw, body: {} };
		const settings = { actionIdPrefixes: 'stripe_slack.', interactionTypes: ['block_actions'], rules: [], unmatchedActions: 'denyMoneyMoving', toleranceSeconds: value as number };
		const out = await handleSlackAction({ request, response: res, nodeKey: 'wf:n' } as never, { botToken: 'xoxb-1', signingSecret: 's3cr3t' }, settings);
		expect(out.workflowData).toBeUndefined();
		expect(res.code).toBe(500);
		expect(JSON.stringify(res.body)).toMatch(/misconfigured: Signature Max Age must be a number of seconds from 1 to 3600/);
	});
	it('the window still works with a good tolerance (10-day-old requests refused as stale)', () => {
		const ts = String(nowSeconds() - TEN_DAYS);
		const raw = 'payload=%7B%7D';
		expect(verifySlackSignature({ signingSecret: 's', rawBody: raw, signature: computeSlackSignature('s', ts, raw), timestamp: ts, toleranceSeconds: 3600 })).toMatchObject({ ok: false, reason: 'stale' });
		const old = verifyStripeWebhook({ rawBody: body, header: sign(body, SECRET, nowSeconds() - TEN_DAYS), secrets: [SECRET], toleranceSeconds: 3600 });
		expect(old).toMatchObject({ ok: false, code: 'timestamp_too_old' });
	});
});
