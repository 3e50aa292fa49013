import { escapeMrkdwn, neutralize, safeText, truncateMrkdwn, truncatePlain } from '../../../nodes/shared/format/mrkdwn';
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { fixtureEvents, NOW } from './fixtures';

describe('mrkdwn escaping', () => {
	it('escapes & < >', () => {
		expect(escapeMrkdwn('a & b <!channel> <@U123> <https://x|y>')).toBe('a &amp; b &lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt;');
	});
	it('neutralizes formatting, bare mentions, links and newlines', () => {
		const s = safeText('*bold* _it_ ~s~ `c`\n> quote @channel @here http://evil.example.com www.evil.com');
		expect(s).not.toMatch(/[*_~`\n]/);
		expect(s).not.toMatch(/@(channel|here)\b/);
		expect(s).not.toContain('://');
		expect(s).not.toContain('evil.com');
		expect(s).toContain('&gt; quote');
		expect(neutralize('Order #1042')).toBe('Order #1042');
	});
	it('truncation never cuts an entity, a surrogate pair or a link', () => {
		const s = escapeMrkdwn('a&b'.repeat(10));
		for (let max = 2; max < s.length; max++) {
			const t = truncateMrkdwn(s, max);
			expect(t.length).toBeLessThanOrEqual(max);
			expect(t).not.toMatch(/&[a-z]*…$/);
		}
		expect(truncatePlain('😀😀😀', 4)).toBe('😀…');
		expect(truncateMrkdwn('x <https://dashboard.stripe.com/test/payments/pi_1|Open> y', 20)).toBe('x …');
	});
	it('customer-controlled strings cannot mention, link or format in the message', () => {
		const ev = fixtureEvents().find((f) => f.name === 'payment_intent.succeeded')!.event;
		ev.data.object.description = '<!channel> <@U024BE7LH> <https://evil.example|click> *PAY NOW* @here';
		ev.data.object.metadata = { '<!here>': '<#C024BE7LH>', note: '&lt;!channel&gt;' };
		const m = formatStripeEvent(ev, { now: NOW, metadataKeys: ['<!here>', 'note'] });
		const out = JSON.stringify(m);
		expect(out).not.toMatch(/<[!@#]/);
		expect(out).not.toContain('<https://evil');
		expect(out).not.toContain('*PAY NOW*');
		expect(out).toContain('&amp;lt;!channel&amp;gt;'); // pre-escaped text is escaped again, shown literally
	});
});
