/**
 * What the Stripe stand-in's routes (stripe.ts) do to the objects: pay, send and void an invoice, refund a charge or
 * payment intent, capture a payment intent, approve a Radar review, cancel and update a subscription, close and
 * update a dispute, the balance. Errors and statuses as Stripe's.
 */
import { deepClone, type Obj } from './util';
import { missing, paramMissing, StripeError } from './stripeError';
import { mergeMetadata } from './stripeDesk';
import { StripeStore } from './stripeStore';

export class StripeOperations extends StripeStore {
	protected payInvoice(inv: Obj, p: Obj): Obj {
		if (inv.status === 'paid') throw new StripeError(400, 'invalid_request_error', 'Invoice is already paid', 'invoice_already_paid');
		if (inv.status !== 'open') {
			throw new StripeError(400, 'invalid_request_error', `You can only pay an invoice that is open; this invoice is ${inv.status}.`, 'invoice_not_open');
		}
		inv.attempt_count = (inv.attempt_count ?? 0) + 1;
		inv.attempted = true;
		if (inv.metadata?.sandbox_behaviour === 'card_declined' && p.paid_out_of_band !== 'true') {
			throw new StripeError(402, 'card_error', 'Your card was declined.', 'card_declined', undefined, true, { decline_code: 'generic_decline' });
		}
		inv.status = 'paid';
		inv.paid = true;
		inv.amount_paid = inv.amount_due;
		inv.amount_remaining = 0;
		inv.status_transitions = { ...(inv.status_transitions || {}), paid_at: this.nowSec() };
		inv.next_payment_attempt = null;
		return inv;
	}

	protected sendInvoice(inv: Obj): Obj {
		if (inv.status !== 'open' && inv.status !== 'draft') {
			throw new StripeError(400, 'invalid_request_error', `You can only send an invoice that is open. This invoice is ${inv.status}.`, 'invoice_not_open');
		}
		if (inv.status === 'draft') inv.status = 'open';
		inv.webhooks_delivered_at = inv.webhooks_delivered_at ?? this.nowSec();
		return inv;
	}

	/** Open or uncollectible → void; Stripe refuses any other status (a void invoice cannot be voided or paid again). */
	protected voidInvoice(inv: Obj): Obj {
		if (inv.status !== 'open' && inv.status !== 'uncollectible') {
			throw new StripeError(400, 'invalid_request_error',
				`You can only void an invoice in \`open\` or \`uncollectible\` status. This invoice is ${inv.status}.`, 'invoice_not_open');
		}
		inv.status = 'void';
		inv.amount_remaining = 0;
		inv.next_payment_attempt = null;
		inv.status_transitions = { ...(inv.status_transitions || {}), voided_at: this.nowSec() };
		return inv;
	}

	/** requires_capture → succeeded, amount_received = amount_to_capture (default: everything capturable). */
	protected capturePaymentIntent(pi: Obj, p: Obj): Obj {
		if (pi.status !== 'requires_capture') {
			throw new StripeError(400, 'invalid_request_error',
				`This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
				'payment_intent_unexpected_state', undefined, true, { payment_intent: deepClone(pi) });
		}
		const capturable = pi.amount_capturable ?? pi.amount;
		const amount = p.amount_to_capture !== undefined ? Number(p.amount_to_capture) : capturable;
		if (!Number.isInteger(amount) || amount <= 0) {
			throw new StripeError(400, 'invalid_request_error', 'Invalid positive integer', 'parameter_invalid_integer', 'amount_to_capture', false);
		}
		if (amount > capturable) {
			throw new StripeError(400, 'invalid_request_error',
				`The amount to capture (${amount}) is greater than the amount capturable (${capturable}).`, 'amount_too_large', 'amount_to_capture');
		}
		pi.status = 'succeeded';
		pi.amount_received = amount;
		pi.amount_capturable = 0;
		const ch = pi.latest_charge ? this.objects.get(pi.latest_charge) : undefined;
		if (ch && ch.object === 'charge') {
			ch.captured = true;
			ch.amount_captured = amount;
			ch.status = 'succeeded';
			ch.paid = true;
			if (amount < ch.amount) ch.amount_refunded = ch.amount - amount; // Stripe releases the rest
		}
		return pi;
	}

	/** An open review closes with reason `approved`; a closed one cannot be approved again. */
	protected approveReview(review: Obj): Obj {
		if (!review.open) {
			throw new StripeError(400, 'invalid_request_error', `This review is already closed (reason: ${review.closed_reason ?? review.reason}).`, 'review_already_closed');
		}
		review.open = false;
		review.closed_reason = 'approved';
		review.reason = 'approved';
		return review;
	}

	/** What a refund of a charge does to its Radar objects: open reviews close, early fraud warnings stop being actionable. */
	private afterRefund(ch: Obj, reason: unknown): void {
		for (const o of this.objects.values()) {
			if (o.charge !== ch.id) continue;
			if (o.object === 'review' && o.open) {
				o.open = false;
				o.closed_reason = reason === 'fraudulent' ? 'refunded_as_fraud' : 'refunded';
				o.reason = o.closed_reason;
			}
			if (o.object === 'radar.early_fraud_warning' && ch.refunded) o.actionable = false;
		}
	}

	protected createRefund(p: Obj): Obj {
		let chargeId: string | undefined = p.charge;
		if (!chargeId && p.payment_intent) {
			const pi = this.objects.get(p.payment_intent);
			if (!pi || pi.object !== 'payment_intent') throw missing('payment_intent', p.payment_intent, 'payment_intent');
			chargeId = pi.latest_charge;
			if (!chargeId) {
				throw new StripeError(400, 'invalid_request_error', `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'charge_not_refundable', 'payment_intent');
			}
		}
		if (!chargeId) throw paramMissing('charge');
		const ch = this.objects.get(chargeId);
		if (!ch || ch.object !== 'charge') throw missing('charge', chargeId, 'charge');
		const remaining = ch.amount - (ch.amount_refunded ?? 0);
		if (ch.refunded || remaining <= 0) {
			throw new StripeError(400, 'invalid_request_error', `Charge ${ch.id} has already been refunded.`, 'charge_already_refunded');
		}
		const amount = p.amount !== undefined ? Number(p.amount) : remaining;
		if (!Number.isInteger(amount) || amount <= 0) {
			throw new StripeError(400, 'invalid_request_error', 'Invalid positive integer', 'parameter_invalid_integer', 'amount', false);
		}
		if (amount > remaining) {
			throw new StripeError(400, 'invalid_request_error',
				`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, 'amount_too_large', 'amount');
		}
		const now = this.nowSec();
		const refund: Obj = {
			id: this.newId('re_'),
			object: 'refund',
			amount,
			balance_transaction: this.newId('txn_'),
			charge: ch.id,
			created: now,
			currency: ch.currency,
			metadata: p.metadata ?? {},
			payment_intent: ch.payment_intent ?? p.payment_intent ?? null,
			reason: p.reason ?? null,
			receipt_number: null,
			source_transfer_reversal: null,
			status: 'succeeded',
			transfer_reversal: null,
		};
		this.objects.set(refund.id, refund);
		ch.amount_refunded = (ch.amount_refunded ?? 0) + amount;
		ch.refunded = ch.amount_refunded >= ch.amount;
		if (ch.refunds && Array.isArray(ch.refunds.data)) {
			ch.refunds.data.unshift(refund);
			ch.refunds.total_count = ch.refunds.data.length;
		}
		this.afterRefund(ch, p.reason);
		this.balanceTransactions.unshift({
			id: refund.balance_transaction, object: 'balance_transaction', amount: -amount, available_on: now, created: now,
			currency: ch.currency, description: 'REFUND FOR CHARGE', exchange_rate: null, fee: 0, fee_details: [], net: -amount,
			reporting_category: 'refund', source: refund.id, status: 'available', type: 'refund',
		});
		return refund;
	}

	protected cancelSubscription(sub: Obj, p: Obj): Obj {
		if (sub.status === 'canceled') {
			throw new StripeError(400, 'invalid_request_error', `A canceled subscription can only update its cancellation_details and metadata.`, 'subscription_canceled');
		}
		const now = this.nowSec();
		sub.status = 'canceled';
		sub.canceled_at = now;
		sub.ended_at = now;
		sub.cancellation_details = { comment: p.cancellation_details?.comment ?? null, feedback: p.cancellation_details?.feedback ?? null, reason: 'cancellation_requested' };
		return sub;
	}

	protected updateSubscription(sub: Obj, p: Obj): Obj {
		const onlyMeta = Object.keys(p).every((k) => k === 'metadata' || k === 'cancellation_details' || k === 'expand');
		if (sub.status === 'canceled' && !onlyMeta) {
			throw new StripeError(400, 'invalid_request_error', 'A canceled subscription can only update its cancellation_details and metadata.');
		}
		if (p.cancel_at_period_end !== undefined) {
			const v = String(p.cancel_at_period_end);
			if (v !== 'true' && v !== 'false') throw new StripeError(400, 'invalid_request_error', 'Invalid boolean: ' + v, 'parameter_invalid_boolean', 'cancel_at_period_end', false);
			sub.cancel_at_period_end = v === 'true';
			const periodEnd = sub.items?.data?.[0]?.current_period_end ?? sub.current_period_end ?? this.nowSec() + 30 * 86400;
			sub.cancel_at = sub.cancel_at_period_end ? periodEnd : null;
			sub.canceled_at = sub.cancel_at_period_end ? this.nowSec() : null;
		}
		if (p.metadata) sub.metadata = mergeMetadata(sub.metadata, p.metadata);
		if (p.cancellation_details) sub.cancellation_details = { ...(sub.cancellation_details || {}), ...p.cancellation_details };
		return sub;
	}

	protected closeDispute(d: Obj): Obj {
		if (d.status !== 'needs_response' && d.status !== 'warning_needs_response') {
			throw new StripeError(400, 'invalid_request_error', `This dispute is already closed (status ${d.status}).`, 'dispute_already_closed');
		}
		d.status = d.status === 'warning_needs_response' ? 'warning_closed' : 'lost';
		d.is_charge_refundable = false;
		return d;
	}

	protected updateDispute(d: Obj, p: Obj): Obj {
		if (!['needs_response', 'warning_needs_response'].includes(d.status) && (p.evidence || p.submit)) {
			throw new StripeError(400, 'invalid_request_error', `This dispute is already closed (status ${d.status}).`, 'dispute_already_closed');
		}
		if (p.evidence) d.evidence = { ...(d.evidence || {}), ...p.evidence };
		if (p.metadata) d.metadata = mergeMetadata(d.metadata, p.metadata);
		if (String(p.submit) === 'true') {
			d.status = d.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
			d.evidence_details = { ...(d.evidence_details || {}), submission_count: (d.evidence_details?.submission_count ?? 0) + 1, has_evidence: true };
		}
		return d;
	}

	protected balance(): Obj {
		const sums = new Map<string, { available: number; pending: number }>();
		for (const t of this.balanceTransactions) {
			const s = sums.get(t.currency) ?? { available: 0, pending: 0 };
			if (t.status === 'available') s.available += t.net;
			else s.pending += t.net;
			sums.set(t.currency, s);
		}
		const list = (k: 'available' | 'pending') =>
			[...sums.entries()].map(([currency, s]) => ({ amount: s[k], currency, source_types: { card: s[k] } }));
		return { object: 'balance', available: list('available'), pending: list('pending'), livemode: false };
	}
}
