/**
 * Bench (2): the whole payments template on the real n8n 2.41.1, beside a bare Webhook -> No Operation
 * workflow on the same n8n, in the same run: events per second (2xx answers) and p50/p99 time to
 * acknowledge, at a fixed concurrency of signed events, for
 *   bare                Webhook (answer on receipt) -> No Operation
 *   template            workflows/payments.json as shipped (one execution per event)
 *   template+batching   the same with Micro-Batching on (window 50 ms, at most 500 events per batch)
 *   template+high-volume the same workflow with its trigger swapped for the Stripe High-Volume Trigger
 *                        (its own port; journaled acknowledgement; batches of up to 500). Besides events
 *                        acknowledged per second, it reports events *processed* per second: acknowledged
 *                        events divided by the time until their last batch execution finished.
 *
 * Run: npx ts-node --transpile-only bench/template.ts [seconds-per-case=15] [concurrency=16]
 * Starts its own stack (n8n on 5978, sandbox on 5980, the High-Volume Trigger on 5985, temporary data folder;
 * BENCH_PORT_BASE=<n> moves them to n, n+2 and n+7) and stops it at the end. BENCH_ONLY=high-volume runs the
 * High-Volume Trigger case alone (its acknowledgement p99; no ratio to the bare workflow).
 * Prints a JSON object and a table; writes bench/results/template.json.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startDevStack } from '../scripts/lib/devStack';
import { closedLoop, makeEvent, post, postStripe, type ClosedLoopResult } from './lib/load';
import { machine, percentile, round, table, writeResults } from './lib/report';
import { sandboxMessages } from './lib/sandbox';
import { bareWorkflow, createCopy, loadTemplate, listenerDrained, setTriggerOptions, useHighVolumeTrigger } from './lib/workflows';

const SECONDS = Number(process.argv[2] ?? 15);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const WARMUP_SECONDS = 3;
const BATCH = { microBatching: true, batchWindowMs: 50, batchMaxEvents: 500 };
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 5978);

async function drain(sandbox: string, maxMs = 120_000): Promise<void> {
	// wait until the Slack deliveries of the previous case have settled (no new message for 12 s)
	const until = Date.now() + maxMs;
	let last = -1;
	let stableSince = Date.now();
	while (Date.now() < until) {
		const n = (await sandboxMessages(sandbox)).messages.length;
		if (n !== last) {
			last = n;
			stableSince = Date.now();
		} else if (Date.now() - stableSince > 12_000) return;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

async function main(): Promise<void> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-bench-template-'));
	const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
	const stack = await startDevStack({ dataDir, n8nPort: PORT_BASE, sandboxPort: PORT_BASE + 2, skipBuild: process.env.BENCH_SKIP_BUILD === '1', log });
	try {
		const { rest } = stack;
		const n8n = stack.endpoints.n8n;
		const sandbox = stack.endpoints.sandbox!;
		const secret = stack.endpoints.stripeWebhookSecret;
		const tpl = loadTemplate('payments');
		const bare = await createCopy(rest, n8n, 'bench: bare webhook', bareWorkflow(tpl.settings ?? {}));
		const plain = await createCopy(rest, n8n, 'bench: payments template', tpl);
		const batched = await createCopy(rest, n8n, 'bench: payments template + micro-batching', tpl, (wf) => setTriggerOptions(wf, BATCH));
		const journalFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hv-journal-'));
		const highVolume = await createCopy(rest, n8n, 'bench: payments template + High-Volume Trigger', tpl, (wf) =>
			useHighVolumeTrigger(wf, PORT_BASE + 7, '/bench', { journalFolder, batchWindowMs: 25, batchMaxEvents: 500 }),
		);

		const cases: Array<{ name: string; run: (seconds: number) => Promise<ClosedLoopResult>; drained?: () => Promise<number> }> = [
			{
				name: 'bare Webhook -> No Operation',
				run: (s) => {
					const run = `bare${crypto.randomBytes(3).toString('hex')}`;
					return closedLoop(CONCURRENCY, s, (i) => post(bare.url, makeEvent(run, i).body, {}));
				},
			},
			{
				name: 'payments template',
				run: (s) => {
					const run = `tpl${crypto.randomBytes(3).toString('hex')}`;
					return closedLoop(CONCURRENCY, s, (i) => postStripe(plain.url, makeEvent(run, i), secret));
				},
			},
			{
				name: 'payments template + micro-batching',
				run: (s) => {
					const run = `mb${crypto.randomBytes(3).toString('hex')}`;
					return closedLoop(CONCURRENCY, s, (i) => postStripe(batched.url, makeEvent(run, i), secret));
				},
			},
			{
				name: 'payments template + High-Volume Trigger',
				run: (s) => {
					const run = `hv${crypto.randomBytes(3).toString('hex')}`;
					return closedLoop(CONCURRENCY, s, (i) => postStripe(highVolume.url, makeEvent(run, i), secret));
				},
				drained: () => listenerDrained(highVolume.url),
			},
		];

		const results: Array<Record<string, unknown>> = [];
		const only = process.env.BENCH_ONLY === 'high-volume';
		for (const c of only ? cases.slice(3) : cases) {
			log(`${c.name}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s at concurrency ${CONCURRENCY}`);
			await c.run(WARMUP_SECONDS);
			if (c.drained) await c.drained();
			await drain(sandbox);
			const r = await c.run(SECONDS);
			// Acknowledged is not processed: wait for the last batch execution (the High-Volume Trigger answers first).
			const drainSeconds = c.drained ? await c.drained() : 0;
			results.push({
				case: c.name,
				eventsPerSecond: round(r.eventsPerSecond, 1),
				p50Ms: round(percentile(r.latenciesMs, 50), 1),
				p99Ms: round(percentile(r.latenciesMs, 99), 1),
				maxMs: round(Math.max(...r.latenciesMs), 1),
				acknowledged: r.ok,
				notAcknowledged: r.failed,
				statuses: r.statuses,
				seconds: round(r.seconds, 1),
				processedPerSecond: round(r.ok / (r.seconds + drainSeconds), 1),
				drainSeconds: round(drainSeconds, 1),
			});
			log(`${c.name}: ${round(r.eventsPerSecond, 1)} events/s, p99 ${round(percentile(r.latenciesMs, 99), 1)} ms`);
			await drain(sandbox);
		}
		if (only) {
			const hv = results[0];
			process.stdout.write(`${JSON.stringify({ bench: 'template (High-Volume Trigger only)', machine: machine(), results }, null, 2)}\n`);
			process.stdout.write(`${hv.p99Ms as number < 100 ? 'MET   ' : 'MISSED'} High-Volume Trigger p99 time to acknowledge < 100 ms: ${hv.p99Ms} ms (p50 ${hv.p50Ms} ms, ${hv.eventsPerSecond} acked/s, ${hv.processedPerSecond} processed/s)\n`);
			return;
		}
		const bareEps = results[0].eventsPerSecond as number;
		for (const r of results) r.ratioVsBare = round((r.eventsPerSecond as number) / bareEps, 1);
		for (const r of results) r.processedRatioVsBare = round((r.processedPerSecond as number) / bareEps, 1);
		const on = results[3];
		const targets = {
			throughput: {
				target: 'High-Volume Trigger (micro-batching) >= 10 x the bare workflow events/s, counting events processed, not only acknowledged',
				measured: `${on.processedRatioVsBare} x processed (${on.ratioVsBare} x acknowledged)`,
				met: (on.processedRatioVsBare as number) >= 10,
			},
			ackP99: { target: 'High-Volume Trigger p99 time to acknowledge < 100 ms', measured: `${on.p99Ms} ms`, met: (on.p99Ms as number) < 100 },
		};
		const out = {
			bench: 'template',
			n8n: '2.41.1 (regular mode, SQLite), this package installed as a community package',
			secondsPerCase: SECONDS,
			concurrency: CONCURRENCY,
			microBatching: BATCH,
			event: 'payment_intent.succeeded, signed, unique id and amount per request',
			machine: machine(),
			results,
			targets,
		};
		process.stdout.write(`${JSON.stringify(out, null, 2)}\n\n`);
		process.stdout.write(
			`${table(results.map((r) => ({ case: r.case, 'acked/s': r.eventsPerSecond, 'processed/s': r.processedPerSecond, 'x bare (processed)': r.processedRatioVsBare, 'p50 ms': r.p50Ms, 'p99 ms': r.p99Ms, 'non-2xx': r.notAcknowledged })))}\n\n`,
		);
		for (const t of Object.values(targets)) process.stdout.write(`${t.met ? 'MET   ' : 'MISSED'} ${t.target}: ${t.measured}\n`);
		log(`results: ${writeResults('template', out)}`);
	} finally {
		await stack.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(e) => {
		process.stderr.write(`${(e as Error).stack ?? e}\n`);
		process.exit(1);
	},
);
