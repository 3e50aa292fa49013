/**
 * Sample events offered while building a workflow (the "setup" GET webhook in the editor), one per type.
 *
 * The JSON files in samples/ are copied unchanged from test/fixtures/stripe/*.json (a unit test keeps them equal) (see SOURCES.md there): envelopes synthesized around
 * objects from stripe/openapi fixtures3.json. All ids are test-mode; the personal data is synthetic.
 *
 * The MIT License. Copyright (c) 2011- Stripe, Inc. (https://stripe.com)
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
 * documentation files (the "Software"), to deal in the Software without restriction, including without limitation
 * the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
 * to permit persons to whom the Software is furnished to do so, subject to the following conditions: The above
 * copyright notice and this permission notice shall be included in all copies or substantial portions of the
 * Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
 * LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT
 * SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
 * OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
 * DEALINGS IN THE SOFTWARE.
 */

import type { JsonObject } from '../webhook';
import { matchesEventType } from './eventFilter';
import chargeDisputeCreated from './samples/charge.dispute.created.json';
import chargeRefunded from './samples/charge.refunded.json';
import chargeSucceeded from './samples/charge.succeeded.json';
import checkoutSessionCompleted from './samples/checkout.session.completed.json';
import customerSubscriptionCreated from './samples/customer.subscription.created.json';
import customerSubscriptionDeleted from './samples/customer.subscription.deleted.json';
import customerSubscriptionUpdated from './samples/customer.subscription.updated.json';
import customerUpdated from './samples/customer.updated.json';
import invoicePaid from './samples/invoice.paid.json';
import invoicePaymentFailed from './samples/invoice.payment_failed.json';
import paymentIntentPaymentFailed from './samples/payment_intent.payment_failed.json';
import paymentIntentSucceeded from './samples/payment_intent.succeeded.json';

export const SAMPLE_EVENTS_LICENSE =
	'MIT, Copyright (c) 2011- Stripe, Inc. (sample data derived from stripe/openapi fixtures3.json)';

export const SAMPLE_EVENTS: Array<Record<string, unknown> & { id: string; type: string }> = [
	chargeDisputeCreated,
	chargeRefunded,
	chargeSucceeded,
	checkoutSessionCompleted,
	customerSubscriptionCreated,
	customerSubscriptionDeleted,
	customerSubscriptionUpdated,
	customerUpdated,
	invoicePaid,
	invoicePaymentFailed,
	paymentIntentPaymentFailed,
	paymentIntentSucceeded,
];

/** The sample offered in the editor: the first sample whose type is selected, else a bare envelope of that type. */
export function pickSampleEvent(patterns: string[]): JsonObject {
	const list = patterns.filter((p) => p.trim() !== '');
	for (const pattern of list.length ? list : ['invoice.paid']) {
		const sample = SAMPLE_EVENTS.find((e) => matchesEventType(e.type, [pattern]));
		if (sample) return JSON.parse(JSON.stringify(sample)) as JsonObject;
	}
	const type = list.find((p) => !p.includes('*')) ?? 'invoice.paid';
	return {
		id: 'evt_sample_00000000000000',
		object: 'event',
		api_version: null,
		created: Math.floor(Date.now() / 1000),
		data: { object: {} },
		livemode: false,
		pending_webhooks: 0,
		request: { id: null, idempotency_key: null },
		type,
	};
}
