/**
 * Event type → template (like the n8n-nodes-base v2 nodes' actions/router). Every type not listed
 * goes to the generic template, which never fails.
 */
import type { Template } from './kit';
import { chargeDisputeClosed } from './templates/charge.dispute.closed';
import { chargeDisputeCreated } from './templates/charge.dispute.created';
import { chargeDisputeUpdated } from './templates/charge.dispute.updated';
import { chargeFailed } from './templates/charge.failed';
import { chargeRefunded } from './templates/charge.refunded';
import { chargeSucceeded } from './templates/charge.succeeded';
import { checkoutSessionCompleted } from './templates/checkout.session.completed';
import { subscriptionCreated } from './templates/customer.subscription.created';
import { subscriptionDeleted } from './templates/customer.subscription.deleted';
import { subscriptionUpdated } from './templates/customer.subscription.updated';
import { customerUpdated } from './templates/customer.updated';
import { generic } from './templates/generic';
import { invoicePaid } from './templates/invoice.paid';
import { invoicePaymentFailed } from './templates/invoice.payment_failed';
import { invoiceUpcoming } from './templates/invoice.upcoming';
import { paymentIntentPaymentFailed } from './templates/payment_intent.payment_failed';
import { paymentIntentSucceeded } from './templates/payment_intent.succeeded';
import { payoutFailed } from './templates/payout.failed';
import { payoutPaid } from './templates/payout.paid';

export const TEMPLATES: Readonly<Record<string, Template>> = {
	'payment_intent.succeeded': paymentIntentSucceeded,
	'payment_intent.payment_failed': paymentIntentPaymentFailed,
	'charge.succeeded': chargeSucceeded,
	'charge.failed': chargeFailed,
	'charge.refunded': chargeRefunded,
	'charge.dispute.created': chargeDisputeCreated,
	'charge.dispute.updated': chargeDisputeUpdated,
	'charge.dispute.closed': chargeDisputeClosed,
	'invoice.paid': invoicePaid,
	'invoice.payment_succeeded': invoicePaid,
	'invoice.payment_failed': invoicePaymentFailed,
	'invoice.upcoming': invoiceUpcoming,
	'customer.subscription.created': subscriptionCreated,
	'customer.subscription.updated': subscriptionUpdated,
	'customer.subscription.deleted': subscriptionDeleted,
	'checkout.session.completed': checkoutSessionCompleted,
	'customer.updated': customerUpdated,
	'payout.paid': payoutPaid,
	'payout.failed': payoutFailed,
};

export function templateFor(type: string): Template {
	return Object.prototype.hasOwnProperty.call(TEMPLATES, type) ? TEMPLATES[type] : generic;
}

export { generic };
