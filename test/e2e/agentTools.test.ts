/**
 * The package as n8n's AI Agent sees it, and item linking, on the real n8n (issue #30):
 *  - n8n builds a `<name>Tool` variant of every node that says usableAsTool (and of no other), with the
 *    `$fromAI` parameters the model fills;
 *  - in the editor, the AI Agent's Tool connector offers them in its node picker (a screenshot of the list
 *    goes to docs/screenshots/agent-tools.png with UPDATE_SCREENSHOTS=1, to test-results/ otherwise);
 *  - a workflow Webhook → Stripe Block Kit → Slack Noise Control → Set resolves `$('Format for Slack').item`
 *    and `$('Webhook').item` in the Set node: every output item of Noise Control is paired to its input item;
 *  - the installed package holds the templates and the Slack app manifest.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { join } from 'path';
import { parse } from 'flatted';
import { ROOT } from '../../scripts/lib/n8n';
import type { N8nRest } from '../../scripts/lib/n8n';
import { screenshotDir, withPage } from './browser';
import { loggedIn, stackInfo } from './stack';
import { PKG, settledExecutions } from './workflows';

const TOOLS: Array<[string, string]> = [
	['stripeSupportDesk', 'Stripe Support Desk'],
	['stripeAction', 'Stripe Action'],
	['stripeBlockKit', 'Stripe Block Kit'],
	['stripeRevenueSummary', 'Stripe Revenue Summary'],
];
const NOT_TOOLS = ['stripeProductRouter', 'slackPost', 'slackActionResponse', 'slackNoiseControl', 'stripeSignedTrigger', 'stripeHighVolumeTrigger', 'slackActionTrigger'];

interface NodeTypeInfo {
	name: string;
	displayName: string;
	version: number | number[];
	inputs: unknown;
	outputs: unknown;
	properties: Array<{ name: string; default: unknown; displayOptions?: { show?: Record<string, unknown> } }>;
}

describe('the nodes as AI agent tools, in the real n8n', () => {
	const { endpoints } = stackInfo();
	let rest: N8nRest;
	let types: Map<string, NodeTypeInfo>;

	beforeAll(async () => {
		rest = await loggedIn();
		const list = (await (await rest.fetch('/types/nodes.json')).json()) as NodeTypeInfo[];
		types = new Map(list.map((t) => [t.name, t]));
	});

	it('n8n builds a <name>Tool variant of the four tool nodes, with the parameters the model fills, and of no other', () => {
		for (const [name, displayName] of TOOLS) {
			const tool = types.get(`${PKG}.${name}Tool`);
			expect({ name, tool: tool && { displayName: tool.displayName, inputs: tool.inputs, outputs: tool.outputs } }).toEqual({
				name,
				tool: { displayName: `${displayName} Tool`, inputs: [], outputs: ['ai_tool'] },
			});
		}
		for (const name of NOT_TOOLS) expect({ name, tool: types.has(`${PKG}.${name}Tool`) }).toEqual({ name, tool: false });
		const desk = types.get(`${PKG}.stripeSupportDeskTool`)!;
		const query = desk.properties.filter((p) => p.name === 'query' && (p.displayOptions?.show?.['@tool'] as boolean[] | undefined)?.[0] === true);
		expect(query.map((p) => String(p.default))).toEqual([expect.stringMatching(/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('query', `Whom to look up/)]);
		expect(desk.properties.some((p) => p.name === 'toolDescription')).toBe(true);
	});

	it('ships the templates and the Slack app manifest in the installed package', () => {
		const installed = path.join(stackInfo().n8nOptions.userFolder, '.n8n', 'nodes', 'node_modules', PKG, 'workflows');
		const repo = fs.readdirSync(path.join(ROOT, 'workflows')).sort();
		expect(repo).toEqual(expect.arrayContaining(['payments.json', 'support-desk.json', 'slack-app-manifest.yml']));
		expect(fs.readdirSync(installed).sort()).toEqual(repo);
	});

	it("the AI Agent's Tool connector offers them in the editor's node picker", async () => {
		const agent = types.get('@n8n/n8n-nodes-langchain.agent');
		expect(agent).toBeDefined();
		const version = Math.max(...[agent!.version].flat());
		const wf = await rest.request<{ id: string }>('POST', '/rest/workflows', {
			name: 'e2e: agent tools',
			nodes: [
				{ id: randomUUID(), name: 'When clicking', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: randomUUID(), name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: version, position: [260, 0], parameters: { options: {} } },
			],
			connections: { 'When clicking': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
			active: false,
		});
		const offered = await withPage({ width: 1500, height: 950 }, async (page) => {
			await page.goto(`${endpoints.n8n}/signin`);
			await page.fill('#emailOrLdapLoginId', endpoints.owner.email);
			await page.fill('#password', endpoints.owner.password);
			await page.keyboard.press('Enter');
			await page.waitForURL(/\/home|\/workflows/, { timeout: 30_000 });
			await page.goto(`${endpoints.n8n}/workflow/${wf.id}`);
			const handle = page.locator('[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"][data-node-name="AI Agent"]');
			await handle.waitFor({ timeout: 30_000 });
			await handle.locator('[data-test-id="canvas-handle-plus"]').click();
			const search = page.locator('[data-test-id="node-creator-search-bar"]');
			await search.waitFor({ timeout: 15_000 });
			const input = (await search.evaluate((e) => e.tagName === 'INPUT')) ? search : search.locator('input');
			await input.fill('Stripe');
			const names = page.locator('[data-test-id="node-creator-item-name"]');
			await page.getByText('Stripe Support Desk Tool', { exact: true }).first().waitFor({ timeout: 15_000 });
			await page.waitForTimeout(500);
			await page.screenshot({ path: join(screenshotDir(), 'agent-tools.png') });
			const list = await names.allInnerTexts();
			// added to the agent, the desk tool shows its tool parameters: the lookup, and the query the model fills
			await page.getByText('Stripe Support Desk Tool', { exact: true }).first().click();
			const ndv = page.locator('[data-test-id="ndv"]');
			await ndv.waitFor({ timeout: 15_000 });
			await ndv.getByText('Email or Stripe ID').first().waitFor({ timeout: 15_000 });
			// the text of the panel, and the values of its inputs (the chosen operation is one)
			const panel = `${await ndv.innerText()}\n${(await ndv.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).join('\n')}`;
			await page.screenshot({ path: join(screenshotDir(), 'agent-tool-desk.png') });
			return { list, panel };
		});
		const shown = offered.list.map((s) => s.trim());
		for (const [, displayName] of TOOLS) expect(shown).toContain(`${displayName} Tool`);
		expect(shown).not.toContain('Stripe Product Router Tool');
		expect(shown).not.toContain('Slack Noise Control Tool');
		expect(offered.panel).toMatch(/Look Up Customer/);
		expect(offered.panel).toMatch(/Email or Stripe ID/);
		// the editor shows the model's parameter as its own field (n8n's ✨ override), not as a plain expression
		expect(offered.panel).toMatch(/Defined automatically by the model/i);
		expect(offered.panel).not.toMatch(/Answer Slack Request|Connect this node after Slack Action Trigger/);
	});

	it('the Support Desk tool runs in n8n\'s engine as an agent calls it: the email or id in, the billing card out, no Slack payload', async () => {
		const creds = await rest.request<Array<{ id: string; name: string; type: string }>>('GET', '/rest/credentials');
		const cred = (type: string) => {
			const c = creds.find((x) => x.type === type);
			expect({ type, found: Boolean(c) }).toEqual({ type, found: true });
			return { id: c!.id, name: c!.name };
		};
		const agent = types.get('@n8n/n8n-nodes-langchain.agent')!;
		const wf = await rest.request<{ id: string }>('POST', '/rest/workflows', {
			name: 'e2e: the desk lookup as a tool',
			nodes: [
				{ id: randomUUID(), name: 'When clicking', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: randomUUID(), name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: Math.max(...[agent.version].flat()), position: [260, 0], parameters: { options: {} } },
				// left at its defaults: the tool variant's operation (Look Up Customer) and its $fromAI query
				{ id: randomUUID(), name: 'Billing lookup', type: `${PKG}.stripeSupportDeskTool`, typeVersion: 1, position: [300, 200], parameters: {}, credentials: { stripeSignedApi: cred('stripeSignedApi'), slackAppApi: cred('slackAppApi') } },
			],
			connections: {
				'When clicking': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
				'Billing lookup': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			},
			settings: { executionOrder: 'v1', saveManualExecutions: true, saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
			active: false,
		});
		// what the editor sends for "Execute step" on a tool: n8n's tool executor calls it with the model's arguments
		await rest.request('POST', `/rest/workflows/${wf.id}/run`, {
			destinationNode: { nodeName: 'Billing lookup', mode: 'inclusive' },
			agentRequest: { query: { Billing_lookup: { query: 'cus_QXg1o8vcGmoR32' } }, tool: { name: 'Billing_lookup' } },
		});
		const [execution] = await settledExecutions(rest, wf.id, 1);
		expect(execution).toBeDefined();
		const full = await rest.request<{ status: string; data: string }>('GET', `/rest/executions/${execution.id}`);
		const data = parse(full.data) as { resultData: { error?: { message: string }; runData: Record<string, Array<{ data?: Record<string, Array<Array<{ json: Record<string, unknown> }>>> }>> } };
		expect({ status: full.status, error: data.resultData.error?.message ?? null }).toEqual({ status: 'success', error: null });
		const run = data.resultData.runData['Billing lookup'][0].data!;
		const response = run.ai_tool[0][0].json.response as Array<Record<string, unknown>>;
		expect(response).toEqual([expect.objectContaining({ kind: 'lookup', source: 'workflow', result: 'card', answer: expect.objectContaining({ status: 'found', customerId: 'cus_QXg1o8vcGmoR32' }) })]);
		const text = String((response[0].answer as { text: string }).text);
		expect(text).toMatch(/Billing card/);
		expect(text).not.toMatch(/jenny\.rosen@example\.com/i);
	});

	it("item linking works through Slack Noise Control: $('Format for Slack').item resolves after it", async () => {
		const hook = randomUUID();
		const nodes = [
			{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: hook, position: [0, 0], parameters: { httpMethod: 'POST', path: hook, options: {} } },
			{ id: randomUUID(), name: 'Format for Slack', type: `${PKG}.stripeBlockKit`, typeVersion: 1, position: [240, 0], parameters: { channel: '#payments' } },
			{ id: randomUUID(), name: 'Hold During Pause', type: `${PKG}.slackNoiseControl`, typeVersion: 1, position: [480, 0], parameters: { operation: 'gate', options: { scope: `e2e-linking-${hook.slice(0, 8)}` } } },
			{
				id: randomUUID(),
				name: 'Check',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [720, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: randomUUID(), name: 'fromFormat', value: "={{ $('Format for Slack').item.json.metadata.event_id }}", type: 'string' },
							{ id: randomUUID(), name: 'fromWebhook', value: "={{ $('Webhook').item.json.body.id }}", type: 'string' },
							{ id: randomUUID(), name: 'decision', value: '={{ $json.noise.action }}', type: 'string' },
						],
					},
					options: {},
				},
			},
		];
		const chain = ['Webhook', 'Format for Slack', 'Hold During Pause', 'Check'];
		const connections = Object.fromEntries(chain.slice(0, -1).map((n, i) => [n, { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }]));
		const wf = await rest.request<{ id: string }>('POST', '/rest/workflows', {
			name: 'e2e: item linking through Noise Control',
			nodes,
			connections,
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
			active: false,
		});
		await rest.activate(wf.id);
		const event = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'stripe', 'payment_intent.succeeded.json'), 'utf8'));
		event.id = `evt_linking_${hook.slice(0, 8)}`;
		const url = `${endpoints.n8n}/webhook/${hook}`;
		const deadline = Date.now() + 20_000;
		let status = 404;
		while (status === 404 && Date.now() < deadline) {
			status = (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) })).status;
			if (status === 404) await new Promise((r) => setTimeout(r, 200));
		}
		expect(status).toBe(200);
		const [execution] = await settledExecutions(rest, wf.id, 1);
		const full = await rest.request<{ status: string; data: string }>('GET', `/rest/executions/${execution.id}`);
		const data = parse(full.data) as { resultData: { error?: { message: string }; runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>> } }>> } };
		expect({ status: full.status, error: data.resultData.error?.message ?? null }).toEqual({ status: 'success', error: null });
		const passed = data.resultData.runData['Hold During Pause'][0].data!.main[0];
		expect(passed.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		const checked = data.resultData.runData.Check[0].data!.main[0];
		expect(checked.map((i) => i.json)).toEqual([{ fromFormat: event.id, fromWebhook: event.id, decision: 'post' }]);
	});
});
