/**
 * Bench: catch-up of events missed while n8n was down, through the shipped payments template (Stripe Signed Trigger,
 * Catch Up on Missed Events: on) on the real n8n 2.41.1 with the sandbox's Stripe event log and Slack.
 *   1. the stack starts (templates published), n8n is stopped;
 *   2. N events (default 10,000; 99.5 % payment_intent.succeeded, 0.5 % payment_intent.payment_failed) are recorded
 *      in the sandbox's Stripe as not delivered (`POST /_sandbox/stripe/events {event, deliver: false}`);
 *   3. n8n starts; its activation lists /v1/events and runs every missed event through the workflow;
 *   4. measured: wall time from n8n's start to the end of the catch-up pass (every event handed to the workflow and
 *      its run finished: the trigger logs "caught up N event(s)"), the Stripe API calls (the sandbox's request log),
 *      n8n's peak resident memory (sampled every 250 ms), and the burst bench's accounting (every event in exactly
 *      one Slack message or summary per channel: unaccounted, duplicated).
 * Run: npx ts-node --transpile-only bench/catchup.ts [events=10000]
 * Own stack: n8n on BENCH_CATCHUP_BASE_PORT (default 6278), sandbox +2; temporary data folder.
 * Prints JSON and a table; writes bench/results/catchup.json.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startDevStack } from '../scripts/lib/devStack';
import { N8nProcess, N8nRest, waitFor } from '../scripts/lib/n8n';
import { waitQuiet } from './burst';
import { account, executionLedger } from './lib/ledger';
import { makeEvent, type BenchEvent } from './lib/load';
import { machine, round, table, writeResults } from './lib/report';
import { ratePerChannel, sandboxMessages } from './lib/sandbox';

const TOTAL = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000);
const BASE = Number(process.env.BENCH_CATCHUP_BASE_PORT ?? 6278);
const CHANNELS = ['C_PAYMENTS', 'C_BILLING_ALERTS'];

function rssKb(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) : 0;
	} catch {
		return 0;
	}
}

async function record(sandbox: string, events: BenchEvent[]): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < events.length) {
			const e = events[next++];
			const r = await fetch(`${sandbox}/_sandbox/stripe/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ event: JSON.parse(e.body), deliver: false }),
			});
			if (!r.ok) throw new Error(`the sandbox did not record ${e.id}: ${r.status}`);
			await r.arrayBuffer();
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
}

async function main(): Promise<void> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-bench-catchup-'));
	const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
	const stack = await startDevStack({ dataDir, n8nPort: BASE, sandboxPort: BASE + 2, skipBuild: process.env.BENCH_SKIP_BUILD === '1', log });
	let n8n = stack.n8n;
	try {
		const sandbox = stack.endpoints.sandbox!;
		await n8n.stop();
		await fetch(`${sandbox}/_sandbox/reset`, { method: 'POST' });
		const run = `k${crypto.randomBytes(3).toString('hex')}`;
		const events = Array.from({ length: TOTAL }, (_, i) => makeEvent(run, i, i % 200 === 199 ? 'payment_intent.payment_failed' : 'payment_intent.succeeded'));
		log(`recording ${TOTAL} undelivered events in the sandbox's Stripe (n8n is stopped)`);
		await record(sandbox, events);
		const logFile = stack.n8nOptions.logFile!;
		const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;

		n8n = new N8nProcess(stack.n8nOptions);
		const t0 = Date.now();
		let peakKb = 0;
		const sampler = setInterval(() => {
			if (n8n.pid) peakKb = Math.max(peakKb, rssKb(n8n.pid));
		}, 250);
		const samples: number[] = [];
		const trend = setInterval(() => n8n.pid && samples.push(rssKb(n8n.pid)), 5000);
		await n8n.start();
		const startedS = (Date.now() - t0) / 1000;
		log(`n8n up in ${round(startedS, 1)} s; waiting for the catch-up pass`);
		const line = await waitFor(
			'the catch-up pass to end',
			async () => {
				const text = fs.readFileSync(logFile, 'utf8').slice(logStart);
				return /caught up (\d+) event\(s\)[^\n]*/.exec(text)?.[0];
			},
			20 * 60_000,
			250,
		);
		const handedS = (Date.now() - t0) / 1000;
		log(`${line} after ${round(handedS, 1)} s; waiting for Slack to go quiet`);
		const drainMs = await waitQuiet(sandbox, 25_000, 15 * 60_000, log);
		clearInterval(sampler);
		clearInterval(trend);

		const rest = new N8nRest(stack.endpoints.n8n);
		await rest.ensureOwner(stack.endpoints.owner);
		const { messages, rejected } = await sandboxMessages(sandbox);
		const inChannels = messages.filter((m) => CHANNELS.includes(m.channel));
		const { entries, executions } = await executionLedger(rest, stack.workflowIds.payments);
		const failedIds = events.filter((e) => e.type.endsWith('payment_failed')).map((e) => e.id);
		const payments = account(events.map((e) => e.id), entries.filter((e) => e.node === 'Post to Payments Channel'), inChannels, ['C_PAYMENTS']);
		const alerts = account(failedIds, entries.filter((e) => e.node === 'Post to Alerts Channel'), inChannels, ['C_BILLING_ALERTS']);
		const requests = ((await (await fetch(`${sandbox}/_sandbox/stripe/requests`)).json()) as { requests: Array<{ path: string }> }).requests;
		const listCalls = requests.filter((r) => r.path.startsWith('/v1/events')).length;
		const unaccounted = payments.unaccounted.length + alerts.unaccounted.length;
		const duplicated = payments.duplicatedInLedger.length + alerts.duplicatedInLedger.length + payments.orphanEvents + alerts.orphanEvents;
		const rates = ratePerChannel(inChannels);
		const maxSustained = Math.max(...Object.values(rates).map((r) => (Number.isFinite(r.max30s) ? r.max30s : r.max10s)));
		const out = {
			bench: 'catchup',
			n8n: '2.41.1 (regular mode, SQLite)',
			events: TOTAL,
			trigger: { node: 'Stripe Signed Trigger', catchUp: 'on activation', chunk: 500, concurrentChunks: 4 },
			machine: machine(),
			n8nStartSeconds: round(startedS, 1),
			handToWorkflowSeconds: round(handedS, 1),
			slackQuietAfterSeconds: round(drainMs / 1000, 1),
			stripeApiCalls: { total: requests.length, eventList: listCalls },
			n8nPeakRssMb: round(peakKb / 1024, 1),
			n8nRssEvery5sMb: samples.map((k) => round(k / 1024)),
			executions,
			slack: { messages: inChannels.length, rateLimited429: rejected.filter((r) => r.error === 'ratelimited').length, perChannel: rates },
			accounting: {
				unaccounted,
				duplicated,
				payments: { ...payments, unaccounted: payments.unaccounted.slice(0, 20), duplicatedInLedger: payments.duplicatedInLedger.slice(0, 20) },
				alerts: { ...alerts, unaccounted: alerts.unaccounted.slice(0, 20), duplicatedInLedger: alerts.duplicatedInLedger.slice(0, 20) },
			},
			targets: {
				accounted: { target: 'zero events unaccounted for, none duplicated', met: unaccounted === 0 && duplicated === 0 },
				time: { target: 'under 120 s to hand every event to the workflow', measured: `${round(handedS, 1)} s`, met: handedS < 120 },
				pace: { target: 'at most 1.2 Slack posts per second per channel sustained', measured: `${maxSustained} posts/s`, met: maxSustained <= 1.2 },
			},
		};
		process.stdout.write(`${JSON.stringify(out, null, 2)}\n\n`);
		process.stdout.write(
			`${table([
				{ what: 'events missed / caught up', value: `${TOTAL} / ${/caught up (\d+)/.exec(line)?.[1]}` },
				{ what: 'hand to the workflow (from n8n start)', value: `${round(handedS, 1)} s` },
				{ what: 'Stripe API calls (event list)', value: `${requests.length} (${listCalls})` },
				{ what: 'n8n peak RSS', value: `${round(peakKb / 1024, 1)} MB` },
				{ what: 'executions', value: JSON.stringify(executions) },
				{ what: 'unaccounted / duplicated', value: `${unaccounted} / ${duplicated}` },
			])}\n\n`,
		);
		for (const t of Object.values(out.targets)) process.stdout.write(`${t.met ? 'MET   ' : 'MISSED'} ${t.target}${'measured' in t ? `: ${t.measured}` : ''}\n`);
		log(`results: ${writeResults('catchup', out)}`);
	} finally {
		await n8n.stop().catch(() => undefined);
		await stack.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().then(
		() => process.exit(0),
		(e) => {
			process.stderr.write(`${(e as Error).stack ?? e}\n`);
			process.exit(1);
		},
	);
}
