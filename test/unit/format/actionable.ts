/**
 * The events of issue #26 item 2 (the events a money team acts on), one case each (not a test file): Stripe's
 * example object of its type (test/fixtures/stripe/catalogue) with the fields that make the case, and what the
 * message must state. Used by actionable.test.ts and the gallery. "Now" is 2024-07-26T13:20:00Z.
 */
import { ACTIONS } from '../../../nodes/shared/actions';
import { envelope, exampleObject, NOW_S, stripeEventTypes } from './catalogue';

type J = Record<string, any>;
const DAY = 86400;

export interface Case {
	type: string;
	/** Fields of the example object set for the case (merged shallowly). */
	set: J;
	previous?: J;
	/** The title (header) starts with this. */
	title: string;
	amount?: string;
	date?: string;
	reason?: string;
	/** action_id → the object id it carries; `null`: that button must not be there. */
	buttons?: Record<string, string | null>;
	/** Other text that must be in the message. */
	also?: string[];
}

const INV = 'in_1Pgc6tB7WZ01zgkWu9fdqL6I';
const invoice = (extra: J): J => ({ id: INV, currency: 'usd', amount_due: 12345, amount_remaining: 12345, amount_paid: 0, status: 'open', due_date: NOW_S - 12 * DAY, ...extra });
/** A subscription as Stripe sends it for these events: the example's placeholder cancel, end, pause and update cleared. */
const sub = (extra: J): J => ({ cancel_at: null, canceled_at: null, ended_at: null, pause_collection: null, pending_update: null, trial_end: null, ...extra });
const card = { brand: 'visa', display_brand: 'visa', last4: '4242', exp_month: 11, exp_year: 2027, funding: 'credit', country: 'US' };

export const CASES: Case[] = [
	// invoices
	{ type: 'invoice.overdue', set: invoice({}), title: 'Invoice overdue: $123.45, due Jul 14, 2024 (12 days ago)', amount: '$123.45', date: 'Jul 14, 2024 (12 days ago)', buttons: { [ACTIONS.sendReminder]: INV, [ACTIONS.voidInvoice]: INV } },
	{ type: 'invoice.will_be_due', set: invoice({ due_date: NOW_S + 3 * DAY }), title: 'Invoice due soon: $123.45, due Jul 29, 2024 (in 3 days)', amount: '$123.45', date: 'Jul 29, 2024 (in 3 days)', buttons: { [ACTIONS.sendReminder]: INV } },
	{
		type: 'invoice.finalization_failed',
		set: invoice({ status: 'draft', last_finalization_error: { type: 'invalid_request_error', code: 'customer_tax_location_invalid', message: 'The customer address is not a recognized location.' } }),
		title: 'Invoice could not be finalized: $123.45',
		amount: '$123.45',
		reason: 'The customer’s location is not valid for automatic tax'.replace('’', "'"),
		buttons: { [ACTIONS.markHandled]: INV, [ACTIONS.voidInvoice]: null },
		also: ['The customer address is not a recognized location.'],
	},
	{ type: 'invoice.marked_uncollectible', set: invoice({ status: 'uncollectible' }), title: 'Invoice marked uncollectible: $123.45', amount: '$123.45', date: 'Jul 14, 2024 (12 days ago)', buttons: { [ACTIONS.voidInvoice]: INV } },
	{
		type: 'invoice.payment_action_required',
		set: invoice({ due_date: NOW_S + 5 * DAY }),
		title: 'Invoice needs customer authentication: $123.45, due Jul 31, 2024 (in 5 days)',
		amount: '$123.45',
		date: 'Jul 31, 2024 (in 5 days)',
		reason: 'The customer must authenticate the payment',
		buttons: { [ACTIONS.sendAuthenticationLink]: INV },
	},
	{ type: 'invoice.voided', set: invoice({ status: 'void' }), title: 'Invoice voided: $123.45', amount: '$123.45', also: ['Nothing to collect'], buttons: { [ACTIONS.voidInvoice]: null } },
	{ type: 'invoice.finalized', set: invoice({ due_date: NOW_S + 30 * DAY }), title: 'Invoice finalized: $123.45, due Aug 25, 2024 (in 30 days)', amount: '$123.45', date: 'Aug 25, 2024 (in 30 days)' },
	{ type: 'invoice.sent', set: invoice({ due_date: NOW_S + 14 * DAY }), title: 'Invoice sent: $123.45, due Aug 9, 2024 (in 14 days)', amount: '$123.45', date: 'Aug 9, 2024 (in 14 days)' },
	{ type: 'invoice.overpaid', set: invoice({ status: 'paid', amount_paid: 12845, amount_remaining: 0, amount_overpaid: 500 }), title: 'Invoice overpaid: $5.00', amount: '$5.00', also: ['$128.45', 'Refund the overpaid amount'] },
	// subscriptions
	{ type: 'customer.subscription.trial_will_end', set: sub({ status: 'trialing', trial_end: NOW_S + 3 * DAY }), title: 'Subscription trial ends soon: $20.00, trial ends Jul 29, 2024 (in 3 days)', amount: '$20.00 / month', date: 'Jul 29, 2024 (in 3 days)' },
	{ type: 'customer.subscription.paused', set: sub({ status: 'paused' }), title: 'Subscription paused: $20.00', amount: '$20.00', reason: 'Collection is paused' },
	{ type: 'customer.subscription.resumed', set: sub({ status: 'active' }), title: 'Subscription resumed: $20.00, next renewal', amount: '$20.00' },
	{ type: 'customer.subscription.pending_update_expired', set: sub({ pending_update: { expires_at: NOW_S - 2 * 3600 } }), title: 'Subscription update expired: $20.00', amount: '$20.00', date: '(2 hours ago)', reason: 'did not pay for the change' },
	{ type: 'subscription_schedule.canceled', set: { status: 'canceled', canceled_at: NOW_S - 3600, completed_at: null, released_at: null }, title: 'Subscription schedule canceled', date: 'Jul 26, 2024, 12:20 PM UTC (1 hour ago)', also: ['no further phases'] },
	// fraud and risk
	{
		type: 'radar.early_fraud_warning.created',
		set: { id: 'issfr_1Pgc79B7WZ01zgkWxwDzEIPX', actionable: true, fraud_type: 'made_with_stolen_card', charge: { id: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', object: 'charge', amount: 5000, currency: 'eur' } },
		title: 'Early fraud warning: €50.00',
		amount: '€50.00',
		reason: 'Made with a stolen card',
		buttons: { [ACTIONS.refundFraudWarning]: 'issfr_1Pgc79B7WZ01zgkWxwDzEIPX' },
		also: ['ch_1PgafuB7WZ01zgkWXYmPNZs8', 'cannot be disputed'],
	},
	{ type: 'radar.early_fraud_warning.created', set: { actionable: false, fraud_type: 'unauthorized_use_of_card' }, title: 'Early fraud warning', reason: 'The cardholder says they did not make it', buttons: { [ACTIONS.refundFraudWarning]: null } },
	{
		type: 'review.opened',
		set: { open: true, opened_reason: 'rule', reason: 'rule' },
		title: 'Payment held for review',
		reason: 'A Radar rule sent it to review',
		buttons: { [ACTIONS.approveReview]: 'prv_1Pgc79B7WZ01zgkWT6khp5C3', [ACTIONS.refund]: 'ch_1PgafuB7WZ01zgkWXYmPNZs8' },
	},
	{ type: 'review.closed', set: { open: false, closed_reason: 'refunded_as_fraud', reason: 'refunded_as_fraud' }, title: 'Payment review closed', reason: 'Refunded as fraud', buttons: { [ACTIONS.approveReview]: null } },
	// disputes
	{
		type: 'charge.dispute.funds_withdrawn',
		set: { amount: 1000, currency: 'usd', status: 'needs_response', reason: 'fraudulent', evidence_details: { due_by: NOW_S + 9 * DAY, has_evidence: false, past_due: false, submission_count: 0 }, balance_transactions: [{ amount: -1000, fee: 1500, currency: 'usd' }] },
		title: 'Dispute: funds withdrawn: $10.00',
		amount: 'withdrawn: $10.00 + $15.00 fee',
		date: 'Aug 4, 2024, 01:20 PM UTC (in 9 days)',
		reason: 'The cardholder says they did not make the payment',
	},
	{ type: 'charge.dispute.funds_reinstated', set: { amount: 1000, currency: 'usd', status: 'won', reason: 'product_not_received', balance_transactions: [{ amount: 1000, fee: 0, currency: 'usd' }] }, title: 'Dispute: funds reinstated: $10.00', amount: 'returned: $10.00', reason: 'did not receive the product' },
	{ type: 'charge.dispute.closed', set: { amount: 1000, currency: 'usd', status: 'won', reason: 'fraudulent' }, title: 'Dispute won: $10.00', amount: '$10.00', reason: 'Fraudulent' },
	{ type: 'charge.dispute.closed', set: { amount: 1000, currency: 'usd', status: 'lost', reason: 'duplicate' }, title: 'Dispute lost: $10.00', amount: '$10.00', reason: 'Duplicate' },
	// refunds
	{ type: 'refund.failed', set: { amount: 2500, currency: 'gbp', status: 'failed', failure_reason: 'expired_or_canceled_card' }, title: 'Refund failed: £25.00', amount: '£25.00', reason: 'The card has expired or was canceled', buttons: { [ACTIONS.markHandled]: 're_1Pgc72B7WZ01zgkWqPvrRrPE' } },
	{ type: 'charge.refund.updated', set: { amount: 2500, currency: 'gbp', status: 'failed', failure_reason: 'lost_or_stolen_card' }, previous: { status: 'pending' }, title: 'Refund failed: £25.00', amount: '£25.00', reason: 'The card was reported lost or stolen', also: ['Pending → Failed'] },
	// payment methods
	{ type: 'payment_method.automatically_updated', set: { type: 'card', card }, title: 'Card updated by the card network', reason: 'Visa •••• 4242', date: '11/2027 (in 1,222 days)' },
	{ type: 'customer.source.expiring', set: { brand: 'Visa', last4: '4242', exp_month: 8, exp_year: 2024 }, title: 'Card expiring soon: expires 08/2024 (in 36 days)', date: '08/2024 (in 36 days)', reason: 'Visa •••• 4242' },
	{
		type: 'setup_intent.setup_failed',
		set: { status: 'requires_payment_method', last_setup_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } },
		title: 'Card setup failed',
		reason: 'The card has insufficient funds',
	},
	// checkout
	{ type: 'checkout.session.async_payment_failed', set: { amount_total: 4999, currency: 'usd', payment_status: 'unpaid' }, title: 'Checkout delayed payment failed: $49.99', amount: '$49.99', reason: 'The delayed payment', buttons: { [ACTIONS.markHandled]: 'pi_1PgafyB7WZ01zgkWSjxsAJo3' } },
	{ type: 'checkout.session.async_payment_succeeded', set: { amount_total: 4999, currency: 'usd', payment_status: 'paid' }, title: 'Checkout delayed payment succeeded: $49.99', amount: '$49.99', reason: 'fulfil the order' },
	{ type: 'checkout.session.expired', set: { amount_total: 4999, currency: 'usd', status: 'expired', expires_at: NOW_S - 3600 }, title: 'Checkout expired unpaid: $49.99', amount: '$49.99', date: 'Jul 26, 2024, 12:20 PM UTC (1 hour ago)' },
	// payment intents and charges
	{ type: 'payment_intent.requires_action', set: { status: 'requires_action', next_action: { type: 'use_stripe_sdk' } }, title: 'Payment needs customer action: $10.99', amount: '$10.99', reason: 'The customer must authenticate the payment (3D Secure)' },
	{ type: 'payment_intent.canceled', set: { status: 'canceled', cancellation_reason: 'abandoned' }, title: 'Payment canceled: $10.99', amount: '$10.99', reason: 'Abandoned by the customer' },
	{ type: 'payment_intent.processing', set: { status: 'processing' }, title: 'Payment processing: $10.99', amount: '$10.99', reason: 'being confirmed by the bank' },
	{
		type: 'payment_intent.amount_capturable_updated',
		set: { status: 'requires_capture', amount: 7500, amount_capturable: 7500, currency: 'usd', created: NOW_S - DAY },
		title: 'Payment authorized, ready to capture: $75.00, capture before Aug 1, 2024 (in 6 days)',
		amount: '$75.00',
		date: 'Aug 1, 2024, 01:20 PM UTC (in 6 days)',
		buttons: { [ACTIONS.capturePayment]: 'pi_1PgafyB7WZ01zgkWSjxsAJo3' },
	},
	{ type: 'charge.captured', set: { amount: 3000, amount_captured: 3000, captured: true, currency: 'usd' }, title: 'Charge captured: $30.00', amount: '$30.00' },
	{ type: 'charge.expired', set: { amount: 3000, amount_captured: 0, captured: false, status: 'failed', currency: 'usd' }, title: 'Charge expired: $30.00', amount: '$30.00', reason: 'no money was taken' },
	{ type: 'charge.pending', set: { amount: 3000, status: 'pending', currency: 'usd' }, title: 'Charge pending: $30.00', amount: '$30.00', reason: 'takes a few days to confirm' },
	// payouts and balance
	{ type: 'payout.created', set: { amount: 125000, currency: 'jpy', status: 'pending', arrival_date: NOW_S + 2 * DAY }, title: 'Payout created: ¥125,000, arrives Jul 28, 2024 (in 2 days)', amount: '¥125,000', date: 'Jul 28, 2024 (in 2 days)' },
	{ type: 'payout.canceled', set: { amount: 125000, currency: 'jpy', status: 'canceled', arrival_date: NOW_S + 2 * DAY }, title: 'Payout canceled: ¥125,000', amount: '¥125,000', reason: 'stays in your Stripe balance' },
	{ type: 'payout.failed', set: { amount: 125000, currency: 'jpy', status: 'failed', failure_code: 'account_closed', failure_message: 'The bank account has been closed.' }, title: 'Payout failed: ¥125,000', amount: '¥125,000', reason: 'The bank account has been closed' },
	{
		type: 'balance.available',
		set: { available: [{ amount: 123456, currency: 'usd' }, { amount: 5000, currency: 'eur' }, { amount: 1500, currency: 'kwd' }], pending: [{ amount: 2000, currency: 'usd' }] },
		title: 'Balance available: $1,234.56',
		amount: '$1,234.56',
		also: ['€50.00', 'KWD', '1.500', '$20.00'],
	},
	{ type: 'topup.failed', set: { amount: 50000, currency: 'usd', status: 'failed', failure_code: 'insufficient_funds', failure_message: 'Insufficient funds in the bank account.' }, title: 'Top-up failed: $500.00', amount: '$500.00', reason: 'The card has insufficient funds' },
	{ type: 'transfer.reversed', set: { amount: 1100, amount_reversed: 1100, reversed: true, currency: 'usd' }, title: 'Transfer reversed: $11.00', amount: '$11.00', reason: 'Fully reversed' },
	// credit notes and quotes
	{ type: 'credit_note.created', set: { total: 1690, currency: 'usd', reason: 'product_unsatisfactory' }, title: 'Credit note created: $16.90', amount: '$16.90', reason: 'The customer was not satisfied with the product' },
	{ type: 'quote.accepted', set: { amount_total: 99900, currency: 'usd', status: 'accepted' }, title: 'Quote accepted: $999.00', amount: '$999.00', reason: 'Stripe creates the invoice' },
];

const objectOf = new Map(stripeEventTypes().map((t) => [t.type, t.object]));

export function build(c: Case): J {
	const obj = exampleObject(objectOf.get(c.type)!)!;
	return envelope(c.type, { ...obj, ...c.set }, c.previous);
}

