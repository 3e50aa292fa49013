/** uploadChart through the real @slack/web-api filesUploadV2 into the sandbox's Slack, in a thread. */
import { WebClient } from '@slack/web-api';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { uploadChart } from '../../../nodes/shared/digest/upload';
import { digestChart, digestMessage } from '../../../nodes/shared/digest/blocks';
import { sampleSummary } from './fixtures';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ port: 0, seedTransactions: 0 });
});
afterAll(async () => {
	await sb?.close();
});

test('post the digest, then upload the chart PNG into its thread', async () => {
	const client = new WebClient('xoxb-sandbox-token', { slackApiUrl: `${sb.url}/api/`, retryConfig: { retries: 0 } });
	const summary = sampleSummary();
	const msg = digestMessage(summary, { chart: 'image' });
	const posted = await client.chat.postMessage({ channel: 'C_REVENUE', text: msg.text, blocks: msg.blocks as never });
	const chart = digestChart(summary)!;
	const up = await uploadChart(client, { channel: 'C_REVENUE', threadTs: posted.ts, png: chart.png, title: chart.title, altText: 'USD gross per day' });
	expect(up.fileId).toMatch(/^F/);
	const inThread = sb.slack.messages.find((m) => m.files?.length && (m as { thread_ts?: string | null }).thread_ts === posted.ts);
	expect(inThread).toBeDefined();
	expect(inThread!.files![0]).toMatchObject({ id: up.fileId, title: chart.title });
	// The sandbox records the uploaded body (multipart), at least the PNG's bytes.
	expect(inThread!.files![0].size).toBeGreaterThanOrEqual(chart.png.length);
});

test('argument checks', async () => {
	const client = { filesUploadV2: jest.fn() };
	await expect(uploadChart(client as never, { channel: '', png: Buffer.alloc(10) })).rejects.toThrow(/channel/);
	await expect(uploadChart(client as never, { channel: 'C1', png: Buffer.alloc(0) })).rejects.toThrow(/PNG/);
	client.filesUploadV2.mockResolvedValue({ ok: true, files: [{ ok: true, files: [{ id: 'F123', permalink: 'https://x/y' }] }] });
	await expect(uploadChart(client as never, { channel: 'C1', png: Buffer.alloc(10) })).resolves.toEqual({ fileId: 'F123', permalink: 'https://x/y' });
	expect(client.filesUploadV2.mock.calls[0][0]).toMatchObject({ channel_id: 'C1', filename: 'revenue-chart.png' });
});
