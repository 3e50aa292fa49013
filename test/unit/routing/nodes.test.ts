/**
 * The Stripe Product Router and Slack Noise Control nodes' execute() with a small fake IExecuteFunctions:
 * the router against the sandbox through the real SDK (Routed / Unmatched outputs, bad rules), the noise node on
 * a files store in a temporary n8n folder (pause from the editor, hold, release, slash command replies).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readFileSync } from 'fs';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { StripeProductRouter } from '../../../nodes/StripeProductRouter/StripeProductRouter.node';
import { SlackNoiseControl } from '../../../nodes/SlackNoiseControl/SlackNoiseControl.node';
import { formatStripeEvent } from '../../../nodes/shared/format/event';

const fixture = (type: string) => JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'stripe', `${type}.json`), 'utf8'));

function fakeThis(items: INodeExecutionData[], params: Record<string, unknown>, credentials?: Record<string, unknown>) {
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : fallback),
		getCredentials: async () => {
			if (!credentials) throw new Error('Node does not have any credentials set');
			return credentials;
		},
		getTimezone: () => 'UTC',
		getNode: () => ({ name: 'Node', type: 'x', typeVersion: 1, parameters: params }),
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
}

describe('Stripe Product Router node', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 0 });
	});
	afterAll(() => sb.close());
	const rules = { rule: [{ name: 'Pro', field: 'product', values: 'Pro plan', channel: '#sales-pro' }] };

	it('puts matched events on Routed with route.channel and the rest on Unmatched, keeping every item', async () => {
		const pro = fixture('checkout.session.completed');
		pro.data.object.id = 'cs_test_sandbox_pro';
		const items = [{ json: pro }, { json: fixture('checkout.session.completed') }, { json: { body: fixture('payment_intent.succeeded') } }];
		const ctx = fakeThis(items, { rules, fetchLineItems: true, options: { defaultChannel: '#payments' } }, { secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url });
		const [routed, unmatched] = await new StripeProductRouter().execute.call(ctx);
		expect(routed.map((i) => [i.json.id, (i.json.route as any).channel, i.pairedItem])).toEqual([[pro.id, '#sales-pro', { item: 0 }]]);
		expect(unmatched.map((i) => [(i.json.route as any).channel, (i.json.route as any).reason, i.pairedItem])).toEqual([
			['#payments', 'no rule matched', { item: 1 }],
			['#payments', 'no rule matched', { item: 2 }],
		]);
		expect(unmatched[1].json.body).toBeDefined(); // the item is passed on as it came
	});

	it('without a credential, says why on Unmatched; a bad rule stops the node naming it', async () => {
		const [, unmatched] = await new StripeProductRouter().execute.call(fakeThis([{ json: fixture('checkout.session.completed') }], { rules, fetchLineItems: true }));
		expect((unmatched[0].json.route as any).reason).toMatch(/no Stripe credential/);
		const bad = fakeThis([{ json: {} }], { rules: { rule: [{ name: 'Broken', field: 'product', values: '' }] } });
		await expect(new StripeProductRouter().execute.call(bad)).rejects.toThrow(/Broken: "Values" is empty/);
	});
});

describe('Slack Noise Control node', () => {
	let folder: string;
	const prev = process.env.N8N_USER_FOLDER;
	beforeEach(() => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'noise-node-'));
		process.env.N8N_USER_FOLDER = folder;
	});
	afterEach(() => {
		if (prev === undefined) delete process.env.N8N_USER_FOLDER;
		else process.env.N8N_USER_FOLDER = prev;
		fs.rmSync(folder, { recursive: true, force: true });
	});
	const message = (type: string) => ({ json: { ...formatStripeEvent(fixture(type), {} as never), channel: '#payments' } as any });
	const gate = (items: INodeExecutionData[]) =>
		new SlackNoiseControl().execute.call(fakeThis(items, { operation: 'gate', channel: '#payments', criticalEventTypes: 'charge.dispute.*', failedPaymentsFrom: '', options: { store: 'file' } }));

	it('pauses from the editor, holds routine alerts in n8n\'s folder, passes a dispute, and resumes with the summary', async () => {
		const [, , [reply]] = await new SlackNoiseControl().execute.call(fakeThis([{ json: {} }], { operation: 'pause', duration: '2h', user: '', options: { store: 'file' } }));
		expect(reply.json.text).toMatch(/paused until/);
		expect(reply.json.log).toMatchObject({ action: 'pause', by: 'editor' });
		expect(fs.existsSync(path.join(folder, '.n8n', 'stripe-slack', 'noise-alerts', 'pause.json'))).toBe(true);

		const [post, held] = await gate([message('payment_intent.succeeded'), message('charge.dispute.created'), message('charge.refunded')]);
		expect(post.map((i) => [i.json.metadata && (i.json.metadata as any).event_type, (i.json.noise as any).action, i.json.channel])).toEqual([['charge.dispute.created', 'post', '#payments']]);
		expect(held.map((i) => (i.json.noise as any).why)).toEqual(['pause', 'pause']);

		const [released, , [resumed]] = await new SlackNoiseControl().execute.call(fakeThis([{ json: {} }], { operation: 'resume', user: 'U_ALICE', options: { store: 'file' } }));
		expect(resumed.json.log).toMatchObject({ action: 'resume', by: 'U_ALICE', held: 2 });
		expect(released.map((i) => [i.json.channel, (i.json.metadata as any).event_count])).toEqual([['#payments', 2]]);
	});

	it('answers slash commands, including ones it does not know, on Command Replies', async () => {
		const run = (text: string) => new SlackNoiseControl().execute.call(fakeThis([{ json: { text, user_id: 'U_BOB' } }], { operation: 'command', commandText: text, user: 'U_BOB', options: { store: 'file' } }));
		expect((await run('pause 30m'))[2][0].json).toMatchObject({ response_type: 'ephemeral', log: { action: 'pause', by: 'U_BOB' } });
		expect((await run('pause status'))[2][0].json.text).toMatch(/^Paused until .* \(by <@U_BOB>\); 0 alert\(s\) held\.$/);
		expect((await run('pause soon'))[2][0].json.text).toMatch(/not a duration/);
		expect((await run('resume'))[2][0].json.text).toMatch(/back on/);
	});
});
