/**
 * Runs summarizeRevenue in a worker thread with its own, small V8 heap (pure, no n8n imports).
 *
 * Streaming keeps what the summary *retains* constant (a few MB), but the pages it reads are garbage
 * that V8 collects only when its heap heuristics say so: in n8n's main thread, which has a large
 * heap, that garbage piles up to 100+ MB before a collection. A worker with resourceLimits collects
 * early and often, so the process's peak memory stays small whatever the volume. The worker gets the
 * connection (secret key and base URL), builds its own Stripe client, and posts back the summary
 * (a plain object) or the error's message.
 */
import { existsSync } from 'fs';
import { dirname, join } from 'path';
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';

import { type StripeConnection, createStripeClient } from '../stripeClient';
import { type RevenueSummary, type StripeLike, type SummarizeOptions, summarizeRevenue } from './summarize';

/** The worker's heap: young generation (scavenged often) and old generation, in MB. */
export const WORKER_HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

type WorkerInput = { connection: StripeConnection; options: Omit<SummarizeOptions, 'onProgress'> };
type WorkerOutput = { ok: true; summary: RevenueSummary } | { ok: false; message: string; type?: string; statusCode?: number; code?: string };

/** Error from the worker, with the Stripe error's type/status/code when there was one. */
export class SummaryWorkerError extends Error {
	constructor(
		message: string,
		readonly type?: string,
		readonly statusCode?: number,
		readonly code?: string,
	) {
		super(message);
		this.name = 'SummaryWorkerError';
	}
}

function workerScript(): { filename: string; eval: boolean } {
	const js = join(__dirname, 'worker.js');
	if (existsSync(js)) return { filename: js, eval: false };
	// Running from the TypeScript sources (tests, ts-node): compile the worker on the fly.
	let root = __dirname;
	while (!existsSync(join(root, 'tsconfig.json')) && dirname(root) !== root) root = dirname(root);
	const code =
		`require(${JSON.stringify(require.resolve('ts-node', { paths: [root] }))}).register({ transpileOnly: true, project: ${JSON.stringify(join(root, 'tsconfig.json'))} });` +
		`require(${JSON.stringify(join(__dirname, 'worker.ts'))});`;
	return { filename: code, eval: true };
}

/** summarizeRevenue in a worker thread with a bounded heap. */
export function summarizeRevenueInWorker(connection: StripeConnection, options: SummarizeOptions): Promise<RevenueSummary> {
	const rest: Omit<SummarizeOptions, 'onProgress'> = { ...options };
	delete (rest as SummarizeOptions).onProgress;
	const script = workerScript();
	return new Promise((resolve, reject) => {
		const worker = new Worker(script.filename, {
			eval: script.eval,
			workerData: { connection, options: rest } satisfies WorkerInput,
			resourceLimits: WORKER_HEAP,
			stdout: false,
			stderr: false,
		});
		let settled = false;
		worker.once('message', (m: WorkerOutput) => {
			settled = true;
			if (m.ok) resolve(m.summary);
			else reject(new SummaryWorkerError(m.message, m.type, m.statusCode, m.code));
			void worker.terminate();
		});
		worker.once('error', (e) => {
			if (settled) return;
			settled = true;
			reject(
				(e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
					? new SummaryWorkerError(`the revenue summary ran out of its ${WORKER_HEAP.maxOldGenerationSizeMb} MB memory budget`)
					: e,
			);
		});
		worker.once('exit', (code) => {
			if (!settled) {
				settled = true;
				reject(new SummaryWorkerError(`the revenue summary worker stopped unexpectedly (exit ${code})`));
			}
		});
	});
}

// ---------------------------------------------------------------- inside the worker

if (!isMainThread && parentPort && (workerData as WorkerInput | undefined)?.connection) {
	const { connection, options } = workerData as WorkerInput;
	const port = parentPort;
	void (async () => {
		let out: WorkerOutput;
		try {
			const stripe = createStripeClient(connection) as unknown as StripeLike;
			out = { ok: true, summary: await summarizeRevenue(stripe, options) };
		} catch (e) {
			const o = e as { message?: string; type?: string; statusCode?: number; code?: string };
			out = { ok: false, message: o?.message ?? String(e), type: o?.type, statusCode: o?.statusCode, code: o?.code };
		}
		port.postMessage(out);
	})();
}
