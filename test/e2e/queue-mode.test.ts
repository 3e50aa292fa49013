/**
 * The templates on n8n in queue mode: main + one webhook process + 2 workers on PostgreSQL and Redis
 * (scripts/lib/queueStack.ts), on ports of their own (5878 main, 5879 webhooks, 5880 sandbox, 5881-5882
 * worker health). Signature checks and the duplicate guard run in the webhook process, the workflows
 * on the workers; duplicates and Slack threads are shared through Redis.
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis on 127.0.0.1:6379 (.ci/run starts
 * both); fails at once with a clear message when they are missing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { waitFor } from '../../scripts/lib/n8n';
import { checkServices, startQueueStack, type QueueStack } from '../../scripts/lib/queueStack';
import { EXPECTED, type SandboxMessage } from './expectations';
import { ratePerChannel } from '../../bench/lib/sandbox';
import { PKG, createChain, forwardIdNode, signStripe, startIdSink, stripeCredential, stripeTrigger, type WfNode } from './workflows';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'stripe');
const BASE_PORT = Number(process.env.E2E_QUEUE_BASE_PORT ?? 5878);

let seq = 0;
function fixture(type: string, tweak?: (ev: Record<string, any>) => void): { id: string; body: string } {
	const ev = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${type}.json`), 'utf8'));
	ev.id = `evt_queue_${type.replace(/\W/g, '_')}_${Date.now()}_${++seq}`;
	tweak?.(ev);
	return { id: ev.id, body: JSON.stringify(ev) };
}

describe('templates on n8n in queue mode (main, webhook process, 2 workers, PostgreSQL, Redis)', () => {
	let stack: QueueStack | undefined;
	let dataDir = '';

	beforeAll(async () => {
		const problems = await checkServices();
		if (problems.length) {
			throw new Error(`The queue-mode test needs PostgreSQL and Redis on this machine:\n- ${problems.join('\n- ')}`);
		}
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-queue-e2e-'));
		const t0 = Date.now();
		stack = await startQueueStack({
			dataDir,
			basePort: BASE_PORT,
			workers: 2,
			skipBuild: true, // globalSetup built the package
			log: (s) => process.stderr.write(`[queue] ${s}\n`),
		});
		process.stderr.write(`[queue] topology ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (logs: ${dataDir})\n`);
	}, 240_000);

	afterAll(async () => {
		await stack?.stop();
	}, 60_000);

	const s = (): QueueStack => {
		if (!stack) throw new Error('the queue-mode topology did not start (see beforeAll)');
		return stack;
	};

	async function post(template: string, body: string): Promise<{ status: number; text: string }> {
		const r = await fetch(s().endpoints.webhooks[template], {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, s().endpoints.stripeWebhookSecret) },
			body,
		});
		return { status: r.status, text: await r.text() };
	}

	async function messages(): Promise<SandboxMessage[]> {
		return ((await (await fetch(`${s().endpoints.sandbox}/_sandbox/slack/messages`)).json()) as { messages: SandboxMessage[] }).messages;
	}

	/**
	 * The executions the Stripe trigger started (mode "webhook"). The payments template also releases held
	 * alerts on a schedule (mode "trigger"); one of those falling into the test's window is not a second
	 * execution of the event, so it is not counted.
	 */
	async function executionsOf(workflowId: string): Promise<Array<{ id: string; status: string }>> {
		return (await s().rest.executions(workflowId)).filter((e) => e.mode === 'webhook');
	}

	it('sends production webhooks to the webhook process, not to main', () => {
		for (const url of Object.values(s().endpoints.webhooks)) expect(url.startsWith(`${s().endpoints.webhookProcess}/webhook/`)).toBe(true);
		expect(s().endpoints.webhookProcess).not.toBe(s().endpoints.n8n);
	});

	// E2E_QUEUE_REPEAT=20 runs this check 20 times in a row on the same topology (issue #28: it must not flake).
	const repeat = Array.from({ length: Math.max(1, Number(process.env.E2E_QUEUE_REPEAT ?? 1)) }, (_, i) => i + 1);
	it.each(repeat)('the same signed event posted 5 times at once -> exactly one execution (on one of the 2 workers), run %i', async () => {
		const wf = s().workflowIds.payments;
		const before = (await executionsOf(wf)).length;
		const ev = fixture('payment_intent.succeeded');
		const answers = await Promise.all(Array.from({ length: 5 }, () => post('payments', ev.body)));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
		expect(answers.filter((a) => /already being processed|already received/.test(a.text))).toHaveLength(4);
		const settled = await waitFor(
			'the execution to finish',
			async () => {
				const list = await executionsOf(wf);
				return list.length > before && list.every((e) => !['new', 'running', 'waiting'].includes(e.status)) ? list : undefined;
			},
			30_000,
			250,
		);
		// a redelivery after success starts nothing either (the claim is "done" in Redis)
		expect((await post('payments', ev.body)).text).toMatch(/already received/);
		await new Promise((r) => setTimeout(r, 2000));
		const after = await executionsOf(wf);
		expect(after.length - before).toBe(1);
		expect(settled.length - before).toBe(1);
		expect(after[0].status).toBe('success');
	});

	const posted: Record<string, SandboxMessage[]> = {};

	it.each(Object.keys(EXPECTED))('%s reaches Slack through its template', async (type) => {
		const exp = EXPECTED[type];
		const before = (await messages()).length;
		const ev = fixture(type);
		expect((await post(exp.template, ev.body)).status).toBe(200);
		const found = await waitFor(
			`the ${type} message in ${exp.channels.join(', ')}`,
			async () => {
				const fresh = (await messages()).slice(before).filter((m) => m.text.includes(exp.text));
				return exp.channels.every((c) => fresh.some((m) => m.channel === c)) ? fresh : undefined;
			},
			30_000,
			200,
		);
		posted[type] = found;
		for (const m of found) {
			const ids = (m.blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id) : []));
			expect(ids).toEqual(expect.arrayContaining(exp.buttons));
			if (exp.mention) expect(m.text.includes(exp.mention)).toBe(true);
		}
		if (exp.threadOf) {
			const parent = posted[exp.threadOf]?.[0];
			expect(parent).toBeDefined();
			expect(found[0].thread_ts).toBe(parent.ts);
		}
	});

	it('three events about a new subscription, posted at once (workflows on both workers), end up in one thread', async () => {
		const sub = `sub_queue_${Date.now().toString(36)}`;
		const setSub = (ev: Record<string, any>) => {
			ev.data.object.id = sub;
		};
		const before = (await messages()).length;
		const types = ['customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted'];
		const answers = await Promise.all(types.map((t) => post('subscriptions', fixture(t, setSub).body)));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
		const mine = await waitFor(
			`three messages about ${sub}`,
			async () => {
				const m = (await messages()).slice(before).filter((x) => JSON.stringify(x).includes(sub));
				return m.length >= 3 ? m : undefined;
			},
			45_000,
			250,
		);
		expect(mine).toHaveLength(3);
		const parents = mine.filter((m) => !m.thread_ts);
		expect(parents).toHaveLength(1);
		for (const reply of mine.filter((m) => m.thread_ts)) expect(reply.thread_ts).toBe(parents[0].ts);
	});

	it('the Stripe High-Volume Trigger on main: 100 events at once run exactly once each, on the workers, in batches', async () => {
		const sink = await startIdSink();
		const seen = sink.seen;
		const port = BASE_PORT + 13;
		const url = `http://127.0.0.1:${port}/stripe-queue`;
		const trigger: WfNode = {
			name: 'Stripe High-Volume Trigger',
			type: `${PKG}.stripeHighVolumeTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { port, path: '/stripe-queue', events: [], options: { host: '127.0.0.1', journalFolder: path.join(dataDir, 'journal') } },
			credentials: stripeCredential,
		};
		const forward = forwardIdNode(sink.port);
		try {
			const wf = await createChain(s().rest, 'queue e2e: high-volume trigger', [trigger, forward], { readyUrl: url });
			const events = Array.from({ length: 100 }, () => fixture('payment_intent.succeeded'));
			const answers = await Promise.all(
				events.map((e) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(e.body, s().endpoints.stripeWebhookSecret) }, body: e.body })),
			);
			expect(answers.map((a) => a.status).filter((x) => x !== 200)).toEqual([]);
			// n8n resolves each batch's done-promise on main when a worker has finished it
			const status = await waitFor(
				'every batch to finish on the workers',
				async () => {
					const st = (await (await fetch(url)).json()) as { eventsRun: number; runsInFlight: number; queued: number };
					return st.eventsRun === 100 && st.runsInFlight === 0 && st.queued === 0 ? st : undefined;
				},
				60_000,
				250,
			);
			expect(status.eventsRun).toBe(100);
			expect(seen.slice().sort()).toEqual(events.map((e) => e.id).sort());
			const execs = await executionsOf(wf.id);
			expect(execs.length).toBeLessThan(100);
			expect(execs.every((e) => e.status === 'success')).toBe(true);
			await s().rest.deactivate(wf.id);
		} finally {
			sink.close();
		}
	});

	it('300 events to one channel from 2 workers: at most 1.2 posts/s over any 30 s, none lost or duplicated, one parent per thread', async () => {
		const sandbox = s().endpoints.sandbox;
		const setLimit = (slackRateLimit: { burst: number; perSecond: number }) =>
			fetch(`${sandbox}/_sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slackRateLimit }) });
		// Lift the sandbox's own 1/s limit: the rate measured is then the workers' pacing alone.
		expect((await setLimit({ burst: 100, perSecond: 50 })).status).toBe(200);
		const workerLogs = [1, 2].map((i) => path.join(dataDir, `worker${i}.log`));
		const logStart = workerLogs.map((f) => fs.statSync(f).size);
		const slack = { slackAppApi: { id: 'slackSandbox0001', name: 'Slack (local sandbox)' } };
		const trigger = stripeTrigger();
		const nodes: WfNode[] = [
			trigger,
			{ name: 'Format', type: `${PKG}.stripeBlockKit`, typeVersion: 1, position: [0, 0], parameters: { operation: 'formatEach', channel: 'C_GENERAL' } },
			{ name: 'Post', type: `${PKG}.slackPost`, typeVersion: 1, position: [0, 0], parameters: { channel: '={{ $json.channel }}', threadBy: 'object', options: { coalesce: false } }, credentials: slack },
		];
		try {
			const wf = await createChain(s().rest, 'queue e2e: shared pacing', nodes);
			const url = `${s().endpoints.webhookProcess}/webhook/${trigger.webhookId}/webhook`;
			await waitFor('the webhook process to route the pacing workflow', async () => ((await fetch(url, { method: 'POST' })).status !== 404 ? true : undefined), 30_000, 200);
			const run = Date.now().toString(36);
			const objects = 30;
			const base = Math.floor(Date.now() / 1000) - 1000;
			const events = Array.from({ length: 300 }, (_, i) =>
				fixture('payment_intent.succeeded', (ev) => {
					ev.id = `evt_pace_${run}_${String(i).padStart(3, '0')}`;
					ev.created = base + i;
					ev.data.object.id = `pi_pace_${run}_${i % objects}`;
				}),
			);
			for (let i = 0; i < events.length; i += 10) {
				const answers = await Promise.all(
					events.slice(i, i + 10).map((e) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(e.body, s().endpoints.stripeWebhookSecret) }, body: e.body })),
				);
				expect(answers.map((a) => a.status).filter((x) => x !== 200)).toEqual([]);
			}
			const mine = await waitFor(
				'300 messages in C_GENERAL',
				async () => {
					const m = (await messages()).filter((x) => x.channel === 'C_GENERAL' && JSON.stringify(x).includes(`pi_pace_${run}_`));
					return m.length >= 300 ? m : undefined;
				},
				420_000,
				2000,
			);
			await new Promise((r) => setTimeout(r, 5000)); // nothing more may come
			const all = (await messages()).filter((x) => x.channel === 'C_GENERAL' && JSON.stringify(x).includes(`pi_pace_${run}_`));
			// 0 lost, 0 duplicated: every event id in exactly one message
			const perEvent = events.map((e) => all.filter((m) => JSON.stringify(m).includes(e.id)).length);
			expect(perEvent.filter((n) => n !== 1)).toEqual([]);
			expect(all).toHaveLength(300);
			// one parent per object, every other message a reply in its thread
			for (let k = 0; k < objects; k++) {
				const re = new RegExp(`pi_pace_${run}_${k}(?![0-9])`);
				const about = all.filter((m) => re.test(JSON.stringify(m)));
				expect(about).toHaveLength(300 / objects);
				const parents = about.filter((m) => !m.thread_ts);
				expect(parents).toHaveLength(1);
				expect(about.filter((m) => m.thread_ts === parents[0].ts)).toHaveLength(about.length - 1);
			}
			const rate = ratePerChannel(all.map((m) => ({ ...m, blocks: m.blocks ?? [] })) as never).C_GENERAL;
			process.stderr.write(`[queue] pacing: ${JSON.stringify(rate)}\n`);
			expect(rate.max30s).toBeLessThanOrEqual(1.2);
			// both workers ran executions of this workflow
			const started = workerLogs.map((f, i) => (fs.readFileSync(f, 'utf8').slice(logStart[i]).match(/Worker started execution/g) ?? []).length);
			process.stderr.write(`[queue] executions started per worker: ${started.join(', ')}\n`);
			expect(Math.min(...started)).toBeGreaterThan(0);
			expect(mine.length).toBe(300);
			await s().rest.deactivate(wf.id);
		} finally {
			await setLimit({ burst: 4, perSecond: 1 });
		}
	}, 600_000);
});
