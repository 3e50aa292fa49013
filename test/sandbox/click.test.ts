/** Clicks: the sandbox sends a Slack-signed block_actions payload, form-encoded, to the interactivity URL. */
import { LogLevel, WebClient } from '@slack/web-api';
import fixture from '../fixtures/slack/block_actions_button_in_message.json';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { SIGNING_SECRET, getJson, postJson, startHook, verifySlackSignature } from './helpers';

const blocks = [
	{ type: 'header', text: { type: 'plain_text', text: 'Refund requested' } },
	{ type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: '*$1.00* from Jenny Rosen' } },
	{
		type: 'actions',
		block_id: 'acts',
		elements: [
			{
				type: 'button', action_id: 'stripe_slack.refund', style: 'danger', value: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', text: { type: 'plain_text', text: 'Refund' },
				confirm: { title: { type: 'plain_text', text: 'Refund?' }, text: { type: 'mrkdwn', text: 'Refund $1.00' }, confirm: { type: 'plain_text', text: 'Refund' }, deny: { type: 'plain_text', text: 'Cancel' } },
			},
			{ type: 'button', action_id: 'stripe_slack.mark_handled', value: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', text: { type: 'plain_text', text: 'Mark handled' } },
		],
	},
];

describe('signed block_actions clicks', () => {
	let sb: Sandbox;
	let client: WebClient;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 0 });
		client = new WebClient('xoxb-sandbox-token', { slackApiUrl: `${sb.url}/api/`, logLevel: LogLevel.ERROR });
	});
	afterAll(() => sb.close());

	test('a click reaches the webhook with a signature Slack\'s documented scheme verifies, and the webhook can update the message', async () => {
		const hook = await startHook(async (r, res) => {
			if (!verifySlackSignature(SIGNING_SECRET, r.headers, r.body)) {
				res.writeHead(401);
				return void res.end('bad signature');
			}
			const payload = JSON.parse(new URLSearchParams(r.body).get('payload')!);
			await client.chat.update({ channel: payload.channel.id, ts: payload.message.ts, text: `Handled by <@${payload.user.id}>`, blocks: [] });
			res.writeHead(200);
			res.end();
		});
		try {
			await postJson(`${sb.url}/_sandbox/config`, { interactivityUrl: hook.url });
			const posted = await client.chat.postMessage({ channel: '#refunds', text: 'Refund requested', blocks });
			const res = await postJson(`${sb.url}/_sandbox/slack/click`, { channel: posted.channel, ts: posted.ts, action_id: 'stripe_slack.mark_handled', user_id: 'U_ALICE' });
			expect(res.status).toBe(200);

			const got = hook.received[0];
			expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
			expect(got.body.startsWith('payload=')).toBe(true);
			expect(verifySlackSignature(SIGNING_SECRET, got.headers, got.body)).toBe(true);
			expect(verifySlackSignature('another-secret', got.headers, got.body)).toBe(false);
			expect(verifySlackSignature(SIGNING_SECRET, got.headers, got.body + 'x')).toBe(false);

			const payload = JSON.parse(new URLSearchParams(got.body).get('payload')!);
			// Same keys as a real Slack payload (bolt-python fixture) plus `token`.
			for (const k of Object.keys(fixture)) expect(payload).toHaveProperty(k);
			expect(payload).toMatchObject({
				type: 'block_actions',
				user: { id: 'U_ALICE' },
				channel: { id: 'C_REFUNDS', name: 'refunds' },
				container: { type: 'message', message_ts: posted.ts, channel_id: 'C_REFUNDS', is_ephemeral: false },
				message: { ts: posted.ts, blocks },
				token: expect.any(String),
				api_app_id: expect.any(String),
				team: { id: 'T_SANDBOX' },
				response_url: expect.stringContaining(sb.url),
				actions: [{ action_id: 'stripe_slack.mark_handled', block_id: 'acts', value: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', type: 'button', action_ts: expect.stringMatching(/^\d+\.\d+$/) }],
			});

			const state = await getJson(`${sb.url}/_sandbox/slack/messages`);
			const m = state.messages.find((x: any) => x.ts === posted.ts);
			expect(m.text).toBe('Handled by <@U_ALICE>');
			expect(m.edits).toHaveLength(1);
		} finally {
			await hook.close();
		}
	});

	test('the click returns whatever status the interactivity URL answered, and explains failures', async () => {
		const hook = await startHook((_r, res) => { res.writeHead(500); res.end('boom'); });
		try {
			await postJson(`${sb.url}/_sandbox/config`, { interactivityUrl: hook.url });
			const posted = await client.chat.postMessage({ channel: '#refunds', text: 't', blocks });
			expect(await postJson(`${sb.url}/_sandbox/slack/click`, { channel: 'refunds', ts: posted.ts, action_id: 'stripe_slack.refund' })).toMatchObject({ status: 500, body: 'boom' });
			expect(await postJson(`${sb.url}/_sandbox/slack/click`, { channel: 'refunds', ts: posted.ts, action_id: 'nope' })).toMatchObject({ status: 0, error: 'action_not_found' });
			await postJson(`${sb.url}/_sandbox/config`, { interactivityUrl: null });
			expect(await postJson(`${sb.url}/_sandbox/slack/click`, { channel: 'refunds', ts: posted.ts, action_id: 'stripe_slack.refund' })).toMatchObject({ status: 0, error: 'no_interactivity_url' });
		} finally {
			await hook.close();
		}
	});
});
