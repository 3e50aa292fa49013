/**
 * Routing by product against the sandbox's Stripe stand-in, through the real `stripe` SDK: line items fetched
 * for Checkout Sessions (every page), all lines of an invoice that embeds only some, product names from a
 * cache, and a Stripe error that leaves the event unmatched with the reason (never dropped, no key in it).
 */
import Stripe from 'stripe';
import { readFileSync } from 'fs';
import { join } from 'path';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { CATALOG, MANY_LINES_INVOICE } from '../../../sandbox/stripeCatalog';
import { productCache, priceCache } from '../../../nodes/shared/routing/fetch';
import { routeEvent } from '../../../nodes/shared/routing/route';
import { parseRules } from '../../../nodes/shared/routing/rules';
import { getJson, postJson } from '../../sandbox/helpers';

const checkoutEvent = (id: string) => {
	const e = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'stripe', 'checkout.session.completed.json'), 'utf8'));
	e.data.object.id = id;
	return e;
};

const rules = parseRules([
	{ name: 'Pro', field: 'product', values: 'Pro plan', channel: '#sales-pro' },
	{ name: 'Team', field: 'lookupKey', values: 'team_*', channel: '#sales-team' },
]);

describe('routing by product, with line items fetched from the sandbox', () => {
	let sb: Sandbox;
	let stripe: Stripe;
	const requests = async () => (await getJson(`${sb.url}/_sandbox/stripe/requests`)).requests as Array<{ method: string; path: string; params: Record<string, unknown> }>;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 0 });
		stripe = new Stripe('sk_test_sandbox', { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 0 });
	});
	afterAll(() => sb.close());
	beforeEach(async () => {
		await postJson(`${sb.url}/_sandbox/reset`, {});
		productCache.clear();
		priceCache.clear();
	});

	it("sends a session for product A to A's channel and one for product B to B's", async () => {
		const a = await routeEvent(checkoutEvent('cs_test_sandbox_pro'), { rules, mode: 'all', defaultChannel: '#payments', stripe });
		expect(a.matched.map((m) => [m.rule, m.channel, m.lines])).toEqual([['Pro', '#sales-pro', 'fetched']]);
		expect(a.matched[0].products).toEqual([{ id: CATALOG.pro.product, name: 'Pro plan', price: CATALOG.pro.price, lookupKey: 'pro_monthly' }]);
		const b = await routeEvent(checkoutEvent('cs_test_sandbox_team'), { rules, mode: 'all', defaultChannel: '#payments', stripe });
		expect(b.matched.map((m) => [m.rule, m.channel])).toEqual([['Team', '#sales-team']]);
		const paths = (await requests()).map((r) => `${r.method} ${r.path}`);
		expect(paths).toEqual([
			'GET /v1/checkout/sessions/cs_test_sandbox_pro/line_items',
			'GET /v1/checkout/sessions/cs_test_sandbox_team/line_items',
		]);
	});

	it('reads every page of a long session and matches both rules once each', async () => {
		const r = await routeEvent(checkoutEvent('cs_test_sandbox_mixed'), { rules, mode: 'all', defaultChannel: '#payments', stripe });
		expect(r.matched.map((m) => m.rule)).toEqual(['Pro', 'Team']);
		expect(r.matched.map((m) => m.products.length)).toEqual([1, 1]);
		const pages = (await requests()).filter((q) => q.path.endsWith('/line_items'));
		expect(pages).toHaveLength(2);
		expect(pages[1].params.starting_after).toBeDefined();
	});

	it('fetches all lines of an invoice that embeds 10 of 130, and names products once from the cache', async () => {
		const invoice = await stripe.invoices.retrieve(MANY_LINES_INVOICE);
		expect(invoice.lines.data).toHaveLength(10);
		const event = { id: 'evt_1', object: 'event', type: 'invoice.paid', data: { object: invoice } };
		const byName = parseRules([{ name: 'Team by name', field: 'product', values: 'team plan', channel: '#t' }]);
		const r = await routeEvent(event, { rules: byName, mode: 'all', defaultChannel: '#p', stripe });
		expect(r.matched[0].products).toEqual([{ id: CATALOG.team.product, name: 'Team plan', price: CATALOG.team.price, lookupKey: undefined }]);
		const after = await requests();
		expect(after.filter((q) => q.path === `/v1/invoices/${MANY_LINES_INVOICE}/lines`)).toHaveLength(2);
		// 65 Team and 65 Pro lines name their products by id: each product is retrieved once
		expect(after.filter((q) => q.path.startsWith('/v1/products/')).map((q) => q.path).sort()).toEqual([
			`/v1/products/${CATALOG.pro.product}`,
			`/v1/products/${CATALOG.team.product}`,
		]);
		await routeEvent(event, { rules: byName, mode: 'all', defaultChannel: '#p', stripe });
		expect((await requests()).filter((q) => q.path.startsWith('/v1/products/'))).toHaveLength(2);
	});

	it('leaves an event whose lines cannot be fetched unmatched, with Stripe\'s reason and no key', async () => {
		const r = await routeEvent(checkoutEvent('cs_test_does_not_exist'), { rules, mode: 'all', defaultChannel: '#payments', stripe });
		expect(r.matched).toEqual([]);
		expect(r.unmatched).toMatchObject({ rule: null, channel: '#payments', lines: 'none' });
		expect(r.unmatched?.reason).toMatch(/^fetching the line items of cs_test_does_not_exist failed: StripeInvalidRequestError 404: No such checkout session/);
		expect(r.unmatched?.reason).not.toMatch(/sk_test_sandbox/);
	});

	it('routes the fixture session (a T-shirt) to the default channel', async () => {
		const e = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'stripe', 'checkout.session.completed.json'), 'utf8'));
		const r = await routeEvent(e, { rules, mode: 'all', defaultChannel: '#payments', stripe });
		expect(r.unmatched).toMatchObject({ channel: '#payments', reason: 'no rule matched', lines: 'fetched', products: [{ id: CATALOG.tshirt.product, name: 'T-shirt' }] });
	});
});
