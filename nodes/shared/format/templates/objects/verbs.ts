/**
 * The last part of an event type in words, with its default severity: one table makes the headline of
 * every event of an object ("payout.canceled" → "Payout canceled") without a file per event.
 */
import { humanize } from '../../mrkdwn';
import type { Severity } from '../../types';

export interface Verb {
	/** The event type's last part ("canceled"). */
	key: string;
	/** In words ("canceled"). */
	words: string;
	severity: Severity;
}

const W = (words: string, severity: Severity = 'info'): Omit<Verb, 'key'> => ({ words, severity });

const VERBS: Readonly<Record<string, Omit<Verb, 'key'>>> = {
	created: W('created'),
	updated: W('updated'),
	deleted: W('deleted'),
	succeeded: W('succeeded', 'success'),
	failed: W('failed', 'warning'),
	canceled: W('canceled', 'warning'),
	paid: W('paid', 'success'),
	expired: W('expired', 'warning'),
	closed: W('closed'),
	opened: W('opened', 'warning'),
	reversed: W('reversed', 'warning'),
	refunded: W('refunded'),
	captured: W('captured', 'success'),
	pending: W('pending'),
	processing: W('processing'),
	requires_action: W('needs customer action', 'warning'),
	available: W('available', 'success'),
	attached: W('attached'),
	detached: W('detached'),
	automatically_updated: W('updated by the card network'),
	expiring: W('expiring soon', 'warning'),
	finalized: W('finalized'),
	finalization_failed: W('could not be finalized', 'critical'),
	marked_uncollectible: W('marked uncollectible', 'critical'),
	overdue: W('overdue', 'warning'),
	overpaid: W('overpaid', 'warning'),
	payment_action_required: W('needs customer authentication', 'warning'),
	payment_attempt_required: W('needs a payment attempt', 'warning'),
	payment_failed: W('payment failed', 'warning'),
	payment_succeeded: W('payment succeeded', 'success'),
	sent: W('sent'),
	voided: W('voided'),
	will_be_due: W('due soon'),
	upcoming: W('upcoming'),
	paused: W('paused', 'warning'),
	resumed: W('resumed', 'success'),
	pending_update_applied: W('update applied'),
	pending_update_expired: W('update expired', 'warning'),
	trial_will_end: W('trial ends soon', 'warning'),
	aborted: W('aborted', 'warning'),
	completed: W('completed', 'success'),
	released: W('released'),
	accepted: W('accepted', 'success'),
	funds_withdrawn: W('funds withdrawn', 'critical'),
	funds_reinstated: W('funds reinstated', 'success'),
	funds_rescinded: W('funds rescinded', 'warning'),
	funds_available: W('funds available', 'success'),
	amount_capturable_updated: W('ready to capture', 'warning'),
	partially_funded: W('partially funded', 'warning'),
	reconciliation_completed: W('reconciled', 'success'),
	setup_failed: W('setup failed', 'warning'),
	async_payment_failed: W('delayed payment failed', 'critical'),
	async_payment_succeeded: W('delayed payment succeeded', 'success'),
	chargeable: W('chargeable', 'success'),
	mandate_notification: W('mandate notice sent'),
	refund_attributes_required: W('needs refund details', 'warning'),
	triggered: W('triggered', 'warning'),
	activated: W('activated', 'success'),
	deactivated: W('deactivated', 'warning'),
	reactivated: W('reactivated', 'success'),
	disabled: W('disabled', 'warning'),
	rejected: W('rejected', 'warning'),
	verified: W('verified', 'success'),
	redacted: W('redacted'),
	requires_input: W('needs more input', 'warning'),
	delivered: W('delivered', 'success'),
	delayed: W('delayed', 'warning'),
	product_substituted: W('product substituted'),
	pricing_updated: W('pricing updated'),
	advancing: W('advancing'),
	ready: W('ready', 'success'),
	internal_failure: W('failed internally', 'critical'),
	errored: W('errored', 'critical'),
	challenge_started: W('challenge started'),
	requires_challenge: W('needs a challenge', 'warning'),
	requires_submission: W('needs submission', 'warning'),
	posted: W('posted', 'success'),
	returned: W('returned', 'warning'),
	initial_credit_granted: W('initial credit granted'),
	features_status_updated: W('features changed'),
	expected_arrival_date_updated: W('arrival date changed'),
	tracking_details_updated: W('tracking details changed'),
	account_numbers_updated: W('account numbers changed'),
	disconnected: W('disconnected', 'warning'),
	refreshed_balance: W('balance refreshed'),
	refreshed_ownership: W('ownership refreshed'),
	refreshed_transactions: W('transactions refreshed'),
	supported_payment_method_types_updated: W('supported payment methods changed'),
	upcoming_account_number_expiry: W('account number expires soon', 'warning'),
	upcoming_deactivation: W('deactivation coming', 'warning'),
	expected_deactivation_date_updated: W('deactivation date changed'),
	submitted: W('submitted'),
	action_failed: W('action failed', 'warning'),
	action_succeeded: W('action succeeded', 'success'),
	action_updated: W('action updated'),
	authorized: W('authorized', 'success'),
	deauthorized: W('deauthorized', 'warning'),
	request: W('authorization requested', 'warning'),
	purchase_details_receipt_updated: W('receipt details changed'),
};

/** The verb of an event type (by its last part); unknown parts are humanized with severity info. */
export function verbOf(type: string): Verb {
	const key = type.slice(type.lastIndexOf('.') + 1);
	const v = Object.prototype.hasOwnProperty.call(VERBS, key) ? VERBS[key] : undefined;
	return { key, words: v?.words ?? humanize(key).toLowerCase(), severity: v?.severity ?? 'info' };
}
