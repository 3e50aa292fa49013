/**
 * Routing by product (nodes/shared/routing) on the fixture events: lines read from payloads of every shape,
 * rules of every kind, and the unmatched cases (no rule, no lines, no credential) that must never be dropped.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { eventLines, lineFromInvoiceLine, type EventLines } from '../../../nodes/shared/routing/lines';
import { routeEvent } from '../../../nodes/shared/routing/route';
import { parseRules, ruleMatches } from '../../../nodes/shared/routing/rules';
import { TtlCache } from '../../../nodes/shared/routing/fetch';

const fixture = (type: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'stripe', `${type}.json`), 'utf8'));

describe('eventLines', () => {
	it('reads subscription items with their price, product and lookup key', () => {
		const ev = eventLines(fixture('customer.subscription.created'));
		expect(ev.objectType).toBe('subscription');
		expect(ev.lines).toEqual([{ productId: 'prod_QXg1hqf4jFNsqG', productName: undefined, priceId: 'price_1PgafmB7WZ01zgkW6dKueIc5', lookupKey: undefined, metadata: {} }]);
		expect(ev.missing).toBeUndefined();
	});

	it('marks a Checkout Session as missing its line items (Stripe never sends them in a webhook)', () => {
		const e = fixture('checkout.session.completed');
		const ev = eventLines(e);
		expect(ev.lines).toEqual([]);
		expect(ev.missing).toEqual({ kind: 'checkout_session', id: e.data.object.id });
	});

	it('reads an invoice in both line shapes, and marks has_more', () => {
		const e = fixture('invoice.paid');
		expect(eventLines(e).missing).toBeUndefined();
		const basil = lineFromInvoiceLine({ pricing: { type: 'price_details', price_details: { price: 'price_1', product: 'prod_1' } } });
		expect(basil).toMatchObject({ priceId: 'price_1', productId: 'prod_1' });
		const legacy = lineFromInvoiceLine({ price: { id: 'price_2', product: { id: 'prod_2', name: 'Pro', metadata: { tier: 'pro' } }, lookup_key: 'pro_m' } });
		expect(legacy).toEqual({ priceId: 'price_2', productId: 'prod_2', productName: 'Pro', lookupKey: 'pro_m', metadata: { tier: 'pro' } });
		expect(lineFromInvoiceLine({ description: 'one-off', pricing: null })).toBeUndefined();
		const more = { ...e, data: { object: { ...e.data.object, lines: { ...e.data.object.lines, has_more: true } } } };
		expect(eventLines(more).missing).toEqual({ kind: 'invoice', id: e.data.object.id });
	});

	it('gives charges and payment intents their metadata and no lines', () => {
		const ev = eventLines(fixture('payment_intent.succeeded'));
		expect(ev).toMatchObject({ objectType: 'payment_intent', lines: [] });
		expect(ev.missing).toBeUndefined();
	});

	it('does not crash on legacy (2012) events or non-events', () => {
		const legacy = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'stripe', 'legacy-2012-stripe-java', 'invoice.payment_succeeded.json'), 'utf8'));
		expect(() => eventLines(legacy)).not.toThrow();
		expect(eventLines(null)).toMatchObject({ objectType: 'unknown', lines: [] });
		expect(eventLines('x')).toMatchObject({ objectType: 'unknown', lines: [] });
	});
});

describe('parseRules', () => {
	it('splits values on commas and new lines, names unnamed rules', () => {
		expect(parseRules([{ field: 'product', values: 'prod_A, Pro plan\nTeam', channel: ' #a ' }])).toEqual([
			{ name: 'Rule 1', field: 'product', values: ['prod_A', 'Pro plan', 'Team'], channel: '#a' },
		]);
	});

	it('rejects a rule that cannot work, naming it', () => {
		expect(() => parseRules([{ name: 'Pro', field: 'sku', values: 'x' }])).toThrow(/Pro: "Match On" must be one of/);
		expect(() => parseRules([{ name: 'Pro', field: 'price', values: ' , ' }])).toThrow(/Pro: "Values" is empty/);
		expect(() => parseRules([{ name: 'M', field: 'metadata', values: '=pro' }])).toThrow(/must start with its key/);
	});
});

describe('ruleMatches', () => {
	const ev: EventLines = {
		objectType: 'checkout.session',
		metadata: { campaign: 'black-friday' },
		lines: [
			{ productId: 'prod_A', productName: 'Pro plan', priceId: 'price_A', lookupKey: 'pro_monthly', metadata: { line: 'pro' } },
			{ productId: 'prod_B', productName: 'T-shirt', priceId: 'price_B', lookupKey: 'tshirt', metadata: {} },
		],
	};
	const rule = (field: string, values: string) => parseRules([{ name: 'r', field, values, channel: '#x' }])[0];

	it('matches products by id or by name (any case), prices by id, lookup keys with wildcards', () => {
		expect(ruleMatches(rule('product', 'prod_A'), ev)).toHaveLength(1);
		expect(ruleMatches(rule('product', 'pro PLAN'), ev)?.[0].productId).toBe('prod_A');
		expect(ruleMatches(rule('product', 'prod_C'), ev)).toBeUndefined();
		expect(ruleMatches(rule('price', 'price_B'), ev)?.[0].productId).toBe('prod_B');
		expect(ruleMatches(rule('lookupKey', 'pro_*'), ev)?.[0].productId).toBe('prod_A');
		expect(ruleMatches(rule('lookupKey', '*'), ev)).toHaveLength(2);
		expect(ruleMatches(rule('lookupKey', 'team_*'), ev)).toBeUndefined();
	});

	it("matches metadata keys, or key=value, on the object's or the lines' metadata", () => {
		expect(ruleMatches(rule('metadata', 'campaign'), ev)).toEqual([]);
		expect(ruleMatches(rule('metadata', 'campaign=black-*'), ev)).toEqual([]);
		expect(ruleMatches(rule('metadata', 'campaign=summer'), ev)).toBeUndefined();
		expect(ruleMatches(rule('metadata', 'line=pro'), ev)?.[0].productId).toBe('prod_A');
	});
});

describe('routeEvent without a Stripe client', () => {
	const rules = parseRules([
		{ name: 'Subscriptions', field: 'product', values: 'prod_QXg1hqf4jFNsqG', channel: '#subs' },
		{ name: 'Everything priced', field: 'price', values: 'price_*', channel: '' },
	]);

	it('returns every matching rule, or only the first', async () => {
		const e = fixture('customer.subscription.created');
		const all = await routeEvent(e, { rules, mode: 'all', defaultChannel: '#payments' });
		expect(all.matched.map((m) => [m.rule, m.channel, m.lines])).toEqual([
			['Subscriptions', '#subs', 'payload'],
			['Everything priced', '#payments', 'payload'],
		]);
		expect(all.unmatched).toBeUndefined();
		const first = await routeEvent(e, { rules, mode: 'first', defaultChannel: '#payments' });
		expect(first.matched.map((m) => m.rule)).toEqual(['Subscriptions']);
		expect(first.matched[0].products).toEqual([{ id: 'prod_QXg1hqf4jFNsqG', name: undefined, price: 'price_1PgafmB7WZ01zgkW6dKueIc5', lookupKey: undefined }]);
	});

	it('sends an event no rule matches, or one without rules, to the default channel with the reason', async () => {
		const e = fixture('payment_intent.succeeded');
		const r = await routeEvent(e, { rules, mode: 'all', defaultChannel: '#payments' });
		expect(r).toEqual({ matched: [], unmatched: { rule: null, channel: '#payments', products: [], lines: 'none', reason: 'no rule matched' } });
		expect((await routeEvent(e, { rules: [], mode: 'all', defaultChannel: '#p' })).unmatched?.reason).toBe('no rules are set');
	});

	it('says so when a Checkout Session needs its lines fetched but no credential is set', async () => {
		const r = await routeEvent(fixture('checkout.session.completed'), { rules, mode: 'all', defaultChannel: '#payments' });
		expect(r.unmatched?.reason).toMatch(/carries no line items and no Stripe credential/);
	});
});

describe('TtlCache', () => {
	it('forgets entries after their time and drops the oldest when full', () => {
		let now = 0;
		const c = new TtlCache<number>(100, 2, () => now);
		c.set('a', 1);
		c.set('b', 2);
		c.set('c', 3);
		expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, 2, 3]);
		now = 150;
		expect(c.get('b')).toBeUndefined();
	});
});
