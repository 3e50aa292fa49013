/**
 * The Stripe High-Volume Trigger on the real n8n: 300 signed events sent at once (plus repeats and a
 * forged one) reach the workflow exactly once each, in a handful of batch executions; deactivating the
 * workflow closes the port.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { N8nRest } from '../../scripts/lib/n8n';
import { loggedIn, stackInfo } from './stack';
import { PKG, createChain, forwardIdNode, postStripe, settledExecutions, startIdSink, stripeCredential, type WfNode } from './workflows';

const FIXTURE = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'stripe', 'payment_intent.succeeded.json'), 'utf8');
const PORT = 5791;

function eventWithId(id: string): string {
	const ev = JSON.parse(FIXTURE);
	ev.id = id;
	return JSON.stringify(ev, null, 2);
}

describe('Stripe High-Volume Trigger on a real n8n', () => {
	const { endpoints } = stackInfo();
	const secret = endpoints.stripeWebhookSecret;
	let rest: N8nRest;
	beforeAll(async () => {
		rest = await loggedIn();
	});

	it('300 simultaneous events: every one acknowledged and run exactly once, in few executions; repeats and forgeries run nothing', async () => {
		// Downstream: the workflow posts each item's event id here.
		const sink = await startIdSink();
		const seen = sink.seen;
		const journalFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-hv-journal-'));
		const trigger: WfNode = {
			name: 'Stripe High-Volume Trigger',
			type: `${PKG}.stripeHighVolumeTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { port: PORT, path: '/stripe-e2e', events: ['payment_intent.succeeded'], options: { host: '127.0.0.1', batchWindowMs: 50, journalFolder } },
			credentials: stripeCredential,
		};
		const forward = forwardIdNode(sink.port);
		const url = `http://127.0.0.1:${PORT}/stripe-e2e`;
		try {
			const wf = await createChain(rest, 'e2e: high-volume trigger', [trigger, forward], { readyUrl: url });
			const run = `evt_hv_${Date.now()}_`;
			const ids = Array.from({ length: 300 }, (_, i) => `${run}${i}`);
			const answers = await Promise.all(ids.map((id) => postStripe(url, eventWithId(id), secret)));
			expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
			// Stripe repeating itself, later: answered, not run again
			const repeats = await Promise.all(ids.slice(0, 20).map((id) => postStripe(url, eventWithId(id), secret)));
			expect(repeats.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
			expect(repeats.filter((a) => JSON.parse(a.body).ignored).length).toBe(20);
			const forged = await postStripe(url, eventWithId(`${run}forged`), 'whsec_not_the_real_secret');
			expect(forged.status).toBe(401);

			const execs = await settledExecutions(rest, wf.id, 1, 2000, 60_000);
			expect(execs.every((e) => e.status === 'success')).toBe(true);
			expect(seen.slice().sort()).toEqual(ids.slice().sort());
			expect(execs.length).toBeLessThanOrEqual(30); // batches, not one execution per event
			// Every finished event is recorded: the journal is empty of pending events.
			const status = (await (await fetch(url)).json()) as { queued: number; runsInFlight: number; accepted: number };
			expect(status).toMatchObject({ queued: 0, runsInFlight: 0, accepted: 300 });

			await rest.deactivate(wf.id);
			let after: number | string = 200;
			for (let i = 0; i < 100 && after === 200; i++) {
				await new Promise((r) => setTimeout(r, 100));
				after = await fetch(url).then((r) => r.status, () => 'closed');
			}
			expect(['closed', 404]).toContain(after);
		} finally {
			sink.close();
		}
	});
});
