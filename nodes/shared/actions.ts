/**
 * The one namespace of Slack `action_id`s that this package's buttons use. The formatter puts them on
 * buttons; the Slack Action Trigger filters on the prefix; the action router maps them to Stripe calls.
 * A button's `value` is the Stripe object id it acts on (in_..., ch_..., pi_..., sub_..., du_...).
 */
export const ACTION_PREFIX = 'stripe_slack.';

export const ACTIONS = {
	retryPayment: `${ACTION_PREFIX}retry_payment`, // invoice id: pay the invoice again
	sendReminder: `${ACTION_PREFIX}send_reminder`, // invoice id: send the invoice email
	refund: `${ACTION_PREFIX}refund`, // charge or payment intent id: full refund
	cancelSubscription: `${ACTION_PREFIX}cancel_subscription`, // subscription id: cancel at period end
	cancelSubscriptionNow: `${ACTION_PREFIX}cancel_subscription_now`, // subscription id: cancel now
	acceptDispute: `${ACTION_PREFIX}accept_dispute`, // dispute id: close (accept) the dispute
	submitEvidence: `${ACTION_PREFIX}submit_evidence`, // dispute id: opens a modal for evidence text
	markHandled: `${ACTION_PREFIX}mark_handled`, // any object id: no Stripe call, records who handled it
	openDashboard: `${ACTION_PREFIX}open_dashboard`, // link button to the Stripe dashboard (url)
	approveReview: `${ACTION_PREFIX}approve_review`, // Radar review id (prv_...): approve (close) the review
	refundFraudWarning: `${ACTION_PREFIX}refund_fraud_warning`, // early fraud warning id (issfr_...): refund its charge, reason fraudulent
	capturePayment: `${ACTION_PREFIX}capture_payment`, // payment intent id: capture the authorized amount
	voidInvoice: `${ACTION_PREFIX}void_invoice`, // invoice id: void the invoice
	sendAuthenticationLink: `${ACTION_PREFIX}send_authentication_link`, // invoice id: email the hosted invoice page so the customer can authenticate
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/** Actions whose Stripe call moves money: they need a confirm dialog and an Idempotency-Key. */
export const MONEY_MOVING_ACTIONS: ReadonlySet<string> = new Set([
	ACTIONS.retryPayment,
	ACTIONS.refund,
	ACTIONS.cancelSubscription,
	ACTIONS.cancelSubscriptionNow,
	ACTIONS.acceptDispute,
	ACTIONS.approveReview, // releases a payment Radar held: a money decision, so confirmed and denied without a rule
	ACTIONS.refundFraudWarning,
	ACTIONS.capturePayment,
	ACTIONS.voidInvoice,
]);
