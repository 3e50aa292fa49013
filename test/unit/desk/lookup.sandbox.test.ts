/**
 * The lookup and Mark contacted with the real Stripe SDK against the sandbox's Stripe stand-in; the
 * parsing of what an agent typed or what a message contains.
 */
import Stripe from 'stripe';
import type { Sandbox } from '../../../sandbox/server';
import { sandboxWithStripe } from '../../sandbox/helpers';
import { lookup } from '../../../nodes/shared/desk/lookup';
import { emailSearchQuery, parseQuery, queriesInMessage } from '../../../nodes/shared/desk/query';
import { markContacted } from '../../../nodes/shared/desk/team';

describe('what an agent asks for', () => {
	it('parses /stripe text: help, an email, ids of six kinds; refuses the rest clearly', () => {
		expect(parseQuery('')).toEqual({ kind: 'help' });
		expect(parseQuery(' help ')).toEqual({ kind: 'help' });
		expect(parseQuery('Jenny.Rosen@Example.com')).toEqual({ kind: 'email', email: 'jenny.rosen@example.com' });
		expect(parseQuery('<mailto:jenny.rosen@example.com|jenny.rosen@example.com>')).toEqual({ kind: 'email', email: 'jenny.rosen@example.com' });
		for (const [id, t] of [['cus_QXg1o8vcGmoR32', 'customer'], ['in_1Pgc6tB7WZ01zgkWu9fdqL6I', 'invoice'], ['ch_1PgafuB7WZ01zgkWXYmPNZs8', 'charge'], ['pi_1PgafyB7WZ01zgkWSjxsAJo3', 'payment_intent'], ['sub_1Pgc6rB7WZ01zgkWNy0Cn5nw', 'subscription'], ['du_1Pgc71B7WZ01zgkW', 'dispute'], ['dp_1Pgc71B7WZ01zgkWMevJiAUx', 'dispute']]) {
			expect(parseQuery(id)).toEqual({ kind: 'id', id, objectType: t });
		}
		expect(parseQuery('two words')).toMatchObject({ kind: 'invalid' });
		expect(parseQuery('po_123456')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/cannot be looked up/) });
		expect(parseQuery('jenny')).toMatchObject({ kind: 'invalid' });
	});

	it('finds ids and emails in a message, ids first, without repeats', () => {
		expect(queriesInMessage('Refund ch_1PgafuB7WZ01zgkWXYmPNZs8 for <mailto:a@b.co|a@b.co>, again ch_1PgafuB7WZ01zgkWXYmPNZs8 and A@B.co')).toEqual([
			{ kind: 'id', id: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', objectType: 'charge' },
			{ kind: 'email', email: 'a@b.co' },
		]);
		expect(queriesInMessage('nothing here')).toEqual([]);
	});

	it('escapes quotes in the search query', () => {
		expect(emailSearchQuery("o'brien@example.com")).toBe("email:'o\\'brien@example.com'");
	});
});

describe('lookup against the sandbox', () => {
	let sb: Sandbox;
	let stripe: Stripe;
	beforeAll(async () => {
		({ sb, stripe } = await sandboxWithStripe());
	});
	afterAll(async () => sb.close());

	it('an email finds the customer and what the card shows', async () => {
		const r = await lookup(stripe, parseQuery('jenny.rosen@example.com'));
		expect(r.status).toBe('found');
		if (r.status !== 'found') return;
		expect(r.data.customer.id).toBe('cus_QXg1o8vcGmoR32');
		expect(r.data.subscriptions.map((s) => s.id)).toEqual(['sub_1Pgc6rB7WZ01zgkWNy0Cn5nw']);
		expect(r.data.invoices.map((i) => i.id)).toContain('in_1Pgc6tB7WZ01zgkWu9fdqL6I');
		expect(r.data.disputes.map((d) => d.id)).toEqual(['dp_1Pgc71B7WZ01zgkWMevJiAUx']);
		expect(r.data.paymentMethod?.card?.last4).toBe('4242');
		expect(r.data.failedCharges.map((c) => c.id)).toEqual(['ch_sandbox_failed_jenny']);
		expect(r.data.via).toBeNull();
	});

	it.each([
		['in_1Pgc6tB7WZ01zgkWu9fdqL6I'],
		['ch_1PgafuB7WZ01zgkWXYmPNZs8'],
		['pi_1PgafyB7WZ01zgkWSjxsAJo3'],
		['sub_1Pgc6rB7WZ01zgkWNy0Cn5nw'],
		['dp_1Pgc71B7WZ01zgkWMevJiAUx'],
	])('%s finds its customer', async (id) => {
		const r = await lookup(stripe, parseQuery(id));
		expect(r).toMatchObject({ status: 'found', data: { customer: { id: 'cus_QXg1o8vcGmoR32' }, via: { id } } });
	});

	it('several matches, no match, a missing id and a Stripe error are answers of their own', async () => {
		expect(await lookup(stripe, parseQuery('sam.shared@example.com'))).toMatchObject({ status: 'choose', candidates: [{}, {}], more: false });
		expect(await lookup(stripe, parseQuery('nobody@example.com'))).toEqual({ status: 'none', message: 'No Stripe customer has this email.' });
		expect(await lookup(stripe, parseQuery('in_doesNotExist123'))).toEqual({ status: 'none', message: 'Stripe has no invoice in_doesNotExist123.' });
		const bad = new Stripe('sk_live_refusedByTheSandbox', { host: new URL(sb.url).hostname, port: Number(new URL(sb.url).port), protocol: 'http', maxNetworkRetries: 0 });
		expect(await lookup(bad, parseQuery('jenny.rosen@example.com'))).toMatchObject({ status: 'error', message: expect.stringMatching(/Stripe refused/) });
	});

	it('Mark contacted writes the metadata once for a double click on the same message', async () => {
		const input = { objectId: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I', userId: 'U_BOB', team: 'T_SANDBOX', channel: 'C_BILLING', messageTs: '1700000000.000100' };
		const before = sb.stripe.requests.length;
		const [a, b] = await Promise.all([markContacted(stripe, { ...input, at: new Date('2026-01-01T10:00:00Z') }), markContacted(stripe, { ...input, at: new Date('2026-01-01T10:00:01Z') })]);
		const c = await markContacted(stripe, { ...input, at: new Date('2026-01-01T10:00:05Z') });
		expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
		expect([a, b, c].filter((x) => !x.replayed)).toHaveLength(1);
		const writes = sb.stripe.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/v1/customers/cus_QXg1o8vcGmoR32' && r.status === 200);
		expect(writes).toHaveLength(1);
		const customer = (await stripe.customers.retrieve('cus_QXg1o8vcGmoR32')) as Stripe.Customer;
		expect(customer.metadata).toEqual({ last_contacted_at: '2026-01-01T10:00:00.000Z', last_contacted_by: 'U_BOB' });
	});
});
