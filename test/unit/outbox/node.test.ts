/**
 * The Slack Post node with its outbox (N8N_USER_FOLDER in a temporary folder, so the file store), on the
 * in-process sandbox: Slack answering 503 → the run succeeds and each item says `queued` with the reason;
 * "Keep Undelivered Messages" off → it fails as before; then Slack answers and a drain item (what the Slack
 * Delivery Trigger emits) posts what waited, and says which events went where. An event posted before is output
 * as `already_posted` (the posted ledger) without a Slack call.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { formatStripeEvent } from '../../../nodes/shared/format';
import { SlackPost } from '../../../nodes/SlackPost/SlackPost.node';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { fixtureEvents } from '../format/fixtures';

jest.setTimeout(60_000);

let sb: Sandbox;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-node-'));
const env = { ...process.env };
beforeAll(async () => {
	process.env.N8N_USER_FOLDER = folder;
	delete process.env.EXECUTIONS_MODE;
	sb = await startSandbox({ port: 0, slackRateLimit: { burst: 50, perSecond: 50 }, seedTransactions: 0 });
});
afterAll(async () => {
	await sb.close();
	process.env = env;
	fs.rmSync(folder, { recursive: true, force: true });
});

const node = new SlackPost();
const defaults: Record<string, unknown> = {};
for (const p of node.description.properties) defaults[p.name] = p.default;
const fast = { maxAttempts: 2, messagesPerSecond: 50, burst: 50 };

function fakeThis(items: INodeExecutionData[], options: IDataObject = fast): IExecuteFunctions {
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, i: number, fallback?: unknown) => {
			if (name === 'channel') return items[i].json.channel;
			if (name === 'options') return options;
			return name in defaults ? defaults[name] : fallback;
		},
		getCredentials: async () => ({ botToken: 'xoxb-sandbox-token', apiBaseUrl: `${sb.url}/api/` }),
		getNode: () => ({ id: '1', name: 'Slack Post', type: 'slackPost', typeVersion: 1, position: [0, 0], parameters: {} }),
		getTimezone: () => 'UTC',
		continueOnFail: () => false,
		helpers: {},
	} as unknown as IExecuteFunctions;
}

async function faults(slack: Record<string, number>): Promise<void> {
	await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slack }) });
}
const sbMessages = async (): Promise<Array<{ text: string; ts: string }>> => ((await (await fetch(`${sb.url}/_sandbox/slack/messages`)).json()) as { messages: Array<{ text: string; ts: string }> }).messages;

const event = fixtureEvents().map((f) => f.event).find((x) => x.type === 'charge.succeeded')!;
function item(n: number): INodeExecutionData {
	const m = formatStripeEvent({ ...event, id: `evt_node${n}` }, { channel: 'C_PAYMENTS' }) as unknown as IDataObject;
	return { json: { ...m, channel: 'C_PAYMENTS' } };
}

test('Slack unreachable: the run succeeds, items say queued; off: it fails as before; a drain item posts what waited', async () => {
	await faults({ fail5xx: 1 });
	const [first] = await node.execute.call(fakeThis([item(1), item(2)]));
	expect(first.map((o) => (o.json.delivery as IDataObject)?.status)).toEqual(['queued', 'queued']);
	expect(first[0].json).toMatchObject({ ok: true, ts: null, channel: 'C_PAYMENTS', delivery: { reason: 'Slack unreachable (HTTP 503)' } });
	expect(first.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

	await expect(node.execute.call(fakeThis([item(3)], { ...fast, keepUndelivered: false }))).rejects.toThrow(NodeOperationError);

	await faults({});
	// the channel is backing off: the drain item reports it and posts nothing yet
	const [early] = await node.execute.call(fakeThis([{ json: { channel: 'C_PAYMENTS', outbox: { drain: true } } }]));
	expect(early[0].json).toMatchObject({ ok: true, channel: 'C_PAYMENTS', delivery: { status: 'waiting', posted: 0, waiting: 2 } });
	expect(await sbMessages()).toHaveLength(0);

	const state = path.join(folder, '.n8n', 'slack-post', 'outbox');
	const stateFile = fs.readdirSync(state).flatMap((ns) => fs.readdirSync(path.join(state, ns)).map((c) => path.join(state, ns, c, 'state.json')))[0];
	fs.writeFileSync(stateFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(stateFile, 'utf8')), nextAttemptAt: 0 }));
	const [drained] = await node.execute.call(fakeThis([{ json: { channel: 'C_PAYMENTS', outbox: { drain: true } } }]));
	expect(drained[0].json).toMatchObject({ ok: true, channel: 'C_PAYMENTS', delivery: { status: 'drained', posted: 2, summaries: 0, waiting: 0 } });
	const ms = await sbMessages();
	expect(ms).toHaveLength(2);
	expect((drained[0].json.delivery as IDataObject).events).toEqual([
		{ event_id: 'evt_node1', ts: ms[0].ts },
		{ event_id: 'evt_node2', ts: ms[1].ts },
	]);
	// and the next run posts at once
	const [next] = await node.execute.call(fakeThis([item(4)]));
	expect(next[0].json).toMatchObject({ ok: true, channel: 'C_PAYMENTS' });
	expect(typeof next[0].json.ts).toBe('string');
});

test('an event Slack Post already posted (a rerun, a re-emitted event) is output as already_posted, Slack not called', async () => {
	await faults({});
	const [first] = await node.execute.call(fakeThis([item(11), item(12)]));
	expect(first.map((o) => typeof o.json.ts)).toEqual(['string', 'string']);
	const count = (await sbMessages()).length;
	const [again] = await node.execute.call(fakeThis([item(12), item(11), item(13)]));
	expect(again.map((o) => (o.json.delivery as IDataObject | undefined)?.status ?? 'posted')).toEqual(['already_posted', 'already_posted', 'posted']);
	expect(again[0].json).toMatchObject({ ok: true, channel: 'C_PAYMENTS', ts: first[1].json.ts, metadata: { event_id: 'evt_node12' } });
	expect(again[1].json.ts).toBe(first[0].json.ts);
	expect(again.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(await sbMessages()).toHaveLength(count + 1);
});
