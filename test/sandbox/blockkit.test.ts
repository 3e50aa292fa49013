/**
 * Every Block Kit limit from test/fixtures/slack/blockkit-limits.json (Slack's documented values):
 * a message at the limit is accepted, one past it is rejected with invalid_blocks, as Slack does.
 */
import limitsFile from '../fixtures/slack/blockkit-limits.json';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { slackCall } from './helpers';

const L: Record<string, any> = Object.fromEntries(limitsFile.limits.map((l: { key: string; value: unknown }) => [l.key, l.value]));
const x = (n: number) => 'x'.repeat(n);
const plain = (t: string) => ({ type: 'plain_text', text: t });
const md = (t: string) => ({ type: 'mrkdwn', text: t });
const button = (over: Record<string, unknown> = {}, i = 0) => ({ type: 'button', text: plain('Go'), action_id: `a${i}`, value: 'v', ...over });

/** [limit name, blocks exactly at the limit, blocks one past it] */
const cases: [string, (n: number) => unknown[], number][] = [
	['message.blocks.max_items', (n) => Array.from({ length: n }, () => ({ type: 'divider' })), L['message.blocks.max_items']],
	['section.text.max_length', (n) => [{ type: 'section', text: md(x(n)) }], L['section.text.max_length']],
	['section.fields.max_items', (n) => [{ type: 'section', fields: Array.from({ length: n }, () => md('f')) }], L['section.fields.max_items']],
	['section.fields[].text.max_length', (n) => [{ type: 'section', fields: [md(x(n))] }], L['section.fields[].text.max_length']],
	['header.text.max_length', (n) => [{ type: 'header', text: plain(x(n)) }], L['header.text.max_length']],
	['button.text.max_length', (n) => [{ type: 'actions', elements: [button({ text: plain(x(n)) })] }], L['button.text.max_length']],
	['button.value.max_length', (n) => [{ type: 'actions', elements: [button({ value: x(n) })] }], L['button.value.max_length']],
	['button.action_id.max_length', (n) => [{ type: 'actions', elements: [button({ action_id: x(n) })] }], L['button.action_id.max_length']],
	['block_id.max_length', (n) => [{ type: 'divider', block_id: x(n) }], L['block_id.max_length']],
	['actions.elements.max_items', (n) => [{ type: 'actions', elements: Array.from({ length: n }, (_, i) => button({}, i)) }], L['actions.elements.max_items']],
	['context.elements.max_items', (n) => [{ type: 'context', elements: Array.from({ length: n }, () => md('c')) }], L['context.elements.max_items']],
	['confirm.title.max_length', (n) => [{ type: 'actions', elements: [button({ confirm: { title: plain(x(n)), text: md('sure?'), confirm: plain('Yes'), deny: plain('No') } })] }], L['confirm.title.max_length']],
	['image.alt_text.max_length', (n) => [{ type: 'image', image_url: 'https://example.com/a.png', alt_text: x(n) }], L['image.alt_text.max_length']],
];

describe('Block Kit limits (chat.postMessage)', () => {
	let sb: Sandbox;
	let i = 0;
	// A fresh channel per post keeps the per-channel rate limit out of the way.
	const channels = ['C_PAYMENTS', 'C_BILLING', 'C_BILLING_ALERTS', 'C_DISPUTES', 'C_REVENUE', 'C_REFUNDS', 'C_GENERAL'];
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 10, slackRateLimit: { burst: 1000, perSecond: 1000 } });
	});
	afterAll(() => sb.close());
	const post = (blocks: unknown) => slackCall(sb.url, 'chat.postMessage', { channel: channels[i++ % channels.length], text: 'fallback', blocks });

	test('the documented values are the ones the sandbox enforces', () => {
		expect(L['message.blocks.max_items']).toBe(50);
		expect(L['section.text.max_length']).toBe(3000);
		expect(L['header.text.max_length']).toBe(150);
		expect(L['button.text.max_length']).toBe(75);
	});

	test.each(cases)('%s: at the limit ok, one past it invalid_blocks', async (_name, make, limit) => {
		const ok = await post(make(limit));
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ ok: true });
		const bad = await post(make(limit + 1));
		expect(bad.status).toBe(200); // Slack answers errors with HTTP 200
		expect(bad.body.ok).toBe(false);
		expect(bad.body.error).toBe('invalid_blocks');
		expect(bad.body.response_metadata.messages[0]).toMatch(/^\[ERROR\] .*\[json-pointer:\/blocks/);
	});

	test('form-encoded blocks (as @slack/web-api sends them) are validated too', async () => {
		const body = new URLSearchParams({ channel: '#payments', text: 't', blocks: JSON.stringify([{ type: 'header', text: plain(x(151)) }]) });
		const r = await fetch(`${sb.url}/api/chat.postMessage`, { method: 'POST', headers: { Authorization: 'Bearer xoxb-sandbox-token', 'Content-Type': 'application/x-www-form-urlencoded' }, body });
		expect(await r.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
	});

	test('other Slack rules: mrkdwn header, duplicate block_id / action_id, empty section, bad JSON', async () => {
		expect((await post([{ type: 'header', text: md('h') }])).body.error).toBe('invalid_blocks');
		expect((await post([{ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }])).body.error).toBe('invalid_blocks');
		expect((await post([{ type: 'actions', elements: [button(), button()] }])).body.error).toBe('invalid_blocks');
		expect((await post([{ type: 'section' }])).body.error).toBe('invalid_blocks');
		expect((await post('[{not json')).body.error).toBe('invalid_blocks_format');
	});

	test('chat.update validates blocks too and rejected calls are listed', async () => {
		const m = await post([{ type: 'section', text: md('ok') }]);
		const up = await slackCall(sb.url, 'chat.update', { channel: m.body.channel, ts: m.body.ts, blocks: [{ type: 'header', text: plain(x(151)) }] });
		expect(up.body).toMatchObject({ ok: false, error: 'invalid_blocks' });
		const state = await (await fetch(`${sb.url}/_sandbox/slack/messages`)).json();
		expect(state.rejected).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'chat.update', error: 'invalid_blocks' })]));
	});
});
