/** The Slack half of the sandbox against Slack's documented behaviour and the real @slack/web-api client. */
import { LogLevel, WebClient, WebClientEvent } from '@slack/web-api';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { getJson, postJson, slackCall, startHook } from './helpers';

describe('Slack Web API subset', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 10 });
	});
	afterAll(() => sb.close());
	beforeEach(() => postJson(`${sb.url}/_sandbox/reset`, {}));

	test('token is checked: missing -> not_authed, wrong -> invalid_auth (HTTP 200)', async () => {
		const r = await fetch(`${sb.url}/api/auth.test`, { method: 'POST' });
		expect(r.status).toBe(200);
		expect(await r.json()).toEqual({ ok: false, error: 'not_authed' });
		const w = await slackCall(sb.url, 'auth.test', {}, 'xoxb-wrong');
		expect(w.body).toEqual({ ok: false, error: 'invalid_auth' });
		const ok = await slackCall(sb.url, 'auth.test', {});
		expect(ok.body).toMatchObject({ ok: true, team_id: 'T_SANDBOX', bot_id: expect.any(String) });
	});

	test('channels resolve by id, #name and name; ts unique and increasing; threads', async () => {
		const a = await slackCall(sb.url, 'chat.postMessage', { channel: 'C_PAYMENTS', text: 'one' });
		const b = await slackCall(sb.url, 'chat.postMessage', { channel: '#payments', text: 'two' });
		const c = await slackCall(sb.url, 'chat.postMessage', { channel: 'payments', text: 'three', thread_ts: a.body.ts });
		for (const r of [a, b, c]) expect(r.body).toMatchObject({ ok: true, channel: 'C_PAYMENTS' });
		expect(a.body.ts).toMatch(/^\d{10}\.\d{6}$/);
		expect(parseFloat(b.body.ts)).toBeGreaterThan(parseFloat(a.body.ts));
		expect(new Set([a.body.ts, b.body.ts, c.body.ts]).size).toBe(3);
		expect((await slackCall(sb.url, 'chat.postMessage', { channel: '#nope', text: 'x' })).body).toEqual({ ok: false, error: 'channel_not_found' });
		expect((await slackCall(sb.url, 'chat.postMessage', { channel: '#payments' })).body).toEqual({ ok: false, error: 'no_text' });
		const state = await getJson(`${sb.url}/_sandbox/slack/messages`);
		expect(state.messages.find((m: any) => m.text === 'three')).toMatchObject({ thread_ts: a.body.ts, channel: 'C_PAYMENTS', edits: [], deleted: false });
	});

	test('chat.update records edits, chat.delete marks deleted, permalink, ephemeral', async () => {
		const a = await slackCall(sb.url, 'chat.postMessage', { channel: '#billing', text: 'v1' });
		expect((await slackCall(sb.url, 'chat.update', { channel: a.body.channel, ts: a.body.ts, text: 'v2' })).body).toMatchObject({ ok: true, text: 'v2' });
		expect((await slackCall(sb.url, 'chat.update', { channel: a.body.channel, ts: '1.000000', text: 'v2' })).body).toEqual({ ok: false, error: 'message_not_found' });
		const link = await slackCall(sb.url, 'chat.getPermalink', { channel: a.body.channel, message_ts: a.body.ts });
		expect(link.body.permalink).toBe(`${sb.url}/archives/C_BILLING/p${a.body.ts.replace('.', '')}`);
		const e = await slackCall(sb.url, 'chat.postEphemeral', { channel: '#billing', user: 'U_BOB', text: 'only bob' });
		expect(e.body).toMatchObject({ ok: true, message_ts: expect.any(String) });
		expect((await slackCall(sb.url, 'chat.delete', { channel: a.body.channel, ts: a.body.ts })).body).toMatchObject({ ok: true });
		const state = await getJson(`${sb.url}/_sandbox/slack/messages`);
		expect(state.messages[0]).toMatchObject({ text: 'v2', deleted: true, edits: [{ text: 'v1' }] });
		expect(state.ephemeral[0]).toMatchObject({ channel: 'C_BILLING', user: 'U_BOB', text: 'only bob' });
	});

	test('users, usergroups, conversations', async () => {
		expect((await slackCall(sb.url, 'users.info', { user: 'U_ALICE' })).body.user).toMatchObject({ id: 'U_ALICE', name: 'alice' });
		expect((await slackCall(sb.url, 'users.info', { user: 'U_NOPE' })).body).toEqual({ ok: false, error: 'user_not_found' });
		const g = await slackCall(sb.url, 'usergroups.users.list', { usergroup: 'S_FINANCE' });
		expect(g.body.users).toContain('U_ALICE');
		expect(g.body.users).not.toContain('U_BOB');
		expect((await slackCall(sb.url, 'conversations.info', { channel: 'C_DISPUTES' })).body.channel).toMatchObject({ id: 'C_DISPUTES', name: 'disputes' });
	});

	test('the per-channel limit can be changed through POST /_sandbox/config (and bad values are refused)', async () => {
		const config = (body: unknown) => fetch(`${sb.url}/_sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect((await config({ slackRateLimit: { burst: 0, perSecond: 1 } })).status).toBe(400);
		expect((await config({ slackRateLimit: 'fast' })).status).toBe(400);
		const r = await config({ slackRateLimit: { burst: 20, perSecond: 20 } });
		expect(await r.json()).toMatchObject({ slackRateLimit: { burst: 20, perSecond: 20 } });
		try {
			const results = [];
			for (let i = 0; i < 12; i++) results.push(await slackCall(sb.url, 'chat.postMessage', { channel: '#refunds', text: `fast ${i}` }));
			expect(results.filter((x) => x.status === 429)).toHaveLength(0); // 12 at once would exceed the default burst of 4
		} finally {
			await config({ slackRateLimit: { burst: 4, perSecond: 1 } });
		}
	});

	test('posting faster than the per-channel limit gets HTTP 429 with Retry-After', async () => {
		const results = [];
		for (let i = 0; i < 8; i++) results.push(await slackCall(sb.url, 'chat.postMessage', { channel: '#revenue', text: `m${i}` }));
		const limited = results.filter((r) => r.status === 429);
		expect(results[0].status).toBe(200);
		expect(limited.length).toBeGreaterThan(0);
		expect(limited[0].body).toEqual({ ok: false, error: 'ratelimited' });
		expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		// another channel has its own bucket
		expect((await slackCall(sb.url, 'chat.postMessage', { channel: '#general', text: 'x' })).status).toBe(200);
		// after waiting Retry-After, posting works again
		await new Promise((r) => setTimeout(r, Number(limited[0].headers.get('retry-after')) * 1000));
		expect((await slackCall(sb.url, 'chat.postMessage', { channel: '#revenue', text: 'later' })).status).toBe(200);
	});

	test('@slack/web-api (rejectRateLimitedCalls=false) recovers from 429 and delivers every message', async () => {
		const client = new WebClient('xoxb-sandbox-token', { slackApiUrl: `${sb.url}/api/`, retryConfig: { retries: 10, minTimeout: 100, maxTimeout: 500 }, logLevel: LogLevel.ERROR });
		let rateLimited = 0;
		client.on(WebClientEvent.RATE_LIMITED, () => rateLimited++);
		const sent = await Promise.all(Array.from({ length: 7 }, (_, i) => client.chat.postMessage({ channel: '#payments', text: `burst ${i}` })));
		expect(sent.every((r) => r.ok)).toBe(true);
		expect(rateLimited).toBeGreaterThan(0);
		const state = await getJson(`${sb.url}/_sandbox/slack/messages`);
		expect(state.messages.filter((m: any) => m.channel === 'C_PAYMENTS')).toHaveLength(7);
		expect(state.rejected.some((r: any) => r.error === 'ratelimited')).toBe(true);
	}, 30000);

	test('@slack/web-api files.uploadV2 goes through getUploadURLExternal, the upload URL and completeUploadExternal', async () => {
		const client = new WebClient('xoxb-sandbox-token', { slackApiUrl: `${sb.url}/api/` });
		const r = await client.filesUploadV2({ channel_id: 'C_REVENUE', filename: 'report.csv', content: 'a,b\n1,2\n', initial_comment: 'daily report' });
		expect(r.ok).toBe(true);
		const state = await getJson(`${sb.url}/_sandbox/slack/messages`);
		expect(state.messages[0]).toMatchObject({ channel: 'C_REVENUE', text: 'daily report' });
		expect(state.messages[0].files[0]).toMatchObject({ name: 'report.csv' });
	});

	test('faults: fail429 and fail5xx and latency', async () => {
		await postJson(`${sb.url}/_sandbox/faults`, { slack: { fail429: 1 } });
		const r = await slackCall(sb.url, 'auth.test', {});
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('1');
		await postJson(`${sb.url}/_sandbox/faults`, { slack: { fail5xx: 1 } });
		expect((await slackCall(sb.url, 'auth.test', {})).status).toBeGreaterThanOrEqual(500);
		await postJson(`${sb.url}/_sandbox/faults`, { slack: { latencyMs: 300 } });
		const t = Date.now();
		expect((await slackCall(sb.url, 'auth.test', {})).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(280);
		await postJson(`${sb.url}/_sandbox/faults`, {});
	});
});

describe('response_url: 30 minutes and 5 uses', () => {
	test('replace_original edits, in_channel posts, ephemeral by default, used_url after 5, expired_url after 30 min', async () => {
		let now = Date.UTC(2026, 0, 1, 12);
		const hook = await startHook((_r, res) => { res.writeHead(200); res.end(); });
		const sb = await startSandbox({ port: 0, seedTransactions: 0, now: () => now, interactivityUrl: hook.url });
		try {
			const blocks = [{ type: 'actions', block_id: 'b', elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' }, value: 'v' }] }];
			const post = async () => (await slackCall(sb.url, 'chat.postMessage', { channel: '#payments', text: 'orig', blocks })).body;
			const m = await post();
			const click = await postJson(`${sb.url}/_sandbox/slack/click`, { channel: 'C_PAYMENTS', ts: m.ts, action_id: 'go', user_id: 'U_BOB' });
			expect(click.status).toBe(200);
			const url = click.response_url;
			const send = (body: unknown) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
			expect((await send({ replace_original: true, text: 'replaced' })).status).toBe(200);
			expect((await send({ response_type: 'in_channel', text: 'public' })).status).toBe(200);
			expect((await send({ text: 'just for bob' })).status).toBe(200);
			expect((await send({ replace_original: 'true', text: 'replaced again' })).status).toBe(200);
			expect((await send({ response_type: 'in_channel', text: 'fifth' })).status).toBe(200);
			const sixth = await send({ text: 'sixth' });
			expect(sixth.status).toBe(404);
			expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
			const state = await getJson(`${sb.url}/_sandbox/slack/messages`);
			const orig = state.messages.find((x: any) => x.ts === m.ts);
			expect(orig.text).toBe('replaced again');
			expect(orig.edits.map((e: any) => e.text)).toEqual(['orig', 'replaced']);
			expect(state.messages.map((x: any) => x.text)).toEqual(expect.arrayContaining(['public', 'fifth']));
			expect(state.ephemeral).toEqual([expect.objectContaining({ user: 'U_BOB', text: 'just for bob' })]);

			// expiry
			const m2 = await post();
			const c2 = await postJson(`${sb.url}/_sandbox/slack/click`, { channel: 'C_PAYMENTS', ts: m2.ts, action_id: 'go' });
			now += 29 * 60 * 1000;
			expect((await fetch(c2.response_url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"in time"}' })).status).toBe(200);
			now += 2 * 60 * 1000;
			const late = await fetch(c2.response_url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"late"}' });
			expect(late.status).toBe(404);
			expect(await late.json()).toEqual({ ok: false, error: 'expired_url' });

			// delete_original
			const c3 = await postJson(`${sb.url}/_sandbox/slack/click`, { channel: 'C_PAYMENTS', ts: m2.ts, action_id: 'go' });
			expect((await fetch(c3.response_url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"delete_original":true}' })).status).toBe(200);
			expect((await getJson(`${sb.url}/_sandbox/slack/messages`)).messages.find((x: any) => x.ts === m2.ts).deleted).toBe(true);
		} finally {
			await sb.close();
			await hook.close();
		}
	});
});
