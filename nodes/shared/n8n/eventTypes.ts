import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Choices of the "Event Types" list: whole groups (wildcards) first, then the common single events.
 * Any other type, or another pattern, can be typed into the "More Event Types" option.
 */
const GROUPS: Array<[string, string]> = [
	['*', 'All Events'],
	['charge.*', 'All Charge Events'],
	['charge.dispute.*', 'All Dispute Events'],
	['checkout.session.*', 'All Checkout Session Events'],
	['customer.*', 'All Customer Events (Including Subscriptions)'],
	['customer.subscription.*', 'All Subscription Events'],
	['invoice.*', 'All Invoice Events'],
	['payment_intent.*', 'All Payment Intent Events'],
	['payout.*', 'All Payout Events'],
	['refund.*', 'All Refund Events'],
];

const EVENTS: Array<[string, string]> = [
	['balance.available', 'Your balance has new money available to pay out'],
	['charge.captured', 'A previously authorized payment was captured'],
	['charge.dispute.closed', 'A dispute was closed (won, lost or accepted)'],
	['charge.dispute.created', 'A customer disputed a payment with their bank'],
	['charge.dispute.funds_reinstated', 'Disputed funds were returned to your balance'],
	['charge.dispute.funds_withdrawn', 'Disputed funds were taken from your balance'],
	['charge.dispute.updated', 'A dispute changed (for example, evidence was added)'],
	['charge.expired', 'An authorized payment expired without being captured'],
	['charge.failed', 'A payment attempt failed'],
	['charge.pending', 'A payment is pending'],
	['charge.refund.updated', 'A refund changed'],
	['charge.refunded', 'A payment was refunded, fully or partly'],
	['charge.succeeded', 'A payment succeeded'],
	['charge.updated', 'A payment’s description or metadata changed'],
	['checkout.session.async_payment_failed', 'A delayed Checkout payment failed'],
	['checkout.session.async_payment_succeeded', 'A delayed Checkout payment succeeded'],
	['checkout.session.completed', 'A customer completed Checkout'],
	['checkout.session.expired', 'A Checkout Session expired'],
	['credit_note.created', 'A credit note was issued'],
	['customer.created', 'A customer was created'],
	['customer.deleted', 'A customer was deleted'],
	['customer.source.expiring', 'A customer’s card is about to expire'],
	['customer.subscription.created', 'A subscription started'],
	['customer.subscription.deleted', 'A subscription ended'],
	['customer.subscription.paused', 'A subscription was paused'],
	['customer.subscription.pending_update_expired', 'A subscription’s pending update expired unpaid'],
	['customer.subscription.resumed', 'A subscription was resumed'],
	['customer.subscription.trial_will_end', 'A trial ends in three days'],
	['customer.subscription.updated', 'A subscription changed (plan, status, cancellation...)'],
	['customer.updated', 'A customer’s details changed'],
	['invoice.created', 'An invoice was created'],
	['invoice.finalization_failed', 'An invoice could not be finalized'],
	['invoice.finalized', 'A draft invoice was finalized'],
	['invoice.marked_uncollectible', 'An invoice was marked uncollectible'],
	['invoice.overdue', 'An invoice became overdue'],
	['invoice.overpaid', 'An invoice was paid more than it was due'],
	['invoice.paid', 'An invoice was paid'],
	['invoice.payment_action_required', 'An invoice payment needs the customer to act (for example 3D Secure)'],
	['invoice.payment_failed', 'An invoice payment failed'],
	['invoice.payment_succeeded', 'An invoice payment succeeded'],
	['invoice.sent', 'An invoice email was sent'],
	['invoice.upcoming', 'A subscription invoice will be created soon'],
	['invoice.updated', 'An invoice changed'],
	['invoice.voided', 'An invoice was voided'],
	['invoice.will_be_due', 'An invoice will be due soon'],
	['payment_intent.amount_capturable_updated', 'A payment can now be captured'],
	['payment_intent.canceled', 'A payment was canceled'],
	['payment_intent.created', 'A payment was started'],
	['payment_intent.payment_failed', 'A payment attempt failed'],
	['payment_intent.processing', 'A payment is processing'],
	['payment_intent.requires_action', 'A payment needs the customer to act'],
	['payment_intent.succeeded', 'A payment succeeded'],
	['payment_method.automatically_updated', 'A card’s details were updated by the card network'],
	['payout.canceled', 'A payout was canceled'],
	['payout.created', 'A payout was created'],
	['payout.failed', 'A payout failed'],
	['payout.paid', 'A payout is expected to be in the bank account'],
	['payout.updated', 'A payout changed'],
	['quote.accepted', 'A quote was accepted'],
	['radar.early_fraud_warning.created', 'A card issuer warned of possible fraud'],
	['refund.created', 'A refund was created'],
	['refund.failed', 'A refund failed'],
	['refund.updated', 'A refund changed'],
	['review.closed', 'A Radar review was closed'],
	['review.opened', 'A payment was held for Radar review'],
	['setup_intent.setup_failed', 'Saving a payment method failed'],
	['subscription_schedule.canceled', 'A subscription schedule was canceled'],
	['topup.failed', 'A top-up of your balance failed'],
	['transfer.reversed', 'A transfer was reversed'],
];

function title(value: string): string {
	return value
		.split(/[._]/)
		.map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
		.join(' ');
}

export const EVENT_TYPE_OPTIONS: INodePropertyOptions[] = [
	...GROUPS.map(([value, name]) => ({
		name: `${name} (${value})`,
		value,
		description: value === '*' ? 'Every event Stripe sends' : `Every event whose type starts with ${value.slice(0, -1)}`,
	})),
	...EVENTS.map(([value, description]) => ({ name: `${title(value)} (${value})`, value, description })).sort(
		(a, b) => a.name.localeCompare(b.name),
	),
];
