/**
 * Coalescing (pure): what may be folded, the summary text and blocks, and the planner's choices.
 */
import { buildSummary, groupKey, isFoldable, planNext, type Queued } from '../../../nodes/shared/delivery/coalesce';
import { renderMentions, withMention } from '../../../nodes/shared/delivery/deliver';
import type { OutboundMessage } from '../../../nodes/shared/delivery/types';
import { validateMessage } from '../../../nodes/shared/format/limits';

const pay = (amount: number, currency: string, i = 0, extra: Partial<OutboundMessage['metadata']> = {}): OutboundMessage => ({
	channel: 'C_PAYMENTS',
	text: `payment ${i}`,
	metadata: { event_id: `evt_${i}`, category: 'payment', severity: 'success', event_type: 'payment_intent.succeeded', amount, currency, livemode: true, ...extra },
});

describe('isFoldable', () => {
	it('folds routine successes, never failures, disputes, warnings, critical, updates or unknowns', () => {
		expect(isFoldable(pay(100, 'usd'))).toBe(true);
		expect(isFoldable(pay(100, 'usd', 0, { severity: 'info', category: 'customer', event_type: 'customer.updated' }))).toBe(true);
		expect(isFoldable(pay(100, 'usd', 0, { severity: 'warning' }))).toBe(false);
		expect(isFoldable(pay(100, 'usd', 0, { severity: 'critical' }))).toBe(false);
		expect(isFoldable(pay(100, 'usd', 0, { category: 'dispute', event_type: 'charge.dispute.created' }))).toBe(false);
		expect(isFoldable(pay(100, 'usd', 0, { event_type: 'invoice.payment_failed', category: 'invoice', severity: 'info' }))).toBe(false);
		expect(isFoldable(pay(100, 'usd', 0, { event_type: 'charge.dispute.funds_reinstated', category: 'payment' }))).toBe(false);
		expect(isFoldable(pay(100, 'usd', 0, { category: 'summary' as never }))).toBe(false);
		expect(isFoldable({ ...pay(100, 'usd'), updateTs: '1.2' })).toBe(false);
		expect(isFoldable({ ...pay(100, 'usd'), foldable: false })).toBe(false);
		expect(isFoldable({ channel: 'C', text: 'x' })).toBe(false);
	});

	it('groups by category, severity, mode, thread and mention', () => {
		expect(groupKey(pay(1, 'usd'))).toBe(groupKey(pay(2, 'jpy')));
		expect(groupKey(pay(1, 'usd'))).not.toBe(groupKey({ ...pay(1, 'usd'), thread_ts: '1.1' }));
		expect(groupKey(pay(1, 'usd'))).not.toBe(groupKey(pay(1, 'usd', 0, { livemode: false })));
		expect(groupKey(pay(1, 'usd'))).not.toBe(groupKey(pay(1, 'usd', 0, { category: 'invoice' })));
	});
});

describe('buildSummary', () => {
	it('"37 payments succeeded in the last 10 s: $4,210.00 USD, ¥52,000 JPY"', () => {
		// 20 USD payments summing to $4,210.00 and 17 JPY payments summing to ¥52,000
		const usd = Array.from({ length: 20 }, (_, i) => pay(i < 19 ? 20000 : 421000 - 19 * 20000, 'usd', i));
		const jpy = Array.from({ length: 17 }, (_, i) => pay(i < 16 ? 3000 : 52000 - 16 * 3000, 'jpy', 100 + i));
		const s = buildSummary([...usd, ...jpy], 10_000);
		expect(s.count).toBe(37);
		expect(s.totals).toEqual({ USD: 421000, JPY: 52000 });
		expect(s.text).toBe('37 payments succeeded in the last 10 s: $4,210.00 USD, ¥52,000 JPY');
		expect(validateMessage(s.blocks as never, s.text)).toEqual([]);
		expect(JSON.stringify(s.blocks)).toContain('Folded 37 messages');
	});

	it('mixed event types, test mode, escaping, mention, many currencies stay within limits', () => {
		const ms = ['usd', 'eur', 'gbp', 'jpy', 'kwd', 'chf', 'sek', 'nok', 'dkk', 'pln', 'czk', 'huf'].map((c, i) =>
			pay(1000 + i, c, i, { event_type: i % 2 ? 'charge.succeeded' : 'checkout.session.completed', livemode: false, event_id: `evt_<b>${i}` }),
		);
		const mention = renderMentions('S_FINANCE');
		const s = buildSummary(ms.map((m) => withMention(m, mention)), 3_000);
		expect(s.text.startsWith('<!subteam^S_FINANCE> [TEST] 12 payment events in the last 3 s: ')).toBe(true);
		expect(s.text).toContain('and 2 more currencies');
		expect(JSON.stringify(s.blocks)).not.toContain('<b>');
		expect(validateMessage(s.blocks as never, s.text)).toEqual([]);
	});
});

describe('planNext', () => {
	const q = (m: OutboundMessage, enqueuedAt: number): Queued => ({ message: m, enqueuedAt, foldable: isFoldable(m), key: groupKey(m), threshold: 5, windowMs: 10_000 });

	it('few messages go one by one, oldest first', () => {
		const queue = [q(pay(1, 'usd', 1), 0), q(pay(2, 'usd', 2), 1)];
		expect(planNext(queue, 5)).toEqual({ kind: 'single', entry: queue[0] });
	});

	it('a burst over the threshold is held until its window closes, others pass meanwhile, then folded', () => {
		const burst = Array.from({ length: 8 }, (_, i) => q(pay(100, 'usd', i), 1000 + i));
		const dispute = q(pay(5000, 'usd', 99, { category: 'dispute', severity: 'critical', event_type: 'charge.dispute.created' }), 1500);
		const queue = [...burst, dispute];
		expect(planNext(queue, 2000)).toEqual({ kind: 'single', entry: dispute });
		expect(planNext(burst, 2000)).toEqual({ kind: 'wait', until: 11_000 });
		const plan = planNext(burst, 11_000);
		expect(plan.kind).toBe('fold');
		if (plan.kind === 'fold') expect(plan.entries).toHaveLength(8);
	});

	it('messages after the window start a new group', () => {
		const a = Array.from({ length: 6 }, (_, i) => q(pay(100, 'usd', i), i));
		const b = Array.from({ length: 3 }, (_, i) => q(pay(100, 'usd', 10 + i), 10_500 + i));
		const plan = planNext([...a, ...b], 10_600);
		expect(plan.kind).toBe('fold');
		if (plan.kind === 'fold') expect(plan.entries).toHaveLength(6);
		expect(planNext(b, 10_600)).toEqual({ kind: 'single', entry: b[0] });
	});
});

describe('mentions', () => {
	it('renders user groups and users; refuses anything else', () => {
		expect(renderMentions('S0123ABC, U0123ABC W0ABC')).toBe('<!subteam^S0123ABC> <@U0123ABC> <@W0ABC>');
		expect(renderMentions('')).toBe('');
		for (const bad of ['@alice', '<!channel>', 'here', 'C0123ABC', 's0123abc', 'U0123>', 'S01|x']) expect(() => renderMentions(bad)).toThrow(/not a Slack user group ID/);
		const m = withMention({ channel: 'C', text: 'hi', blocks: [{ type: 'divider' }] }, '<@U1AB>');
		expect(m.text).toBe('<@U1AB> hi');
		expect(m.blocks![0]).toEqual({ type: 'context', block_id: 'mention', elements: [{ type: 'mrkdwn', text: '<@U1AB>' }] });
	});
});
