/**
 * The nodes as AI-agent tools (issue #30): which nodes say usableAsTool, what n8n's own parameter
 * resolution (n8n-workflow's getNodeParameters with the `@tool` display option) gives the tool variant and
 * the workflow node, which `$fromAI` keys the model is asked for, and the desk lookup and the formatter
 * run as a tool call (one item holding the model's arguments, no Slack payload) against the sandbox.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NodeHelpers, traverseNodeParameters, type IDataObject, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import type Stripe from 'stripe';
import { fromAI, forTool, isToolCall, notForTool } from '../../../nodes/shared/n8n/tool';
import { lookupForWorkflow, messageText } from '../../../nodes/shared/desk/workflowLookup';
import { StripeSupportDesk } from '../../../nodes/StripeSupportDesk/StripeSupportDesk.node';
import { StripeAction } from '../../../nodes/StripeAction/StripeAction.node';
import { StripeBlockKit } from '../../../nodes/StripeBlockKit/StripeBlockKit.node';
import type { Sandbox } from '../../../sandbox/server';
import { sandboxWithStripe } from '../../sandbox/helpers';
import { fakeExecuteFunctions } from '../actions/harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function nodeTypes(): Map<string, INodeType> {
	const out = new Map<string, INodeType>();
	for (const rel of PKG.n8n.nodes as string[]) {
		const src = path.join(ROOT, rel.replace(/^dist\//, '').replace(/\.js$/, ''));
		const cls = path.basename(src).split('.')[0];
		const Node = require(src)[cls] as new () => INodeType;
		out.set(cls, new Node());
	}
	return out;
}

/** The parameters n8n gives a node left at its defaults: as the tool variant (`<name>Tool`) or as itself. */
function resolved(description: INodeTypeDescription, asTool: boolean, values: IDataObject = {}): IDataObject {
	const name = `n8n-nodes-stripe-slack.${description.name}${asTool ? 'Tool' : ''}`;
	const node = { id: 'n', name: description.displayName, type: name, typeVersion: 1, position: [0, 0] as [number, number], parameters: values };
	return NodeHelpers.getNodeParameters(description.properties, values as never, true, false, node, { ...description, name }) as IDataObject;
}

/** The keys and descriptions of the $fromAI() calls the model is asked to fill (what n8n builds the tool's schema from). */
function fromAIArguments(parameters: IDataObject): Array<{ key: string; description?: string; type?: string }> {
	const collected: Array<{ key: string; description?: string; type?: string }> = [];
	traverseNodeParameters(parameters as never, collected as never);
	return collected.map(({ key, description, type }) => ({ key, description, type }));
}

describe('tool helpers', () => {
	it('writes $fromAI expressions n8n parses, and refuses what would break them', () => {
		const expr = fromAI('query', 'An email, or a cus_ id', 'string');
		expect(expr).toBe("={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('query', `An email, or a cus_ id`, 'string') }}");
		expect(fromAIArguments({ q: expr })).toEqual([{ key: 'query', description: 'An email, or a cus_ id', type: 'string' }]);
		expect(() => fromAI('a key', 'x')).toThrow(/not valid/);
		expect(() => fromAI('k', 'an object {"a":1}')).toThrow(/brace/);
		expect(() => fromAI('k', 'a `tick`')).toThrow(/backtick/);
	});

	it('marks a parameter for one variant, keeping its other display conditions', () => {
		const p = { displayName: 'X', name: 'x', type: 'string' as const, default: '', displayOptions: { show: { operation: ['a'] } } };
		expect(forTool(p).displayOptions).toEqual({ show: { operation: ['a'], '@tool': [true] } });
		expect(notForTool(p).displayOptions).toEqual({ show: { operation: ['a'], '@tool': [false] } });
		expect(isToolCall({ getNode: () => ({ type: 'n8n-nodes-stripe-slack.stripeActionTool' }) })).toBe(true);
		expect(isToolCall({ getNode: () => ({ type: 'n8n-nodes-stripe-slack.stripeAction' }) })).toBe(false);
	});
});

describe('which nodes are tools', () => {
	const types = nodeTypes();

	it('offers the desk lookup, Stripe Action, Block Kit and Revenue Summary as tools, and no trigger or Slack-only node', () => {
		const tools = [...types].filter(([, t]) => t.description.usableAsTool).map(([name]) => name).sort();
		expect(tools).toEqual(['StripeAction', 'StripeBlockKit', 'StripeRevenueSummary', 'StripeSupportDesk']);
		for (const [name, t] of types) if (t.description.usableAsTool) expect({ name, describes: t.description.description.length > 120 }).toEqual({ name, describes: true });
	});

	it('Support Desk: the tool variant looks up by an email or id the model gives; the workflow node still answers Slack', () => {
		const d = types.get('StripeSupportDesk')!.description;
		const tool = resolved(d, true);
		expect(tool.operation).toBe('lookup');
		expect(fromAIArguments(tool)).toEqual([{ key: 'query', description: expect.stringMatching(/email address.*cus_.*in_.*sub_/), type: 'string' }]);
		const node = resolved(d, false);
		expect(node.operation).toBe('answer');
		expect(node).not.toHaveProperty('query');
		expect(resolved(d, false, { operation: 'lookup' }).query).toBe('');
		// the tool offers only the lookup: the other operations need a Slack request or an action's result
		const toolOps = d.properties.filter((p) => p.name === 'operation' && p.displayOptions?.show?.['@tool']?.[0] === true);
		expect(toolOps.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value))).toEqual(['lookup']);
	});

	it('Stripe Action: no From Button Click in the tool; the model gives the id (and a refund amount)', () => {
		const d = types.get('StripeAction')!.description;
		const tool = resolved(d, true);
		expect(tool.operation).toBe('sendInvoiceReminder');
		expect(fromAIArguments(tool).map((a) => a.key)).toEqual(['objectId']);
		expect(fromAIArguments(resolved(d, true, { operation: 'refund' })).map((a) => [a.key, a.type])).toEqual([['objectId', 'string'], ['amount', 'number']]);
		expect(fromAIArguments(resolved(d, true, { operation: 'submitDisputeEvidence' })).map((a) => a.key)).toEqual(['objectId', 'evidenceText']);
		const toolOps = d.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.['@tool']?.[0] === true)!;
		expect((toolOps.options as Array<{ value: string }>).map((o) => o.value)).not.toContain('fromButtonClick');
		expect(resolved(d, false)).toMatchObject({ operation: 'fromButtonClick' });
		expect(resolved(d, false, { operation: 'refund' })).toMatchObject({ objectId: '={{ $json.value }}', amount: 0 });
	});

	it('Block Kit: the model passes the event as JSON; the workflow node reads its input items', () => {
		const d = types.get('StripeBlockKit')!.description;
		expect(fromAIArguments(resolved(d, true))).toEqual([{ key: 'event', description: expect.stringMatching(/Stripe event/), type: 'json' }]);
		expect(resolved(d, false)).not.toHaveProperty('event');
	});
});

describe('as a tool call, against the sandbox', () => {
	let sb: Sandbox;
	let stripe: Stripe;
	beforeAll(async () => {
		({ sb, stripe } = await sandboxWithStripe());
	});
	afterAll(async () => sb.close());

	const slackOf = () => ({ chat: { postMessage: async (m: IDataObject) => (posted.push(m), { ok: true }) } }) as never;
	let posted: IDataObject[] = [];
	beforeEach(() => (posted = []));

	it('looks up by email: the card as text, email masked, no address, logged to the audit channel', async () => {
		const out = await lookupForWorkflow({ stripe, slack: slackOf() }, { auditChannel: '#audit', now: () => new Date('2026-11-20T10:00:00Z') }, { query: 'jenny.rosen@example.com', by: { id: 'n8n', name: 'n8n: Stripe Support Desk' } });
		expect(out.answer).toMatchObject({ status: 'found', customerId: 'cus_QXg1o8vcGmoR32' });
		expect(out.answer.text).toMatch(/Billing card/);
		expect(out.answer.text).toMatch(/Subscriptions/);
		expect(out.answer.text).toMatch(/Failed payments, last 30 days/);
		expect(out.answer.text).not.toMatch(/jenny\.rosen@example\.com/i);
		expect(out.answer.text).not.toMatch(/Only visible to you/);
		expect(out.log).toMatchObject({ kind: 'lookup', source: 'workflow', result: 'card', customerId: 'cus_QXg1o8vcGmoR32', user: { name: 'n8n: Stripe Support Desk' } });
		expect(out.log.subject).not.toMatch(/jenny\.rosen/);
		expect(posted).toEqual([expect.objectContaining({ channel: '#audit', text: expect.stringMatching(/n8n: Stripe Support Desk looked up/) })]);
	});

	it('several matches, no match, and a query that is not one: answers, never a Stripe write or a pause', async () => {
		const before = sb.stripe.requests.length;
		const many = await lookupForWorkflow({ stripe }, {}, { query: 'sam.shared@example.com', by: { id: 'n8n', name: 'x' } });
		expect(many.answer.status).toBe('choose');
		expect(many.answer.candidates).toHaveLength(2);
		expect(many.answer.candidates!.every((id) => /^cus_/.test(id))).toBe(true);
		expect((await lookupForWorkflow({ stripe }, {}, { query: 'nobody@example.com', by: { id: 'n8n', name: 'x' } })).answer).toEqual({ status: 'none', customerId: null, text: 'No Stripe customer has this email.' });
		for (const q of ['pause 2h', 'jenny', '', 'help']) {
			const r = await lookupForWorkflow({ stripe }, {}, { query: q, by: { id: 'n8n', name: 'x' } });
			expect({ q, status: r.answer.status, log: r.log.result }).toEqual({ q, status: 'none', log: 'no_match' });
		}
		expect(sb.stripe.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
	});

	it('the Support Desk node run as its tool variant answers the model on its first output', async () => {
		const items = [{ json: { query: 'cus_QXg1o8vcGmoR32' } }];
		const fns = fakeExecuteFunctions({ name: 'Billing lookup', params: { operation: 'lookup', query: 'cus_QXg1o8vcGmoR32', auditChannel: '', pauseScope: '' }, credentials: {}, items });
		const getCredentials = async (type: string) => (type === 'slackAppApi' ? { botToken: 'xoxb-sandbox-token', apiBaseUrl: `${sb.url}/api/` } : { secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url });
		const getNode = () => ({ name: 'Billing lookup', type: 'n8n-nodes-stripe-slack.stripeSupportDeskTool', typeVersion: 1, parameters: {} });
		const [log, tickets, other] = await new StripeSupportDesk().execute.call({ ...fns, getCredentials, getNode } as unknown as IExecuteFunctions);
		expect(log).toHaveLength(1);
		expect(log[0].json).toMatchObject({ answer: { status: 'found', customerId: 'cus_QXg1o8vcGmoR32' }, kind: 'lookup', result: 'card' });
		expect(log[0].pairedItem).toEqual({ item: 0 });
		expect([tickets, other]).toEqual([[], []]);
	});

	it('Block Kit run as its tool variant formats the event the model passed (as JSON text too)', async () => {
		const event = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/stripe/invoice.payment_failed.json'), 'utf8'));
		for (const given of [event, JSON.stringify(event)]) {
			const fns = fakeExecuteFunctions({ name: 'Format', params: { event: given, operation: 'formatEach', channel: '', redactionLevel: 'standard', options: {} }, credentials: {}, items: [{ json: { event: given } }] });
			const getNode = () => ({ name: 'Format', type: 'n8n-nodes-stripe-slack.stripeBlockKitTool', typeVersion: 1, parameters: {} });
			const [messages] = await new StripeBlockKit().execute.call({ ...fns, getNode, getTimezone: () => 'UTC' } as unknown as IExecuteFunctions);
			expect(messages).toHaveLength(1);
			expect(messages[0].json).toMatchObject({ metadata: { event_type: 'invoice.payment_failed', object_id: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I' } });
			expect(Array.isArray(messages[0].json.blocks)).toBe(true);
		}
	});

	it('Stripe Action run as its tool variant acts on the id the model gave, without a click', async () => {
		const fns = fakeExecuteFunctions({ name: 'Remind', params: { operation: 'sendInvoiceReminder', objectId: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I', options: {} }, credentials: { secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url }, items: [{ json: { objectId: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I' } }] });
		const getNode = () => ({ name: 'Remind', type: 'n8n-nodes-stripe-slack.stripeActionTool', typeVersion: 1, parameters: {} });
		const [out] = await new StripeAction().execute.call({ ...fns, getNode } as unknown as IExecuteFunctions);
		expect(out[0].json).toMatchObject({ ok: true, action: expect.stringMatching(/reminder/), objectId: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I' });
		expect(sb.stripe.requests.some((r) => r.method === 'POST' && r.path === '/v1/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I/send')).toBe(true);
	});

	it('reads a card message as text: links as label (url), no mrkdwn marks', () => {
		expect(messageText({ text: '', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Jenny R.* · `cus_1`' }, fields: [{ type: 'mrkdwn', text: '*Email*\nj***@example.com' }] }, { type: 'context', elements: [{ type: 'mrkdwn', text: '<https://dashboard.stripe.com/customers/cus_1|Customer in Stripe>' }] }, { type: 'actions', elements: [] }] })).toBe(
			'Jenny R. · cus_1\nEmail: j***@example.com\nCustomer in Stripe (https://dashboard.stripe.com/customers/cus_1)',
		);
	});
});
