/**
 * Billing data for the card tests, built from the shared Stripe fixtures (test/fixtures/stripe): the
 * customer of customer.updated, the subscription, invoices, dispute and charges of the other events, and a
 * payment method made of the charge's card details and billing details (where the planted email, phone
 * and address live).
 */
import type Stripe from 'stripe';
import type { BillingData } from '../../../nodes/shared/desk/lookup';
import { FIXTURE_DIR, NOW, readJson } from '../format/fixtures';

export { NOW };
type J = Record<string, any>;
const obj = (name: string): J => JSON.parse(JSON.stringify(readJson(`${FIXTURE_DIR}/${name}.json`).data.object));

export function fixtureBillingData(): BillingData {
	const customer = obj('customer.updated');
	customer.balance = -500;
	const charge = obj('charge.succeeded');
	const failed = { ...obj('charge.succeeded'), id: 'ch_fixtureFailed0001', status: 'failed', paid: false, created: NOW / 1000 - 3 * 86400, failure_code: 'card_declined', failure_message: 'Your card was declined.' };
	const paymentMethod = {
		id: 'pm_1PgafuB7WZ01zgkWpkvaxXYZ',
		object: 'payment_method',
		type: 'card',
		customer: customer.id,
		billing_details: charge.billing_details,
		card: { ...charge.payment_method_details.card, display_brand: 'visa' },
	};
	return {
		customer: customer as Stripe.Customer,
		subscriptions: [obj('customer.subscription.created') as Stripe.Subscription],
		invoices: [obj('invoice.payment_failed'), { ...obj('invoice.paid'), id: 'in_fixturePaid00001' }] as Stripe.Invoice[],
		disputes: [obj('charge.dispute.created') as Stripe.Dispute],
		paymentMethod: paymentMethod as unknown as Stripe.PaymentMethod,
		failedCharges: [failed as unknown as Stripe.Charge],
		refundableCharge: charge as Stripe.Charge,
		via: null,
	};
}

/**
 * Personal and secret data planted in every string of the billing data (ids and enums included): what the
 * scanners recognise in free text. (A street address in a free-text field is not recognisable; the card
 * never reads the address fields.)
 */
export const PLANTED = {
	email: 'planted.person@example.org',
	phone: '+44 20 7946 0958',
	card: '4000 0566 5566 5556',
	key: 'sk_live_51H8abcDEF0123456789xyz',
	iban: 'DE89 3704 0044 0532 0130 00',
	mention: '<!channel>',
};

export function plantEverywhere<T>(x: T, p: Record<string, string> = PLANTED): T {
	const body = Object.values(p).join(' ');
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return `${v} ${body}`;
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
		return v;
	};
	return walk(x) as T;
}
