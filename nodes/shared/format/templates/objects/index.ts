/**
 * The object renderers by Stripe object type, and the object an event type carries (from stripe-node's
 * event list: `<object>.<verb>`, with the exceptions below). `objectTemplateFor(type)` is the template of
 * the event's object, or undefined when no renderer knows it (then the generic card is used).
 */
import type { Template } from '../../templateContext';
import { accountView, applicationView, capabilityView, personView } from './account';
import { applicationFeeView, feeRefundView } from './application_fee';
import { balanceView } from './balance';
import { alertTriggeredView, creditBalanceTransactionView, creditGrantView, meterView } from './billing';
import { bankAccountView, cardView, sourceView } from './card';
import { chargeView } from './charge';
import { checkoutSessionView } from './checkout.session';
import { climateOrderView, climateProductView } from './climate';
import { couponView, discountView } from './coupon';
import { creditNoteView } from './credit_note';
import { customerView } from './customer';
import { cashBalanceTransactionView, cashBalanceView } from './customer_balance';
import { disputeView } from './dispute';
import { fcAccountView, fcAuthorizationView } from './financial_connections';
import { verificationSessionView } from './identity';
import { invoiceView } from './invoice';
import { invoicePaymentView } from './invoice_payment';
import { invoiceitemView } from './invoiceitem';
import { issuingAuthorizationView, issuingCardholderView, issuingCardView, issuingDesignView, issuingDisputeView, issuingTokenView, issuingTransactionView } from './issuing';
import { viewTemplate, type ObjectView } from './kit';
import { mandateView, sourceMandateNotificationView, sourceTransactionView } from './mandate';
import { paymentIntentView } from './payment_intent';
import { paymentLinkView } from './payment_link';
import { paymentMethodView } from './payment_method';
import { payoutView } from './payout';
import { planView, priceView } from './price';
import { productView } from './product';
import { promotionCodeView } from './promotion_code';
import { quoteView } from './quote';
import { earlyFraudWarningView } from './radar.early_fraud_warning';
import { refundView } from './refund';
import { reportRunView, scheduledQueryRunView } from './reporting';
import { reserveHoldView, reservePlanView, reserveReleaseView } from './reserve';
import { reviewView } from './review';
import { setupIntentView } from './setup_intent';
import { subscriptionView } from './subscription';
import { subscriptionScheduleView } from './subscription_schedule';
import { taxIdView, taxRateView } from './tax_id';
import { terminalReaderView } from './terminal';
import { testClockView } from './test_clock';
import { threeDSecureView } from './three_d_secure';
import { topupView } from './topup';
import { transferView } from './transfer';
import { TREASURY_VIEWS } from './treasury';

/** Stripe object type (`data.object.object`) → its view. */
export const OBJECT_VIEWS: Readonly<Record<string, ObjectView>> = {
	account: accountView,
	application: applicationView,
	application_fee: applicationFeeView,
	balance: balanceView,
	bank_account: bankAccountView,
	'billing.alert_triggered': alertTriggeredView,
	'billing.credit_balance_transaction': creditBalanceTransactionView,
	'billing.credit_grant': creditGrantView,
	'billing.meter': meterView,
	capability: capabilityView,
	card: cardView,
	cash_balance: cashBalanceView,
	charge: chargeView,
	'checkout.session': checkoutSessionView,
	'climate.order': climateOrderView,
	'climate.product': climateProductView,
	coupon: couponView,
	credit_note: creditNoteView,
	customer: customerView,
	customer_cash_balance_transaction: cashBalanceTransactionView,
	discount: discountView,
	dispute: disputeView,
	fee_refund: feeRefundView,
	'financial_connections.account': fcAccountView,
	'financial_connections.authorization': fcAuthorizationView,
	'identity.verification_session': verificationSessionView,
	invoice: invoiceView,
	invoice_payment: invoicePaymentView,
	invoiceitem: invoiceitemView,
	'issuing.authorization': issuingAuthorizationView,
	'issuing.card': issuingCardView,
	'issuing.cardholder': issuingCardholderView,
	'issuing.dispute': issuingDisputeView,
	'issuing.personalization_design': issuingDesignView,
	'issuing.token': issuingTokenView,
	'issuing.transaction': issuingTransactionView,
	mandate: mandateView,
	payment_intent: paymentIntentView,
	payment_link: paymentLinkView,
	payment_method: paymentMethodView,
	payout: payoutView,
	person: personView,
	plan: planView,
	price: priceView,
	product: productView,
	promotion_code: promotionCodeView,
	quote: quoteView,
	'radar.early_fraud_warning': earlyFraudWarningView,
	refund: refundView,
	'reporting.report_run': reportRunView,
	'reserve.hold': reserveHoldView,
	'reserve.plan': reservePlanView,
	'reserve.release': reserveReleaseView,
	review: reviewView,
	scheduled_query_run: scheduledQueryRunView,
	setup_intent: setupIntentView,
	source: sourceView,
	source_mandate_notification: sourceMandateNotificationView,
	source_transaction: sourceTransactionView,
	subscription: subscriptionView,
	subscription_schedule: subscriptionScheduleView,
	tax_id: taxIdView,
	tax_rate: taxRateView,
	'terminal.reader': terminalReaderView,
	'test_helpers.test_clock': testClockView,
	'three_d_secure.authentication': threeDSecureView,
	topup: topupView,
	transfer: transferView,
	...TREASURY_VIEWS,
};

/** Event type prefixes whose object type is not the prefix itself. */
const PREFIX_OBJECT: Readonly<Record<string, string>> = {
	'charge.dispute': 'dispute',
	'charge.refund': 'refund',
	'customer.subscription': 'subscription',
	'customer.source': 'card',
	'customer.discount': 'discount',
	'customer.tax_id': 'tax_id',
	'account.external_account': 'bank_account',
	'account.application': 'application',
	'application_fee.refund': 'fee_refund',
	issuing_authorization: 'issuing.authorization',
	issuing_card: 'issuing.card',
	issuing_cardholder: 'issuing.cardholder',
	issuing_dispute: 'issuing.dispute',
	issuing_personalization_design: 'issuing.personalization_design',
	issuing_token: 'issuing.token',
	issuing_transaction: 'issuing.transaction',
	'source.transaction': 'source_transaction',
	'billing.alert': 'billing.alert_triggered',
	'sigma.scheduled_query_run': 'scheduled_query_run',
};
const TYPE_OBJECT: Readonly<Record<string, string>> = { 'source.mandate_notification': 'source_mandate_notification' };

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The Stripe object type an event type carries ("invoice.overdue" → "invoice", "charge.dispute.closed" → "dispute"). */
export function objectOfType(type: string): string {
	if (has(TYPE_OBJECT, type)) return TYPE_OBJECT[type];
	const prefix = type.slice(0, Math.max(0, type.lastIndexOf('.')));
	return has(PREFIX_OBJECT, prefix) ? PREFIX_OBJECT[prefix] : prefix;
}

const VIEW_TEMPLATES = new Map<string, Template>(Object.entries(OBJECT_VIEWS).map(([k, v]) => [k, viewTemplate(v)]));

/** The object template of a Stripe object type, if a renderer knows it. */
export function objectTemplate(objectType: string | undefined): Template | undefined {
	return objectType ? VIEW_TEMPLATES.get(objectType) : undefined;
}

const byType = new Map<string, Template | null>();

/**
 * The template for an event type from its object: it renders the event's actual object when a renderer
 * knows it (customer.source.* carries cards, bank accounts or sources), else the type's object.
 */
export function objectTemplateFor(type: string): Template | undefined {
	const cached = byType.get(type);
	if (cached !== undefined) return cached ?? undefined;
	const fromType = objectTemplate(objectOfType(type));
	const t: Template | undefined = fromType && ((ctx) => (objectTemplate(ctx.objectType) ?? fromType)(ctx));
	if (byType.size < 2000) byType.set(type, t ?? null);
	return t;
}
