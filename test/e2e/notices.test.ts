/**
 * The Stripe triggers' notices on the real n8n, through the nodes a template puts after the trigger (the trigger's
 * schedule that emits them is not wired yet: a Webhook node stands in for it): Route by Product (a notice leaves on
 * Unmatched, with the default channel, and Stripe is never called) → Stripe Block Kit (Needs Attention) → Slack Noise
 * Control during a pause (the health alert and its recovery note pass) → Slack Post (the recovery note in the
 * alert's thread). The catch-up note is held by the pause.
 */
import { randomUUID } from 'crypto';
import { parse } from 'flatted';
import { waitFor } from '../../scripts/lib/n8n';
import { loggedIn, stackInfo } from './stack';
import { type SandboxMessage } from './expectations';
import { PKG, settledExecutions } from './workflows';

describe('trigger notices through Router, Block Kit, Noise Control and Slack Post', () => {
	const { endpoints } = stackInfo();
	const sandbox = endpoints.sandbox!;
	const messages = async (): Promise<SandboxMessage[]> => (await (await fetch(`${sandbox}/_sandbox/slack/messages`)).json()).messages;
	const requests = async (): Promise<Array<{ method: string; path: string }>> => (await (await fetch(`${sandbox}/_sandbox/stripe/requests`)).json()).requests;

	it('a health alert and its recovery note reach Slack during a pause, threaded; the catch-up note is held; no Stripe call', async () => {
		const rest = await loggedIn();
		const hook = randomUUID();
		const run = hook.replace(/-/g, '').slice(0, 10);
		const endpointId = `we_1E2e${run}`;
		const scope = `e2e-notices-${run}`;
		const nodes = [
			{ id: randomUUID(), name: 'Notices', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: hook, position: [0, 0], parameters: { httpMethod: 'POST', path: hook, options: {} } },
			{
				id: randomUUID(),
				name: 'Route by Product',
				type: `${PKG}.stripeProductRouter`,
				typeVersion: 1,
				position: [240, 0],
				parameters: { rules: { rule: [{ name: 'Pro', field: 'product', values: 'Pro plan', channel: '#sales-pro' }] }, fetchLineItems: true, options: { defaultChannel: 'C_GENERAL' } },
				credentials: { stripeSignedApi: { id: 'stripeSandbox001', name: 'Stripe (local sandbox)' } },
			},
			{ id: randomUUID(), name: 'Format for Slack', type: `${PKG}.stripeBlockKit`, typeVersion: 1, position: [480, 0], parameters: { operation: 'formatEach', channel: '={{ $json.route.channel }}', options: { minimumAmounts: 'USD:1000000' } } },
			{ id: randomUUID(), name: 'Hold During Pause', type: `${PKG}.slackNoiseControl`, typeVersion: 1, position: [720, 0], parameters: { operation: 'gate', options: { scope, store: 'file' } } },
			{ id: randomUUID(), name: 'Post', type: `${PKG}.slackPost`, typeVersion: 1, position: [960, 0], parameters: { channel: '={{ $json.channel }}', threadBy: 'object', options: { coalesce: false } }, credentials: { slackAppApi: { id: 'slackSandbox0001', name: 'Slack (local sandbox)' } } },
		];
		const connections = {
			Notices: { main: [[{ node: 'Route by Product', type: 'main', index: 0 }]] },
			'Route by Product': { main: [[], [{ node: 'Format for Slack', type: 'main', index: 0 }]] },
			'Format for Slack': { main: [[], [], [{ node: 'Hold During Pause', type: 'main', index: 0 }]] },
			'Hold During Pause': { main: [[{ node: 'Post', type: 'main', index: 0 }]] },
		};
		const wf = await rest.request<{ id: string }>('POST', '/rest/workflows', {
			name: `e2e: trigger notices ${run}`,
			nodes,
			connections,
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
			active: false,
		});
		await rest.activate(wf.id);
		const now = Math.floor(Date.now() / 1000);
		const notice = (type: string, data: Record<string, unknown>, rev: number) => ({ object: 'stripe_slack.notice', id: `notice_health_${endpointId}_${rev}`, type, created: now, livemode: false, data });
		const url = `${endpoints.n8n}/webhook/${hook}`;
		const send = async (body: unknown) => {
			let status = 404;
			const deadline = Date.now() + 20_000;
			while (status === 404 && Date.now() < deadline) {
				status = (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
				if (status === 404) await new Promise((r) => setTimeout(r, 200));
			}
			return status;
		};
		// a pause through the gate's own store: the scope's file in n8n's folder is what /stripe pause writes; the
		// simplest way to set it from a test is a first run of the gate after writing its pause file
		const fs = await import('fs');
		const path = await import('path');
		const folder = path.join(stackInfo().n8nOptions.userFolder, '.n8n', 'stripe-slack', `noise-${scope}`);
		fs.mkdirSync(folder, { recursive: true });
		fs.writeFileSync(path.join(folder, 'pause.json'), JSON.stringify({ since: Date.now(), until: Date.now() + 3_600_000, by: 'U_E2E' }));

		const reqBefore = (await requests()).length;
		const before = (await messages()).length;
		expect(await send(notice('stripe_slack.endpoint_unhealthy', { endpointId, problems: ['disabled'], since: now, catchUpEveryMinutes: 10 }, 2))).toBe(200);
		const alert = await waitFor('the health alert in Slack', async () => (await messages()).slice(before).find((m) => m.text.includes(endpointId)), 60_000, 250);
		expect(alert.channel).toBe('C_GENERAL');
		expect(alert.text).toContain(`Stripe disabled the webhook endpoint ${endpointId} — events are not delivered; n8n catches up every 10 minutes, but fix it in the Dashboard`);
		expect(await send({ object: 'stripe_slack.notice', id: `notice_catchup_${run}`, type: 'stripe_slack.catch_up', created: now, livemode: false, data: { count: 3, from: now - 600, to: now - 60, reason: 'n8n_down', endpointId } })).toBe(200);
		expect(await send(notice('stripe_slack.endpoint_recovered', { endpointId, problems: [], resolved: ['disabled'], since: now }, 3))).toBe(200);
		const note = await waitFor('the recovery note in Slack', async () => (await messages()).slice(before).find((m) => m.text.includes('healthy again') && m.text.includes(endpointId)), 60_000, 250);
		expect(note.thread_ts).toBe(alert.ts);
		await settledExecutions(rest, wf.id, 3);
		const mine = (await messages()).slice(before).filter((m) => JSON.stringify(m).includes(endpointId) || m.text.includes('Caught up'));
		expect(mine.map((m) => m.text.split(' — ')[0])).toEqual(['[TEST] Stripe disabled the webhook endpoint', '[TEST] Stripe webhook endpoint is healthy again']);
		expect(fs.readFileSync(path.join(folder, 'held.jsonl'), 'utf8')).toContain('stripe_slack.catch_up');
		expect((await requests()).slice(reqBefore)).toEqual([]);
		const execs = await rest.executions(wf.id);
		expect(execs.map((e) => e.status)).toEqual(['success', 'success', 'success']);
		// each notice left the router on Unmatched with the default channel and the reason
		for (const e of execs) {
			const full = await rest.request<{ data: string }>('GET', `/rest/executions/${e.id}`);
			const run = (parse(full.data) as { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } }).resultData.runData['Route by Product'][0].data.main;
			expect(run[0]).toEqual([]);
			expect(run[1].map((i) => i.json.route)).toEqual([expect.objectContaining({ rule: null, channel: 'C_GENERAL', lines: 'none', reason: expect.stringContaining('notice of the Stripe trigger') })]);
		}
		await rest.deactivate(wf.id);
	});
});
