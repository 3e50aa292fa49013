/**
 * Shared fixtures for the formatter tests, the gallery and the bench.
 * The 12 current-shape events come from test/fixtures/stripe. Stripe ships no fixture for
 * charge.failed, charge.dispute.updated/closed, invoice.upcoming, payout.paid/failed: those are BUILT HERE
 * by editing copies of the fixture objects (marked `synthetic`).
 */
import * as fs from 'fs';
import * as path from 'path';

export const FIXTURE_DIR = path.join(__dirname, '..', '..', 'fixtures', 'stripe');
export const LEGACY_DIR = path.join(FIXTURE_DIR, 'legacy-2012-stripe-java');
/** "Now" for every snapshot: 2024-07-26T13:20:00Z. */
export const NOW = 1722000000000;

type J = Record<string, any>;

export function readJson(file: string): J {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function fixtureEvents(): Array<{ name: string; event: J; synthetic?: boolean }> {
	return fs
		.readdirSync(FIXTURE_DIR)
		.filter((f) => f.endsWith('.json') && !f.startsWith('_'))
		.sort()
		.map((f) => ({ name: f.replace(/\.json$/, ''), event: readJson(path.join(FIXTURE_DIR, f)) }));
}

export function legacyEvents(): Array<{ name: string; event: J }> {
	return fs
		.readdirSync(LEGACY_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ name: `legacy/${f.replace(/\.json$/, '')}`, event: readJson(path.join(LEGACY_DIR, f)) }));
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** Events for the types without a fixture, built by editing fixture objects. */
export function syntheticEvents(): Array<{ name: string; event: J; synthetic: true }> {
	const ev = (name: string) => readJson(path.join(FIXTURE_DIR, `${name}.json`));
	const out: Array<{ name: string; event: J; synthetic: true }> = [];

	const failed = clone(ev('charge.succeeded'));
	failed.id = 'evt_synthetic_charge_failed';
	failed.type = 'charge.failed';
	Object.assign(failed.data.object, {
		status: 'failed',
		paid: false,
		captured: false,
		amount_captured: 0,
		failure_code: 'card_declined',
		failure_message: 'Your card has insufficient funds.',
		outcome: { ...failed.data.object.outcome, network_status: 'declined_by_network', reason: 'insufficient_funds', seller_message: 'The bank returned the decline code `insufficient_funds`.', type: 'issuer_declined', network_decline_code: '51' },
	});
	out.push({ name: 'charge.failed', event: failed, synthetic: true });

	const upd = clone(ev('charge.dispute.created'));
	upd.id = 'evt_synthetic_dispute_updated';
	upd.type = 'charge.dispute.updated';
	upd.created = 1722100000;
	upd.data.object.status = 'needs_response';
	upd.data.object.reason = 'fraudulent';
	upd.data.object.evidence_details.has_evidence = true;
	upd.data.object.evidence_details.submission_count = 0;
	upd.data.previous_attributes = { status: 'warning_needs_response', reason: 'general' };
	out.push({ name: 'charge.dispute.updated', event: upd, synthetic: true });

	const won = clone(ev('charge.dispute.created'));
	won.id = 'evt_synthetic_dispute_closed_won';
	won.type = 'charge.dispute.closed';
	won.created = 1723000000;
	won.data.object.status = 'won';
	won.data.object.evidence_details.has_evidence = true;
	won.data.object.evidence_details.submission_count = 1;
	won.data.object.evidence_details.past_due = true;
	out.push({ name: 'charge.dispute.closed (won)', event: won, synthetic: true });

	const lost = clone(won);
	lost.id = 'evt_synthetic_dispute_closed_lost';
	lost.data.object.status = 'lost';
	out.push({ name: 'charge.dispute.closed (lost)', event: lost, synthetic: true });

	const upcoming = clone(ev('invoice.paid'));
	upcoming.id = 'evt_synthetic_invoice_upcoming';
	upcoming.type = 'invoice.upcoming';
	delete upcoming.data.object.id; // upcoming invoices have no id
	Object.assign(upcoming.data.object, {
		status: 'draft',
		amount_paid: 0,
		amount_remaining: 2000,
		amount_due: 2000,
		total: 2000,
		number: null,
		next_payment_attempt: 1722600000,
		period_end: 1722600000,
		parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_1Pgc6rB7WZ01zgkWNy0Cn5nw', metadata: {} }, quote_details: null },
	});
	out.push({ name: 'invoice.upcoming', event: upcoming, synthetic: true });

	const payout = {
		id: 'po_1PgdSynthB7WZ01zgkW0000',
		object: 'payout',
		amount: 125000,
		arrival_date: 1722038400,
		automatic: true,
		balance_transaction: 'txn_1PgdSynthB7WZ01zgkW0001',
		created: 1721954054,
		currency: 'jpy',
		description: 'STRIPE PAYOUT',
		destination: 'ba_1PgdSynthB7WZ01zgkW0002',
		failure_code: null,
		failure_message: null,
		livemode: false,
		metadata: {},
		method: 'standard',
		source_type: 'card',
		statement_descriptor: null,
		status: 'paid',
		type: 'bank_account',
	};
	const base = ev('invoice.paid');
	const paid = { ...clone(base), id: 'evt_synthetic_payout_paid', type: 'payout.paid', created: 1722038500, data: { object: clone(payout) } };
	out.push({ name: 'payout.paid', event: paid, synthetic: true });
	const pf = clone(paid);
	pf.id = 'evt_synthetic_payout_failed';
	pf.type = 'payout.failed';
	Object.assign(pf.data.object, { status: 'failed', failure_code: 'account_closed', failure_message: 'The bank account has been closed.' });
	out.push({ name: 'payout.failed', event: pf, synthetic: true });

	const kwd = clone(ev('payment_intent.succeeded'));
	kwd.id = 'evt_synthetic_pi_kwd_live';
	kwd.livemode = true;
	kwd.account = 'acct_1Connected000001';
	Object.assign(kwd.data.object, { amount: 12340, amount_received: 12340, currency: 'kwd', livemode: true, description: 'Order #2001 <!channel> *bold* contact jenny.rosen@example.com' });
	out.push({ name: 'payment_intent.succeeded (KWD, live, Connect, hostile description)', event: kwd, synthetic: true });

	const sub = clone(ev('customer.subscription.updated'));
	sub.id = 'evt_synthetic_sub_plan_change';
	sub.data.object.cancel_at_period_end = false;
	sub.data.object.cancel_at = null;
	sub.data.object.trial_end = 1722600000;
	sub.data.object.status = 'trialing';
	sub.data.previous_attributes = {
		items: { data: [{ ...clone(sub.data.object.items.data[0]), price: { ...clone(sub.data.object.items.data[0].price), unit_amount: 1000, nickname: 'Starter' } }] },
		status: 'active',
		trial_end: null,
	};
	sub.data.object.items.data[0].price.nickname = 'Pro';
	out.push({ name: 'customer.subscription.updated (plan change, trial)', event: sub, synthetic: true });

	const other = clone(ev('customer.updated'));
	other.id = 'evt_synthetic_tax_id';
	other.type = 'customer.tax_id.created';
	other.data = { object: { id: 'txi_1PgdSynth0001', object: 'tax_id', country: 'DE', type: 'eu_vat', value: 'DE123456789', customer: 'cus_QXg1o8vcGmoR32', created: 1721954054, livemode: false } };
	out.push({ name: 'customer.tax_id.created (object renderer)', event: other, synthetic: true });
	return out;
}

export function allEvents(): Array<{ name: string; event: J; synthetic?: boolean }> {
	return [...fixtureEvents(), ...syntheticEvents()];
}

/** Every string in a message (texts, labels, values, urls, metadata). */
export function messageStrings(m: unknown): string[] {
	const out: string[] = [];
	const walk = (v: unknown) => {
		if (typeof v === 'string') out.push(v);
		else if (Array.isArray(v)) v.forEach(walk);
		else if (v && typeof v === 'object') Object.values(v).forEach(walk);
	};
	walk(m);
	return out;
}

/** Our own links to the Stripe dashboard: the only `<…>` a message may hold. */
export const ALLOWED_LINK = /<https:\/\/dashboard\.stripe\.com\/[^|<>\s]+\|[^<>]*>/g;
