/**
 * What a drain posts (nodes/shared/delivery/outboxSummary.ts): which waiting messages fold and in what order, the
 * outage summary (every event listed once, totals per currency, personal data redacted again), and the give-up alert.
 */
import { FOLD_CHUNK, giveUpAlert, outageSummary, planDrain } from '../../../nodes/shared/delivery/outboxSummary';
import type { OutboxEntry } from '../../../nodes/shared/delivery/outboxTypes';

const T0 = Date.UTC(2026, 11, 6, 14, 2, 0);

function entry(i: number, kind: 'payment' | 'failed' | 'thread' = 'payment', text?: string): OutboxEntry {
	const failed = kind === 'failed';
	return {
		key: `b-${String(i).padStart(5, '0')}`,
		id: `evt_${i}|C_PAYMENTS`,
		batch: 'b',
		channel: 'C_PAYMENTS',
		eventId: `evt_s${String(i).padStart(3, '0')}`,
		message: {
			text: text ?? (failed ? `Payment failed: $${i}.00` : `Payment received: $${i}.00`),
			metadata: { event_id: `evt_s${String(i).padStart(3, '0')}`, category: 'payment', severity: failed ? 'warning' : 'success', event_type: failed ? 'payment_intent.payment_failed' : 'payment_intent.succeeded', amount: i * 100, currency: i % 2 ? 'usd' : 'eur' },
		},
		threadKey: kind === 'thread' ? 'sub_1' : '',
		updateParent: false,
		created: i,
		queuedAt: T0 + i * 60_000,
	};
}

test('up to the threshold every waiting message goes alone, oldest first', () => {
	const e = [1, 2, 3, 4, 5].map((i) => entry(i));
	expect(planDrain(e, 5)).toEqual(e.map((x) => ({ kind: 'single', entry: x })));
});

test('more than the threshold: routine ones fold (in chunks, at the place of their first), failures and threads go alone in order', () => {
	const e = [entry(0, 'failed'), ...Array.from({ length: FOLD_CHUNK + 10 }, (_, i) => entry(i + 1)), entry(100, 'thread'), entry(101, 'failed')];
	const plan = planDrain(e, 5);
	expect(plan.map((s) => (s.kind === 'fold' ? `fold ${s.entries.length}` : s.entry.eventId))).toEqual(['evt_s000', `fold ${FOLD_CHUNK}`, 'fold 10', 'evt_s100', 'evt_s101']);
	const folded = plan.flatMap((s) => (s.kind === 'fold' ? s.entries : [s.entry]));
	expect(new Set(folded.map((x) => x.key)).size).toBe(e.length); // each exactly once
});

test('the outage summary says how many, from when to when, totals per currency, and lists every event once', () => {
	const e = Array.from({ length: 14 }, (_, i) => entry(i + 1));
	e[3] = entry(4, 'payment', 'Payment received: $4.00 from jenny.rosen@example.com');
	const m = outageSummary(e, { timeZone: 'UTC' });
	expect(m.text).toBe('14 alerts held while Slack was unreachable, 14:03 to 14:16 UTC');
	const json = JSON.stringify(m.blocks);
	for (const x of e) expect(json.split('`' + x.eventId + '`')).toHaveLength(2);
	expect(json).toContain('Totals: €56.00 EUR, $49.00 USD'); // odd amounts in USD (1+3+…+13), even in EUR
	expect(json).not.toContain('jenny.rosen@example.com');
	expect(m.blocks!.length).toBeLessThanOrEqual(50);
	expect(m.foldable).toBe(false);
	expect(outageSummary(e.slice(0, 2), { timeZone: 'UTC', part: { n: 2, of: 3 } }).text).toBe('2 alerts held while Slack was unreachable, 14:03 to 14:04 UTC (part 2 of 3)');
});

test('the give-up alert names the count, the time span, why, and every event id', () => {
	const given = [1, 2, 3].map((i) => ({ entry: entry(i), why: 'they waited more than 24 h for Slack' }));
	const m = giveUpAlert('C_PAYMENTS', given, { timeZone: 'UTC', now: T0 });
	expect(m.text).toBe('3 Stripe alerts were given up: not posted to this channel (14:03 to 14:05 UTC). they waited more than 24 h for Slack');
	expect(JSON.stringify(m.blocks)).toContain('Event ids: `evt_s001` `evt_s002` `evt_s003`');
});
