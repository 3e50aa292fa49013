/**
 * Endpoint health (nodes/shared/stripe/endpointHealth.ts) against a Stripe stand-in and a fake clock: one alert per
 * change of problems (never one per check), one recovery note, Stripe failures that change nothing, and two
 * "processes" sharing one state that alert once.
 */
import { checkEndpointHealth, uncoveredTypes, type EndpointHealthDeps, type HealthCheckResult } from '../../../nodes/shared/stripe/endpointHealth';
import { MemoryHealthStore, type HealthStateStore } from '../../../nodes/shared/stripe/endpointHealthStore';
import { endpointIdForHealth, ENDPOINT_ID_OPTION } from '../../../nodes/shared/stripe/endpointHealthOption';
import { fakeClock, fakeStripe } from './fakeStripe';

const TYPES = ['invoice.paid', 'charge.succeeded'];

function setup(over: Partial<EndpointHealthDeps> = {}) {
	const { s, stripe } = fakeStripe();
	const clock = fakeClock();
	const store = new MemoryHealthStore();
	const logs: string[] = [];
	const deps: EndpointHealthDeps = { stripe, endpointId: 'we_1TestEndpoint', eventTypes: TYPES, store, now: clock.now, log: (m) => logs.push(m), catchUpEveryMinutes: 10, ...over };
	/** one check, then the clock moves on by the schedule's 10 minutes */
	const tick = async (d: Partial<EndpointHealthDeps> = {}): Promise<HealthCheckResult> => {
		const r = await checkEndpointHealth({ ...deps, ...d });
		clock.advance(600);
		return r;
	};
	const ticks = async (n: number) => {
		const out: HealthCheckResult[] = [];
		for (let i = 0; i < n; i++) out.push(await tick());
		return out;
	};
	return { s, stripe, clock, store, logs, deps, tick, ticks };
}

const types = (rs: HealthCheckResult[]) => rs.map((r) => r.notice?.type).filter(Boolean);

describe('checkEndpointHealth: one alert per change, one recovery note', () => {
	it('a healthy endpoint says nothing, check after check', async () => {
		const t = setup();
		expect(types(await t.ticks(4))).toEqual([]);
		expect(t.s.calls.retrieve).toBe(4);
	});

	it('disabled: one alert over 5 checks, then enabled: one recovery note, then silence', async () => {
		const t = setup();
		await t.tick();
		t.s.endpoint.status = 'disabled';
		const down = await t.ticks(5);
		expect(types(down)).toEqual(['stripe_slack.endpoint_unhealthy']);
		const alert = down[0].notice!;
		expect(alert).toMatchObject({
			object: 'stripe_slack.notice',
			type: 'stripe_slack.endpoint_unhealthy',
			livemode: false,
			data: { endpointId: 'we_1TestEndpoint', problems: ['disabled'], dashboardUrl: 'https://dashboard.stripe.com/test/webhooks/we_1TestEndpoint', catchUpEveryMinutes: 10 },
		});
		expect(alert.id).toMatch(/^notice_health_we_1TestEndpoint_\d+$/);
		expect(down.every((r) => r.problems.join() === 'disabled')).toBe(true);
		// the state remembers since when: the first check that saw it
		expect(down[4].state?.since).toBe(alert.data.since);
		// while disabled, undelivered events are not a second problem (no second alert)
		t.s.failing.push(...Array.from({ length: 9 }, (_, i) => ({ id: `evt_${i}`, type: 'invoice.paid', created: t.clock.seconds() - 300 })));
		expect(types(await t.ticks(2))).toEqual([]);
		t.s.failing = [];
		t.s.endpoint.status = 'enabled';
		const up = await t.ticks(5);
		expect(types(up)).toEqual(['stripe_slack.endpoint_recovered']);
		expect(up[0].notice?.data).toMatchObject({ problems: [], resolved: ['disabled'] });
		expect(up[0].notice?.id).not.toBe(alert.id);
	});

	it('missing event types: the list, a new alert when the set changes, none when it stays', async () => {
		const t = setup({ eventTypes: ['invoice.paid', 'charge.succeeded', 'charge.refunded'] });
		t.s.endpoint.enabled_events = ['invoice.paid', 'charge.succeeded', 'charge.refunded'];
		await t.tick();
		t.s.endpoint.enabled_events = ['invoice.paid', 'charge.succeeded'];
		const a = await t.ticks(3);
		expect(types(a)).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(a[0].notice?.data).toMatchObject({ problems: ['missing_event_types'], missingTypes: ['charge.refunded'] });
		t.s.endpoint.enabled_events = ['invoice.paid'];
		const b = await t.ticks(3);
		expect(types(b)).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(b[0].notice?.data.missingTypes).toEqual(['charge.refunded', 'charge.succeeded']);
		t.s.endpoint.enabled_events = ['*'];
		expect(types(await t.ticks(2))).toEqual(['stripe_slack.endpoint_recovered']);
	});

	it('a deleted endpoint is "missing" until it is found again', async () => {
		const t = setup();
		t.s.missing = true;
		const r = await t.ticks(3);
		expect(types(r)).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(r[0].notice?.data.problems).toEqual(['missing']);
		expect(t.s.calls.list).toBe(0); // nothing is delivered to a missing endpoint: no need to count failures
		t.s.missing = false;
		expect(types(await t.ticks(2))).toEqual(['stripe_slack.endpoint_recovered']);
	});

	it('disabled then also deleted: the set changed, so one more alert', async () => {
		const t = setup();
		t.s.endpoint.status = 'disabled';
		await t.tick();
		t.s.missing = true;
		const r = await t.ticks(2);
		expect(types(r)).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(r[0].notice?.data.problems).toEqual(['missing']);
	});
});

describe('checkEndpointHealth: failed deliveries', () => {
	it('3 or more failed deliveries of the trigger types in a window alert once; other types do not count', async () => {
		const t = setup();
		await t.tick();
		const now = t.clock.seconds();
		// two of our types failed, and many of a type the trigger does not take: below the threshold
		t.s.failing.push({ id: 'evt_a', type: 'invoice.paid', created: now - 300 }, { id: 'evt_b', type: 'charge.succeeded', created: now - 200 });
		t.s.failing.push(...Array.from({ length: 10 }, (_, i) => ({ id: `evt_x${i}`, type: 'customer.created', created: now - 100 })));
		expect(types(await t.ticks(1))).toEqual([]);
		const later = t.clock.seconds();
		t.s.failing.push(...Array.from({ length: 5 }, (_, i) => ({ id: `evt_f${i}`, type: 'invoice.paid', created: later - 400 + i })));
		const r = await t.ticks(1);
		expect(types(r)).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(r[0].notice?.data).toMatchObject({ problems: ['delivery_failing'], failingDeliveries: 5 });
		expect(t.s.lists.at(-1)).toMatchObject({ delivery_success: false });
	});

	it('windows follow each other without gaps or overlaps, and skip the last minute (first attempt still under way)', async () => {
		const t = setup();
		await t.ticks(3);
		const ws = t.s.lists.map((p) => p.created as { gte: number; lt: number });
		expect(ws).toHaveLength(3);
		expect(ws[1].gte).toBe(ws[0].lt);
		expect(ws[2].gte).toBe(ws[1].lt);
		expect(ws[0].lt).toBe(1_796_000_000 - 60);
		expect(ws[0].lt - ws[0].gte).toBe(600);
		// an event failing 30 s before a check is counted by the next one, not lost
		const now = t.clock.seconds();
		t.s.failing.push(...Array.from({ length: 4 }, (_, i) => ({ id: `evt_g${i}`, type: 'invoice.paid', created: now - 30 + i })));
		expect(types(await t.ticks(1))).toEqual([]);
		expect(types(await t.ticks(1))).toEqual(['stripe_slack.endpoint_unhealthy']);
	});

	it('stays failing while some still fail (no flip-flop), recovers on a window with none', async () => {
		const t = setup();
		await t.tick();
		const fail = (n: number) => {
			const now = t.clock.seconds();
			t.s.failing.push(...Array.from({ length: n }, (_, i) => ({ id: `evt_${now}_${i}`, type: 'charge.succeeded', created: now - 500 + i })));
		};
		fail(4);
		expect(types(await t.ticks(1))).toEqual(['stripe_slack.endpoint_unhealthy']);
		fail(1);
		expect(types(await t.ticks(1))).toEqual([]);
		fail(2);
		expect(types(await t.ticks(1))).toEqual([]);
		// a quiet window (nothing failed, nothing delivered) proves nothing
		expect(types(await t.ticks(2))).toEqual([]);
		const now = t.clock.seconds();
		t.s.delivered.push({ id: 'evt_ok', type: 'invoice.paid', created: now - 200 });
		expect(types(await t.ticks(1))).toEqual(['stripe_slack.endpoint_recovered']);
		expect(types(await t.ticks(3))).toEqual([]);
	});
});

describe('checkEndpointHealth: Stripe or the store failing changes nothing', () => {
	it('GET /v1/webhook_endpoints failing: no notice, the state and its problems kept, no key in the error', async () => {
		const t = setup();
		t.s.endpoint.status = 'disabled';
		expect(types(await t.ticks(1))).toEqual(['stripe_slack.endpoint_unhealthy']);
		const before = await t.store.read('endpoint:we_1TestEndpoint');
		t.s.failEndpoint = 3;
		const r = await t.ticks(3);
		expect(types(r)).toEqual([]);
		expect(r.every((x) => x.error && x.problems.join() === 'disabled')).toBe(true);
		expect(r[0].error).toContain('StripeAPIError 500');
		expect(r[0].error).not.toContain('SecretKeyValue');
		expect(t.logs.join('\n')).not.toContain('SecretKeyValue');
		expect(await t.store.read('endpoint:we_1TestEndpoint')).toBe(before);
		// still disabled when Stripe answers again: no second alert
		expect(types(await t.ticks(2))).toEqual([]);
		t.s.endpoint.status = 'enabled';
		t.s.failEndpoint = 1;
		expect(types(await t.ticks(1))).toEqual([]); // a failure is not a recovery
		expect(types(await t.ticks(1))).toEqual(['stripe_slack.endpoint_recovered']);
	});

	it('a healthy endpoint with Stripe failing: no alert', async () => {
		const t = setup();
		await t.tick();
		t.s.failEndpoint = 5;
		expect(types(await t.ticks(5))).toEqual([]);
	});

	it('GET /v1/events failing: failing deliveries stay as they were, and that window is counted next time', async () => {
		const t = setup();
		await t.tick();
		const now = t.clock.seconds();
		t.s.failing.push(...Array.from({ length: 3 }, (_, i) => ({ id: `evt_${i}`, type: 'invoice.paid', created: now - 300 + i })));
		t.s.failEvents = 1;
		const r = await t.ticks(1);
		expect(types(r)).toEqual([]);
		expect(t.logs.join('\n')).toMatch(/failed deliveries could not be listed/);
		expect(types(await t.ticks(1))).toEqual(['stripe_slack.endpoint_unhealthy']);
		t.s.failEvents = 1;
		expect(types(await t.ticks(1))).toEqual([]); // still failing as far as we know
	});

	it('a store that throws: an error, no notice, no exception', async () => {
		const t = setup();
		const broken: HealthStateStore = { kind: 'memory', read: async () => { throw new Error('ECONNREFUSED 127.0.0.1:6379'); }, compareAndSet: async () => true };
		t.s.endpoint.status = 'disabled';
		const r = await checkEndpointHealth({ ...t.deps, store: broken });
		expect(r.notice).toBeUndefined();
		expect(r.error).toMatch(/could not be read/);
		const failingWrite: HealthStateStore = { kind: 'memory', read: async () => null, compareAndSet: async () => { throw new Error('READONLY'); } };
		const w = await checkEndpointHealth({ ...t.deps, store: failingWrite });
		expect(w.notice).toBeUndefined();
		expect(w.error).toMatch(/could not be written/);
	});

	it('an endpoint id that is not one: an error in words, no Stripe call', async () => {
		const t = setup();
		const r = await checkEndpointHealth({ ...t.deps, endpointId: 'https://example.com/hook' });
		expect(r.error).toMatch(/not a Stripe webhook endpoint id/);
		expect(t.s.calls.retrieve).toBe(0);
	});
});

describe('checkEndpointHealth: two processes, one state', () => {
	it('checking at the same moment, only one alerts (compare-and-set), and only one recovers', async () => {
		const t = setup();
		const shared = new Map<string, string>();
		const a = { ...t.deps, store: new MemoryHealthStore(shared) };
		const b = { ...t.deps, store: new MemoryHealthStore(shared) };
		await checkEndpointHealth(a);
		t.s.endpoint.status = 'disabled';
		const all: HealthCheckResult[] = [];
		for (let i = 0; i < 5; i++) {
			t.clock.advance(600);
			all.push(...(await Promise.all([checkEndpointHealth(a), checkEndpointHealth(b)])));
		}
		expect(types(all)).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(all.filter((r) => r.lost).length).toBeGreaterThan(0);
		t.s.endpoint.status = 'enabled';
		const back: HealthCheckResult[] = [];
		for (let i = 0; i < 3; i++) {
			t.clock.advance(600);
			back.push(...(await Promise.all([checkEndpointHealth(b), checkEndpointHealth(a)])));
		}
		expect(types(back)).toEqual(['stripe_slack.endpoint_recovered']);
	});
});

describe('which types an endpoint covers, which endpoint a trigger watches', () => {
	it('uncoveredTypes: exact names, "*", wildcards, and "every type" (not checked)', () => {
		expect(uncoveredTypes(['invoice.paid', 'charge.refunded'], ['invoice.paid'])).toEqual(['charge.refunded']);
		expect(uncoveredTypes(['invoice.paid', 'charge.refunded'], ['*'])).toEqual([]);
		expect(uncoveredTypes(['invoice.*'], ['invoice.paid'])).toEqual([]);
		expect(uncoveredTypes(['invoice.*', 'charge.dispute.*'], ['invoice.paid'])).toEqual(['charge.dispute.*']);
		expect(uncoveredTypes([], ['invoice.paid'])).toEqual([]);
		expect(uncoveredTypes(['*'], ['invoice.paid'])).toEqual([]); // "every type" on a narrowed endpoint: the endpoint decides
	});

	it('endpointIdForHealth: the option first, else the registered endpoint, never the editor test endpoint', () => {
		expect(endpointIdForHealth({ endpointId: 'we_1Registered' }, ' we_1Typed ')).toEqual({ endpointId: 'we_1Typed' });
		expect(endpointIdForHealth({ endpointId: 'we_1Registered', endpointMode: 'trigger' }, '')).toEqual({ endpointId: 'we_1Registered' });
		expect(endpointIdForHealth({ endpointId: 'we_1Registered', endpointMode: 'manual' }, undefined)).toEqual({});
		expect(endpointIdForHealth(undefined, '')).toEqual({});
		expect(endpointIdForHealth({}, 'whsec_abc').error).toMatch(/not a Stripe webhook endpoint id/);
		expect(ENDPOINT_ID_OPTION).toMatchObject({ name: 'endpointId', type: 'string', default: '' });
		expect(ENDPOINT_ID_OPTION.description.length).toBeGreaterThan(40);
	});

	it('live endpoints link to the live Dashboard, with the connected account', async () => {
		const t = setup({ account: 'acct_1ConnectedAcct' });
		t.s.endpoint.livemode = true;
		t.s.endpoint.status = 'disabled';
		const r = await t.tick();
		expect(r.notice?.livemode).toBe(true);
		expect(r.notice?.data.dashboardUrl).toBe('https://dashboard.stripe.com/acct_1ConnectedAcct/webhooks/we_1TestEndpoint');
	});
});
