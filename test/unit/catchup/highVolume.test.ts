/**
 * The Stripe High-Volume Trigger's catch-up against the sandbox's Stripe event log: events recorded as not delivered
 * are listed at activation, claimed, written to the journal and run in the listener's batches (oldest first), then
 * one catch-up note; activated again (a restart), it runs none of them twice.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IDataObject, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { StripeHighVolumeTrigger } from '../../../nodes/StripeHighVolumeTrigger/StripeHighVolumeTrigger.node';

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'stripe', 'payment_intent.succeeded.json'), 'utf8'));

let sb: Sandbox;
let dir = '';
const savedFolder = process.env.N8N_USER_FOLDER;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, quiet: true });
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catchup-hv-'));
	process.env.N8N_USER_FOLDER = dir;
});
afterAll(async () => {
	await sb.close();
	if (savedFolder === undefined) delete process.env.N8N_USER_FOLDER;
	else process.env.N8N_USER_FOLDER = savedFolder;
	fs.rmSync(dir, { recursive: true, force: true });
});

function context(port: number, emitted: IDataObject[][]): ITriggerFunctions {
	const params: Record<string, unknown> = {
		port,
		path: '/stripe',
		events: ['payment_intent.*'],
		liveMode: 'any',
		options: { host: '127.0.0.1', duplicateStore: 'memory', journalFolder: path.join(dir, 'journal') },
	};
	const deferred = () => {
		let resolve!: (v: unknown) => void;
		let reject!: (e: Error) => void;
		const promise = new Promise((res, rej) => {
			resolve = res;
			reject = rej;
		});
		return { promise, resolve, reject };
	};
	return {
		getNode: () => ({ id: 'hv1', name: 'Stripe High-Volume Trigger', type: 'stripeHighVolumeTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
		getWorkflow: () => ({ id: 'wf-catchup-hv', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
		getMode: () => 'trigger',
		getCredentials: async () => ({ webhookSecret: 'whsec_test_catchup', secretKey: 'sk_test_catchup', apiBaseUrl: sb.url }),
		logger: { info: () => undefined, warn: () => undefined, debug: () => undefined, error: () => undefined },
		helpers: { createDeferredPromise: deferred },
		emit: (data: Array<Array<{ json: IDataObject }>>, _r: unknown, done?: { resolve: (v: unknown) => void }) => {
			emitted.push(data[0].map((i) => i.json));
			done?.resolve({ status: 'success', data: { resultData: {} } });
		},
	} as unknown as ITriggerFunctions;
}

async function until<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = probe();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
}

it('catches up 30 undelivered events through the journal and batches, once, oldest first, with one note', async () => {
	const now = Math.floor(Date.now() / 1000);
	const ids: string[] = [];
	for (let i = 0; i < 30; i++) {
		const event = { ...FIXTURE, id: `evt_catchup_hv_${now}_${String(i).padStart(2, '0')}`, created: now - 120 + i };
		ids.push(event.id);
		const r = await fetch(`${sb.url}/_sandbox/stripe/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, deliver: false }) });
		expect(r.status).toBe(200);
	}
	const node = new StripeHighVolumeTrigger();
	const port = 20000 + Math.floor(Math.random() * 20000);
	const emitted: IDataObject[][] = [];
	const first = (await node.trigger.call(context(port, emitted))) as ITriggerResponse;
	const note = await until(() => emitted.flat().find((j) => j.type === 'stripe_slack.catch_up'));
	await first.closeFunction?.();
	const events = emitted.flat().filter((j) => j.object === 'event');
	expect(events.map((e) => e.id)).toEqual(ids);
	expect(note).toMatchObject({ object: 'stripe_slack.notice', data: { count: 30, from: now - 120, to: now - 91, reason: 'first_start' } });
	const journal = fs.readdirSync(path.join(dir, 'journal'));
	expect(journal.length).toBe(1);

	// Activated again (n8n restarted): the mark holds, nothing runs twice.
	const listed = () => sb.stripe.requests.filter((r) => r.path === '/v1/events').length;
	const before = listed();
	const again: IDataObject[][] = [];
	const second = (await node.trigger.call(context(port, again))) as ITriggerResponse;
	await until(() => (listed() > before ? true : undefined));
	await new Promise((r) => setTimeout(r, 300));
	await second.closeFunction?.();
	expect(again.flat()).toEqual([]);
}, 60_000);
