/**
 * Event type → template (like the n8n-nodes-base v2 nodes' actions/router). Every type not listed
 * goes to the generic template, which never fails.
 */
import type { Template } from '../templateContext';
import { chargeDisputeClosed } from './charge.dispute.closed';
import { chargeDisputeCreated } from './charge.dispute.created';
import { chargeDisputeUpdated } from './charge.dispute.updated';
import { chargeFailed } from './charge.failed';
import { chargeRefunded } from './charge.refunded';
import { chargeSucceeded } from './charge.succeeded';
import { checkoutSessionCompleted } from './checkout.session.completed';
import { subscriptionCreated } from './customer.subscription.created';
import { subscriptionDeleted } from './customer.subscription.deleted';
import { subscriptionUpdated } from './customer.subscription.updated';
import { customerUpdated } from './customer.updated';
import { generic } from './generic';
import { invoicePaid } from './invoice.paid';
import { invoicePaymentFailed } from './invoice.payment_failed';
import { invoiceUpcoming } from './invoice.upcoming';
import { paymentIntentPaymentFailed } from './payment_intent.payment_failed';
import { paymentIntentSucceeded } from './payment_intent.succeeded';
import { payoutFailed } from './payout.failed';
import { payoutPaid } from './payout.paid';

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
