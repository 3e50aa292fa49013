/**
 * The Slack Post node's execute() with a small fake IExecuteFunctions, posting the Stripe Block Kit
 * formatter's output to the in-process sandbox.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { formatStripeEvent } from '../../../nodes/shared/format';
import { SlackPost } from '../../../nodes/SlackPost/SlackPost.node';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { fixtureEvents } from '../format/fixtures';

jest.setTimeout(30_000);

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ port: 0, slackRateLimit: { burst: 50, perSecond: 50 }, seedTransactions: 0 });
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
});

const node = new SlackPost();
const defaults: Record<string, unknown> = {};
for (const p of node.description.properties) defaults[p.name] = p.default;

function fakeThis(items: INodeExecutionData[], params: Record<string, unknown>, opts: { continueOnFail?: boolean; token?: string } = {}): IExecuteFunctions {
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, i: number, fallback?: unknown) => {
			if (name === 'channel' && !('channel' in params)) return items[i].json.channel; // the default expression ={{ $json.channel }}
			if (name in params) return params[name];
			return name in defaults ? defaults[name] : fallback;
		},
		getCredentials: async () => ({ botToken: opts.token ?? 'xoxb-sandbox-token', apiBaseUrl: `${sb.url}/api/` }),
		getNode: () => ({ id: '1', name: 'Slack Post', type: 'slackPost', typeVersion: 1, position: [0, 0], parameters: {} }),
		continueOnFail: () => opts.continueOnFail ?? false,
		helpers: {
			getBinaryDataBuffer: async (i: number, prop: string) => Buffer.from(items[i].binary![prop].data, 'base64'),
		},
	} as unknown as IExecuteFunctions;
}

interface SbMessage {
	channel: string;
	ts: string;
	thread_ts: string | null;
	text: string;
	blocks: Array<{ type: string; elements?: Array<{ text: string }> }> | null;
	files?: unknown[];
}
const sbMessages = async (): Promise<SbMessage[]> => ((await (await fetch(`${sb.url}/_sandbox/slack/messages`)).json()) as { messages: SbMessage[] }).messages;

const events = fixtureEvents().map((f) => f.event);
const formatted = (name: string, extra: IDataObject = {}) => {
	const e = events.find((x) => x.type === name)!;
	const m = formatStripeEvent(e, { channel: 'C_PAYMENTS' }) as unknown as IDataObject;
	return { json: { ...m, metadata: { ...(m.metadata as IDataObject), created: e.created }, ...extra } } as INodeExecutionData;
};

test('posts formatter items to their channel with mentions; output carries channel, ts and metadata', async () => {
	const items = ['charge.succeeded', 'invoice.payment_failed', 'charge.dispute.created'].map((t) => formatted(t));
	const [out] = await node.execute.call(fakeThis(items, { mention: 'S_FINANCE, U_ALICE' }));
	expect(out).toHaveLength(3);
	const ms = await sbMessages();
	expect(ms).toHaveLength(3);
	for (let i = 0; i < 3; i++) {
		expect(out[i].json).toMatchObject({ ok: true, channel: 'C_PAYMENTS', thread_ts: null, metadata: items[i].json.metadata });
		expect(out[i].pairedItem).toEqual({ item: i });
		const m = ms.find((x) => x.ts === out[i].json.ts)!;
		expect(m.text.startsWith('<!subteam^S_FINANCE> <@U_ALICE> ')).toBe(true);
		expect(m.blocks![0]).toMatchObject({ type: 'context', elements: [{ text: '<!subteam^S_FINANCE> <@U_ALICE>' }] });
	}
});

test('a mention that is not an ID is refused before anything is posted', async () => {
	await expect(node.execute.call(fakeThis([formatted('charge.succeeded')], { mention: '@channel' }))).rejects.toThrow(/not a Slack user group ID/);
	expect(await sbMessages()).toHaveLength(0);
});

test('threads per object with a chart: parent + reply, chart uploaded into the thread; a failed upload is a warning', async () => {
	const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
	const a = formatted('customer.subscription.created');
	const b = formatted('customer.subscription.updated');
	b.binary = { chart: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'chart.png' } };
	const [out1] = await node.execute.call(fakeThis([a], { threadBy: 'subscription', options: { threadStore: 'memory' } }));
	const [out2] = await node.execute.call(fakeThis([b], { threadBy: 'subscription', options: { threadStore: 'memory' } }));
	expect(out1[0].json).toMatchObject({ ok: true, threadParent: true });
	expect(out2[0].json).toMatchObject({ ok: true, thread_ts: out1[0].json.ts });
	expect((out2[0].json.warnings as string[]).join()).toMatch(/Chart uploaded/);
	const ms = await sbMessages();
	const file = ms.find((m) => m.files?.length)!;
	expect(file.thread_ts).toBe(out1[0].json.ts);

	// upload failure (not a PNG the SDK can read: an empty buffer) → warning, the post itself succeeded
	const c = formatted('customer.subscription.deleted');
	c.binary = { chart: { data: '', mimeType: 'image/png', fileName: 'chart.png' } };
	const [out3] = await node.execute.call(fakeThis([c], { threadBy: 'subscription', options: { threadStore: 'memory' } }));
	expect(out3[0].json.ok).toBe(true);
	expect((out3[0].json.warnings as string[]).join()).toMatch(/chart could not be uploaded/);
});

test('burst inside one execution is coalesced; every item gets its fate', async () => {
	const base = formatted('payment_intent.succeeded');
	const items = Array.from({ length: 12 }, (_, i) => ({ json: { ...base.json, metadata: { ...(base.json.metadata as IDataObject), event_id: `evt_burst${i}` } } }));
	const [out] = await node.execute.call(fakeThis(items, { options: { coalesceWindowSeconds: 1, messagesPerSecond: 5 } }));
	expect(out).toHaveLength(12);
	const folded = out.filter((o) => o.json.folded);
	const single = out.filter((o) => !o.json.folded);
	expect(folded.length).toBeGreaterThan(0);
	expect(single.length + Number((folded[0].json.folded as IDataObject).count)).toBe(12);
	expect(await sbMessages()).toHaveLength(single.length + 1);
});

test('final failure: error item with continueOnFail, NodeOperationError (itemIndex, channel + text) otherwise', async () => {
	const ok = formatted('charge.succeeded');
	const bad = formatted('charge.refunded', { channel: 'C_NOPE' });
	const [out] = await node.execute.call(fakeThis([ok, bad], {}, { continueOnFail: true }));
	expect(out[0].json.ok).toBe(true);
	expect(out[1].json).toMatchObject({
		ok: false,
		error: { code: 'channel_not_found' },
		message: { channel: 'C_NOPE', text: bad.json.text, blocks: bad.json.blocks },
		metadata: bad.json.metadata,
	});
	let thrown: NodeOperationError | undefined;
	try {
		await node.execute.call(fakeThis([ok, bad], {}));
	} catch (e) {
		thrown = e as NodeOperationError;
	}
	expect(thrown).toBeInstanceOf(NodeOperationError);
	expect(thrown!.context.itemIndex).toBe(1);
	expect(thrown!.message).toMatch(/channel_not_found/);
	expect(thrown!.description).toContain('Channel: C_NOPE');
	expect(thrown!.description).toContain(String(bad.json.text).slice(0, 50));
	// invalid token: invalid_auth, no retries
	const [auth] = await node.execute.call(fakeThis([ok], {}, { continueOnFail: true, token: 'xoxb-nope' }));
	expect(auth[0].json).toMatchObject({ ok: false, error: { code: 'invalid_auth', attempts: 1 } });
});
