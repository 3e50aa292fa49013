/**
 * Issue #26: every event type of stripe-node's list, built around Stripe's example object of its type, formats
 * at default options without throwing, as valid Block Kit within every limit, with the amounts that matter for
 * its object shown formatted in their currency and a headline that says more than the event type; only the
 * types listed in GENERIC fall to the generic card, and they are fewer than 30.
 */
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { validateMessage } from '../../../nodes/shared/format/limits';
import { formatMoney } from '../../../nodes/shared/format/money';
import { objectOfType } from '../../../nodes/shared/format/templates/objects';
import { generic, templateFor } from '../../../nodes/shared/format/templates/router';
import { catalogueEvents, NOW, stripeEventTypes } from './catalogue';

type J = Record<string, any>;

/** Object types left to the generic card: they carry no money, no date that matters and no reason. */
const GENERIC = ['apps.install', 'balance_settings', 'billing_portal.configuration', 'billing_portal.session', 'entitlements.active_entitlement_summary', 'file', 'reporting.report_type', 'tax.settings'];

/**
 * The amounts that matter, per object type: [path of the amount, path of its currency]. Each one that holds a
 * number in the example object must be in the message, formatted in its currency.
 */
const AMOUNTS: Record<string, Array<[string, string]>> = {
	invoice: [['amount_due', 'currency']],
	invoiceitem: [['amount', 'currency']],
	invoice_payment: [['amount_requested', 'currency']],
	charge: [['amount', 'currency']],
	payment_intent: [['amount', 'currency']],
	refund: [['amount', 'currency']],
	dispute: [['amount', 'currency']],
	payout: [['amount', 'currency']],
	balance: [['available.0.amount', 'available.0.currency'], ['pending.0.amount', 'pending.0.currency']],
	topup: [['amount', 'currency']],
	transfer: [['amount', 'currency']],
	'checkout.session': [['amount_total', 'currency']],
	subscription: [['items.data.0.price.unit_amount', 'items.data.0.price.currency']],
	credit_note: [['total', 'currency']],
	quote: [['amount_total', 'currency']],
	price: [['unit_amount', 'currency']],
	plan: [['amount', 'currency']],
	coupon: [['amount_off', 'currency']],
	application_fee: [['amount', 'currency']],
	fee_refund: [['amount', 'currency']],
	tax_rate: [['flat_amount.amount', 'flat_amount.currency']],
	cash_balance: [['available.eur', '=eur']],
	customer_cash_balance_transaction: [['net_amount', 'currency'], ['ending_balance', 'currency']],
	source_transaction: [['amount', 'currency']],
	source_mandate_notification: [['amount', 'source.currency']],
	'issuing.authorization': [['amount', 'currency']],
	'issuing.transaction': [['amount', 'currency']],
	'issuing.dispute': [['amount', 'currency']],
	'climate.order': [['amount_total', 'currency'], ['amount_fees', 'currency']],
	'climate.product': [['current_prices_per_metric_ton.usd.amount_total', '=usd']],
	'billing.credit_grant': [['amount.monetary.value', 'amount.monetary.currency']],
	'billing.credit_balance_transaction': [['credit.amount.monetary.value', 'credit.amount.monetary.currency']],
	'reserve.hold': [['amount', 'currency']],
	'reserve.release': [['amount', 'currency']],
	'three_d_secure.authentication': [['amount', 'currency']],
	'treasury.credit_reversal': [['amount', 'currency']],
	'treasury.debit_reversal': [['amount', 'currency']],
	'treasury.inbound_transfer': [['amount', 'currency']],
	'treasury.outbound_payment': [['amount', 'currency']],
	'treasury.outbound_transfer': [['amount', 'currency']],
	'treasury.received_credit': [['amount', 'currency']],
	'treasury.received_debit': [['amount', 'currency']],
};

/** Event types whose amount that matters is another field than their object's (a paid invoice: what was paid). */
const AMOUNTS_BY_TYPE: Record<string, Array<[string, string]>> = {
	'invoice.paid': [['amount_paid', 'currency']],
	'invoice.payment_succeeded': [['amount_paid', 'currency']],
	'payment_intent.succeeded': [['amount_received', 'currency']],
	'tax_rate.created': [],
	'tax_rate.updated': [],
};

const get = (o: unknown, p: string): unknown => p.split('.').reduce<unknown>((c, k) => (c && typeof c === 'object' ? (c as J)[k] : undefined), o);

const cases = catalogueEvents();

describe('catalogue (#26): every event type of stripe-node, around Stripe’s example object', () => {
	it('reads the whole list (about 275 types) and knows the object of each type', () => {
		expect(cases.length).toBeGreaterThan(250);
		// The router's type → object table agrees with stripe-node's typing of every event.
		const wrong = stripeEventTypes().filter((t) => objectOfType(t.type) !== t.object).map((t) => `${t.type}: ${objectOfType(t.type)} ≠ ${t.object}`);
		expect(wrong).toEqual([]);
	});

	it('fewer than 30 types fall to the generic card, and exactly those of the GENERIC object types', () => {
		const toGeneric = stripeEventTypes().filter((t) => templateFor(t.type) === generic);
		expect(toGeneric.length).toBeLessThan(30);
		expect([...new Set(toGeneric.map((t) => t.object))].sort()).toEqual([...GENERIC].sort());
		for (const t of stripeEventTypes()) if (!GENERIC.includes(t.object)) expect(templateFor(t.type)).not.toBe(generic);
	});

	it.each(cases.map((c) => [c.type, c]))('%s', (_type, c) => {
		const m = formatStripeEvent(c.event, { now: NOW });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		const json = JSON.stringify(m.blocks);
		const header = (m.blocks.find((b) => b.type === 'header') as J | undefined)?.text.text as string;
		const headline = (m.blocks.find((b) => b.block_id === 'headline') as J | undefined)?.text.text as string;
		expect(header).toBeDefined();
		if (GENERIC.includes(c.object)) return;
		// A headline in words, more than the event type: the header says what happened in words (not the type),
		// and the headline line adds facts (the amount, a date, a reason, a status...), not the header again.
		const title = header.replace(/^\S+ /, '');
		expect(title).not.toContain(c.type);
		expect(headline).toBeDefined();
		expect(headline).not.toBe(`\`${c.type}\``);
		expect(headline.replace(/\*/g, '')).not.toBe(title.replace(/:.*$/, ''));
		expect(m.metadata.severity).toMatch(/^(info|success|warning|critical)$/);
		for (const [amountPath, curPath] of AMOUNTS_BY_TYPE[c.type] ?? AMOUNTS[c.object] ?? []) {
			const amount = get(c.event.data.object, amountPath);
			const currency = curPath.startsWith('=') ? curPath.slice(1) : get(c.event.data.object, curPath);
			if (typeof amount !== 'number') continue;
			const money = formatMoney(amount, currency);
			expect(money).not.toBe('');
			if (!json.includes(money)) throw new Error(`${c.type}: ${amountPath} = ${money} is not in the message: ${json.slice(0, 600)}`);
		}
	});

	it('names the amounts of every object type that has any', () => {
		const withMoney = new Set(cases.filter((c) => /"(amount|amount_due|total|amount_total|unit_amount|net_amount)":\d/.test(JSON.stringify(c.event.data.object))).map((c) => c.object));
		const unnamed = [...withMoney].filter((o) => !AMOUNTS[o] && !GENERIC.includes(o));
		expect(unnamed).toEqual([]);
	});
});
