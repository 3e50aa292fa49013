/**
 * Slack Post's thread store survives a restart of one n8n without Redis (regular mode, SQLite): the
 * subscriptions template posts the first event about a subscription as the thread parent; n8n is stopped
 * and started again; the next event about that subscription is a reply in the same thread, not a second
 * parent. The store is the file `<N8N_USER_FOLDER>/.n8n/slack-post/threads.jsonl` (Thread Store: Automatic).
 *
 * Own stack on ports 5978 (n8n) and 5980 (sandbox); E2E_RESTART_BASE_PORT moves them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startDevStack, type DevStack } from '../../scripts/lib/devStack';
import { N8nProcess, waitFor } from '../../scripts/lib/n8n';
import type { SandboxMessage } from './expectations';
import { signStripe } from './workflows';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'stripe');
const BASE = Number(process.env.E2E_RESTART_BASE_PORT ?? 5978);

describe('thread parents after a restart of a single n8n (no Redis)', () => {
	let stack: DevStack | undefined;
	let restarted: N8nProcess | undefined;
	let dataDir = '';

	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-restart-e2e-'));
		stack = await startDevStack({ dataDir, n8nPort: BASE, sandboxPort: BASE + 2, skipBuild: true, log: (s) => process.stderr.write(`[restart] ${s}\n`) });
	}, 240_000);

	afterAll(async () => {
		await restarted?.stop();
		await stack?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	}, 60_000);

	const s = (): DevStack => {
		if (!stack) throw new Error('the stack did not start (see beforeAll)');
		return stack;
	};

	function event(type: string, sub: string, created: number): string {
		const ev = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${type}.json`), 'utf8'));
		ev.id = `evt_restart_${type.replace(/\W/g, '_')}_${Date.now()}`;
		ev.created = created;
		ev.data.object.id = sub;
		return JSON.stringify(ev);
	}

	async function post(body: string): Promise<number> {
		const r = await fetch(s().endpoints.webhooks.subscriptions, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, s().endpoints.stripeWebhookSecret) },
			body,
		});
		await r.text();
		return r.status;
	}

	async function messagesAbout(sub: string, n: number): Promise<SandboxMessage[]> {
		return waitFor(
			`${n} message(s) about ${sub}`,
			async () => {
				const all = ((await (await fetch(`${s().endpoints.sandbox}/_sandbox/slack/messages`)).json()) as { messages: SandboxMessage[] }).messages;
				const mine = all.filter((m) => JSON.stringify(m).includes(sub));
				return mine.length >= n ? mine : undefined;
			},
			30_000,
			200,
		);
	}

	/** n8n registers production webhooks after it answers: wait until it routes ours (unsigned: refused, starts nothing). */
	const routed = (when: string) =>
		waitFor(
			`n8n to route the subscriptions webhook ${when}`,
			async () => ((await fetch(s().endpoints.webhooks.subscriptions, { method: 'POST', body: '{}' })).status !== 404 ? true : undefined),
			60_000,
			250,
		);

	it('the second event after the restart replies in the thread the first event started', async () => {
		const sub = `sub_restart_${Date.now().toString(36)}`;
		const now = Math.floor(Date.now() / 1000);
		await routed('after the start');
		expect(await post(event('customer.subscription.created', sub, now - 10))).toBe(200);
		const [parent] = await messagesAbout(sub, 1);
		expect(parent.thread_ts ?? null).toBeNull();

		const file = path.join(s().n8nOptions.userFolder, '.n8n', 'slack-post', 'threads.jsonl');
		await waitFor('the thread record on disk', async () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(parent.ts) ? true : undefined), 10_000, 100);

		await s().n8n.stop();
		restarted = new N8nProcess(s().n8nOptions);
		await restarted.start();
		await routed('again');

		expect(await post(event('customer.subscription.updated', sub, now))).toBe(200);
		const both = await messagesAbout(sub, 2);
		expect(both).toHaveLength(2);
		const reply = both.find((m) => m.ts !== parent.ts)!;
		expect(reply.thread_ts).toBe(parent.ts);
		expect(both.filter((m) => !m.thread_ts)).toHaveLength(1);
	});
});
