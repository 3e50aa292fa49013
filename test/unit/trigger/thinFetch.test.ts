/**
 * nodes/shared/stripe/thin.ts on its own (which calls a thin notification needs, the event built when there is no
 * snapshot event, Connect) and the High-Volume Trigger's listener receiving thin notifications over HTTP.
 */
import * as http from 'http';
import * as net from 'net';
import Stripe from 'stripe';

import { MemoryStore } from '../../../nodes/shared/dedupe';
import { addRoute } from '../../../nodes/shared/stripe/httpHub';
import { StripeEventListener } from '../../../nodes/shared/stripe/listener';
import type { StripeEventLike } from '../../../nodes/shared/stripe/signature';
import {
	type ThinFetcher,
	type ThinNotification,
	accountOfContext,
	fetchFullEvent,
	sdkFetcher,
	thinClientFactory,
	v1TypeOf,
} from '../../../nodes/shared/stripe/thin';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { OTHER_SECRET, SECRET, fixtureText, postRaw, sign } from './harness';

const note = (over: Partial<ThinNotification> = {}): ThinNotification => ({
	id: 'evt_test_v2_1',
	object: 'v2.core.event',
	type: 'v1.invoice.paid',
	created: '2026-12-01T10:00:00.000Z',
	livemode: false,
	context: null,
	related_object: { id: 'in_1', type: 'invoice', url: '/v1/invoices/in_1' },
	...over,
});

function fakeFetcher(answers: { v2?: Record<string, unknown>; events?: Record<string, Record<string, unknown>>; related?: Record<string, unknown> | null; fail?: unknown }) {
	const calls: string[] = [];
	const step = async <T>(name: string, value: T): Promise<T> => {
		calls.push(name);
		if (answers.fail) throw answers.fail;
		return value;
	};
	const fetcher: ThinFetcher = {
		fetchEventV2: () => step('v2', answers.v2 ?? {}),
		retrieveEvent: (id) => step(`v1 ${id}`, answers.events?.[id] ?? {}),
		fetchRelatedObject: () => step('related', answers.related ?? null),
	};
	return { fetcher, calls };
}

describe('fetchFullEvent', () => {
	const v1 = { id: 'evt_1', object: 'event', type: 'invoice.paid', created: 1, livemode: false, data: { object: { id: 'in_1', object: 'invoice' }, previous_attributes: { status: 'open' } } };

	it('snapshot_event on the notification: only GET /v1/events/:id', async () => {
		const { fetcher, calls } = fakeFetcher({ events: { evt_1: v1 } });
		expect(await fetchFullEvent(note({ snapshot_event: 'evt_1' }), fetcher)).toEqual({ ok: true, event: v1, via: 'snapshot_event' });
		expect(calls).toEqual(['v1 evt_1']);
	});

	it('otherwise its Event v2 first, for snapshot_event', async () => {
		const { fetcher, calls } = fakeFetcher({ v2: { id: 'evt_test_v2_1', snapshot_event: 'evt_1' }, events: { evt_1: v1 } });
		expect(await fetchFullEvent(note(), fetcher)).toMatchObject({ ok: true, event: v1 });
		expect(calls).toEqual(['v2', 'v1 evt_1']);
	});

	it('an Event v2 without snapshot_event: the related object, built into a v1-shaped event of the notification', async () => {
		const invoice = { id: 'in_1', object: 'invoice', amount_paid: 1000, currency: 'usd' };
		const { fetcher, calls } = fakeFetcher({ v2: { id: 'evt_test_v2_1' }, related: invoice });
		const r = await fetchFullEvent(note({ context: 'acct_123', reason: { request: { id: 'req_1', idempotency_key: 'k' } } }), fetcher);
		expect(r).toEqual({
			ok: true,
			via: 'related_object',
			event: {
				id: 'evt_test_v2_1',
				object: 'event',
				type: 'invoice.paid',
				created: Date.parse('2026-12-01T10:00:00.000Z') / 1000,
				livemode: false,
				account: 'acct_123',
				data: { object: invoice },
				request: { id: 'req_1', idempotency_key: 'k' },
			},
		});
		expect(calls).toEqual(['v2', 'related']);
	});

	it('not an event where an event was asked for -> 502; a thrown Stripe error -> 502 with status, type and code, never its message', async () => {
		const { fetcher } = fakeFetcher({ events: { evt_1: { id: 'evt_1', object: 'invoice' } } });
		expect(await fetchFullEvent(note({ snapshot_event: 'evt_1' }), fetcher)).toMatchObject({ ok: false, status: 502, reason: expect.stringMatching(/not an event/) });
		const denied = Object.assign(new Error('The provided key rk_test_***abcd does not have the required permissions'), { statusCode: 403, type: 'StripePermissionError', rawType: 'invalid_request_error', code: 'secret_key_required' });
		const r = await fetchFullEvent(note(), fakeFetcher({ fail: denied }).fetcher);
		expect(r).toMatchObject({ ok: false, status: 502, code: 'thin_fetch_failed' });
		const reason = (r as { reason: string }).reason;
		expect(reason).toMatch(/Stripe answered 403 \(invalid_request_error, secret_key_required\).*allowed to read Events/);
		expect(reason).not.toMatch(/rk_test/);
	});

	it('types without the v1. prefix are never fetched', async () => {
		const { fetcher, calls } = fakeFetcher({ fail: new Error('must not be called') });
		for (const type of ['v2.core.event_destination.ping', 'v2.money_management.transaction.created', 'invoice.paid', 'v1.', 'weird']) {
			expect(await fetchFullEvent(note({ type }), fetcher)).toMatchObject({ ok: true, via: 'notification', event: { type } });
		}
		expect(calls).toEqual([]);
	});

	it('types and contexts', () => {
		expect(v1TypeOf('v1.customer.subscription.updated')).toBe('customer.subscription.updated');
		expect(v1TypeOf('v2.core.account.created')).toBeUndefined();
		expect(v1TypeOf('customer.updated')).toBeUndefined();
		expect(accountOfContext('acct_1')).toBe('acct_1');
		expect(accountOfContext('acct_1/acct_2')).toBe('acct_2');
		expect(accountOfContext(null)).toBeUndefined();
		expect(accountOfContext('org_1')).toBeUndefined();
		expect(thinClientFactory({ secretKey: ' ' })()).toMatch(/no secret or restricted key/);
	});
});

describe('sdkFetcher', () => {
	it('retrieves the event of a connected account with Stripe-Account, the Event v2 with Stripe-Context', async () => {
		const seen: Array<{ path: string; account?: string; context?: string }> = [];
		const server = http.createServer((req, res) => {
			seen.push({ path: req.url ?? '', account: req.headers['stripe-account'] as string, context: req.headers['stripe-context'] as string });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(req.url?.startsWith('/v2/') ? { id: 'evt_v2', object: 'v2.core.event', snapshot_event: 'evt_9' } : { id: 'evt_9', object: 'event', type: 'invoice.paid', account: 'acct_77' }));
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
		try {
			const port = (server.address() as net.AddressInfo).port;
			const client = new Stripe('sk_test_x', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
			const body = JSON.stringify(note({ id: 'evt_v2', context: 'acct_77' }));
			const parsed = client.parseEventNotification(Buffer.from(body), sign(body), SECRET);
			const r = await fetchFullEvent(note({ id: 'evt_v2', context: 'acct_77' }), sdkFetcher(client, parsed as never));
			expect(r).toMatchObject({ ok: true, event: { id: 'evt_9', account: 'acct_77' } });
			expect(seen).toEqual([
				{ path: '/v2/core/events/evt_v2', context: 'acct_77' },
				{ path: '/v1/events/evt_9', account: 'acct_77' },
			]);
		} finally {
			server.close();
		}
	});
});

describe('the High-Volume Trigger’s listener takes thin notifications', () => {
	let sb: Sandbox;
	let url: string;
	let listener: StripeEventListener;
	let close: () => Promise<void>;
	const runs: StripeEventLike[][] = [];
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 5 });
		const port = await new Promise<number>((resolve) => {
			const s = net.createServer().listen(0, '127.0.0.1', () => {
				const p = (s.address() as net.AddressInfo).port;
				s.close(() => resolve(p));
			});
		});
		listener = new StripeEventListener({
			secrets: () => [SECRET],
			thinClient: thinClientFactory({ secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url }),
			toleranceSeconds: 300,
			maxBodyBytes: 1024 * 1024,
			filter: { types: ['payment_intent.*', 'invoice.*'] },
			dedupe: { store: new MemoryStore(), keyPrefix: 'thin:', windowMs: 60_000, leaseMs: 60_000 },
			ack: 'afterRun',
			windowMs: 5,
			maxItems: 100,
			maxConcurrentRuns: 2,
			maxQueued: 1000,
			log: { warn: () => undefined, info: () => undefined },
			run: async (events) => {
				runs.push(events);
				return { status: 'succeeded' };
			},
		});
		const remove = await addRoute(port, '127.0.0.1', '/stripe', (req, res) => listener.handle(req, res));
		url = `http://127.0.0.1:${port}/stripe`;
		close = async () => {
			await remove();
			await listener.stop(1000);
			await sb.close();
		};
	});
	afterAll(async () => close());

	const record = (type: string) => {
		const event = JSON.parse(fixtureText(type));
		event.id = `evt_hv_thin_${Date.now()}_${Math.random().toString(36).slice(2)}`;
		return { event, text: JSON.stringify(sb.stripe.events.record(event).notification, null, 2) };
	};

	it('runs the full event; its snapshot delivery afterwards is a duplicate; forged and unfetchable ones run nothing', async () => {
		const { event, text } = record('payment_intent.succeeded');
		expect(await postRaw(url, text, { 'stripe-signature': sign(text) })).toEqual({ status: 200, body: { received: true } });
		expect(runs.flat()).toEqual([event]);
		const snapshot = JSON.stringify(event, null, 2);
		expect((await postRaw(url, snapshot, { 'stripe-signature': sign(snapshot) })).body.ignored).toMatch(/duplicate/);

		expect((await postRaw(url, text, { 'stripe-signature': sign(text, OTHER_SECRET) })).status).toBe(401);
		const lost = JSON.stringify({ ...JSON.parse(record('invoice.paid').text), id: 'evt_test_not_there' }, null, 2);
		const failed = await postRaw(url, lost, { 'stripe-signature': sign(lost) });
		expect(failed.status).toBe(502);
		expect(failed.body.error).toMatch(/could not fetch .*evt_test_not_there.*404/);
		// filtered before any fetch
		const ignored = record('customer.updated');
		expect((await postRaw(url, ignored.text, { 'stripe-signature': sign(ignored.text) })).body.ignored).toMatch(/customer\.updated/);
		expect(runs.flat().map((e) => e.id)).toEqual([event.id]);
		expect(listener.stats).toMatchObject({ rejected: 2, ignored: 1, duplicates: 1 });
	});
});
