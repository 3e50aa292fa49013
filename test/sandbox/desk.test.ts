/**
 * The sandbox's support-desk parts: the Stripe stand-in's customer search (Stripe's query syntax), the
 * per-customer lists and customer metadata updates, through the official SDK; the Slack stand-in's signed
 * slash commands and message shortcuts, and the users_select value of a click.
 */
import Stripe from 'stripe';
import type { Sandbox } from '../../sandbox/server';
import { parseSearchQuery } from '../../sandbox/stripeDesk';
import { getJson, sandboxWithStripe, postJson, SIGNING_SECRET, slackCall, startHook, verifySlackSignature } from './helpers';

describe('sandbox: support desk', () => {
	let sb: Sandbox;
	let stripe: Stripe;
	beforeAll(async () => {
		({ sb, stripe } = await sandboxWithStripe());
	});
	afterAll(async () => sb.close());
	beforeEach(async () => postJson(`${sb.url}/_sandbox/reset`, {}));

	it('parses Stripe search queries and refuses malformed ones', () => {
		expect(parseSearchQuery(`email:'jenny.rosen@example.com'`).clauses).toEqual([{ field: 'email', op: ':', value: 'jenny.rosen@example.com' }]);
		expect(parseSearchQuery(`name~"Sam" OR metadata['plan']:'pro'`)).toEqual({
			join: 'OR',
			clauses: [
				{ field: 'name', op: '~', value: 'Sam' },
				{ field: 'metadata.plan', op: ':', value: 'pro' },
			],
		});
		expect(parseSearchQuery(`email:'o\\'brien@example.com'`).clauses[0].value).toBe("o'brien@example.com");
		for (const bad of ['', 'email:jenny', `email:'x`, `email:'a' AND name:'b' OR name:'c'`, `address:'x'`, `name~'ab'`]) {
			expect(() => parseSearchQuery(bad)).toThrow(/Invalid search query/);
		}
	});

	it('customers.search finds one customer by email (case-insensitive), two for a shared email, none for a stranger', async () => {
		const one = await stripe.customers.search({ query: `email:'Jenny.Rosen@example.com'` });
		expect(one.data.map((c) => c.id)).toEqual(['cus_QXg1o8vcGmoR32']);
		const two = await stripe.customers.search({ query: `email:'sam.shared@example.com'` });
		expect(two.data).toHaveLength(2);
		expect((await stripe.customers.search({ query: `email:'nobody@example.com'` })).data).toEqual([]);
		await expect(stripe.customers.search({ query: 'email:nobody' })).rejects.toMatchObject({ statusCode: 400, param: 'query' });
	});

	it('lists what a billing card needs by customer', async () => {
		const customer = 'cus_QXg1o8vcGmoR32';
		const subs = await stripe.subscriptions.list({ customer, status: 'all' });
		expect(subs.data.map((s) => s.id)).toContain('sub_1Pgc6rB7WZ01zgkWNy0Cn5nw');
		const invoices = await stripe.invoices.list({ customer, limit: 5 });
		expect(invoices.data.map((i) => i.id)).toContain('in_1Pgc6tB7WZ01zgkWu9fdqL6I');
		const pms = await stripe.customers.listPaymentMethods(customer, { limit: 3 });
		expect(pms.data[0]).toMatchObject({ id: 'pm_1PgafuB7WZ01zgkWpkvaxXYZ', card: { brand: 'visa', last4: '4242' } });
		expect((await stripe.paymentMethods.list({ customer })).data).toHaveLength(1);
		const charges = await stripe.charges.list({ customer, limit: 100 });
		expect(charges.data.some((c) => c.status === 'failed')).toBe(true);
		const disputed = charges.data.find((c) => c.disputed)!;
		const disputes = await stripe.disputes.list({ charge: disputed.id });
		expect(disputes.data.map((d) => d.id)).toEqual(['dp_1Pgc71B7WZ01zgkWMevJiAUx']);
		expect((await stripe.customers.retrieve(customer)) as Stripe.Customer).toMatchObject({ balance: -500 });
	});

	it('updates customer metadata (merge, empty value removes) and replays it for the same idempotency key', async () => {
		const id = 'cus_QXg1o8vcGmoR32';
		const a = await stripe.customers.update(id, { metadata: { last_contacted_at: '2026-01-01T00:00:00Z', last_contacted_by: 'U_BOB' } }, { idempotencyKey: 'k1' });
		expect(a.metadata).toEqual({ last_contacted_at: '2026-01-01T00:00:00Z', last_contacted_by: 'U_BOB' });
		const again = await stripe.customers.update(id, { metadata: { last_contacted_at: '2026-01-01T00:00:00Z', last_contacted_by: 'U_BOB' } }, { idempotencyKey: 'k1' });
		expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
		const b = await stripe.customers.update(id, { metadata: { last_contacted_by: '' } });
		expect(b.metadata).toEqual({ last_contacted_at: '2026-01-01T00:00:00Z' });
		const posts = (await getJson(`${sb.url}/_sandbox/stripe/requests`)).requests.filter((r: { method: string }) => r.method === 'POST');
		expect(posts).toHaveLength(3);
	});

	it('sends a signed slash command to the command URL and shows its immediate answer to the user only', async () => {
		const hook = await startHook((_r, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ response_type: 'ephemeral', text: 'Usage: /stripe <email>' }));
		});
		try {
			await postJson(`${sb.url}/_sandbox/config`, { commandUrl: hook.url });
			const r = await postJson(`${sb.url}/_sandbox/slack/command`, { text: 'help', user_id: 'U_BOB', channel: 'C_GENERAL' });
			expect(r.status).toBe(200);
			const got = hook.received[0];
			expect(verifySlackSignature(SIGNING_SECRET, got.headers, got.body)).toBe(true);
			const form = new URLSearchParams(got.body);
			expect(Object.fromEntries(form)).toMatchObject({ command: '/stripe', text: 'help', user_id: 'U_BOB', channel_id: 'C_GENERAL', team_id: 'T_SANDBOX' });
			expect(form.get('response_url')).toMatch(/\/_sandbox\/slack\/response\//);
			const { ephemeral } = await getJson(`${sb.url}/_sandbox/slack/messages`);
			expect(ephemeral).toEqual([expect.objectContaining({ user: 'U_BOB', channel: 'C_GENERAL', text: 'Usage: /stripe <email>' })]);
			// the response_url posts an ephemeral reply to the same user
			await fetch(form.get('response_url')!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'card' }) });
			expect((await getJson(`${sb.url}/_sandbox/slack/messages`)).ephemeral.map((e: { text: string }) => e.text)).toEqual(['Usage: /stripe <email>', 'card']);
		} finally {
			await postJson(`${sb.url}/_sandbox/config`, { commandUrl: null });
			await hook.close();
		}
	});

	it('sends a signed message shortcut with the message, and the chosen user of a users_select', async () => {
		const hook = await startHook((_r, res) => {
			res.writeHead(200);
			res.end();
		});
		try {
			await postJson(`${sb.url}/_sandbox/config`, { interactivityUrl: hook.url });
			const posted = await slackCall(sb.url, 'chat.postMessage', {
				channel: 'C_PAYMENTS',
				text: 'Refund for ch_1PgafuB7WZ01zgkWXYmPNZs8?',
				blocks: [{ type: 'actions', elements: [{ type: 'users_select', action_id: 'stripe_slack.assign', placeholder: { type: 'plain_text', text: 'Assign' } }] }],
			});
			expect(posted.body.ok).toBe(true);
			const s = await postJson(`${sb.url}/_sandbox/slack/shortcut`, { channel: 'C_PAYMENTS', ts: posted.body.ts, user_id: 'U_BOB' });
			expect(s.status).toBe(200);
			const shortcut = JSON.parse(new URLSearchParams(hook.received[0].body).get('payload')!);
			expect(verifySlackSignature(SIGNING_SECRET, hook.received[0].headers, hook.received[0].body)).toBe(true);
			expect(shortcut).toMatchObject({ type: 'message_action', callback_id: 'stripe_slack.lookup', user: { id: 'U_BOB' }, message: { text: 'Refund for ch_1PgafuB7WZ01zgkWXYmPNZs8?' } });
			const c = await postJson(`${sb.url}/_sandbox/slack/click`, { channel: 'C_PAYMENTS', ts: posted.body.ts, action_id: 'stripe_slack.assign', user_id: 'U_ALICE', selected_user: 'U_CAROL' });
			expect(c.status).toBe(200);
			const click = JSON.parse(new URLSearchParams(hook.received[1].body).get('payload')!);
			expect(click.actions[0]).toMatchObject({ type: 'users_select', action_id: 'stripe_slack.assign', selected_user: 'U_CAROL' });
		} finally {
			await postJson(`${sb.url}/_sandbox/config`, { interactivityUrl: null });
			await hook.close();
		}
	});
});
