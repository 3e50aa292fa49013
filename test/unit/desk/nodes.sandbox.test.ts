/**
 * Slack Action Trigger (slash command, shortcut, lookup allowlist) and Stripe Support Desk (card, access
 * log, team actions) through their n8n entry points, against the sandbox.
 */
import { createHmac } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type Stripe from 'stripe';
import { SlackActionTrigger } from '../../../nodes/SlackActionTrigger/SlackActionTrigger.node';
import { forgetDeliveries } from '../../../nodes/shared/slack/click';
import { StripeSupportDesk } from '../../../nodes/StripeSupportDesk/StripeSupportDesk.node';
import { teamActionsBlock } from '../../../nodes/shared/desk/buttons';
import type { Sandbox } from '../../../sandbox/server';
import { sandboxWithStripe, slackCall } from '../../sandbox/helpers';
import { fakeExecuteFunctions, fakeWebhookFunctions, RecordingResponse } from '../actions/harness';

const SECRET = 'sandbox-signing-secret';
let sb: Sandbox;
let stripe: Stripe;

function signed(body: string, at = Math.floor(Date.now() / 1000), secret = SECRET) {
	const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex');
	return { headers: { 'x-slack-signature': sig, 'x-slack-request-timestamp': String(at) }, rawBody: Buffer.from(body) };
}

function command(text: string, user: string, extra: Record<string, string> = {}) {
	return new URLSearchParams({ command: '/stripe', text, user_id: user, user_name: user.toLowerCase(), team_id: 'T_SANDBOX', channel_id: 'C_GENERAL', response_url: `${sb.url}/_sandbox/slack/response/T_SANDBOX/none`, trigger_id: `t.${Math.random()}`, ...extra }).toString();
}

async function trigger(request: { headers: Record<string, string>; rawBody: Buffer }) {
	const response = new RecordingResponse();
	const ctx = fakeWebhookFunctions({
		params: { interactionTypes: ['block_actions', 'view_submission', 'slash_command', 'message_action'], options: { lookupUserGroupIds: 'S_SUPPORT' } },
		credentials: { botToken: 'xoxb-sandbox-token', signingSecret: SECRET, apiBaseUrl: `${sb.url}/api/` },
		request,
		response,
	});
	const out = await new SlackActionTrigger().webhook.call(ctx);
	return { response, items: (out.workflowData?.[0] ?? []) as INodeExecutionData[] };
}

async function desk(items: INodeExecutionData[], params: Record<string, unknown> = {}) {
	const fns = fakeExecuteFunctions({ name: 'Stripe Support Desk', params: { operation: 'answer', auditChannel: '#general', escalationChannel: '#disputes', escalationUserGroupId: 'S_FINANCE', ...params }, credentials: {}, items, description: new StripeSupportDesk().description });
	const getCredentials = async (type: string) => (type === 'slackAppApi' ? { botToken: 'xoxb-sandbox-token', apiBaseUrl: `${sb.url}/api/` } : { secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url });
	return await new StripeSupportDesk().execute.call({ ...fns, getCredentials } as unknown as IExecuteFunctions);
}

const messages = async () => (await (await fetch(`${sb.url}/_sandbox/slack/messages`)).json()) as { messages: Array<IDataObject & { text: string; ts: string; channel: string; thread_ts: string | null; blocks: any[] }>; ephemeral: Array<{ user: string; text: string; blocks: unknown[] }> };

beforeAll(async () => {
	({ sb, stripe } = await sandboxWithStripe());
});
afterAll(async () => sb.close());
beforeEach(async () => {
	forgetDeliveries();
	await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
});

describe('slash command and shortcut', () => {
	it('/stripe help answers with the usage at once; nothing runs', async () => {
		const { response, items } = await trigger(signed(command('help', 'U_CAROL')));
		expect(response.statusCode).toBe(200);
		expect((response.body as { response_type: string; text: string }).text).toMatch(/Look up a customer/);
		expect(items).toEqual([]);
	});

	it('a forged or stale command gets 401 and runs nothing', async () => {
		for (const req of [signed(command('jenny.rosen@example.com', 'U_BOB'), undefined, 'wrong-secret'), signed(command('jenny.rosen@example.com', 'U_BOB'), Math.floor(Date.now() / 1000) - 600)]) {
			const { response, items } = await trigger(req);
			expect(response.statusCode).toBe(401);
			expect(items).toEqual([]);
		}
	});

	it('an allowed agent gets the card privately; the access log goes to the audit channel and the output', async () => {
		const { response, items } = await trigger(signed(command('jenny.rosen@example.com', 'U_BOB')));
		expect([response.statusCode, response.body]).toEqual([200, '']);
		expect(items[0].json).toMatchObject({ type: 'slash_command', actionId: 'stripe_slack.lookup', authorization: { allowed: true, reason: 'group_member' } });
		const [log] = await desk(items);
		expect(log[0].json).toMatchObject({ kind: 'lookup', user: { id: 'U_BOB' }, subject: 'j•••@e•••.com', result: 'card', customerId: 'cus_QXg1o8vcGmoR32' });
		const m = await messages();
		const card = m.ephemeral.find((e) => e.user === 'U_BOB')!;
		expect(JSON.stringify(card)).toContain('j•••@e•••.com');
		expect(JSON.stringify(m)).not.toMatch(/jenny\.rosen@example\.com|510 Townsend|94103|\+14155550123/);
		expect(m.messages.find((x) => x.channel === 'C_GENERAL')!.text).toMatch(/^Access log: <@U_BOB> looked up `j•••@e•••\.com` at .*: card shown\.$/);
	});

	it('a user not on the allowlist gets the refusal; the lookup is logged and Stripe sees nothing', async () => {
		const { response, items } = await trigger(signed(command('jenny.rosen@example.com', 'U_CAROL')));
		expect((response.body as { text: string }).text).toMatch(/not allowed to look up/);
		const before = sb.stripe.requests.length;
		const [log] = await desk(items);
		expect(log[0].json).toMatchObject({ result: 'denied', user: { id: 'U_CAROL' } });
		expect(sb.stripe.requests.length).toBe(before);
	});

	it('several matches give a list to choose from; a stranger gets a clear answer', async () => {
		const [log] = await desk((await trigger(signed(command('sam.shared@example.com', 'U_BOB')))).items);
		expect(log[0].json).toMatchObject({ result: 'choices', detail: '2 matches' });
		const [none] = await desk((await trigger(signed(command('nobody@example.com', 'U_BOB')))).items);
		expect(none[0].json).toMatchObject({ result: 'no_match' });
		expect((await messages()).ephemeral.map((e) => e.text)).toEqual(['2 customers match. Choose one:', 'No Stripe customer has this email.']);
	});

	it('the shortcut looks up the ids in the message it is used on', async () => {
		const posted = await slackCall(sb.url, 'chat.postMessage', { channel: 'C_PAYMENTS', text: 'Customer asks about ch_1PgafuB7WZ01zgkWXYmPNZs8' });
		const payload = { type: 'message_action', callback_id: 'stripe_slack.lookup', trigger_id: 't1', response_url: `${sb.url}/_sandbox/slack/response/T_SANDBOX/x`, team: { id: 'T_SANDBOX' }, channel: { id: 'C_PAYMENTS' }, user: { id: 'U_BOB', name: 'bob' }, message_ts: posted.body.ts, message: { ts: posted.body.ts, text: posted.body.message.text } };
		const { items } = await trigger(signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString()));
		expect(items[0].json).toMatchObject({ type: 'message_action', queries: [{ kind: 'id', id: 'ch_1PgafuB7WZ01zgkWXYmPNZs8' }] });
		const [log] = await desk(items, { auditChannel: '' });
		expect(log[0].json).toMatchObject({ result: 'card', subject: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', source: 'shortcut' });
	});
});

describe('team actions', () => {
	async function alert() {
		const posted = await slackCall(sb.url, 'chat.postMessage', {
			channel: 'C_DISPUTES',
			text: 'Dispute opened: $10.00',
			blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Dispute opened: $10.00 by jenny.rosen@example.com' } }, teamActionsBlock('dp_1Pgc71B7WZ01zgkWMevJiAUx', { customerId: 'cus_QXg1o8vcGmoR32' })],
		});
		return posted.body as { ts: string; message: IDataObject };
	}
	function click(ts: string, message: IDataObject, actionId: string, value: string, user = 'U_ALICE') {
		const action = actionId === 'stripe_slack.assign' ? { type: 'users_select', action_id: actionId, selected_user: value, block_id: 'desk_team:dp_1Pgc71B7WZ01zgkWMevJiAUx', action_ts: `${Math.random()}` } : { type: 'button', action_id: actionId, value, block_id: 'desk_team:dp_1Pgc71B7WZ01zgkWMevJiAUx', action_ts: `${Math.random()}` };
		const payload = { type: 'block_actions', user: { id: user, name: user }, team: { id: 'T_SANDBOX' }, channel: { id: 'C_DISPUTES' }, container: { channel_id: 'C_DISPUTES', message_ts: ts }, trigger_id: `${Math.random()}`, message, actions: [action] };
		return signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
	}

	it('Assign, Escalate and Mark contacted each do their work once for a double click', async () => {
		const a = await alert();
		const run = async (actionId: string, value: string) => {
			const [x, y] = await Promise.all([trigger(click(a.ts, a.message, actionId, value)), trigger(click(a.ts, a.message, actionId, value))]);
			return await desk([...x.items, ...y.items]);
		};
		const [assigned] = await run('stripe_slack.assign', 'U_CAROL');
		expect(assigned.map((i) => i.json.result)).toEqual(['ok']);
		const [escalated] = await run('stripe_slack.escalate', 'cus_QXg1o8vcGmoR32');
		expect(escalated.map((i) => i.json.result)).toEqual(['ok']);
		const writesBefore = sb.stripe.requests.filter((r) => r.method === 'POST').length;
		const [contacted] = await run('stripe_slack.mark_contacted', 'cus_QXg1o8vcGmoR32');
		expect(contacted.map((i) => i.json.result)).toEqual(['ok']);
		expect(sb.stripe.requests.filter((r) => r.method === 'POST').length - writesBefore).toBe(1);
		const customer = (await stripe.customers.retrieve('cus_QXg1o8vcGmoR32')) as Stripe.Customer;
		expect(customer.metadata.last_contacted_by).toBe('U_ALICE');

		const m = await messages();
		const original = m.messages.find((x) => x.ts === a.ts)!;
		expect(JSON.stringify(original.blocks)).toContain('Assigned to <@U_CAROL> by <@U_ALICE>');
		const thread = m.messages.filter((x) => x.thread_ts === a.ts);
		expect(thread.map((x) => x.text.split(' ').slice(1, 3).join(' '))).toEqual(['<@U_ALICE> assigned', '<@U_ALICE> escalated', '<@U_ALICE> marked']);
		const escalation = m.messages.filter((x) => JSON.stringify(x.blocks ?? []).includes('Escalated by'));
		expect(escalation).toHaveLength(1);
		expect(JSON.stringify(escalation[0])).toContain('<!subteam^S_FINANCE>');
		expect(JSON.stringify(escalation[0])).toContain(`/archives/C_DISPUTES/p${a.ts.replace('.', '')}|View the original message`);
		expect(JSON.stringify(escalation[0])).not.toContain('jenny.rosen@example.com');
	});

	it('Create ticket sends the ticket fields to the Ticket output', async () => {
		const a = await alert();
		const { items } = await trigger(click(a.ts, a.message, 'stripe_slack.create_ticket', 'cus_QXg1o8vcGmoR32'));
		const [log, tickets] = await desk(items);
		expect(log[0].json.result).toBe('ok');
		expect(tickets[0].json).toMatchObject({ objectId: 'dp_1Pgc71B7WZ01zgkWMevJiAUx', customerId: null, requestedBy: { id: 'U_ALICE' } });
		expect(JSON.stringify(tickets[0].json)).not.toContain('jenny.rosen@example.com');
	});
});
