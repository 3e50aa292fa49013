/**
 * Sandbox event builders: one Stripe event for each type a money team acts on (issue #26, item 2), each built
 * around Stripe's own example object of its type (test/fixtures/stripe/fixtures3-examples/objects.json, copied
 * verbatim from stripe/openapi fixtures3.json; see SOURCES.md) with the fields the event is about set to fit it.
 *
 * Ids are fixed, so the objects of these events and the sandbox's Stripe agree: `seedEventObjects` puts every
 * object here into the sandbox in the state its event shows (an open overdue invoice, an uncaptured payment
 * intent, an open Radar review, an actionable early fraud warning and its charge, ...), so each button on
 * their messages acts on a real object. `npm run send-event -- <type>` uses `buildEvent` for these types.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deepClone, type Obj } from './util';

export const FIXTURE_EVENTS_DIR = join(__dirname, '..', 'test', 'fixtures', 'stripe');
export const EXAMPLES_FILE = join(FIXTURE_EVENTS_DIR, 'fixtures3-examples', 'objects.json');

/** The customer of these events (not the fixtures' Jenny Rosen, whose billing card the desk tests know by heart). */
const CUSTOMER = 'cus_sandbox_events';
const DAY = 86400;
const PLACEHOLDER_TIME = 1234567890;

/** The ids the buttons of #26 act on. */
export const ACTION_OBJECTS = {
	review: 'prv_sandbox_open',
	reviewCharge: 'ch_sandbox_review',
	earlyFraudWarning: 'issfr_sandbox_actionable',
	fraudCharge: 'ch_sandbox_fraud',
	uncapturedPayment: 'pi_sandbox_uncaptured',
	uncapturedCharge: 'ch_sandbox_uncaptured',
	overdueInvoice: 'in_sandbox_overdue',
	authenticationInvoice: 'in_sandbox_needs_auth',
} as const;

let cache: Obj | undefined;
function examples(): Obj {
	cache ??= JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')).resources as Obj;
	return cache;
}

/** Stripe's example object of a type, its placeholder times (1234567890) set to an hour ago. */
function example(type: string, now: number): Obj {
	const fix = (v: unknown): unknown => {
		if (v === PLACEHOLDER_TIME) return now - 3600;
		if (Array.isArray(v)) return v.map(fix);
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fix(x)]));
		return v;
	};
	return fix(deepClone(examples()[type])) as Obj;
}

interface Built {
	object: Obj;
	previous?: Obj;
	/** Other objects the event refers to (the charge of a review), seeded with it. */
	related?: Obj[];
}

type Builder = (now: number) => Built;

function invoice(now: number, id: string, fields: Obj): Obj {
	const inv = example('invoice', now);
	return {
		...inv,
		id,
		customer: CUSTOMER,
		number: `SANDBOX-${id.slice(11).toUpperCase().slice(0, 12)}`,
		hosted_invoice_url: `https://invoice.stripe.com/i/acct_sandbox/test_${id}`,
		invoice_pdf: `https://pay.stripe.com/invoice/acct_sandbox/test_${id}/pdf`,
		amount_overpaid: 0,
		webhooks_delivered_at: now - 3600,
		status_transitions: { finalized_at: now - 30 * DAY, marked_uncollectible_at: null, paid_at: null, voided_at: null },
		...fields,
	};
}
const open = (amount: number, extra: Obj = {}): Obj => ({ status: 'open', amount_due: amount, amount_remaining: amount, amount_paid: 0, total: amount, subtotal: amount, ...extra });

function charge(now: number, id: string, amount: number, extra: Obj = {}): Obj {
	return {
		...example('charge', now),
		id,
		amount,
		amount_captured: amount,
		amount_refunded: 0,
		captured: true,
		customer: CUSTOMER,
		refunded: false,
		status: 'succeeded',
		refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/charges/${id}/refunds` },
		...extra,
	};
}

function subscription(now: number, id: string, fields: Obj): Obj {
	return { ...example('subscription', now), id, customer: CUSTOMER, ...fields };
}

function paymentIntent(now: number, id: string, amount: number, fields: Obj): Obj {
	return { ...example('payment_intent', now), id, amount, customer: CUSTOMER, client_secret: `${id}_secret_sandbox`, ...fields };
}

function dispute(now: number, id: string, fields: Obj): Obj {
	return {
		...example('dispute', now),
		id,
		amount: 4500,
		charge: 'ch_sandbox_disputed',
		payment_intent: null,
		reason: 'fraudulent',
		evidence_details: { due_by: now + 7 * DAY, has_evidence: false, past_due: false, submission_count: 0 },
		...fields,
	};
}

function session(now: number, id: string, fields: Obj): Obj {
	return { ...example('checkout.session', now), id, customer: CUSTOMER, currency: 'usd', mode: 'payment', status: 'complete', ...fields };
}

const payout = (now: number, id: string, fields: Obj): Obj => ({ ...example('payout', now), id, amount: 250000, arrival_date: now + 2 * DAY, ...fields });

const lastYear = (now: number) => new Date(now * 1000).getUTCFullYear();

/** The builders, by event type. */
export const EVENT_BUILDERS: Record<string, Builder> = {
	// Invoices
	'invoice.overdue': (now) => ({
		object: invoice(now, ACTION_OBJECTS.overdueInvoice, open(12345, { due_date: now - 12 * DAY, collection_method: 'send_invoice', attempt_count: 2, attempted: true })),
	}),
	'invoice.will_be_due': (now) => ({ object: invoice(now, 'in_sandbox_will_be_due', open(5000, { due_date: now + 3 * DAY, collection_method: 'send_invoice' })) }),
	'invoice.finalization_failed': (now) => ({
		object: invoice(now, 'in_sandbox_finalization_failed', {
			status: 'draft',
			amount_due: 8800,
			amount_remaining: 8800,
			total: 8800,
			last_finalization_error: {
				type: 'invalid_request_error',
				code: 'customer_tax_location_invalid',
				message: "The customer's location isn't recognized, so tax can't be calculated.",
				doc_url: 'https://stripe.com/docs/error-codes/customer-tax-location-invalid',
			},
		}),
	}),
	'invoice.marked_uncollectible': (now) => ({
		object: invoice(now, 'in_sandbox_uncollectible', { ...open(7500), status: 'uncollectible', attempt_count: 4, attempted: true }),
		previous: { status: 'open' },
	}),
	'invoice.payment_action_required': (now) => ({
		object: invoice(now, ACTION_OBJECTS.authenticationInvoice, open(4900, { due_date: null, attempt_count: 1, attempted: true, billing_reason: 'subscription_cycle' })),
	}),
	'invoice.voided': (now) => ({
		object: invoice(now, 'in_sandbox_voided', { ...open(3000), status: 'void', status_transitions: { finalized_at: now - 9 * DAY, marked_uncollectible_at: null, paid_at: null, voided_at: now - 60 } }),
		previous: { status: 'open' },
	}),
	'invoice.finalized': (now) => ({ object: invoice(now, 'in_sandbox_finalized', open(2500, { due_date: now + 30 * DAY })), previous: { status: 'draft' } }),
	'invoice.sent': (now) => ({ object: invoice(now, 'in_sandbox_sent', open(6000, { due_date: now + 14 * DAY, collection_method: 'send_invoice' })) }),
	'invoice.overpaid': (now) => ({
		object: invoice(now, 'in_sandbox_overpaid', { status: 'paid', amount_due: 10000, amount_paid: 11000, amount_remaining: 0, amount_overpaid: 1000, total: 10000 }),
	}),
	// Subscriptions
	'customer.subscription.trial_will_end': (now) => ({ object: subscription(now, 'sub_sandbox_trial', { status: 'trialing', trial_start: now - 11 * DAY, trial_end: now + 3 * DAY }) }),
	'customer.subscription.paused': (now) => ({
		object: subscription(now, 'sub_sandbox_paused', { status: 'paused', pause_collection: null, trial_end: now - 60 }),
		previous: { status: 'trialing' },
	}),
	'customer.subscription.resumed': (now) => ({ object: subscription(now, 'sub_sandbox_resumed', { status: 'active' }), previous: { status: 'paused' } }),
	'customer.subscription.pending_update_expired': (now) => ({
		object: subscription(now, 'sub_sandbox_pending_update', {
			status: 'active',
			pending_update: { billing_cycle_anchor: null, expires_at: now - 60, subscription_items: [], trial_end: null, trial_from_plan: null },
		}),
	}),
	'subscription_schedule.canceled': (now) => ({
		object: { ...example('subscription_schedule', now), id: 'sub_sched_sandbox_canceled', status: 'canceled', canceled_at: now - 60, customer: CUSTOMER },
		previous: { status: 'active' },
	}),
	// Fraud and risk
	'radar.early_fraud_warning.created': (now) => ({
		object: { ...example('radar.early_fraud_warning', now), id: ACTION_OBJECTS.earlyFraudWarning, charge: ACTION_OBJECTS.fraudCharge, actionable: true, fraud_type: 'made_with_stolen_card', payment_intent: null },
		related: [charge(now, ACTION_OBJECTS.fraudCharge, 12345)],
	}),
	'review.opened': (now) => ({
		object: { ...example('review', now), id: ACTION_OBJECTS.review, charge: ACTION_OBJECTS.reviewCharge, payment_intent: null, open: true, reason: 'rule', opened_reason: 'rule', closed_reason: null },
		related: [charge(now, ACTION_OBJECTS.reviewCharge, 4200)],
	}),
	'review.closed': (now) => ({
		object: { ...example('review', now), id: 'prv_sandbox_closed', charge: 'ch_sandbox_review_closed', payment_intent: null, open: false, reason: 'approved', opened_reason: 'rule', closed_reason: 'approved' },
		previous: { open: true, reason: 'rule' },
		related: [charge(now, 'ch_sandbox_review_closed', 3100)],
	}),
	// Disputes
	'charge.dispute.funds_withdrawn': (now) => ({
		object: dispute(now, 'du_sandbox_funds_withdrawn', { status: 'needs_response' }),
		related: [charge(now, 'ch_sandbox_disputed', 4500, { disputed: true })],
	}),
	'charge.dispute.funds_reinstated': (now) => ({ object: dispute(now, 'du_sandbox_funds_reinstated', { status: 'won' }) }),
	'charge.dispute.closed': (now) => ({ object: dispute(now, 'du_sandbox_closed', { status: 'lost' }), previous: { status: 'under_review' } }),
	// Refunds
	'refund.failed': (now) => ({
		object: { ...example('refund', now), id: 're_sandbox_failed', amount: 2500, status: 'failed', failure_reason: 'expired_or_canceled_card', charge: 'ch_sandbox_refunds' },
		previous: { status: 'pending' },
		related: [charge(now, 'ch_sandbox_refunds', 4000)],
	}),
	'charge.refund.updated': (now) => ({
		object: { ...example('refund', now), id: 're_sandbox_updated', amount: 1500, status: 'failed', failure_reason: 'lost_or_stolen_card', charge: 'ch_sandbox_refunds' },
		previous: { status: 'pending' },
	}),
	// Payment methods
	'payment_method.automatically_updated': (now) => {
		const pm = example('payment_method', now);
		return {
			object: { ...pm, id: 'pm_sandbox_updated', customer: CUSTOMER, card: { ...pm.card, exp_month: 9, exp_year: lastYear(now) + 4 } },
			previous: { card: { exp_month: 8, exp_year: lastYear(now) } },
		};
	},
	'customer.source.expiring': (now) => ({
		object: { ...example('card', now), id: 'card_sandbox_expiring', customer: CUSTOMER, exp_month: new Date(now * 1000).getUTCMonth() + 1, exp_year: lastYear(now) },
	}),
	'setup_intent.setup_failed': (now) => ({
		object: {
			...example('setup_intent', now),
			id: 'seti_sandbox_failed',
			customer: CUSTOMER,
			status: 'requires_payment_method',
			last_setup_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
		},
	}),
	// Checkout
	'checkout.session.async_payment_failed': (now) => ({ object: session(now, 'cs_test_sandbox_async_failed', { amount_total: 3000, amount_subtotal: 3000, payment_status: 'unpaid' }) }),
	'checkout.session.async_payment_succeeded': (now) => ({ object: session(now, 'cs_test_sandbox_async_succeeded', { amount_total: 3000, amount_subtotal: 3000, payment_status: 'paid' }) }),
	'checkout.session.expired': (now) => ({
		object: session(now, 'cs_test_sandbox_expired', { amount_total: 4500, amount_subtotal: 4500, payment_status: 'unpaid', status: 'expired', expires_at: now - 60 }),
	}),
	// Payment intents and charges
	'payment_intent.requires_action': (now) => ({
		object: paymentIntent(now, 'pi_sandbox_requires_action', 2000, { status: 'requires_action', next_action: { type: 'use_stripe_sdk', use_stripe_sdk: {} } }),
	}),
	'payment_intent.canceled': (now) => ({
		object: paymentIntent(now, 'pi_sandbox_canceled', 1500, { status: 'canceled', cancellation_reason: 'abandoned', canceled_at: now - 60 }),
	}),
	'payment_intent.processing': (now) => ({
		object: paymentIntent(now, 'pi_sandbox_processing', 8000, { status: 'processing', payment_method_types: ['us_bank_account'] }),
	}),
	'payment_intent.amount_capturable_updated': (now) => ({
		object: paymentIntent(now, ACTION_OBJECTS.uncapturedPayment, 5000, {
			status: 'requires_capture',
			capture_method: 'manual',
			amount_capturable: 5000,
			amount_received: 0,
			canceled_at: null,
			latest_charge: ACTION_OBJECTS.uncapturedCharge,
		}),
		related: [charge(now, ACTION_OBJECTS.uncapturedCharge, 5000, { amount_captured: 0, captured: false, payment_intent: ACTION_OBJECTS.uncapturedPayment })],
	}),
	'charge.captured': (now) => ({ object: charge(now, 'ch_sandbox_captured', 6000), previous: { captured: false, amount_captured: 0 } }),
	'charge.expired': (now) => ({ object: charge(now, 'ch_sandbox_expired', 7000, { captured: false, amount_captured: 0, refunded: true, amount_refunded: 7000 }) }),
	'charge.pending': (now) => ({ object: charge(now, 'ch_sandbox_pending', 9900, { status: 'pending', paid: false }) }),
	// Payouts and balance
	'payout.created': (now) => ({ object: payout(now, 'po_sandbox_created', { status: 'pending' }) }),
	'payout.canceled': (now) => ({ object: payout(now, 'po_sandbox_canceled', { status: 'canceled' }), previous: { status: 'pending' } }),
	'payout.failed': (now) => ({
		object: payout(now, 'po_sandbox_failed', { status: 'failed', failure_code: 'account_closed', failure_message: 'The bank account has been closed.' }),
		previous: { status: 'in_transit' },
	}),
	'balance.available': (now) => ({
		object: {
			...example('balance', now),
			available: [
				{ amount: 1234567, currency: 'usd', source_types: { card: 1234567 } },
				{ amount: 250000, currency: 'eur', source_types: { card: 250000 } },
			],
			pending: [{ amount: 50000, currency: 'usd', source_types: { card: 50000 } }],
		},
	}),
	'topup.failed': (now) => ({
		object: { ...example('topup', now), id: 'tu_sandbox_failed', status: 'failed', failure_code: 'insufficient_funds', failure_message: 'The bank account has insufficient funds.' },
	}),
	'transfer.reversed': (now) => ({ object: { ...example('transfer', now), id: 'tr_sandbox_reversed', amount_reversed: 1100, reversed: true }, previous: { amount_reversed: 0, reversed: false } }),
	'credit_note.created': (now) => ({
		object: { ...example('credit_note', now), id: 'cn_sandbox_created', invoice: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I', reason: 'product_unsatisfactory' },
	}),
	'quote.accepted': (now) => ({
		object: { ...example('quote', now), id: 'qt_sandbox_accepted', status: 'accepted', amount_total: 50000, amount_subtotal: 50000, expires_at: now + 20 * DAY },
		previous: { status: 'open' },
	}),
};

export const BUILT_EVENT_TYPES: readonly string[] = Object.keys(EVENT_BUILDERS).sort();

/** A Stripe event envelope (the shape of test/fixtures/stripe/*.json) around the built object. */
export function buildEvent(type: string, now = Math.floor(Date.now() / 1000)): Obj {
	const build = EVENT_BUILDERS[type];
	if (!build) throw new Error(`No sandbox event builder for "${type}"`);
	const { object, previous } = build(now);
	return {
		id: `evt_sandbox_${type.replace(/\W+/g, '_')}`,
		object: 'event',
		api_version: '2026-07-29.dahlia',
		created: now,
		data: previous ? { object, previous_attributes: previous } : { object },
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		type,
	};
}

/** The event of a type: its fixture (test/fixtures/stripe/<type>.json) or else a built one; undefined for other types. */
export function eventOfType(type: string, now?: number): Obj | undefined {
	const file = join(FIXTURE_EVENTS_DIR, `${type}.json`);
	if (/^[a-z0-9_.]+$/.test(type) && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Obj;
	return BUILT_EVENT_TYPES.includes(type) ? buildEvent(type, now) : undefined;
}

/** Puts every object of the built events (and the objects they refer to) into the sandbox, unless already there. */
export function seedEventObjects(objects: Map<string, Obj>, now: number): void {
	if (!objects.has(CUSTOMER)) {
		objects.set(CUSTOMER, { id: CUSTOMER, object: 'customer', created: now - 400 * DAY, email: 'pat.events@example.com', name: 'Pat Events', livemode: false, metadata: {}, delinquent: false, currency: 'usd' });
	}
	for (const build of Object.values(EVENT_BUILDERS)) {
		const { object, related = [] } = build(now);
		for (const o of [object, ...related]) if (typeof o.id === 'string' && !objects.has(o.id)) objects.set(o.id, deepClone(o));
	}
}
