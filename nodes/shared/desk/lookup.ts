import type { Stripe } from '../sdkTypes';

import { redactOutgoing } from '../format/redact';
import { emailSearchQuery, type IdType, type LookupQuery } from './query';
import { attemptAsync } from '../attempt';

/**
 * The support desk's lookup: finds the customer behind an email (customers.search) or a Stripe id
 * (retrieve the object, then its customer), then reads what a billing card shows, with the Stripe SDK.
 * Never throws for Stripe's answers: a miss, several matches and a Stripe error are results of their own.
 */

export const OPEN_DISPUTE_STATUSES = new Set(['needs_response', 'warning_needs_response', 'under_review', 'warning_under_review']);
export const FAILED_WINDOW_DAYS = 30;
export const INVOICES_SHOWN = 5;
export const MAX_CHOICES = 5;

export interface BillingData {
	customer: Stripe.Customer;
	subscriptions: Stripe.Subscription[];
	/** Newest first, at most 5. */
	invoices: Stripe.Invoice[];
	/** Disputes that are not closed. */
	disputes: Stripe.Dispute[];
	paymentMethod: Stripe.PaymentMethod | null;
	/** Charges that failed in the last 30 days, newest first. */
	failedCharges: Stripe.Charge[];
	/** The newest succeeded charge that can still be refunded (for the Refund button). */
	refundableCharge: Stripe.Charge | null;
	/** What was looked up, when it was not the customer itself. */
	via: { id: string; objectType: IdType } | null;
}

export type LookupResult =
	| { status: 'found'; data: BillingData }
	| { status: 'choose'; candidates: Stripe.Customer[]; more: boolean }
	| { status: 'none'; message: string }
	| { status: 'error'; message: string; code: string | null; requestId: string | null };

type StripeErrorLike = Error & { type?: string; rawType?: string; code?: string; statusCode?: number; requestId?: string };

function idOf(v: unknown): string | null {
	if (typeof v === 'string') return v;
	if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id;
	return null;
}

/** A Stripe error as words for a support agent (never the request's data). */
export function stripeErrorMessage(error: StripeErrorLike): string {
	const type = error.rawType ?? error.type ?? '';
	if (error.type === 'StripeConnectionError' || type === 'api_connection_error') return 'Stripe could not be reached. Try again in a moment.';
	if (error.type === 'StripeAuthenticationError' || type === 'authentication_error') return 'Stripe refused the API key of this workflow.';
	if (error.type === 'StripePermissionError' || type === 'permission_error' || error.statusCode === 403) {
		return 'The Stripe key of this workflow may not read this (a restricted key needs read access to customers, invoices, subscriptions, charges, disputes and payment methods).';
	}
	if (error.type === 'StripeRateLimitError' || error.statusCode === 429) return 'Stripe is rate limiting requests; try again in a minute.';
	if ((error.statusCode ?? 0) >= 500) return 'Stripe had an internal error; try again in a moment.';
	// Stripe's own words can quote what was looked up (an email, a name): scanned (issue #15)
	return `Stripe refused the lookup: ${redactOutgoing(error.message || 'unknown error').slice(0, 200)}`;
}

function isMissing(error: StripeErrorLike): boolean {
	return error.statusCode === 404 || error.code === 'resource_missing';
}

/** The customer id behind an object id, or null when the object has no customer. */
export async function customerOf(stripe: Stripe, id: string, type: IdType): Promise<string | null> {
	switch (type) {
		case 'customer':
			return id;
		case 'invoice':
			return idOf((await stripe.invoices.retrieve(id)).customer);
		case 'charge':
			return idOf((await stripe.charges.retrieve(id)).customer);
		case 'payment_intent':
			return idOf((await stripe.paymentIntents.retrieve(id)).customer);
		case 'subscription':
			return idOf((await stripe.subscriptions.retrieve(id)).customer);
		case 'dispute': {
			const dispute = await stripe.disputes.retrieve(id);
			const charge = typeof dispute.charge === 'string' ? await stripe.charges.retrieve(dispute.charge) : dispute.charge;
			return idOf(charge?.customer);
		}
	}
}

/** Everything a card shows about one customer (five to eight Stripe calls, most in parallel). */
export async function billingData(stripe: Stripe, customer: Stripe.Customer, now: number, via: BillingData['via'] = null): Promise<BillingData> {
	const id = customer.id;
	const [subs, invoices, methods, charges] = await Promise.all([
		stripe.subscriptions.list({ customer: id, status: 'all', limit: 10 }),
		stripe.invoices.list({ customer: id, limit: INVOICES_SHOWN }),
		stripe.customers.listPaymentMethods(id, { limit: 10 }),
		stripe.charges.list({ customer: id, limit: 100 }),
	]);
	const disputedCharges = charges.data.filter((c) => c.disputed).slice(0, 5);
	const disputeLists = await Promise.all(disputedCharges.map(async (c) => await stripe.disputes.list({ charge: c.id, limit: 10 })));
	const disputes = disputeLists.flatMap((l) => l.data).filter((d) => OPEN_DISPUTE_STATUSES.has(d.status));
	const defaultPm = idOf(customer.invoice_settings?.default_payment_method);
	const paymentMethod = methods.data.find((m) => m.id === defaultPm) ?? methods.data[0] ?? null;
	const since = Math.floor(now / 1000) - FAILED_WINDOW_DAYS * 86400;
	return {
		customer,
		subscriptions: subs.data.filter((s) => s.status !== 'canceled' && s.status !== 'incomplete_expired'),
		invoices: invoices.data.slice(0, INVOICES_SHOWN),
		disputes,
		paymentMethod,
		failedCharges: charges.data.filter((c) => c.status === 'failed' && c.created >= since),
		refundableCharge: charges.data.find((c) => c.status === 'succeeded' && !c.refunded && !c.disputed) ?? null,
		via,
	};
}

async function retrieveCustomer(stripe: Stripe, id: string): Promise<Stripe.Customer | null> {
	const c = await stripe.customers.retrieve(id);
	return (c as Stripe.DeletedCustomer).deleted ? null : (c as Stripe.Customer);
}

export async function lookup(stripe: Stripe, query: LookupQuery, options: { now?: number } = {}): Promise<LookupResult> {
	const now = options.now ?? Date.now();
	try {
		if (query.kind === 'email') {
			const found = await stripe.customers.search({ query: emailSearchQuery(query.email), limit: MAX_CHOICES + 1 });
			if (found.data.length === 0) return { status: 'none', message: 'No Stripe customer has this email.' };
			if (found.data.length > 1) return { status: 'choose', candidates: found.data.slice(0, MAX_CHOICES), more: found.data.length > MAX_CHOICES || found.has_more };
			return { status: 'found', data: await billingData(stripe, found.data[0], now) };
		}
		if (query.kind === 'id') {
			const owner = await attemptAsync(() => customerOf(stripe, query.id, query.objectType));
			if (!owner.ok) {
				if (isMissing(owner.error as StripeErrorLike)) return { status: 'none', message: `Stripe has no ${query.objectType.replace('_', ' ')} ${query.id}.` };
				throw owner.error;
			}
			const customerId = owner.value;
			if (!customerId) return { status: 'none', message: `${query.id} has no customer attached, so there is no billing card to show.` };
			const customer = await retrieveCustomer(stripe, customerId).catch((error: StripeErrorLike) => {
				if (isMissing(error)) return null;
				throw error;
			});
			if (!customer) return { status: 'none', message: `The customer of ${query.id} was deleted or does not exist.` };
			const via = query.objectType === 'customer' ? null : { id: query.id, objectType: query.objectType };
			return { status: 'found', data: await billingData(stripe, customer, now, via) };
		}
		return { status: 'none', message: query.kind === 'invalid' ? query.reason : 'Nothing to look up.' };
	} catch (error) {
		const e = error as StripeErrorLike;
		return { status: 'error', message: stripeErrorMessage(e), code: e.code ?? null, requestId: e.requestId ?? null };
	}
}
