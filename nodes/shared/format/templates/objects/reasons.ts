/**
 * Stripe's codes in words (pure): decline codes, failure codes, cancellation reasons, fraud types, review and
 * dispute reasons, refund failure reasons. A template shows the words, and the code beside them in detailed
 * layout, never a raw code alone; a code missing here is humanized ("card_velocity_exceeded" → "Card velocity
 * exceeded").
 */
import { code, humanize } from '../../mrkdwn';
import type { TemplateContext } from '../../templateContext';

export type ReasonTable = Readonly<Record<string, string>>;

/** Card decline codes (charge.outcome.reason, last_payment_error.decline_code, last_setup_error.decline_code). */
export const DECLINE_CODES: ReasonTable = {
	approve_with_id: 'The payment cannot be authorized; try again',
	authentication_required: 'The bank requires authentication (3D Secure)',
	call_issuer: 'Declined by the bank for an unknown reason; the customer should call their bank',
	card_declined: 'The card was declined',
	card_not_supported: 'The card does not support this kind of purchase',
	card_velocity_exceeded: 'The card is over its balance, credit limit or transaction limit',
	currency_not_supported: 'The card does not support this currency',
	do_not_honor: 'Declined by the bank for an unknown reason',
	do_not_try_again: 'Declined by the bank; do not retry',
	duplicate_transaction: 'A payment with the same amount and card was made just before',
	expired_card: 'The card has expired',
	fraudulent: 'Declined as suspected fraud',
	generic_decline: 'Declined by the bank for an unknown reason',
	incorrect_cvc: 'The CVC is incorrect',
	incorrect_number: 'The card number is incorrect',
	incorrect_pin: 'The PIN is incorrect',
	incorrect_zip: 'The postal code is incorrect',
	insufficient_funds: 'The card has insufficient funds',
	invalid_account: 'The card or its account is invalid',
	invalid_amount: 'The amount is invalid or over what the card allows',
	invalid_cvc: 'The CVC is incorrect',
	invalid_expiry_month: 'The expiry month is invalid',
	invalid_expiry_year: 'The expiry year is invalid',
	invalid_number: 'The card number is incorrect',
	issuer_not_available: 'The bank could not be reached',
	lost_card: 'The card was reported lost',
	merchant_blacklist: 'Declined by your block list',
	new_account_information_available: 'The card or its account is invalid; new details are available',
	no_action_taken: 'Declined by the bank for an unknown reason',
	not_permitted: 'The payment is not permitted',
	offline_pin_required: 'The bank requires a PIN',
	online_or_offline_pin_required: 'The bank requires a PIN',
	pickup_card: 'The card cannot be used (reported lost or stolen)',
	pin_try_exceeded: 'Too many PIN attempts',
	processing_error: 'An error occurred while processing the card',
	reenter_transaction: 'The bank could not process the payment; try again',
	restricted_card: 'The card cannot be used (reported lost or stolen)',
	revocation_of_all_authorizations: 'Declined by the bank; do not retry',
	revocation_of_authorization: 'Declined by the bank; do not retry',
	security_violation: 'Declined by the bank for a security reason',
	service_not_allowed: 'The card does not allow this kind of purchase',
	stolen_card: 'The card was reported stolen',
	stop_payment_order: 'The customer asked the bank to stop this payment',
	testmode_decline: 'A Stripe test card was used',
	transaction_not_allowed: 'The card does not allow this kind of purchase',
	try_again_later: 'Declined for now; try again later',
	withdrawal_count_limit_exceeded: 'The card is over its balance or credit limit',
	highest_risk_level: 'Blocked by Radar as highest risk',
	elevated_risk_level: 'Flagged by Radar as elevated risk',
	rule: 'Blocked by a Radar rule',
	payment_intent_authentication_failure: 'The customer did not complete authentication',
	setup_intent_authentication_failure: 'The customer did not complete authentication',
	resource_missing: 'A referenced object does not exist',
	idempotency_error: 'A request was repeated with different parameters',
	customer_tax_location_invalid: "The customer's address is not valid for tax",
	invoice_no_customer_line_items: 'The invoice has no line items',
	invoice_no_payment_method_types: 'No payment method type can pay this invoice',
	email_invalid: "The customer's email address is invalid",
	account_closed: 'The bank account is closed',
	account_frozen: 'The bank account is frozen',
	bank_account_restricted: 'The bank account cannot take this kind of payment',
	debit_not_authorized: 'The customer told their bank the debit was not authorized',
	no_account: 'The bank account does not exist',
	insufficient_funds_bank: 'The bank account has insufficient funds',
};

/** Payout, top-up and transfer failure codes. */
export const PAYOUT_FAILURES: ReasonTable = {
	account_closed: 'The bank account is closed',
	account_frozen: 'The bank account is frozen',
	bank_account_restricted: 'The bank account cannot take this kind of payout',
	bank_ownership_changed: 'The bank account changed owner',
	could_not_process: 'The bank could not process the payout',
	debit_not_authorized: 'Debits are not authorized on this account',
	declined: 'The bank declined the payout',
	incorrect_account_holder_address: 'The account holder address is incorrect',
	incorrect_account_holder_name: 'The account holder name is incorrect',
	incorrect_account_holder_tax_id: 'The account holder tax id is incorrect',
	insufficient_funds: 'Your Stripe balance has insufficient funds',
	invalid_account_number: 'The account number is invalid',
	invalid_currency: 'The bank account cannot take this currency',
	no_account: 'The bank account does not exist',
	unsupported_card: 'The card does not take payouts',
};

/** refund.failure_reason */
export const REFUND_FAILURES: ReasonTable = {
	charge_for_pending_refund_disputed: 'The payment was disputed while the refund was pending',
	declined: 'The bank declined the refund',
	expired_or_canceled_card: 'The card has expired or was canceled',
	insufficient_funds: 'Your Stripe balance has insufficient funds',
	lost_or_stolen_card: 'The card was reported lost or stolen',
	merchant_request: 'You canceled the refund',
	unknown: 'The bank did not say why',
};

/** refund.reason, credit_note.reason */
export const REFUND_REASONS: ReasonTable = {
	duplicate: 'Duplicate payment',
	fraudulent: 'Fraudulent payment',
	requested_by_customer: 'Requested by the customer',
	expired_uncaptured_charge: 'The authorization expired uncaptured',
	order_change: 'The order changed',
	product_unsatisfactory: 'The customer was not satisfied with the product',
};

/** payment_intent.cancellation_reason, setup_intent.cancellation_reason */
export const CANCELLATION_REASONS: ReasonTable = {
	abandoned: 'Abandoned by the customer',
	automatic: 'Canceled automatically by Stripe (the authorization expired)',
	duplicate: 'A duplicate of another payment',
	expired: 'The payment expired',
	failed_invoice: 'Its invoice failed',
	fraudulent: 'Suspected fraud',
	requested_by_customer: 'Requested by the customer',
	void_invoice: 'Its invoice was voided',
};

/** subscription.cancellation_details.reason and .feedback */
export const SUBSCRIPTION_CANCELLATION: ReasonTable = {
	cancellation_requested: 'The customer asked to cancel',
	payment_disputed: 'A payment was disputed',
	payment_failed: 'Payments failed',
	customer_service: 'Customer service was lacking',
	low_quality: 'Quality was too low',
	missing_features: 'Features were missing',
	other: 'Another reason',
	switched_service: 'Switched to another service',
	too_complex: 'Too complex',
	too_expensive: 'Too expensive',
	unused: 'Not used enough',
};

/** radar.early_fraud_warning.fraud_type */
export const FRAUD_TYPES: ReasonTable = {
	card_never_received: 'The card was never received by the cardholder',
	fraudulent_card_application: 'The card was opened with a fraudulent application',
	made_with_counterfeit_card: 'Made with a counterfeit card',
	made_with_lost_card: 'Made with a lost card',
	made_with_stolen_card: 'Made with a stolen card',
	misc: 'Fraud reported by the card issuer',
	unauthorized_use_of_card: 'The cardholder says they did not make it',
};

/** review.reason, review.opened_reason, review.closed_reason */
export const REVIEW_REASONS: ReasonTable = {
	rule: 'A Radar rule sent it to review',
	manual: 'Opened by a person on your team',
	approved: 'Approved',
	refunded: 'Refunded',
	refunded_as_fraud: 'Refunded as fraud',
	disputed: 'The payment was disputed',
	redacted: 'Its data was redacted',
	canceled: 'Canceled',
	payment_never_settled: 'The payment never settled',
	acknowledged: 'Acknowledged',
};

/** dispute.reason */
export const DISPUTE_REASONS: ReasonTable = {
	bank_cannot_process: 'The bank cannot process the payment',
	check_returned: 'The check was returned',
	credit_not_processed: 'The customer says a promised refund or credit was not processed',
	customer_initiated: 'Initiated by the customer',
	debit_not_authorized: 'The customer says they did not authorize the debit',
	duplicate: 'The customer says they were charged twice',
	fraudulent: 'The cardholder says they did not make the payment',
	general: 'An uncategorized dispute',
	incorrect_account_details: 'The account details were incorrect',
	insufficient_funds: 'The account had insufficient funds',
	noncompliant: 'The payment broke card network rules',
	product_not_received: 'The customer says they did not receive the product',
	product_unacceptable: 'The customer says the product was defective or not as described',
	subscription_canceled: 'The customer says they canceled the subscription',
	unrecognized: 'The customer does not recognize the payment',
};

/** invoice.last_finalization_error.code and other API error codes. */
export const API_ERRORS: ReasonTable = {
	...DECLINE_CODES,
	customer_tax_location_invalid: "The customer's location is not valid for automatic tax",
	invoice_no_customer_line_items: 'The invoice has no line items for the customer',
	invoice_not_editable: 'The invoice can no longer be edited',
	tax_id_invalid: 'The tax id is invalid',
	parameter_missing: 'A required value is missing',
	parameter_invalid_empty: 'A required value is empty',
	account_invalid: 'The connected account is invalid',
};

/** payment_intent.next_action.type */
export const NEXT_ACTIONS: ReasonTable = {
	redirect_to_url: 'The customer must finish the payment on their bank’s page',
	use_stripe_sdk: 'The customer must authenticate the payment (3D Secure)',
	verify_with_microdeposits: 'The customer must verify their bank account with microdeposits',
	display_bank_transfer_instructions: 'The customer must send a bank transfer',
	konbini_display_details: 'The customer must pay at a konbini',
	oxxo_display_details: 'The customer must pay the OXXO voucher',
	boleto_display_details: 'The customer must pay the boleto',
	multibanco_display_details: 'The customer must pay the Multibanco reference',
	wechat_pay_display_qr_code: 'The customer must scan the WeChat Pay QR code',
	alipay_handle_redirect: 'The customer must finish the payment in Alipay',
	cashapp_handle_redirect_or_display_qr_code: 'The customer must finish the payment in Cash App',
	pix_display_qr_code: 'The customer must pay the Pix QR code',
	promptpay_display_qr_code: 'The customer must pay the PromptPay QR code',
	swish_handle_redirect_or_display_qr_code: 'The customer must finish the payment in Swish',
};

/**
 * Words for a code at `path` ("The card has insufficient funds"), with the code in detailed layout
 * ("… (`insufficient_funds`)"); undefined when there is no code. Codes are scanned like any text.
 */
export function reasonText(ctx: TemplateContext, path: string, table: ReasonTable, root?: unknown): string | undefined {
	const v = ctx.get(path, root);
	if (typeof v !== 'string' || !v || v.length > 80) return undefined;
	if (ctx.redactor.isHidden(path)) return undefined;
	const scanned = ctx.redactor.text(v);
	if (!scanned) return undefined;
	const words = Object.prototype.hasOwnProperty.call(table, scanned) ? table[scanned] : humanize(scanned);
	const safeWords = ctx.safe(words, 160);
	return ctx.detailed && /^[a-z0-9_]{1,60}$/.test(scanned) ? `${safeWords} (${code(scanned)})` : safeWords;
}

/** The words only (for titles and headlines). */
export function reasonWords(ctx: TemplateContext, path: string, table: ReasonTable, root?: unknown): string | undefined {
	const v = ctx.get(path, root);
	if (typeof v !== 'string' || !v || v.length > 80 || ctx.redactor.isHidden(path)) return undefined;
	const scanned = ctx.redactor.text(v);
	if (!scanned) return undefined;
	return ctx.safe(Object.prototype.hasOwnProperty.call(table, scanned) ? table[scanned] : humanize(scanned), 160);
}
