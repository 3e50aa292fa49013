/**
 * The catch-up's life in an active trigger: the activation pass runs (and ends), a stop records the deactivation
 * for the next catch-up's "why", and a stop without deactivation leaves only a heartbeat.
 */
import * as fs from 'fs';
import * as path from 'path';
import { startCatchUpRunner } from '../../../nodes/shared/stripe/catchUpRunner';
import { CatchUpStateHandle, MemoryStateBackend } from '../../../nodes/shared/stripe/catchUpState';
import type { ListedEvent } from '../../../nodes/shared/stripe/catchUpList';

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'stripe', 'invoice.paid.json'), 'utf8'));

function runner(events: ListedEvent[], state = new CatchUpStateHandle(new MemoryStateBackend())) {
	const delivered: string[] = [];
	const notes: string[] = [];
	const r = startCatchUpRunner({
		state,
		list: async () => ({ data: events.slice().reverse(), has_more: false }),
		filter: { types: ['invoice.paid'] },
		deliver: async (batch) => {
			delivered.push(...batch.map((e) => e.id));
			return true;
		},
		notify: async (n) => notes.push(n.type),
		log: { info: () => undefined, warn: (m) => notes.push(`warn: ${m}`) },
	});
	return { r, delivered, notes, state };
}

it('the activation pass runs the missed events and ends; a deactivation is recorded on stop', async () => {
	const now = Math.floor(Date.now() / 1000);
	const events = [0, 1, 2].map((i) => ({ ...FIXTURE, id: `evt_runner_${i}`, created: now - 100 + i }));
	const t = runner(events);
	const result = await t.r.first;
	expect(result?.emitted).toBe(3);
	expect(t.delivered).toEqual(events.map((e) => e.id));
	expect(t.notes).toEqual(['stripe_slack.catch_up']);
	await t.r.stop(true);
	const state = await t.state.read();
	expect(state.deactivatedAt).toBeGreaterThanOrEqual(now);
	expect(state.mark?.created).toBeGreaterThanOrEqual(now - 1);

	const again = runner(events, t.state);
	expect((await again.r.first)?.emitted).toBe(0);
	await again.r.stop(false);
	expect((await again.state.read()).deactivatedAt).toBeUndefined();
});
