/**
 * The Slack Delivery Trigger (nodes/SlackDeliveryTrigger) emits only when there is something to do: a check that
 * finds nothing starts no execution (issue #28: no once-a-minute runs); waiting Slack messages whose retry is due
 * give one drain item per channel, not before their backoff; held alerts come out once their pause has ended.
 * Files in a temporary n8n folder (N8N_USER_FOLDER), as on a single n8n.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import type { ITriggerFunctions } from 'n8n-workflow';
import { SlackDeliveryTrigger } from '../../../nodes/SlackDeliveryTrigger/SlackDeliveryTrigger.node';
import { dueWork } from '../../../nodes/shared/delivery/outboxDue';
import { FileOutboxStore, outboxFolder } from '../../../nodes/shared/delivery/outboxFile';
import { batchId, entryKey, type OutboxEntry } from '../../../nodes/shared/delivery/outboxTypes';
import { deliveryNamespace } from '../../../nodes/shared/delivery/post';
import { FileNoiseStore, noiseStoreFolder } from '../../../nodes/shared/noise/fileStore';
import { slackApiUrl } from '../../../nodes/shared/slack/slackApi';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-trigger-'));
const env = { ...process.env };
beforeAll(() => {
	process.env.N8N_USER_FOLDER = folder;
	delete process.env.EXECUTIONS_MODE;
});
afterAll(() => {
	process.env = env;
	fs.rmSync(folder, { recursive: true, force: true });
});

const credentials = { botToken: 'xoxb-trigger-test', apiBaseUrl: 'http://127.0.0.1:1/api/' };
const ns = deliveryNamespace(slackApiUrl(credentials.apiBaseUrl), credentials.botToken);

function entry(channel: string, batch: string, i: number): OutboxEntry {
	return { key: entryKey(batch, i), id: `evt_t${i}|${channel}`, batch, channel, eventId: `evt_t${i}`, message: { text: `m${i}` }, threadKey: '', updateParent: false, created: 1, queuedAt: Date.now() };
}

async function started(params: Record<string, unknown> = {}, mode = 'trigger') {
	let tick: (() => void) | undefined;
	let cron = '';
	const emitted: unknown[][] = [];
	const fake = {
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
		getCredentials: async () => credentials,
		getTimezone: () => 'UTC',
		getMode: () => mode,
		getNode: () => ({ name: 'Release Held Alerts and Retry Slack' }),
		logger: { warn: (m: string) => emitted.push(['warn', m]) },
		helpers: {
			registerCron: (c: { expression: string }, fn: () => void) => {
				cron = c.expression;
				tick = fn;
			},
		},
		emit: (data: Array<Array<{ json: unknown }>>) => emitted.push(data[0].map((i) => i.json)),
	} as unknown as ITriggerFunctions;
	const response = await new SlackDeliveryTrigger().trigger.call(fake);
	const check = async () => {
		tick?.();
		await new Promise((r) => setTimeout(r, 100));
	};
	return { check, emitted, cron, manual: response.manualTriggerFunction! };
}

test('nothing due: the checks emit nothing, so n8n starts no execution', async () => {
	const t = await started();
	expect(t.cron).toBe('0 * * * * *');
	for (let i = 0; i < 3; i++) await t.check();
	expect(t.emitted).toEqual([]);
});

test('waiting Slack messages: one drain item per channel once their retry is due, none before', async () => {
	const store = new FileOutboxStore(outboxFolder());
	const b = batchId(Date.now(), randomUUID());
	await store.add(ns, 'C_PAYMENTS', b, [entry('C_PAYMENTS', b, 1), entry('C_PAYMENTS', b, 2)]);
	const t = await started({ every: '15' });
	expect(t.cron).toBe('*/15 * * * * *');
	await t.check();
	expect(t.emitted).toEqual([]); // still in flight: the run that wrote them sends them
	await store.settle(ns, [b]);
	await store.setState(ns, 'C_PAYMENTS', { since: Date.now(), reason: 'Slack unreachable (HTTP 503)', nextAttemptAt: Date.now() + 60_000, attempts: 1 });
	await t.check();
	expect(t.emitted).toEqual([]); // backing off
	await store.setState(ns, 'C_PAYMENTS', { since: Date.now(), reason: 'Slack unreachable (HTTP 503)', nextAttemptAt: Date.now() - 1, attempts: 1 });
	await t.check();
	expect(t.emitted).toHaveLength(1);
	expect(t.emitted[0]).toEqual([{ channel: 'C_PAYMENTS', outbox: { drain: true, waiting: 2, since: expect.any(String) } }]);
	// another Slack connection's messages are not this trigger's
	expect((await dueWork({ outbox: store, ns: 'other:', timeZone: 'UTC', now: Date.now() })).items).toEqual([]);
	await store.done(ns, 'C_PAYMENTS', (await store.list(ns, 'C_PAYMENTS')).map((e) => e.key));
	await store.setState(ns, 'C_PAYMENTS', null);
});

test('held alerts: released as one summary per channel after their pause, and only then', async () => {
	const noise = new FileNoiseStore(noiseStoreFolder('alerts'));
	const now = Date.now();
	await noise.setPause({ since: now - 60_000, until: now + 1000, by: 'U_ALICE' });
	await noise.hold([{ channel: 'C_PAYMENTS', at: now - 30_000, text: 'Payment received: $10.99', metadata: { event_type: 'payment_intent.succeeded', event_id: 'evt_h1', category: 'payment', severity: 'success', amount: 1099, currency: 'usd' }, why: 'pause', notBefore: now + 1000 }]);
	const t = await started();
	await t.check();
	expect(t.emitted).toEqual([]);
	await new Promise((r) => setTimeout(r, Math.max(0, now + 1100 - Date.now())));
	await t.check();
	expect(t.emitted).toHaveLength(1);
	const [summary] = t.emitted[0] as Array<{ channel: string; text: string }>;
	expect(summary.channel).toBe('C_PAYMENTS');
	expect(summary.text).toBe('While alerts were paused: 1 alert held ($10.99)');
	await t.check();
	expect(t.emitted).toHaveLength(1); // released once
});

test('Test step in the editor: one check, what it found (nothing here), and no schedule', async () => {
	const t = await started({}, 'manual');
	expect(t.cron).toBe('');
	await t.manual();
	expect(t.emitted).toEqual([[]]);
});
