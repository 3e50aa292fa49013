/**
 * Event type → template (like the n8n-nodes-base v2 nodes' actions/router): the event's own template when
 * it has one (TEMPLATES), else the renderer of the object the event carries (objects/), else the generic
 * template, which never fails.
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
import { objectTemplate, objectTemplateFor } from './objects';
import { catchUp } from './stripe_slack.catch_up';
import { endpointRecovered } from './stripe_slack.endpoint_recovered';
import { endpointUnhealthy } from './stripe_slack.endpoint_unhealthy';

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
	// The Stripe triggers' own notices (nodes/shared/stripe/notices.ts, format/notices.ts)
	'stripe_slack.catch_up': catchUp,
	'stripe_slack.endpoint_unhealthy': endpointUnhealthy,
	'stripe_slack.endpoint_recovered': endpointRecovered,
};

/** The template for an event type: its own, else its object's, else the generic one. */
export function templateFor(type: string): Template {
	if (Object.prototype.hasOwnProperty.call(TEMPLATES, type)) return TEMPLATES[type];
	return objectTemplateFor(type) ?? generic;
}

/** As templateFor, and for a type no table knows, the renderer of the event's object (`data.object.object`). */
export function templateForEvent(type: string, objectType: string | undefined): Template {
	const t = templateFor(type);
	return t === generic ? (objectTemplate(objectType) ?? generic) : t;
}

export { generic };
