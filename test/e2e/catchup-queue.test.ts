/**
 * Catch-up in queue mode (main, webhook process, 2 workers on PostgreSQL and Redis, scripts/lib/queueStack.ts):
 * with main stopped, 200 events are recorded in the sandbox's Stripe without delivery; main starts again; every
 * event reaches Slack exactly once (the burst bench's ledger), the catch-up ran on main only (n8n runs triggers on
 * the leader), and the workers ran the executions.
 * Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379. Own ports from E2E_CATCHUP_QUEUE_BASE_PORT
 * (default 6198: main, webhook +1, sandbox +2, workers +3, +4).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { N8nRest, waitFor } from '../../scripts/lib/n8n';
import { checkServices, startQueueStack, type QueueStack } from '../../scripts/lib/queueStack';
import { account, executionLedger } from '../../bench/lib/ledger';
import { makeEvent } from '../../bench/lib/load';
import { sandboxMessages } from '../../bench/lib/sandbox';

const BASE = Number(process.env.E2E_CATCHUP_QUEUE_BASE_PORT ?? 6198);
const CHANNEL = 'C_PAYMENTS';

describe('catch-up in queue mode (main, webhook process, 2 workers)', () => {
	let stack: QueueStack | undefined;
	let dataDir = '';

	beforeAll(async () => {
		const problems = await checkServices();
		if (problems.length) throw new Error(`This test needs PostgreSQL and Redis on this machine:\n- ${problems.join('\n- ')}`);
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-catchup-queue-e2e-'));
		stack = await startQueueStack({ dataDir, basePort: BASE, workers: 2, skipBuild: true, log: (s) => process.stderr.write(`[catchup-queue] ${s}\n`) });
	}, 300_000);
	afterAll(async () => {
		await stack?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	}, 90_000);

	it('200 events missed while main was down: each in Slack exactly once, caught up by main alone', async () => {
		const s = stack!;
		const sandbox = s.endpoints.sandbox!;
		await s.main.stop();
		const run = `q${crypto.randomBytes(3).toString('hex')}`;
		const events = Array.from({ length: 200 }, (_, i) => makeEvent(run, i));
		for (const e of events) {
			const r = await fetch(`${sandbox}/_sandbox/stripe/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ event: JSON.parse(e.body), deliver: false }),
			});
			expect(r.status).toBe(200);
		}
		const logs = (name: string) => (fs.existsSync(path.join(dataDir, `${name}.log`)) ? fs.readFileSync(path.join(dataDir, `${name}.log`), 'utf8') : '');
		const before = { main: logs('main').length };
		await s.main.start();
		const rest = new N8nRest(s.endpoints.n8n);
		await rest.ensureOwner(s.endpoints.owner);
		const ids = events.map((e) => e.id);
		const check = async () => {
			const { entries } = await executionLedger(rest, s.workflowIds.payments);
			const { messages } = await sandboxMessages(sandbox);
			return account(ids, entries.filter((e) => e.node === 'Post to Payments Channel'), messages, [CHANNEL]);
		};
		await waitFor('all 200 events in Slack', async () => ((await check()).unaccounted.length === 0 ? true : undefined), 360_000, 3000);
		await new Promise((r) => setTimeout(r, 15_000));
		const result = await check();
		expect(result.unaccounted).toEqual([]);
		expect(result.duplicatedInLedger).toEqual([]);
		expect(result.orphanEvents).toBe(0);
		// The catch-up ran on main (the leader) only; the webhook process and the workers never list events.
		const mainLog = logs('main').slice(before.main);
		expect(mainLog).toMatch(/caught up 200 event\(s\)/);
		for (const other of ['webhook', 'worker1', 'worker2']) expect(logs(other)).not.toMatch(/caught up/);
	}, 600_000);
});
