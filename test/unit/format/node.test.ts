import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import { StripeBlockKit } from '../../../nodes/StripeBlockKit/StripeBlockKit.node';
import { fixtureEvents } from './fixtures';
import { parseAndValidateBlocks } from '../../../sandbox/blockkit';
import { blockKitThis as fakeThis } from './blockKitThis';

const events = fixtureEvents().map((f) => f.event);
const node = new StripeBlockKit();

describe('StripeBlockKit node execute()', () => {
	it('formats each event (item json or Webhook body, object or string) and routes below-minimum to output 2', async () => {
		const items: INodeExecutionData[] = [
			{ json: events[0] as IDataObject },
			{ json: { body: events[1] } as IDataObject },
			{ json: { headers: {}, body: JSON.stringify(events[2]) } as IDataObject },
		];
		const [out, below] = await node.execute.call(
			fakeThis(items, { operation: 'formatEach', channel: '#payments', redactionLevel: 'strict', options: { minimumAmounts: 'USD:5.00', layout: 'compact' } }),
		);
		expect(out.length + below.length).toBe(3);
		for (const o of [...out, ...below]) {
			expect(o.json.text).toEqual(expect.any(String));
			expect(Array.isArray(o.json.blocks)).toBe(true);
			expect(o.json.channel).toBe('#payments');
			expect(o.json.metadata).toEqual(expect.objectContaining({ livemode: false }));
		}
		// charge.refunded ($1.00) and charge.succeeded ($1.00) are below USD 5.00
		expect(below.map((b) => (b.json.metadata as IDataObject).event_type)).toEqual(['charge.refunded', 'charge.succeeded']);
		expect(below[0].json.skipped).toBe(true);
		expect(below[0].pairedItem).toEqual({ item: 1 });
	});

	it('output 3 (Needs Attention) repeats the warning and critical messages, and only those', async () => {
		const [out, below, attention] = await node.execute.call(fakeThis(events.map((e) => ({ json: e as IDataObject })), { operation: 'formatEach', channel: '#payments' }));
		const severity = (o: INodeExecutionData) => (o.json.metadata as IDataObject).severity;
		const expected = out.filter((o) => ['warning', 'critical'].includes(severity(o) as string));
		expect(expected.length).toBeGreaterThanOrEqual(3); // payment failures and the dispute among the fixtures
		expect(attention.map((a) => (a.json.metadata as IDataObject).event_id)).toEqual(expected.map((o) => (o.json.metadata as IDataObject).event_id));
		expect(attention.map((a) => a.pairedItem)).toEqual(expected.map((o) => o.pairedItem));
		expect(attention[0].json).not.toBe(expected[0].json); // a copy: a node after one output cannot change the other's
		expect(attention[0].json).toEqual(expected[0].json);
		expect(below).toEqual([]);
		expect(new StripeBlockKit().description.outputNames).toEqual(['Messages', 'Below Minimum', 'Needs Attention']);
	});

	it('bad input → NodeOperationError with itemIndex; continueOnFail → error item', async () => {
		const items = [{ json: events[0] as IDataObject }, { json: { hello: 'world' } }];
		await expect(node.execute.call(fakeThis(items, { operation: 'formatEach' }))).rejects.toThrow(NodeOperationError);
		await expect(node.execute.call(fakeThis(items, { operation: 'formatEach' }))).rejects.toMatchObject({ context: { itemIndex: 1 } });
		const [out] = await node.execute.call(fakeThis(items, { operation: 'formatEach' }, true));
		expect(out[1].json.error).toMatch(/not a Stripe event/);
	});

	it('bad minimum amounts → clear error', async () => {
		await expect(node.execute.call(fakeThis([{ json: events[0] as IDataObject }], { options: { minimumAmounts: 'lots' } }))).rejects.toThrow(/Minimum Amounts is "lots": the part "lots" cannot be read: write an amount with its currency, like "USD 50"/);
	});

	it('summarize: many items into one message; a precomputed summary too', async () => {
		const [out] = await node.execute.call(fakeThis(events.map((e) => ({ json: e as IDataObject })), { operation: 'summarize', options: { summaryTitle: 'Last hour' } }));
		expect(out).toHaveLength(1);
		expect(out[0].json.text).toContain('Last hour');
		expect(out[0].pairedItem).toHaveLength(events.length);
		expect((out[0].json.metadata as IDataObject).event_count).toBe(events.length);
		const [pre] = await node.execute.call(
			fakeThis([{ json: { counts: { payment: 3, dispute: 1 }, totals: { collected: { usd: 123400, jpy: 5000 } } } }], { operation: 'summarize' }),
		);
		expect(pre[0].json.text).toContain('$1,234.00');
		expect(JSON.stringify(pre[0].json.blocks)).toContain('¥5,000');
	});
});

const actionIds = (blocks: Array<Record<string, any>>) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: { action_id: string }) => e.action_id) : []));

describe('team actions on alerts', () => {
	it('with Team Actions on, every alert also carries Assign, Escalate, Mark contacted (when it has a customer) and Create ticket', async () => {
		const items = events.map((e) => ({ json: e as IDataObject }));
		const [on, belowOn] = await node.execute.call(fakeThis(items, { operation: 'formatEach', options: { teamActions: true } }));
		const [off] = await node.execute.call(fakeThis(items, { operation: 'formatEach', options: {} }));
		expect(off.every((o) => !actionIds(o.json.blocks as any[]).includes('stripe_slack.assign'))).toBe(true);
		for (const o of [...on, ...belowOn]) {
			const blocks = o.json.blocks as Array<Record<string, any>>;
			expect(parseAndValidateBlocks(blocks)).toMatchObject({ ok: true });
			const team = blocks.find((b) => String(b.block_id).startsWith('desk_team:'))!;
			expect(team).toBeDefined();
			const object = events.find((e) => e.id === (o.json.metadata as IDataObject).event_id)!.data.object;
			expect(team.block_id).toBe(`desk_team:${object.id}`);
			expect(actionIds([team])).toEqual(
				object.customer || object.object === 'customer'
					? ['stripe_slack.assign', 'stripe_slack.escalate', 'stripe_slack.mark_contacted', 'stripe_slack.create_ticket']
					: ['stripe_slack.assign', 'stripe_slack.escalate', 'stripe_slack.create_ticket'],
			);
			// the Stripe buttons are still there, before the team actions
			const original = off.find((x) => (x.json.metadata as IDataObject).event_id === (o.json.metadata as IDataObject).event_id)!;
			expect(actionIds(blocks).slice(0, actionIds(original.json.blocks as any[]).length)).toEqual(actionIds(original.json.blocks as any[]));
		}
	});
});
