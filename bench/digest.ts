/**
 * Revenue digest benchmark: time and peak memory of summarizeRevenue for 100,000 and 1,000,000
 * balance transactions, beside the way n8n users do it today (the built-in Stripe node's charge
 * "Get Many" with Return All, then the Summarize node), on the same generated data.
 *
 *   npx ts-node --transpile-only bench/digest.ts [--sizes 100000,1000000] [--builtin-timeout 150] [--no-builtin]
 *
 * Each contender runs in its own fresh Node process (the n8n runtime's Node when installed), with
 * --expose-gc: baseline = memory after loading the code and a forced GC; peak = the highest value
 * sampled every 10 ms while running, and the OS's max RSS (getrusage). The data comes from a
 * generator process (bench/lib/generator.ts) that mimics Stripe's list API and computes the
 * expected totals independently; the bench checks our totals against them, to the minor unit.
 * Results: printed as a table and JSON, and written to bench/results/digest.json.
 * This file holds the contenders and the orchestration; measuring and process helpers are in
 * bench/lib/digestRun.ts.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { END, MB, N8N_MODULES, NODE, NOW, ROOT, START, measure, run, runContender, startGeneratorProcess, type ChildResult } from './lib/digestRun';

/**
 * `live`: force a GC every 10,000 records and record the heap that survives it (retained memory),
 * to separate what the summary keeps from garbage V8 has not collected yet.
 */
async function childOurs(port: number, live = false): Promise<ChildResult> {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { createStripeClient } = require('../nodes/shared/stripeClient') as typeof import('../nodes/shared/stripeClient');
	const { summarizeRevenue } = require('../nodes/shared/digest/summarize') as typeof import('../nodes/shared/digest/summarize');
	// The worker as n8n runs it: the built JavaScript (npm run build), else compiled on the fly (slower, larger).
	const built = join(ROOT, 'dist', 'nodes', 'shared', 'digest', 'worker.js');
	const { summarizeRevenueInWorker } = require(existsSync(built) ? built : '../nodes/shared/digest/worker') as typeof import('../nodes/shared/digest/worker');
	const { digestMessage, digestChart } = require('../nodes/shared/digest/blocks') as typeof import('../nodes/shared/digest/blocks');
	/* eslint-enable @typescript-eslint/no-require-imports */
	const connection = { secretKey: 'sk_test_bench', apiBaseUrl: `http://127.0.0.1:${port}` };
	const stripe = createStripeClient(connection);
	const m = measure();
	const liveBase = process.memoryUsage().heapUsed;
	let liveMax = 0;
	const gc = (globalThis as { gc?: () => void }).gc;
	const t0 = process.hrtime.bigint();
	const options = {
		period: { kind: 'custom' as const, start: new Date(START * 1000).toISOString(), end: new Date(END * 1000).toISOString(), timeZone: 'UTC' },
		now: NOW,
		topN: 5,
	};
	// As the node runs it: in a worker thread with a small heap. The retained-memory variant runs in this
	// thread, forcing GCs, to show what the summary itself keeps.
	const s = !live
		? await summarizeRevenueInWorker(connection, options)
		: await summarizeRevenue(stripe as never, {
		...options,
		onProgress: live && gc
			? () => {
					gc();
					liveMax = Math.max(liveMax, process.memoryUsage().heapUsed - liveBase);
				}
			: undefined,
	});
	const msg = digestMessage(s, { chart: 'image' });
	const chart = digestChart(s);
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const mem = m.stop();
	const totals: ChildResult['totals'] = {};
	for (const c of s.currencies) {
		const p = s.payments?.find((x) => x.currency === c.currency);
		totals[c.currency] = { gross: c.gross, refunds: c.refunds, disputes: c.disputes, fees: c.fees, other: c.other, net: c.net, payouts: c.payouts, payments: c.counts.payments, failed: p?.failed ?? -1 };
	}
	const top: ChildResult['top'] = {};
	for (const g of s.topCustomers) top[g.currency] = g.customers.map((c) => [c.id ?? '', c.amount]);
	return {
		contender: live ? 'ours-live' : 'ours',
		ok: true,
		seconds,
		records: s.counts.balanceTransactions + s.counts.charges + s.counts.events,
		...mem,
		totals,
		top,
		extra: {
			counts: s.counts,
			topExact: Object.fromEntries(s.topCustomers.map((g) => [g.currency, g.exact])),
			subscriptions: s.subscriptions,
			blocks: msg.blocks.length,
			pngBytes: chart?.png.length,
			retainedHeapAboveBaselineMb: live ? Math.round((liveMax / MB) * 100) / 100 : undefined,
			warnings: s.warnings,
		},
	};
}

/** Reference: the same three SDK auto-pagination streams with no aggregation at all. */
async function childFloor(port: number): Promise<ChildResult> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { createStripeClient } = require('../nodes/shared/stripeClient') as typeof import('../nodes/shared/stripeClient');
	const stripe = createStripeClient({ secretKey: 'sk_test_bench', apiBaseUrl: `http://127.0.0.1:${port}` });
	const created = { gte: START, lt: END };
	const m = measure();
	const t0 = process.hrtime.bigint();
	let n = 0;
	for await (const x of stripe.balanceTransactions.list({ created, limit: 100 })) if (x) n++;
	for await (const x of stripe.charges.list({ created, limit: 100 })) if (x) n++;
	for await (const x of stripe.events.list({ created, limit: 100 })) if (x) n++;
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	return { contender: 'floor', ok: true, seconds, records: n, ...m.stop() };
}

async function childBuiltin(port: number): Promise<ChildResult> {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const http = require('node:http') as typeof import('node:http');
	const base = join(N8N_MODULES, 'n8n-nodes-base', 'dist', 'nodes');
	const { Stripe } = require(join(base, 'Stripe', 'Stripe.node.js'));
	const { Summarize } = require(join(base, 'Transform', 'Summarize', 'Summarize.node.js'));
	const utils = join(N8N_MODULES, 'n8n-core', 'dist', 'execution-engine', 'node-execution-context', 'utils');
	const { returnJsonArray } = require(join(utils, 'return-json-array.js'));
	const { constructExecutionMetaData } = require(join(utils, 'construct-execution-metadata.js'));
	/* eslint-enable @typescript-eslint/no-require-imports */
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	let requests = 0;
	// n8n's helpers.requestWithAuthentication, reduced to its effect: add the credential's
	// Authorization header and send the request. The node's base URL (https://api.stripe.com) is
	// fixed in its code, so the host is swapped for the generator here.
	const requestWithAuthentication = (_cred: string, o: { method: string; uri: string; qs?: Record<string, string> }) =>
		new Promise((resolve, reject) => {
			requests++;
			const u = new URL(o.uri.replace('https://api.stripe.com', `http://127.0.0.1:${port}`));
			for (const [k, v] of Object.entries(o.qs ?? {})) u.searchParams.set(k, String(v));
			const req = http.request(u, { method: o.method, agent, headers: { Authorization: 'Bearer sk_test_bench' } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					if ((res.statusCode ?? 500) >= 400) reject(new Error(body?.error?.message ?? `HTTP ${res.statusCode}`));
					else resolve(body);
				});
			});
			req.on('error', reject);
			req.end();
		});
	const params: Record<string, unknown> = {
		resource: 'charge',
		operation: 'getAll',
		returnAll: true,
		limit: 50,
	};
	const stripeThis = {
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : fallback),
		getNode: () => ({ name: 'Stripe', type: 'n8n-nodes-base.stripe', typeVersion: 1 }),
		continueOnFail: () => false,
		helpers: { requestWithAuthentication, returnJsonArray, constructExecutionMetaData },
	};
	const m = measure();
	const t0 = process.hrtime.bigint();
	let items: Array<{ json: Record<string, unknown> }>;
	try {
		[items] = (await new Stripe().execute.call(stripeThis)) as [Array<{ json: Record<string, unknown> }>];
	} catch (e) {
		const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
		const mem = m.stop();
		const msg = String((e as Error).message).split('\n')[0];
		return { contender: 'builtin', ok: false, error: `the Stripe node failed after ${seconds.toFixed(1)} s and ${requests} requests, peak RSS +${mem.peakAbove.rssMb} MB: ${(e as Error).name}: ${msg}`, seconds, requests, ...mem };
	}
	const tList = process.hrtime.bigint();
	const sumParams: Record<string, unknown> = {
		options: {},
		fieldsToSplitBy: 'currency, status',
		'fieldsToSummarize.values': [
			{ aggregation: 'sum', field: 'amount' },
			{ aggregation: 'sum', field: 'amount_refunded' },
			{ aggregation: 'count', field: 'id' },
		],
	};
	const sumThis = {
		getInputData: () => items,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in sumParams ? sumParams[name] : fallback),
		getNode: () => ({ name: 'Summarize', type: 'n8n-nodes-base.summarize', typeVersion: 1.1 }),
		addExecutionHints: () => undefined,
		continueOnFail: () => false,
	};
	const [rows] = (await new Summarize().execute.call(sumThis)) as [Array<{ json: Record<string, unknown> }>];
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const mem = m.stop();
	const totals: ChildResult['totals'] = {};
	for (const r of rows) {
		const j = r.json;
		const cur = String(j.currency);
		const t = (totals[cur] ??= { gross: 0, payments: 0, failed: 0, refundedOnCharges: 0 });
		if (j.status === 'succeeded') {
			t.gross = Number(j.sum_amount);
			t.payments = Number(j.count_id);
			t.refundedOnCharges = Number(j.sum_amount_refunded);
		} else if (j.status === 'failed') t.failed = Number(j.count_id);
	}
	return {
		contender: 'builtin',
		ok: true,
		seconds,
		records: items.length,
		requests,
		...mem,
		totals,
		extra: { listSeconds: Number(tList - t0) / 1e9, itemsHeld: items.length, summarizeRows: rows.length },
	};
}

// ---------------------------------------------------------------- orchestration (the parent)

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function parent(): Promise<void> {
	const sizes = (arg('sizes') ?? '100000,1000000').split(',').map(Number);
	const builtinTimeout = Number(arg('builtin-timeout') ?? 150) * 1000;
	const noBuiltin = process.argv.includes('--no-builtin') || !existsSync(join(N8N_MODULES, 'n8n-nodes-base'));
	const nodeVersion = (await run(NODE, ['--version'], 10_000)).stdout.trim();
	const rows: Array<Record<string, unknown>> = [];
	const results: Array<{ n: number; expected: unknown; ours: ChildResult; oursLive: ChildResult; floor: ChildResult; builtin?: ChildResult; matches: boolean; mismatches: string[] }> = [];
	for (const n of sizes) {
		process.stderr.write(`[bench] ${n.toLocaleString('en-US')} transactions: starting generator\n`);
		const gen = await startGeneratorProcess(n);
		try {
			process.stderr.write(`[bench]   ours…\n`);
			const ours = await runContender('ours', gen.port, 600_000);
			const mismatches: string[] = [];
			if (ours.ok) {
				for (const [cur, e] of Object.entries(gen.expected.money)) {
					const o = ours.totals?.[cur];
					for (const k of Object.keys(e) as Array<keyof typeof e>) if (o?.[k] !== e[k]) mismatches.push(`${cur}.${k}: ours ${o?.[k]} expected ${e[k]}`);
				}
				for (const [cur, list] of Object.entries(gen.expected.top)) {
					if (JSON.stringify(ours.top?.[cur]?.map((x) => x[0])) !== JSON.stringify(list.map((x) => x[0]))) mismatches.push(`${cur} top customers differ`);
				}
			}
			process.stderr.write(`[bench]   ours, forcing GC every 10,000 records (retained memory)…\n`);
			const oursLive = await runContender('ours-live', gen.port, 600_000);
			process.stderr.write(`[bench]   reference: SDK auto-pagination alone…\n`);
			const floor = await runContender('floor', gen.port, 600_000);
			let builtin: ChildResult | undefined;
			if (!noBuiltin) {
				process.stderr.write(`[bench]   n8n built-in Stripe Get Many + Summarize…\n`);
				builtin = await runContender('builtin', gen.port, builtinTimeout);
				if (builtin.ok) {
					for (const [cur, e] of Object.entries(gen.expected.money)) {
						if (builtin.totals?.[cur]?.gross !== e.gross) mismatches.push(`builtin ${cur}.gross ${builtin.totals?.[cur]?.gross} expected ${e.gross}`);
					}
				}
			}
			results.push({ n, expected: gen.expected, ours, oursLive, floor, builtin, matches: ours.ok && mismatches.length === 0, mismatches });
			for (const r of [ours, oursLive, floor, builtin].filter((x): x is ChildResult => !!x)) {
				rows.push({
					transactions: n,
					contender:
						r.contender === 'ours'
							? 'Stripe Revenue Summary (streaming)'
							: r.contender === 'ours-live'
								? 'same in the calling thread, GC forced every 10,000 records'
								: r.contender === 'floor'
								? 'reference: same SDK streams, no aggregation'
								: 'n8n Stripe "Get Many" charges + Summarize',
					seconds: r.ok ? Math.round(r.seconds! * 100) / 100 : '—',
					'records/s': r.ok ? Math.round(r.records! / r.seconds!) : '—',
					'peak RSS above baseline (MB)': r.ok ? r.peakAbove!.rssMb : '—',
					'max RSS above baseline (MB, getrusage)': r.ok ? r.maxRssAboveMb : '—',
					'peak heap above baseline (MB)': r.ok ? r.peakAbove!.heapMb : '—',
					note: r.ok
						? r.contender === 'ours'
							? `${r.records} records streamed; totals ${mismatches.length ? 'MISMATCH' : 'equal expected to the minor unit'}`
							: r.contender === 'ours-live'
								? `no worker; retained heap after GC at most +${r.extra?.retainedHeapAboveBaselineMb} MB`
								: r.contender === 'floor'
								? `${r.records} records streamed, nothing summed`
								: `${r.records} charges held in memory, ${r.requests} requests; gross per currency only`
						: r.error,
				});
			}
		} finally {
			gen.proc.kill('SIGTERM');
		}
	}
	console.table(rows);
	const out = { node: nodeVersion, period: { start: new Date(START * 1000).toISOString(), end: new Date(END * 1000).toISOString() }, rows, results };
	mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
	writeFileSync(join(ROOT, 'bench', 'results', 'digest.json'), JSON.stringify(out, null, 2));
	console.log(JSON.stringify({ node: nodeVersion, rows }));
	if (results.some((r) => !r.matches)) {
		console.error('Totals did not match the expected values:', results.flatMap((r) => r.mismatches));
		process.exitCode = 1;
	}
}

async function child(): Promise<void> {
	const contender = arg('child');
	const port = Number(arg('port'));
	try {
		const r = contender === 'ours' || contender === 'ours-live' ? await childOurs(port, contender === 'ours-live') : contender === 'floor' ? await childFloor(port) : await childBuiltin(port);
		console.log(JSON.stringify(r));
		process.exit(0);
	} catch (e) {
		console.log(JSON.stringify({ contender, ok: false, error: (e as Error).stack ?? String(e) }));
		process.exit(1);
	}
}

if (require.main === module) {
	(arg('child') ? child() : parent()).catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
