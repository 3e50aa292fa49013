import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { TEMPLATES } from '../../../nodes/shared/format/templates/router';
import { validateMessage } from '../../../nodes/shared/format/limits';
import { MONEY_MOVING_ACTIONS } from '../../../nodes/shared/actions';
import { allEvents, legacyEvents, NOW } from './fixtures';

const cases = allEvents();

describe('templates: snapshots over the shared fixtures (and synthetic events for types without one)', () => {
	it.each(cases.map((c) => [c.name, c.event]))('%s (detailed)', (_name, event) => {
		const m = formatStripeEvent(event, { now: NOW });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(m).toMatchSnapshot();
	});
	it.each(cases.map((c) => [c.name, c.event]))('%s (compact, strict)', (_name, event) => {
		const m = formatStripeEvent(event, { now: NOW, layout: 'compact', redaction: 'strict', showCardLast4: false });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(m).toMatchSnapshot();
	});
});

describe('templates: coverage and behaviour', () => {
	it('has a template for every required type', () => {
		for (const t of [
			'payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.succeeded', 'charge.failed', 'charge.refunded',
			'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'invoice.paid', 'invoice.payment_failed',
			'invoice.upcoming', 'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
			'checkout.session.completed', 'customer.updated', 'payout.paid', 'payout.failed',
		])
			expect(TEMPLATES[t]).toBeDefined();
	});

	it('every fixture renders with every option combination within limits', () => {
		for (const { event } of [...cases, ...legacyEvents()])
			for (const layout of ['compact', 'detailed'] as const)
				for (const redaction of ['minimal', 'standard', 'strict'] as const) {
					const m = formatStripeEvent(event, { now: NOW, layout, redaction, titlePrefix: '[ACME]', locale: 'de-DE', channel: '#pay' });
					expect(validateMessage(m.blocks, m.text)).toEqual([]);
					expect(m.channel).toBe('#pay');
				}
	});

	it('legacy 2012 events (old shapes, retired types) do not crash', () => {
		for (const { name, event } of legacyEvents()) {
			const m = formatStripeEvent(event, { now: NOW });
			expect(m.text.length).toBeGreaterThan(0);
			expect(m.metadata.event_type).toBe(name.replace('legacy/', ''));
		}
	});

	it('money-moving buttons always carry a confirm dialog; values are object ids', () => {
		for (const { event } of cases) {
			const m = formatStripeEvent(event, { now: NOW });
			for (const b of m.blocks) {
				if (b.type !== 'actions') continue;
				for (const e of b.elements) {
					expect(e.action_id.startsWith('stripe_slack.')).toBe(true);
					expect(e.value).toMatch(/^[a-z]+_[A-Za-z0-9_]+$/);
					if (MONEY_MOVING_ACTIONS.has(e.action_id)) expect(e.confirm).toBeDefined();
				}
			}
		}
	});

	it('dispute shows evidence deadline and time left relative to `now`', () => {
		const dispute = cases.find((c) => c.name === 'charge.dispute.created')!.event;
		const m = formatStripeEvent(dispute, { now: NOW });
		const all = JSON.stringify(m.blocks);
		expect(all).toContain('Evidence due');
		expect(all).toContain('in 19 days');
		expect(m.metadata.severity).toBe('critical');
		expect(m.metadata.category).toBe('dispute');
	});

	it('dashboard links: test path, live path, Connect account', () => {
		const kwd = cases.find((c) => c.name.startsWith('payment_intent.succeeded (KWD'))!.event;
		const m = formatStripeEvent(kwd, { now: NOW });
		expect(JSON.stringify(m.blocks)).toContain('https://dashboard.stripe.com/acct_1Connected000001/payments/pi_');
		expect(JSON.stringify(m.blocks)).toContain('KWD');
		const t = formatStripeEvent(cases[0].event, { now: NOW });
		expect(JSON.stringify(t.blocks)).toContain('https://dashboard.stripe.com/test/');
	});

	it('customer.updated diff is redacted', () => {
		const cu = cases.find((c) => c.name === 'customer.updated')!.event;
		for (const redaction of ['minimal', 'standard', 'strict'] as const) {
			const s = JSON.stringify(formatStripeEvent(cu, { now: NOW, redaction }));
			expect(s).not.toContain('jenny.rosen@example.com');
			expect(s).not.toContain('4155550123');
			expect(s).not.toContain('510 Townsend');
			expect(s).not.toContain('94103');
			if (redaction === 'strict') expect(s).not.toContain('Jenny Rosen');
		}
	});

	it('never leaks client_secret, fingerprint or receipt_url', () => {
		for (const { event } of cases) {
			const s = JSON.stringify(formatStripeEvent(event, { now: NOW, allowFields: ['*', 'payment_method_details.card.fingerprint', 'client_secret', 'receipt_url'] }));
			expect(s).not.toMatch(/_secret_|AOB934RVNwzk6xtn|pay\.stripe\.com\/receipts/);
		}
	});

	it('unknown types use the generic template, unless their object has a renderer; non-events throw', () => {
		const m = formatStripeEvent({ type: 'acme.widget.created', data: { object: { id: 'wid_123', object: 'acme.widget' } } }, { now: NOW });
		expect(m.text).toContain('Acme widget created');
		// A type no table knows, carrying an object a renderer knows: the object's renderer.
		const efw = formatStripeEvent({ type: 'radar.early_fraud_warning.escalated', data: { object: { id: 'issfr_123', object: 'radar.early_fraud_warning', fraud_type: 'made_with_stolen_card' } } }, { now: NOW });
		expect(efw.text).toContain('Early fraud warning escalated');
		expect(efw.text).toContain('Made with a stolen card');
		expect(() => formatStripeEvent({ hello: 'world' })).toThrow(/Not a Stripe event/);
		expect(() => formatStripeEvent(null)).toThrow(/Not a Stripe event/);
	});
});
