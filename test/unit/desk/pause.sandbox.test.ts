/**
 * `/stripe pause 2m`, `/stripe pause status` and `/stripe resume` through the Slack Action Trigger and the Stripe
 * Support Desk, against the sandbox: the allowlist applies, the reply is private, the access log records each
 * command, the pause lands in n8n's folder where every Slack Noise Control node of the scope reads it, and a
 * resume posts the summary of what was held.
 */
import { createHmac } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { SlackActionTrigger } from '../../../nodes/SlackActionTrigger/SlackActionTrigger.node';
import { forgetDeliveries } from '../../../nodes/shared/slack/click';
import { StripeSupportDesk } from '../../../nodes/StripeSupportDesk/StripeSupportDesk.node';
import { DESK_ACTIONS } from '../../../nodes/shared/desk/actions';
import { parseQuery } from '../../../nodes/shared/desk/query';
import { FileNoiseStore } from '../../../nodes/shared/noise/store';
import type { Sandbox } from '../../../sandbox/server';
import { sandboxWithStripe } from '../../sandbox/helpers';
import { fakeExecuteFunctions, fakeWebhookFunctions, RecordingResponse } from '../actions/harness';

const SECRET = 'sandbox-signing-secret';
let sb: Sandbox;
let folder: string;
const prevFolder = process.env.N8N_USER_FOLDER;

function signed(body: string, at = Math.floor(Date.now() / 1000)) {
	const sig = 'v0=' + createHmac('sha256', SECRET).update(`v0:${at}:${body}`).digest('hex');
	return { headers: { 'x-slack-signature': sig, 'x-slack-request-timestamp': String(at) }, rawBody: Buffer.from(body) };
}
const command = (text: string, user: string) =>
	new URLSearchParams({ command: '/stripe', text, user_id: user, user_name: user.toLowerCase(), team_id: 'T_SANDBOX', channel_id: 'C_SUPPORT', response_url: `${sb.url}/_sandbox/slack/response/T_SANDBOX/none`, trigger_id: `t.${Math.random()}` }).toString();

async function slash(text: string, user: string): Promise<INodeExecutionData[]> {
	const ctx = fakeWebhookFunctions({
		params: { interactionTypes: ['block_actions', 'slash_command'], options: { lookupUserGroupIds: 'S_SUPPORT' } },
		credentials: { botToken: 'xoxb-sandbox-token', signingSecret: SECRET, apiBaseUrl: `${sb.url}/api/` },
		request: signed(command(text, user)),
		response: new RecordingResponse(),
	});
	const out = await new SlackActionTrigger().webhook.call(ctx);
	return (out.workflowData?.[0] ?? []) as INodeExecutionData[];
}

async function desk(items: INodeExecutionData[]) {
	const fns = fakeExecuteFunctions({ name: 'Stripe Support Desk', params: { operation: 'answer', auditChannel: '#support-audit', pauseScope: 'alerts' }, credentials: {}, items, description: new StripeSupportDesk().description });
	const getCredentials = async (type: string) => (type === 'slackAppApi' ? { botToken: 'xoxb-sandbox-token', apiBaseUrl: `${sb.url}/api/` } : { secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url });
	return await new StripeSupportDesk().execute.call({ ...fns, getCredentials } as unknown as IExecuteFunctions);
}
const messages = async () => (await (await fetch(`${sb.url}/_sandbox/slack/messages`)).json()) as { messages: Array<{ text: string; channel: string }>; ephemeral: Array<{ user: string; text: string }> };

beforeAll(async () => {
	({ sb } = await sandboxWithStripe());
});
afterAll(async () => sb.close());
beforeEach(async () => {
	forgetDeliveries();
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pause-'));
	process.env.N8N_USER_FOLDER = folder;
	await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
});
afterEach(() => {
	if (prevFolder === undefined) delete process.env.N8N_USER_FOLDER;
	else process.env.N8N_USER_FOLDER = prevFolder;
	fs.rmSync(folder, { recursive: true, force: true });
});

it('parses the pause commands as noise commands, not lookups', () => {
	expect(parseQuery('pause 2h')).toEqual({ kind: 'noise', text: 'pause 2h' });
	expect(parseQuery('Resume')).toEqual({ kind: 'noise', text: 'Resume' });
	expect(parseQuery('pausetheworld@example.com').kind).toBe('email');
});

it('pause, status and resume: private replies, access log, the pause in n8n\'s folder, and the summary on resume', async () => {
	const [item] = await slash('pause 2m', 'U_BOB');
	expect(item.json).toMatchObject({ actionId: DESK_ACTIONS.noise, value: 'pause 2m', authorization: { allowed: true } });
	const [[log]] = await desk([item]);
	expect(log.json).toMatchObject({ kind: 'action', action: DESK_ACTIONS.noise, result: 'ok', subject: 'pause_2m', user: { id: 'U_BOB' } });
	expect(String(log.json.detail)).toMatch(/^paused until 20\d\d-/);
	const store = new FileNoiseStore(path.join(folder, '.n8n', 'stripe-slack', 'noise-alerts'));
	const pause = await store.getPause();
	expect(pause?.by).toBe('U_BOB');
	expect(pause!.until - pause!.since).toBe(120_000);
	let s = await messages();
	expect(s.ephemeral.find((e) => e.user === 'U_BOB')?.text).toMatch(/paused until/);
	expect(s.messages.find((m) => m.channel === 'C_SUPPORT_AUDIT')?.text).toMatch(/<@U_BOB> used alerts_pause on `pause_2m`.*done \(paused until/);

	await store.hold([{ channel: 'C_PAYMENTS', at: Date.now(), text: 'Payment received: $10.00', metadata: { event_type: 'payment_intent.succeeded', amount: 1000, currency: 'usd' }, why: 'pause', notBefore: pause!.until }]);
	await desk(await slash('pause status', 'U_BOB'));
	s = await messages();
	expect(s.ephemeral.filter((e) => e.user === 'U_BOB').pop()?.text).toMatch(/Paused until .* \(by <@U_BOB>\); 1 alert\(s\) held\./);

	await desk(await slash('resume', 'U_BOB'));
	s = await messages();
	expect(await store.getPause()).toBeNull();
	expect(s.messages.filter((m) => m.channel === 'C_PAYMENTS').map((m) => m.text)).toEqual(['While alerts were paused: 1 alert held ($10.00)']);
	expect(s.ephemeral.filter((e) => e.user === 'U_BOB').pop()?.text).toMatch(/back on\. 1 held alert\(s\) are summarized/);
});

it('a user off the allowlist is refused, and nothing is paused', async () => {
	const items = await slash('pause 2h', 'U_CAROL');
	expect(items[0].json.authorization).toMatchObject({ allowed: false });
	const [[log]] = await desk(items);
	expect(log.json).toMatchObject({ result: 'denied', action: DESK_ACTIONS.noise });
	expect(fs.existsSync(path.join(folder, '.n8n', 'stripe-slack', 'noise-alerts', 'pause.json'))).toBe(false);
});

it('a bad duration gets a private explanation and is logged as failed', async () => {
	const [[log]] = await desk(await slash('pause soon', 'U_BOB'));
	expect(log.json).toMatchObject({ result: 'failed' });
	expect((await messages()).ephemeral.find((e) => e.user === 'U_BOB')?.text).toMatch(/not a duration like 30m/);
});
