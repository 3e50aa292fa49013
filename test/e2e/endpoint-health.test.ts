/**
 * Endpoint health on the real n8n, through the shipped payments template (issue #27: "A disabled endpoint produces
 * one alert, and one recovery note when it is enabled again").
 *
 * The dev stack posts signed events straight to the template's Production URL (no registration), so the test
 * creates the endpoint a user would add in Stripe's Dashboard (the sandbox's `POST /v1/webhook_endpoints`, to that
 * URL) and names it in the trigger's *Endpoint ID* option; the only other change to the template is *Catch-Up
 * Every (Minutes)* = 1, both through n8n's REST API. The endpoint is disabled BEFORE the changed workflow is
 * published, so the alert shows that the check runs right after the activation pass. A check is one
 * `GET /v1/webhook_endpoints/<id>` in the sandbox's request log, so "over 3 checks" is counted, not timed.
 * The notices leave Stripe Block Kit on Needs Attention (-> the alerts channel) and on Messages (-> the payments
 * channel), so each channel gets one alert and one recovery note; Slack Post in the template does not thread.
 * Own stack on ports 6578 (n8n) and 6580 (sandbox); E2E_HEALTH_BASE_PORT moves them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SANDBOX_STRIPE_KEY, startDevStack, type DevStack } from '../../scripts/lib/devStack';
import { waitFor } from '../../scripts/lib/n8n';
import { sandboxMessages, type SlackMessage } from '../../bench/lib/sandbox';

const BASE = Number(process.env.E2E_HEALTH_BASE_PORT ?? 6578);
const ALERTS = 'C_BILLING_ALERTS';
const PAYMENTS = 'C_PAYMENTS';
const log = (s: string) => process.stderr.write(`[endpoint-health] ${s}\n`);

describe('endpoint health through the payments template (regular mode)', () => {
	let stack: DevStack | undefined;
	let dataDir = '';

	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-health-e2e-'));
		stack = await startDevStack({ dataDir, n8nPort: BASE, sandboxPort: BASE + 2, skipBuild: true, log });
	}, 240_000);
	afterAll(async () => {
		await stack?.stop();
		if (dataDir && !process.env.E2E_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
	}, 60_000);

	const s = () => {
		if (!stack) throw new Error('the stack did not start (see beforeAll)');
		return stack;
	};
	const sandbox = () => s().endpoints.sandbox!;

	async function stripeApi(method: string, p: string, form?: Record<string, string>): Promise<any> {
		const r = await fetch(`${sandbox()}${p}`, {
			method,
			headers: { authorization: `Bearer ${SANDBOX_STRIPE_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
			body: form ? new URLSearchParams(form).toString() : undefined,
		});
		const body = await r.json();
		if (!r.ok) throw new Error(`sandbox ${method} ${p}: ${r.status} ${JSON.stringify(body)}`);
		return body;
	}
	/** How many health checks of the endpoint ran (each retrieves it once). */
	async function checks(endpointId: string): Promise<number> {
		const { requests } = (await (await fetch(`${sandbox()}/_sandbox/stripe/requests`)).json()) as { requests: Array<{ method: string; path: string }> };
		return requests.filter((r) => r.method === 'GET' && r.path.split('?')[0] === `/v1/webhook_endpoints/${endpointId}`).length;
	}
	const about = async (endpointId: string): Promise<SlackMessage[]> =>
		(await sandboxMessages(sandbox())).messages.filter((m) => JSON.stringify(m).includes(endpointId));
	const headline = (m: SlackMessage) => String(m.text).split(' — ')[0];
	const byChannel = (ms: SlackMessage[]) => {
		const out: Record<string, string[]> = {};
		for (const m of ms) (out[m.channel] ??= []).push(headline(m));
		return out;
	};

	it('a disabled endpoint gives one alert in the alerts channel over 3 checks, and one recovery note when enabled again', async () => {
		const rest = s().rest;
		const workflowId = s().workflowIds.payments;
		const endpoint = await stripeApi('POST', '/v1/webhook_endpoints', { url: s().endpoints.webhooks.payments, 'enabled_events[0]': '*' });
		const endpointId = String(endpoint.id);
		expect(endpointId).toMatch(/^we_/);
		// Disabled before the watch starts: the activation pass must find it.
		const disabled = await fetch(`${sandbox()}/_sandbox/stripe/webhook_endpoints/${endpointId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ status: 'disabled' }),
		});
		expect(disabled.status).toBe(200);
		expect((await stripeApi('GET', `/v1/webhook_endpoints/${endpointId}`)).status).toBe('disabled');
		const ownGets = await checks(endpointId); // the line above; the rest are the trigger's

		// The shipped template with only the schedule and the endpoint to watch changed, published again.
		const wf = await rest.request<{ versionId: string; name: string; nodes: any[]; connections: unknown; settings: unknown }>('GET', `/rest/workflows/${workflowId}`);
		const trigger = wf.nodes.find((n) => n.name === 'Stripe Events');
		expect(trigger.parameters.options).toEqual({});
		trigger.parameters.options = { catchUpEveryMinutes: 1, endpointId };
		const updated = await rest.request<{ versionId: string }>('PATCH', `/rest/workflows/${workflowId}`, {
			versionId: wf.versionId,
			name: wf.name,
			nodes: wf.nodes,
			connections: wf.connections,
			settings: wf.settings,
		});
		await rest.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId: updated.versionId });
		const activatedAt = Date.now();

		const alert = await waitFor('the "disabled" alert', async () => (await about(endpointId)).find((m) => m.channel === ALERTS), 120_000, 500);
		const firstCheck = (await checks(endpointId)) - ownGets;
		log(`alert ${Math.round((Date.now() - activatedAt) / 1000)} s after publishing, after ${firstCheck} check(s): ${headline(alert)}`);
		expect(firstCheck).toBe(1); // the activation pass's check, not a scheduled one
		expect(alert.text).toContain(`Stripe disabled the webhook endpoint ${endpointId}`);
		expect(alert.text).toContain('n8n catches up every 1 minute');

		await waitFor('3 checks of the disabled endpoint', async () => ((await checks(endpointId)) - ownGets >= firstCheck + 2 ? true : undefined), 240_000, 1000);
		await new Promise((r) => setTimeout(r, 3000)); // a notice of the last check would be in Slack by now
		// One alert in the alerts channel (Needs Attention); the notice also leaves Block Kit on Messages, so the
		// payments channel holds one copy (docs/nodes.md, Endpoint health). Nothing else, nothing twice.
		expect(byChannel(await about(endpointId))).toEqual({ [ALERTS]: [headline(alert)], [PAYMENTS]: [headline(alert)] });

		// Enabled again the way a user does it (the Dashboard: the API's disabled=false).
		expect((await stripeApi('POST', `/v1/webhook_endpoints/${endpointId}`, { disabled: 'false' })).status).toBe('enabled');
		const enabledAt = Date.now();
		const note = await waitFor('the recovery note', async () => (await about(endpointId)).find((m) => m.channel === ALERTS && m.ts !== alert.ts), 150_000, 500);
		const recoveryCheck = (await checks(endpointId)) - ownGets;
		log(`recovery note ${Math.round((Date.now() - enabledAt) / 1000)} s after enabling: ${headline(note)}`);
		expect(note.text).toContain(`Stripe webhook endpoint is healthy again`);
		expect(note.text).toContain(endpointId);

		await waitFor('2 more checks of the healthy endpoint', async () => ((await checks(endpointId)) - ownGets >= recoveryCheck + 2 ? true : undefined), 180_000, 1000);
		await new Promise((r) => setTimeout(r, 3000));
		const all = await about(endpointId);
		log(`messages about the endpoint: ${JSON.stringify(all.map((m) => [m.channel, headline(m), m.thread_ts ? 'in a thread' : 'top level']))}`);
		expect(byChannel(all)).toEqual({ [ALERTS]: [headline(alert), headline(note)], [PAYMENTS]: [headline(alert), headline(note)] });
		const execs = await rest.executions(workflowId);
		expect(execs.filter((e) => e.status !== 'success')).toEqual([]);
	}, 480_000);
});
