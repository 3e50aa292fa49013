/**
 * Issue #28 item 3, for a user group that does not exist: in the support desk template, Who May Refund is
 * changed to a misspelt group ("@finanse") and published; a finance person presses Refund twice, is refused
 * twice, and Slack gets exactly one message, in the Settings' "Report mistakes to" channel, naming the setting
 * and the bad value. n8n is restarted and a third click still adds none (remembered in the thread store's file).
 * Its own stack (base port E2E_WHO_MAY_PORT, default 6778).
 */
import { waitFor } from '../../scripts/lib/n8n';
import type { SandboxMessage } from './expectations';
import { ownStack } from './stack';

const BASE_PORT = Number(process.env.E2E_WHO_MAY_PORT ?? 6778);

describe('a misspelt user group in Who May Refund', () => {
	const { stack, restart, routed } = ownStack('who-may', BASE_PORT);
	const sandbox = () => stack().endpoints.sandbox!;
	const post = async (p: string, body: unknown, headers: Record<string, string> = {}) =>
		(await fetch(`${sandbox()}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })).json();
	const messages = async (): Promise<{ messages: SandboxMessage[]; ephemeral: Array<{ user: string; text: string }> }> =>
		(await fetch(`${sandbox()}/_sandbox/slack/messages`)).json();
	const reports = async () => (await messages()).messages.filter((m) => m.text.includes('@finanse'));

	it('is reported once in Slack however many clicks meet it, and not again after a restart', async () => {
		const id = stack().workflowIds['support-desk'];
		const rest = stack().rest;
		// The change a person makes in Slack Requests → Who May Do What, saved and published.
		const wf = await rest.request<{ versionId: string; nodes: Array<{ name: string; parameters: Record<string, any> }>; connections: unknown; name: string }>('GET', `/rest/workflows/${id}`);
		const trigger = wf.nodes.find((n) => n.name === 'Slack Requests')!;
		trigger.parameters.whoMay = { ...trigger.parameters.whoMay, refund: '@finanse' };
		await rest.request('PATCH', `/rest/workflows/${id}`, { versionId: wf.versionId, name: wf.name, nodes: wf.nodes, connections: wf.connections });
		// Unpublish, then publish the edited version: while the old version is still registered, a click could reach it
		// (n8n swaps a published workflow's webhooks a moment after it answers); with nothing registered the click helper
		// below gets a 404 and tries again until the new version answers.
		await rest.deactivate(id);
		await rest.activate(id);
		await routed(['support-desk'], 'after publishing');

		await post('/_sandbox/config', { interactivityUrl: stack().endpoints.webhooks['support-desk'] });
		const msg = (await post(
			'/api/chat.postMessage',
			{
				channel: '#payments',
				text: 'Payment received: $99.00',
				blocks: [{ type: 'actions', block_id: 'stripe_actions', elements: [{ type: 'button', action_id: 'stripe_slack.refund', value: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', text: { type: 'plain_text', text: 'Refund' } }] }],
			},
			{ authorization: 'Bearer xoxb-sandbox-token' },
		)) as { ok: boolean; channel: string; ts: string };
		expect(msg.ok).toBe(true);
		// n8n re-registers a published workflow's webhooks a moment after it answers: a 404 is tried again.
		const click = () =>
			waitFor('n8n to take a click', async () => {
				const r = (await post('/_sandbox/slack/click', { channel: msg.channel, ts: msg.ts, action_id: 'stripe_slack.refund', user_id: 'U_ALICE' })) as { status: number };
				return r.status === 404 ? undefined : r;
			}, 30_000, 500);
		const denials = async () => (await messages()).ephemeral.filter((e) => e.user === 'U_ALICE' && e.text.includes('"@finanse"'));

		await click();
		await click();
		await waitFor('two private refusals naming @finanse', async () => ((await denials()).length >= 2 ? true : undefined), 60_000, 300);
		const report = await waitFor('the mistake reported in Slack', async () => ((await reports()).length ? await reports() : undefined), 60_000, 300);
		await new Promise((r) => setTimeout(r, 3000));
		expect(await reports()).toHaveLength(1);
		const workspace = (await (await fetch(`${sandbox()}/_sandbox/slack/workspace`)).json()) as { channels: Array<{ id: string; name: string }> };
		expect(report[0].channel).toBe(workspace.channels.find((c) => c.name === 'support-audit')!.id);
		expect(report[0].text).toContain('Who May Refund is "@finanse": Slack has no user group or person with that name. Check the spelling in Slack Requests → Who May Do What');
		expect(report[0].text).toContain('Support desk');

		// n8n restarts: the report is remembered (the thread store's file in n8n's folder).
		await restart();
		await routed(['support-desk'], 'after the restart');
		await click();
		await waitFor('a third refusal', async () => ((await denials()).length >= 3 ? true : undefined), 60_000, 300);
		await new Promise((r) => setTimeout(r, 3000));
		expect(await reports()).toHaveLength(1);
	}, 400_000);
});
