/**
 * Slack Post's thread store survives a restart of one n8n without Redis (regular mode, SQLite): the
 * subscriptions template posts the first event about a subscription as the thread parent; n8n is stopped
 * and started again; the next event about that subscription is a reply in the same thread, not a second
 * parent. The store is the file `<N8N_USER_FOLDER>/.n8n/slack-post/threads.jsonl` (Thread Store: Automatic).
 *
 * Own stack on ports 5978 (n8n) and 5980 (sandbox); E2E_RESTART_BASE_PORT moves them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { waitFor } from '../../scripts/lib/n8n';
import type { SandboxMessage } from './expectations';
import { ownStack } from './stack';
import { signStripe } from './workflows';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'stripe');
const BASE = Number(process.env.E2E_RESTART_BASE_PORT ?? 5978);

describe('thread parents after a restart of a single n8n (no Redis)', () => {
	const own = ownStack('restart', BASE);
	const s = own.stack;

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

	const routed = (when: string) => own.routed(['subscriptions'], when);

	it('the second event after the restart replies in the thread the first event started', async () => {
		const sub = `sub_restart_${Date.now().toString(36)}`;
		const now = Math.floor(Date.now() / 1000);
		await routed('after the start');
		expect(await post(event('customer.subscription.created', sub, now - 10))).toBe(200);
		const [parent] = await messagesAbout(sub, 1);
		expect(parent.thread_ts ?? null).toBeNull();

		const file = path.join(s().n8nOptions.userFolder, '.n8n', 'slack-post', 'threads.jsonl');
		await waitFor('the thread record on disk', async () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(parent.ts) ? true : undefined), 10_000, 100);

		await own.restart();
		await routed('again');

		expect(await post(event('customer.subscription.updated', sub, now))).toBe(200);
		const both = await messagesAbout(sub, 2);
		expect(both).toHaveLength(2);
		const reply = both.find((m) => m.ts !== parent.ts)!;
		expect(reply.thread_ts).toBe(parent.ts);
		expect(both.filter((m) => !m.thread_ts)).toHaveLength(1);
	});
});
