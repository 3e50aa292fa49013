/**
 * Bench (3): a burst of 10,000 signed events over 60 s into the payments template, its trigger swapped for
 * the Stripe High-Volume Trigger (journaled acknowledgement, batches of up to 500; `--webhook`: the Stripe
 * Signed Trigger with Micro-Batching, 50 ms, 500, through n8n's webhook path instead) on the real n8n
 * 2.41.1 with the sandbox's Slack (which enforces
 * 1 post/s per channel with a burst of 4 and answers 429 + Retry-After beyond that). Then waits for
 * every delivery and counts:
 *   - Slack posts per channel per second (from the sandbox's message timestamps): peak in any 1 s, the
 *     highest average over any 10 s and any 30 s, and overall;
 *   - 429 answers the sandbox gave (its rejected list) and whether any delivery failed;
 *   - events accounted for: every event must be carried by exactly one Slack message in each channel
 *     it is routed to (its own message or counted in a summary). The per-event ledger comes from the
 *     executions (each Slack Post item says which message carries it); each message it names must exist
 *     in the sandbox, and each summary's stated count must equal the events the ledger puts in it.
 * Mix: 99.5 % payment_intent.succeeded (foldable into summaries), 0.5 % payment_intent.payment_failed
 * (never folded; posted to #payments and #billing-alerts).
 *
 * `--queue`: the same on n8n in queue mode (scripts/lib/queueStack.ts: main, a webhook process and 2 workers on
 * PostgreSQL and Redis); the High-Volume Trigger listens on main, the batches run on the workers, which share
 * each channel's bucket in Redis (Slack Post's Pacing: Automatic). With `--webhook`, events go to the webhook process.
 *
 * `--pause`: `/stripe pause` (through the sandbox's slash command and the support-desk template) for the send time
 * plus 90 s before the burst; reports the posts per channel during the pause (routine ones must be 0), and after it
 * the summaries and the events they count, which must equal the events acknowledged.
 *
 * Run: npx ts-node --transpile-only bench/burst.ts [events=10000] [seconds=60] [--webhook] [--queue] [--pause]
 * Own stack: n8n 6078, sandbox 6080 (queue: main 6188, webhook 6189, sandbox 6190, workers 6191-6192), temporary
 * data folder. Prints JSON and a table; writes bench/results/burst.json (burst-queue.json with --queue).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startDevStack } from '../scripts/lib/devStack';
import { waitFor, type N8nRest } from '../scripts/lib/n8n';
import { startQueueStack } from '../scripts/lib/queueStack';
import { account, executionLedger } from './lib/ledger';
import { makeEvent, paced, postStripe, type BenchEvent } from './lib/load';
import { machine, percentile, round, table, writeResults } from './lib/report';
import { ratePerChannel, sandboxMessages } from './lib/sandbox';
import { createCopy, loadTemplate, listenerDrained, setTriggerOptions, useHighVolumeTrigger } from './lib/workflows';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const TOTAL = Number(positional[0] ?? 10_000);
const SECONDS = Number(positional[1] ?? 60);
const WEBHOOK = process.argv.includes('--webhook');
const QUEUE = process.argv.includes('--queue');
/** `--pause`: the same burst while `/stripe pause` holds routine alerts; counts what the summaries say after it. */
const PAUSE = process.argv.includes('--pause');
const BATCH = { microBatching: true, batchWindowMs: 50, batchMaxEvents: 500 };
const CHANNELS = ['C_PAYMENTS', 'C_BILLING_ALERTS'];

export async function waitQuiet(sandbox: string, quietMs: number, maxMs: number, log: (s: string) => void): Promise<number> {
	const t0 = Date.now();
	let last = -1;
	let since = Date.now();
	while (Date.now() - t0 < maxMs) {
		const n = (await sandboxMessages(sandbox)).messages.length;
		if (n !== last) {
			if (last >= 0 && Math.floor((Date.now() - t0) / 10_000) !== Math.floor((since - t0) / 10_000)) log(`  ${n} Slack messages so far`);
			last = n;
			since = Date.now();
		} else if (Date.now() - since >= quietMs) break;
		await new Promise((r) => setTimeout(r, 1000));
	}
	return Date.now() - t0;
}

async function main(): Promise<void> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-bench-burst-'));
	const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
	const skipBuild = process.env.BENCH_SKIP_BUILD === '1';
	const stack: { rest: N8nRest; sandbox: string; secret: string; webhookBase: string; stop(): Promise<void> } = QUEUE
		? await startQueueStack({ dataDir, basePort: 6188, workers: 2, skipBuild, log }).then((q) => ({
				rest: q.rest,
				sandbox: q.endpoints.sandbox!,
				secret: q.endpoints.stripeWebhookSecret,
				webhookBase: q.endpoints.webhookProcess,
				stop: () => q.stop(),
			}))
		: await startDevStack({ dataDir, n8nPort: 6078, sandboxPort: 6080, skipBuild, log }).then((d) => ({
				rest: d.rest,
				sandbox: d.endpoints.sandbox!,
				secret: d.endpoints.stripeWebhookSecret,
				webhookBase: d.endpoints.n8n,
				stop: () => d.stop(),
			}));
	try {
		const { rest, sandbox, secret } = stack;
		const wf = await createCopy(rest, stack.webhookBase, 'bench: burst', loadTemplate('payments'), (w) =>
			WEBHOOK ? setTriggerOptions(w, BATCH) : useHighVolumeTrigger(w, 6085, '/burst', { journalFolder: path.join(dataDir, 'journal') }),
		);
		await fetch(`${sandbox}/_sandbox/reset`, { method: 'POST' });

		let pauseEndsAt = 0;
		if (PAUSE) {
			const pauseSeconds = SECONDS + 90;
			const r = await (await fetch(`${sandbox}/_sandbox/slack/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `pause ${pauseSeconds}s`, user_id: 'U_BOB', channel: 'C_SUPPORT' }) })).json();
			if (r.status !== 200) throw new Error(`the pause command was answered ${r.status}`);
			await new Promise((res) => setTimeout(res, 3000));
			pauseEndsAt = Date.now() - 3000 + pauseSeconds * 1000;
			log(`paused for ${pauseSeconds} s`);
		}
		const run = `b${crypto.randomBytes(3).toString('hex')}`;
		const events: BenchEvent[] = Array.from({ length: TOTAL }, (_, i) => makeEvent(run, i, i % 200 === 199 ? 'payment_intent.payment_failed' : 'payment_intent.succeeded'));
		log(`sending ${TOTAL} events over ${SECONDS} s`);
		const t0 = Date.now();
		const answers = await paced(TOTAL, SECONDS, 256, (i) => postStripe(wf.url, events[i], secret));
		const sendSeconds = (Date.now() - t0) / 1000;
		const acked = events.filter((_, i) => answers[i].status >= 200 && answers[i].status < 300);
		log(`sent in ${round(sendSeconds)} s; ${acked.length} acknowledged; waiting for Slack delivery`);
		if (!WEBHOOK) await listenerDrained(wf.url, 15 * 60_000);
		if (PAUSE) {
			await new Promise((res) => setTimeout(res, Math.max(0, pauseEndsAt - 2000 - Date.now())));
			const during = (await sandboxMessages(sandbox)).messages.filter((m) => CHANNELS.includes(m.channel));
			log(`the pause is ending: ${during.length} posts in ${CHANNELS.join(', ')} during it; waiting for the summaries`);
			await waitFor('the held summaries', async () => ((await sandboxMessages(sandbox)).messages.filter((m) => m.channel === 'C_PAYMENTS' && m.text.startsWith('While alerts were paused')).length ? true : undefined), 120_000, 1000);
			await new Promise((res) => setTimeout(res, 10_000));
			const after = (await sandboxMessages(sandbox)).messages.filter((m) => CHANNELS.includes(m.channel));
			const summaries = after.filter((m) => m.text.startsWith('While alerts were paused'));
			const counted = (ch: string) => summaries.filter((m) => m.channel === ch).reduce((n, m) => n + Number(/: (\d+) alerts? held/.exec(m.text)?.[1] ?? 0), 0);
			const failed = acked.filter((e) => e.type.endsWith('payment_failed')).length;
			const perChannel = Object.fromEntries(CHANNELS.map((ch) => [ch, { postsDuringPause: during.filter((m) => m.channel === ch).length, postsAfter: after.filter((m) => m.channel === ch).length - during.filter((m) => m.channel === ch).length, summaries: summaries.filter((m) => m.channel === ch).length, eventsCounted: counted(ch) }]));
			const expected: Record<string, number> = { C_PAYMENTS: acked.length, C_BILLING_ALERTS: failed };
			const out = { bench: 'burst', mode: 'paused', events: TOTAL, seconds: SECONDS, acknowledged: acked.length, perChannel, expected, machine: machine(), met: CHANNELS.every((ch) => perChannel[ch].postsDuringPause === 0 && perChannel[ch].eventsCounted === expected[ch]) };
			process.stdout.write(`${JSON.stringify(out, null, 2)}\n\n`);
			process.stdout.write(`${table(CHANNELS.map((ch) => ({ channel: ch, 'posts during the pause': perChannel[ch].postsDuringPause, 'posts after it': perChannel[ch].postsAfter, summaries: perChannel[ch].summaries, 'events counted': `${perChannel[ch].eventsCounted} / ${expected[ch]}` })))}\n\n`);
			process.stdout.write(`${out.met ? 'MET   ' : 'MISSED'} no routine post during the pause, and every acknowledged event counted once in a summary after it\n`);
			log(`results: ${writeResults(QUEUE ? 'burst-queue-paused' : 'burst-paused', out)}`);
			return;
		}
		const drainMs = await waitQuiet(sandbox, 25_000, 15 * 60_000, log);

		const { messages, rejected } = await sandboxMessages(sandbox);
		const inChannels = messages.filter((m) => CHANNELS.includes(m.channel));
		const { entries, executions } = await executionLedger(rest, wf.id);
		const failedType = events.filter((e) => e.type.endsWith('payment_failed')).map((e) => e.id);
		const payments = account(acked.map((e) => e.id), entries.filter((e) => e.node === 'Post to Payments Channel'), inChannels, ['C_PAYMENTS']);
		const alerts = account(
			acked.filter((e) => failedType.includes(e.id)).map((e) => e.id),
			entries.filter((e) => e.node === 'Post to Alerts Channel'),
			inChannels,
			['C_BILLING_ALERTS'],
		);
		const rates = ratePerChannel(inChannels);
		const rateLimited = rejected.filter((r) => r.error === 'ratelimited').length;
		const failedItems = entries.filter((e) => !e.ok).length;
		const latencies = answers.map((a) => a.ms);
		const summaries = inChannels.filter((m) => (m.blocks ?? []).some((b) => b.block_id === 'folded')).length;

		const maxSustained = Math.max(...Object.values(rates).map((r) => (Number.isFinite(r.max30s) ? r.max30s : r.max10s)));
		const unaccounted = payments.unaccounted.length + alerts.unaccounted.length + (TOTAL - acked.length);
		const duplicated = payments.duplicatedInLedger.length + alerts.duplicatedInLedger.length + payments.orphanEvents + alerts.orphanEvents;
		const targets = {
			accounted: { target: 'zero events unaccounted for (and none duplicated)', measured: `${unaccounted} unaccounted, ${duplicated} duplicated`, met: unaccounted === 0 && duplicated === 0 && payments.danglingTs === 0 && payments.summaryCountMismatches === 0 },
			pace: { target: 'at most 1.2 Slack posts per second per channel sustained (highest 30 s average)', measured: `${maxSustained} posts/s`, met: maxSustained <= 1.2 },
			rateLimits: {
				target: 'no 429 left unhandled (every 429 retried to a delivered message; no failed delivery)',
				measured: `${rateLimited} x 429 received, ${failedItems} failed deliveries, ${executions.error ?? 0} failed executions`,
				met: failedItems === 0 && !executions.error && unaccounted === 0,
			},
		};
		const out = {
			bench: 'burst',
			n8n: QUEUE ? '2.41.1 (queue mode: main + webhook process + 2 workers, PostgreSQL, Redis)' : '2.41.1 (regular mode, SQLite)',
			events: TOTAL,
			seconds: SECONDS,
			trigger: WEBHOOK ? { node: 'Stripe Signed Trigger', microBatching: BATCH } : { node: 'Stripe High-Volume Trigger', acknowledge: 'journal', batchWindowMs: 25, batchMaxEvents: 500, maxConcurrentRuns: 2 },
			machine: machine(),
			send: {
				seconds: round(sendSeconds, 1),
				acknowledged: acked.length,
				notAcknowledged: TOTAL - acked.length,
				ackP50Ms: round(percentile(latencies, 50)),
				ackP99Ms: round(percentile(latencies, 99)),
			},
			deliverySecondsAfterLastSend: round(drainMs / 1000, 1),
			executions,
			slack: { messages: inChannels.length, summaries, rateLimited429: rateLimited, otherRejections: rejected.length - rateLimited, perChannel: rates },
			accounting: {
				payments: { ...payments, unaccounted: payments.unaccounted.slice(0, 20), duplicatedInLedger: payments.duplicatedInLedger.slice(0, 20) },
				alerts: { ...alerts, unaccounted: alerts.unaccounted.slice(0, 20), duplicatedInLedger: alerts.duplicatedInLedger.slice(0, 20) },
			},
			targets,
		};
		process.stdout.write(`${JSON.stringify(out, null, 2)}\n\n`);
		process.stdout.write(
			`${table(
				Object.entries(rates).map(([ch, r]) => ({
					channel: ch,
					posts: r.posts,
					'peak in 1 s': r.peak1s,
					'max 10 s avg /s': r.max10s,
					'max 30 s avg /s': r.max30s,
					'overall /s': r.overall,
				})),
			)}\n\n`,
		);
		process.stdout.write(
			`${table([
				{ what: 'events sent / acknowledged', value: `${TOTAL} / ${acked.length}` },
				{ what: 'executions', value: JSON.stringify(executions) },
				{ what: 'Slack messages (summaries)', value: `${inChannels.length} (${summaries})` },
				{ what: '429 received', value: rateLimited },
				{ what: '#payments accounted for', value: `${payments.accountedFor} / ${payments.events}` },
				{ what: '#billing-alerts accounted for', value: `${alerts.accountedFor} / ${alerts.events}` },
				{ what: 'unaccounted / duplicated', value: `${unaccounted} / ${duplicated}` },
			])}\n\n`,
		);
		for (const t of Object.values(targets)) process.stdout.write(`${t.met ? 'MET   ' : 'MISSED'} ${t.target}: ${t.measured}\n`);
		log(`results: ${writeResults(QUEUE ? 'burst-queue' : 'burst', out)}`);
	} finally {
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
