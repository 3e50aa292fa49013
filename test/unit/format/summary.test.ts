import { formatSummary } from '../../../nodes/shared/format/batchSummary';
import { validateMessage } from '../../../nodes/shared/format/limits';
import { allEvents, NOW } from './fixtures';

describe('summary mode', () => {
	it('many events → one message (snapshot)', () => {
		const m = formatSummary(allEvents().map((c) => c.event), { now: NOW, title: 'Stripe: burst' });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(m).toMatchSnapshot();
	});
	it('counts one payment once across its events; totals per currency', () => {
		const evs = allEvents().filter((c) => ['payment_intent.succeeded', 'checkout.session.completed', 'payout.paid'].includes(c.name)).map((c) => c.event);
		const m = formatSummary(evs, { now: NOW });
		const s = JSON.stringify(m.blocks);
		expect(s).toContain('*Collected*\\n$10.99'); // PI and its checkout session: one payment
		expect(m.metadata.event_count).toBe(3);
	});
	it('1000 events stay within limits', () => {
		const evs = Array.from({ length: 1000 }, (_, i) => allEvents()[i % allEvents().length].event);
		const m = formatSummary(evs, { now: NOW });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
	});
	it('precomputed summary (snapshot)', () => {
		const m = formatSummary({ title: 'Daily digest', period: { start: 1721952000, end: 1722038399 }, counts: { payment: 42, refund: 2, dispute: 1 }, totals: { collected: { usd: 1234500, jpy: 50000, kwd: 12340 }, refunded: { usd: 2000 } } }, { now: NOW });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(m).toMatchSnapshot();
	});
});
