/**
 * `npm run queue-mode`: n8n in queue mode (main, one webhook process, 2 workers) on this machine's
 * PostgreSQL and Redis, with this package, the sandbox and every template published. Ctrl-C stops
 * everything and drops the run's database.
 *
 * Env: QUEUE_BASE_PORT (default 5688: main 5688, webhooks 5689, sandbox 5690, worker health 5691-5692),
 * QUEUE_DATA_DIR (default: a new temporary folder), QUEUE_WORKERS (default 2), QUEUE_KEEP_DB=1.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startQueueStack } from './lib/queueStack';

let ready = false;
// Ctrl-C during start-up: exit; startQueueStack's exit hook kills the n8n processes and drops the database.
const early = () => {
	if (!ready) process.exit(130);
};
process.on('SIGINT', early);
process.on('SIGTERM', early);

async function main(): Promise<void> {
	const dataDir = process.env.QUEUE_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-queue-'));
	const log = (s: string) => process.stdout.write(`${s}\n`);
	const started = Date.now();
	const stack = await startQueueStack({
		dataDir,
		basePort: Number(process.env.QUEUE_BASE_PORT ?? 5688),
		workers: Number(process.env.QUEUE_WORKERS ?? 2),
		keepDatabase: process.env.QUEUE_KEEP_DB === '1',
		log,
	});
	ready = true;
	const e = stack.endpoints;
	log('');
	log(`Queue mode ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	log(`  editor (main):     ${e.n8n}   login ${e.owner.email} / ${e.owner.password}`);
	log(`  webhook process:   ${e.webhookProcess}   (send Stripe events here)`);
	log(`  workers:           ${stack.workers.length}`);
	log(`  sandbox:           ${e.sandbox}`);
	log(`  database:          ${stack.database} (dropped at stop)   Bull prefix: ${stack.bullPrefix}`);
	for (const [name, url] of Object.entries(e.webhooks)) log(`  webhook ${name.padEnd(28)} ${url}`);
	log(`  signing secret:    ${e.stripeWebhookSecret}`);
	log(`  logs and endpoints.json: ${dataDir}`);
	log('Ctrl-C stops everything.');
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		log('Stopping...');
		await stack.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((e) => {
	process.stderr.write(`${(e as Error).message}\n`);
	process.exit(1);
});
