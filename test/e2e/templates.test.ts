/**
 * The workflow templates in workflows/, as `npm start` publishes them on the real n8n, against the
 * sandbox: every fixture event type signed and posted to its template's webhook lands in the right
 * channel with its key text and buttons and without personal data; a click on Refund runs the actions
 * template (one refund, the message updated, an audit note); a forged event produces nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { waitFor } from '../../scripts/lib/n8n';
import { screenshotDir, withPage } from './browser';
import { stackInfo } from './stack';
import { EXPECTED, NEVER_IN_SLACK, type SandboxMessage } from './expectations';
import { signStripe } from './workflows';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'stripe');

describe('workflow templates on the real n8n', () => {
	const { endpoints } = stackInfo();
	const sandbox = endpoints.sandbox!;
	const secret = endpoints.stripeWebhookSecret;
	const posted: Record<string, SandboxMessage[]> = {};

	async function messages(): Promise<{ messages: SandboxMessage[]; ephemeral: Array<{ user: string; text: string }> }> {
		return (await fetch(`${sandbox}/_sandbox/slack/messages`)).json();
	}

	async function send(type: string, url: string, signWith = secret): Promise<number> {
		const ev = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${type}.json`), 'utf8'));
		ev.id = `evt_tpl_${type.replace(/\W/g, '_')}_${Date.now()}`;
		const body = JSON.stringify(ev);
		const r = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, signWith) },
			body,
		});
		return r.status;
	}

	beforeAll(async () => {
		expect(sandbox).toBeTruthy();
		await fetch(`${sandbox}/_sandbox/reset`, { method: 'POST' });
	});

	it('publishes every template with a webhook', () => {
		for (const t of ['payments', 'subscriptions', 'disputes', 'risk', 'actions']) expect(endpoints.webhooks[t]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\//);
	});

	it.each(Object.keys(EXPECTED))('%s reaches Slack through its template', async (type) => {
		const exp = EXPECTED[type];
		const before = (await messages()).messages.length;
		expect(await send(type, endpoints.webhooks[exp.template])).toBe(200);
		const found = await waitFor(
			`the ${type} message in ${exp.channels.join(', ')}`,
			async () => {
				const fresh = (await messages()).messages.slice(before).filter((m) => m.text.includes(exp.text));
				return exp.channels.every((c) => fresh.some((m) => m.channel === c)) ? fresh : undefined;
			},
			30_000,
			200,
		);
		posted[type] = found;
		for (const m of found) {
			const ids = (m.blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id) : []));
			expect(ids).toEqual(expect.arrayContaining(exp.buttons));
			const everything = JSON.stringify(m);
			for (const secretValue of NEVER_IN_SLACK) expect(everything).not.toContain(secretValue);
			if (exp.mention) expect(m.text.startsWith(exp.mention) || m.text.includes(exp.mention)).toBe(true);
		}
		if (exp.threadOf) {
			const parent = posted[exp.threadOf]?.[0];
			expect(parent).toBeDefined();
			expect(found[0].thread_ts).toBe(parent.ts);
		}
	});

	it('a click on Refund by an allowed user refunds once, updates the message and writes the audit note', async () => {
		const msg = posted['charge.succeeded'][0];
		const requestsBefore = ((await (await fetch(`${sandbox}/_sandbox/stripe/requests`)).json()).requests as unknown[]).length;
		const click = async () =>
			(
				await fetch(`${sandbox}/_sandbox/slack/click`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ channel: msg.channel, ts: msg.ts, action_id: 'stripe_slack.refund', user_id: 'U_ALICE' }),
				})
			).json() as Promise<{ status: number }>;
		// a double click: both answered by n8n at once
		const [a, b] = await Promise.all([click(), click()]);
		expect(a.status).toBe(200);
		expect(b.status).toBe(200);

		const updated = await waitFor(
			'the refunded message to be updated and its audit note posted',
			async () => {
				const all = (await messages()).messages;
				const m = all.find((x) => x.channel === msg.channel && x.ts === msg.ts)!;
				const notes = all.filter((x) => x.thread_ts === msg.ts && x.ts !== msg.ts);
				return m.edits.length > 0 && notes.length > 0 ? { m, notes } : undefined;
			},
			30_000,
			250,
		);
		const buttons = (updated.m.blocks ?? []).flatMap((bl) => (bl.type === 'actions' ? (bl.elements ?? []).map((e) => e.action_id) : []));
		expect(buttons).not.toContain('stripe_slack.refund');
		expect(JSON.stringify(updated.m)).toMatch(/[Rr]efund/);
		expect(updated.notes.map((n) => n.text).join('\n')).toMatch(/U_ALICE|alice/);

		// exactly one refund reached Stripe, whatever the double click did
		await new Promise((r) => setTimeout(r, 1500));
		const reqs = ((await (await fetch(`${sandbox}/_sandbox/stripe/requests`)).json()).requests as Array<{ method: string; path: string; status: number }>).slice(
			requestsBefore,
		);
		const refunds = reqs.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
		expect(refunds.length).toBeGreaterThanOrEqual(1);
		const charge = await (
			await fetch(`${sandbox}/v1/charges/ch_1PgafuB7WZ01zgkWXYmPNZs8`, { headers: { authorization: 'Bearer sk_test_sandbox' } })
		).json();
		expect(charge.refunds?.data?.length ?? charge.refunds?.total_count).toBe(1);
	});

	it('a click by a user who may not refund gets a private denial and reaches Stripe with nothing', async () => {
		const msg = posted['payment_intent.succeeded'][0];
		const requestsBefore = ((await (await fetch(`${sandbox}/_sandbox/stripe/requests`)).json()).requests as unknown[]).length;
		const r = await (
			await fetch(`${sandbox}/_sandbox/slack/click`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ channel: msg.channel, ts: msg.ts, action_id: 'stripe_slack.refund', user_id: 'U_BOB' }),
			})
		).json();
		expect(r.status).toBe(200);
		await waitFor(
			'the ephemeral denial for U_BOB',
			async () => ((await messages()).ephemeral.some((e) => e.user === 'U_BOB' && /not allowed/i.test(e.text)) ? true : undefined),
			15_000,
		);
		await new Promise((res) => setTimeout(res, 1000));
		const reqs = (await (await fetch(`${sandbox}/_sandbox/stripe/requests`)).json()).requests as unknown[];
		expect(reqs.length).toBe(requestsBefore);
	});

	it('with Stripe answering after 5 s, Slack gets its answer within 3 s and the message is updated when the action finishes', async () => {
		const msg = posted['invoice.payment_failed'][0];
		await fetch(`${sandbox}/_sandbox/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ stripe: { latencyMs: 5000 } }),
		});
		try {
			const t0 = Date.now();
			const r = await (
				await fetch(`${sandbox}/_sandbox/slack/click`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ channel: msg.channel, ts: msg.ts, action_id: 'stripe_slack.send_reminder', user_id: 'U_ALICE' }),
				})
			).json();
			const answeredIn = Date.now() - t0;
			expect(r.status).toBe(200);
			expect(answeredIn).toBeLessThan(3000);

			const edited = await waitFor(
				'the reminder message to be updated after the slow Stripe call',
				async () => {
					const m = (await messages()).messages.find((x) => x.channel === msg.channel && x.ts === msg.ts)!;
					return m.edits.length > 0 ? { m, at: Date.now() - t0 } : undefined;
				},
				30_000,
				250,
			);
			// the update can only come after Stripe's 5 s answer
			expect(edited.at).toBeGreaterThanOrEqual(5000);
			expect(JSON.stringify(edited.m)).toMatch(/[Rr]eminder/);
		} finally {
			await fetch(`${sandbox}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		}
	});

	it('the digest template posts yesterday\'s revenue with its chart (run through a webhook instead of the schedule)', async () => {
		const { loggedIn } = await import('./stack');
		const { loadTemplates } = await import('../../scripts/lib/devStack');
		const rest = await loggedIn();
		const digest = loadTemplates().find((t) => t.name === 'digest')!.json as unknown as {
			name: string;
			nodes: Array<Record<string, unknown>>;
			connections: Record<string, unknown>;
			settings: Record<string, unknown>;
		};
		const hookPath = `digest-now-${Date.now()}`;
		const nodes = digest.nodes.map((n) =>
			n.name === 'Every Morning'
				? { ...n, type: 'n8n-nodes-base.webhook', typeVersion: 2, parameters: { path: hookPath, httpMethod: 'POST', options: {} }, webhookId: hookPath }
				: n,
		);
		const wf = await rest.request<{ id: string }>('POST', '/rest/workflows', {
			name: 'e2e: digest now',
			nodes,
			connections: digest.connections,
			settings: digest.settings,
			active: false,
		});
		await rest.activate(wf.id);
		const before = (await messages()).messages.length;
		const url = `${endpoints.n8n}/webhook/${hookPath}`;
		await waitFor('the digest webhook', async () => ((await fetch(url, { method: 'POST' })).status === 200 ? true : undefined), 20_000, 200);
		const found = await waitFor(
			'the digest and its chart in #revenue',
			async () => {
				const fresh = (await messages()).messages.slice(before).filter((m) => m.channel === 'C_REVENUE');
				const digestMsg = fresh.find((m) => /[Rr]evenue/.test(m.text));
				const chart = digestMsg && fresh.find((m) => m.thread_ts === digestMsg.ts && JSON.stringify(m).includes('.png'));
				return digestMsg && chart ? { digestMsg, chart } : undefined;
			},
			60_000,
			500,
		);
		expect(found.digestMsg.blocks?.[0]?.type).toBe('header');
		for (const secretValue of NEVER_IN_SLACK) expect(JSON.stringify(found.digestMsg)).not.toContain(secretValue);
		await rest.deactivate(wf.id);
	});

	it('a forged event is refused and posts nothing', async () => {
		const before = (await messages()).messages.length;
		expect(await send('charge.succeeded', endpoints.webhooks.payments, 'whsec_forged_secret_123')).toBe(401);
		expect(await send('charge.dispute.created', endpoints.webhooks.disputes, 'whsec_forged_secret_123')).toBe(401);
		await new Promise((r) => setTimeout(r, 2500));
		expect((await messages()).messages.length).toBe(before);
	});

	it('shows the templates\' messages in the sandbox page (screenshot for the README)', async () => {
		await withPage({ width: 1280, height: 900 }, async (page) => {
			await page.goto(`${sandbox}/#C_PAYMENTS`);
			// the refunded charge's message, as the actions template left it
			await page.getByText('Charge succeeded').first().waitFor({ timeout: 15_000 });
			const html = await page.content();
			for (const secretValue of NEVER_IN_SLACK) expect(html).not.toContain(secretValue);
			await page.screenshot({ path: path.join(screenshotDir(), 'sandbox.png') });
		});
	});
});
