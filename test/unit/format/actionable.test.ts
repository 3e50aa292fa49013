/**
 * Issue #26, item 2: the events a money team acts on, fact by fact (the cases are in actionable.ts). Each event is
 * Stripe's example object of its type with the fields that make the case set; the message must state the amount
 * in its currency, the date that matters with the time left or past, the reason in words (never the raw code
 * alone), and carry the next-step button, with the object id it acts on, where one exists.
 */
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { validateMessage } from '../../../nodes/shared/format/limits';
import type { SlackMessage } from '../../../nodes/shared/format/types';
import { build, CASES } from './actionable';
import { NOW, stripeEventTypes } from './catalogue';

type J = Record<string, any>;
const objectOf = new Map(stripeEventTypes().map((t) => [t.type, t.object]));

function buttons(m: SlackMessage): Map<string, string | undefined> {
	const out = new Map<string, string | undefined>();
	for (const b of m.blocks) if (b.type === 'actions') for (const e of b.elements) out.set(e.action_id, e.value);
	return out;
}

describe('the events a money team acts on (#26 item 2), fact by fact', () => {
	it('covers every event the issue lists', () => {
		const listed = 'invoice.overdue invoice.will_be_due invoice.finalization_failed invoice.marked_uncollectible invoice.payment_action_required invoice.voided invoice.finalized invoice.sent invoice.overpaid customer.subscription.trial_will_end customer.subscription.paused customer.subscription.resumed customer.subscription.pending_update_expired subscription_schedule.canceled radar.early_fraud_warning.created review.opened review.closed charge.dispute.funds_withdrawn charge.dispute.funds_reinstated charge.dispute.closed refund.failed charge.refund.updated payment_method.automatically_updated customer.source.expiring setup_intent.setup_failed checkout.session.async_payment_failed checkout.session.async_payment_succeeded checkout.session.expired payment_intent.requires_action payment_intent.canceled payment_intent.processing payment_intent.amount_capturable_updated charge.captured charge.expired charge.pending payout.created payout.canceled payout.failed balance.available topup.failed transfer.reversed credit_note.created quote.accepted'.split(' ');
		expect(listed.filter((t) => !CASES.some((c) => c.type === t))).toEqual([]);
		for (const t of listed) expect(objectOf.has(t)).toBe(true);
	});

	it.each(CASES.map((c) => [c.title, c]))('%s', (_title, c) => {
		const m = formatStripeEvent(build(c), { now: NOW });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		const header = (m.blocks.find((b) => b.type === 'header') as J).text.text as string;
		expect(header.replace(/^\S+ /, '').startsWith(c.title)).toBe(true);
		const text = JSON.stringify(m.blocks).replace(/\\n/g, '\n');
		for (const [what, v] of [['amount', c.amount], ['date', c.date], ['reason', c.reason], ...(c.also ?? []).map((a) => ['text', a])] as Array<[string, string | undefined]>)
			if (v !== undefined && !text.includes(v)) throw new Error(`${c.type}: the ${what} "${v}" is not in the message:\n${text.slice(0, 1500)}`);
		const got = buttons(m);
		for (const [action, id] of Object.entries(c.buttons ?? {})) {
			if (id === null) expect(got.has(action)).toBe(false);
			else expect(got.get(action)).toBe(id);
		}
	});
});
