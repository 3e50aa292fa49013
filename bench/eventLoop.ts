/**
 * Bench (#29): how long the Stripe Block Kit node keeps the event loop to itself while it formats one batch,
 * the work that, in n8n's regular mode, shares the process with the Stripe High-Volume Trigger's listener and
 * so delays its acknowledgements: the node's execute() over a batch of N payment_intent.succeeded events (the
 * events bench/template.ts sends). Reports the batch's total time and the longest stretch the event loop was
 * blocked (a 1 ms timer's largest lateness).
 *
 * Run: npx ts-node --transpile-only bench/eventLoop.ts [events-per-batch=500] [rounds=5]
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { StripeBlockKit } from '../nodes/StripeBlockKit/StripeBlockKit.node';
import { makeEvent } from './lib/load';
import { machine, round, table, writeResults } from './lib/report';

const N = Number(process.argv[2] ?? 500);
const ROUNDS = Number(process.argv[3] ?? 5);

function nodeThis(items: INodeExecutionData[]): IExecuteFunctions {
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name === 'operation' ? 'formatEach' : name === 'channel' ? '#payments' : fallback),
		getNode: () => ({ id: '1', name: 'Format', type: 'stripeBlockKit', typeVersion: 1, position: [0, 0], parameters: {} }),
		getTimezone: () => 'UTC',
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
}

/** Runs `work` while a 1 ms timer measures how late it fires: the longest the loop was kept busy. */
async function measure(work: () => Promise<unknown> | unknown): Promise<{ totalMs: number; maxBlockedMs: number }> {
	let maxLate = 0;
	let last = performance.now();
	const timer = setInterval(() => {
		const now = performance.now();
		maxLate = Math.max(maxLate, now - last - 1);
		last = now;
	}, 1);
	await new Promise((r) => setTimeout(r, 20));
	maxLate = 0;
	const t0 = performance.now();
	await work();
	const totalMs = performance.now() - t0;
	await new Promise((r) => setTimeout(r, 5));
	clearInterval(timer);
	return { totalMs, maxBlockedMs: maxLate };
}

async function main(): Promise<void> {
	const node = new StripeBlockKit();
	const rows: Array<Record<string, unknown>> = [];
	for (let r = 0; r < ROUNDS; r++) {
		const events = Array.from({ length: N }, (_, i) => JSON.parse(makeEvent(`el${r}`, i).body));
		const m = await measure(() => node.execute.call(nodeThis(events.map((json) => ({ json })))));
		rows.push({ round: r + 1, 'batch total ms': round(m.totalMs), 'max blocked ms': round(m.maxBlockedMs), 'µs per event': round((m.totalMs * 1000) / N, 0) });
	}
	const out = { bench: 'eventLoop', eventsPerBatch: N, machine: machine(), rows };
	process.stdout.write(`${table(rows)}\n`);
	writeResults('eventLoop', out);
}

main().then(
	() => process.exit(0),
	(e) => {
		process.stderr.write(`${(e as Error).stack ?? e}\n`);
		process.exit(1);
	},
);
