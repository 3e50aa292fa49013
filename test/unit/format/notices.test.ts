/**
 * The Stripe triggers' notices (nodes/shared/stripe/notices.ts) as Slack messages: the three templates in plain
 * words, valid Block Kit in every layout and redaction level, escaped, with nothing planted in their data reaching
 * the output; never money (no amount, never Below Minimum); on Needs Attention; health alerts pass a pause; the
 * Product Router sends them to the default channel without calling Stripe.
 */
import type { IDataObject } from 'n8n-workflow';
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { formatSummary } from '../../../nodes/shared/format/batchSummary';
import { validateMessage } from '../../../nodes/shared/format/limits';
import { isBelowMinimum } from '../../../nodes/shared/format/money';
import { noticeAsEvent } from '../../../nodes/shared/format/notices';
import { gateAlerts, type NoiseSettings } from '../../../nodes/shared/noise/gate';
import { parsePolicy } from '../../../nodes/shared/noise/policy';
import { MemoryNoiseStore } from '../../../nodes/shared/noise/store';
import { routeEvent } from '../../../nodes/shared/routing/route';
import { parseRules } from '../../../nodes/shared/routing/rules';
import type { TriggerNotice } from '../../../nodes/shared/stripe/notices';
import type { Stripe } from '../../../nodes/shared/sdkTypes';
import { StripeBlockKit } from '../../../nodes/StripeBlockKit/StripeBlockKit.node';
import { blockKitThis } from './blockKitThis';
import { ALLOWED_LINK, messageStrings } from './fixtures';
import { NOTICE_SAMPLES, NOW } from './noticeSamples';

const [unhealthy, recovered, catchUp, catchUpEdge] = NOTICE_SAMPLES.map((s) => s.notice);
const fmt = (n: unknown, o = {}) => formatStripeEvent(n, { now: NOW, timeZone: 'UTC', ...o });

describe('notice templates: words', () => {
	it('disabled endpoint: what happened, what n8n does, where to fix it, a Dashboard button', () => {
		const m = fmt(unhealthy);
		expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: '🚨 Stripe disabled the webhook endpoint' } });
		expect(m.text).toBe(
			'[TEST] Stripe disabled the webhook endpoint — Stripe disabled the webhook endpoint we_1NoticeEndpoint — events are not delivered; n8n catches up every 10 minutes, but fix it in the Dashboard: <https://dashboard.stripe.com/test/webhooks/we_1NoticeEndpoint|the endpoint in Stripe> · <https://dashboard.stripe.com/test/webhooks/we_1NoticeEndpoint|Open in Stripe>',
		);
		const buttons = m.blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.type === 'actions' ? b.elements : []));
		expect(buttons).toEqual([expect.objectContaining({ action_id: 'stripe_slack.open_dashboard', url: 'https://dashboard.stripe.com/test/webhooks/we_1NoticeEndpoint' })]);
		expect(m.metadata).toMatchObject({ event_type: 'stripe_slack.endpoint_unhealthy', severity: 'critical', object_id: 'we_1NoticeEndpoint', amount: null, currency: null });
	});

	it('every problem at once: the gravest first, each in a line of its own', () => {
		const m = fmt({ ...unhealthy, data: { ...unhealthy.data, problems: ['disabled', 'missing_event_types', 'delivery_failing'], missingTypes: ['invoice.paid', 'charge.refunded'], failingDeliveries: 7 } });
		const text = messageStrings(m).join('\n');
		expect(m.blocks[0]).toMatchObject({ text: { text: '🚨 Stripe disabled the webhook endpoint' } });
		expect(text).toContain('no longer sends 2 of the trigger’s event types: `invoice.paid`, `charge.refunded`');
		expect(text).toContain('7 events since the last check could not be delivered');
	});

	it('recovery: one line, what was fixed, the same object as the alert (its thread)', () => {
		const m = fmt(recovered);
		expect(m.text).toBe('[TEST] Stripe webhook endpoint is healthy again — The webhook endpoint we_1NoticeEndpoint receives events again (enabled again). · <https://dashboard.stripe.com/test/webhooks/we_1NoticeEndpoint|Open in Stripe>');
		expect(m.metadata).toMatchObject({ severity: 'success', object_id: fmt(unhealthy).metadata.object_id });
	});

	it('catch-up: how many, from when to when, why; the window edge in words', () => {
		expect(fmt(catchUp).text).toBe('Caught up 12 missed Stripe events — Caught up 12 missed events (14:02–14:55 UTC) — n8n was down · <https://dashboard.stripe.com/events|Open in Stripe>');
		const edge = messageStrings(fmt(catchUpEdge)).join('\n');
		expect(edge).toContain('Caught up 1 missed event (Nov 6, 15:50 – Dec 6, 14:55 UTC) — the workflow was unpublished');
		expect(edge).toContain('Events older than Nov 6, 2026, 02:55 PM UTC may be gone (Stripe keeps 30 days).');
		expect(edge).toContain('`invoice.paid` × 1');
		const button = fmt(catchUpEdge).blocks.find((b) => b.type === 'actions');
		expect(button).toMatchObject({ elements: [{ url: 'https://dashboard.stripe.com/test/webhooks/we_1NoticeEndpoint' }] });
		expect(fmt(catchUp).metadata).toMatchObject({ severity: 'warning', amount: null, object_id: null });
	});
});

describe('notice templates: Block Kit, escaping, no customer data', () => {
	it.each(NOTICE_SAMPLES.map((s) => [s.name, s.notice]))('%s: valid in every layout and redaction level', (_n, notice) => {
		for (const layout of ['compact', 'detailed'] as const)
			for (const redaction of ['minimal', 'standard', 'strict'] as const) {
				const m = fmt(notice, { layout, redaction, titlePrefix: '[ACME]', locale: 'de-DE' });
				expect(validateMessage(m.blocks, m.text)).toEqual([]);
			}
	});

	it('anything planted in a notice (a forged item) never reaches Slack: mentions, emails, keys, card numbers', () => {
		const bad = 'jenny.rosen@example.com <!channel> sk_live_51H8abcDEF0123456789xyz 4242424242424242 *bold* <https://evil.example|x>';
		for (const s of NOTICE_SAMPLES) {
			const data = Object.fromEntries(Object.keys({ ...s.notice.data, endpointId: 1, missingTypes: 1, types: 1, reason: 1, problems: 1, resolved: 1 }).map((k) => [k, k === 'types' ? [{ type: bad, count: 3 }] : ['missingTypes', 'problems', 'resolved'].includes(k) ? [bad] : bad]));
			const m = fmt({ ...s.notice, data });
			expect(validateMessage(m.blocks, m.text)).toEqual([]);
			const joined = messageStrings(m).join('\n');
			for (const v of ['jenny.rosen', 'sk_live_', '4242424242424242', 'evil.example']) expect(joined).not.toContain(v);
			for (const str of messageStrings(m)) expect(str.replace(ALLOWED_LINK, '')).not.toMatch(/<|@channel/);
		}
	});
});

describe('notices are never money', () => {
	it('no amount, so the Minimum Amounts filter passes them; they go to Messages and Needs Attention', async () => {
		expect(isBelowMinimum(fmt(catchUp).metadata.amount, fmt(catchUp).metadata.currency, { USD: 1_000_000 })).toBe(false);
		const items = NOTICE_SAMPLES.map((s) => ({ json: s.notice as unknown as IDataObject }));
		const [messages, below, attention] = await new StripeBlockKit().execute.call(blockKitThis(items, { operation: 'formatEach', channel: '#payments', options: { minimumAmounts: 'USD:10000, EUR:10000' } }));
		expect(below).toEqual([]);
		expect(messages.map((m) => (m.json.metadata as IDataObject).event_type)).toEqual(NOTICE_SAMPLES.map((s) => s.notice.type));
		expect(attention.map((m) => (m.json.metadata as IDataObject).event_type)).toEqual(NOTICE_SAMPLES.map((s) => s.notice.type));
		expect(attention.map((m) => m.pairedItem)).toEqual(NOTICE_SAMPLES.map((_, item) => ({ item })));
	});

	it('also under "body" (a Webhook node) and in a summary', async () => {
		const [messages] = await new StripeBlockKit().execute.call(blockKitThis([{ json: { body: JSON.stringify(unhealthy) } }], { operation: 'formatEach' }));
		expect((messages[0].json.metadata as IDataObject).event_type).toBe('stripe_slack.endpoint_unhealthy');
		const summary = formatSummary(NOTICE_SAMPLES.map((s) => noticeAsEvent(s.notice)), { now: NOW });
		expect(validateMessage(summary.blocks, summary.text)).toEqual([]);
		expect(summary.metadata.event_count).toBe(NOTICE_SAMPLES.length);
	});
});

describe('noise gate: endpoint health passes a pause, catch-up reports are held', () => {
	it('during a pause, unhealthy and recovered post at once whatever the critical types; the catch-up note waits', async () => {
		const store = new MemoryNoiseStore();
		await store.setPause({ since: NOW - 1000, until: NOW + 3_600_000, by: 'U1' });
		const settings: NoiseSettings = { policy: parsePolicy({ criticalEventTypes: 'charge.dispute.*' }), timeZone: 'UTC' };
		const alerts = [unhealthy, recovered, catchUp].map((n) => {
			const m = fmt(n);
			return { channel: '#alerts', text: m.text, metadata: m.metadata };
		});
		const r = await gateAlerts(alerts, store, settings, NOW);
		expect(r.decisions.map((d) => d.action)).toEqual(['post', 'post', 'hold']);
		expect(r.decisions[0]).toMatchObject({ critical: 'Stripe webhook endpoint health' });
		expect(await store.heldCount()).toBe(1);
	});
});

describe('Product Router: notices go to the default channel, Stripe is never called', () => {
	it('unmatched with the reason, no fetch even when rules need line items', async () => {
		const stripe = new Proxy({}, { get: () => { throw new Error('Stripe must not be called for a notice'); } }) as unknown as Stripe;
		const rules = parseRules([{ name: 'Pro', field: 'product', values: 'Pro plan', channel: '#sales-pro' }]);
		for (const s of NOTICE_SAMPLES) {
			const r = await routeEvent(s.notice as TriggerNotice, { rules, mode: 'all', defaultChannel: '#payments', stripe });
			expect(r.matched).toEqual([]);
			expect(r.unmatched).toMatchObject({ channel: '#payments', lines: 'none', reason: expect.stringContaining('notice of the Stripe trigger') });
		}
	});
});
