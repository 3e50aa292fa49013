/**
 * Seeded data: a small Slack workspace and the Stripe objects behind the fixture events.
 *
 * Stripe objects come from test/fixtures/stripe (the ids used in those events are all retrievable,
 * in their "actionable" state: open invoice, unrefunded charge, active subscription, dispute that
 * needs a response), plus N balance transactions (and their charges) from a deterministic PRNG.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deepClone, prng, seededId, type Obj } from './util';

export const FIXTURES_DIR = join(__dirname, '..', 'test', 'fixtures', 'stripe');

// ---------------------------------------------------------------- Slack workspace

export interface SlackUser {
	id: string;
	name: string;
	real_name: string;
	email: string;
	is_admin?: boolean;
}
export interface SlackChannel {
	id: string;
	name: string;
	is_private: boolean;
	topic: string;
	created: number;
	/** Archived: Slack answers is_archived to a post. */
	is_archived?: boolean;
	/** A private channel the bot was not invited to: Slack answers not_in_channel. */
	bot_not_member?: boolean;
}

export const TEAM = { id: 'T_SANDBOX', domain: 'sandbox', name: 'Sandbox Workspace' };
export const BOT = { user_id: 'U_BOT', bot_id: 'B_SANDBOX', app_id: 'A_SANDBOX', name: 'stripe-bot' };

export function seedSlack(): { users: SlackUser[]; usergroups: Record<string, { id: string; handle: string; users: string[] }>; channels: SlackChannel[] } {
	const created = 1700000000;
	return {
		users: [
			{ id: 'U_ALICE', name: 'alice', real_name: 'Alice Finance', email: 'alice@example.com', is_admin: true },
			{ id: 'U_BOB', name: 'bob', real_name: 'Bob Support', email: 'bob@example.com' },
			{ id: 'U_CAROL', name: 'carol', real_name: 'Carol Ops', email: 'carol@example.com' },
			{ id: BOT.user_id, name: BOT.name, real_name: 'Stripe Bot', email: '' },
		],
		usergroups: {
			S_FINANCE: { id: 'S_FINANCE', handle: 'finance', users: ['U_ALICE', 'U_CAROL'] },
			S_SUPPORT: { id: 'S_SUPPORT', handle: 'support', users: ['U_BOB'] },
		},
		channels: [
			['C_PAYMENTS', 'payments', 'Successful and failed payments'],
			['C_BILLING', 'billing', 'Invoices and subscriptions'],
			['C_BILLING_ALERTS', 'billing-alerts', 'Dunning and failed invoices'],
			['C_DISPUTES', 'disputes', 'Chargebacks that need a response'],
			['C_REVENUE', 'revenue', 'Daily revenue digests'],
			['C_REFUNDS', 'refunds', 'Refund requests and results'],
			['C_SALES_PRO', 'sales-pro', 'Sales of the Pro plan (routing by product)'],
			['C_SALES_TEAM', 'sales-team', 'Sales of the Team plan (routing by product)'],
			['C_SUPPORT', 'support', 'Customer questions; /stripe looks up billing'],
			['C_SUPPORT_AUDIT', 'support-audit', 'Access log of billing lookups and actions'],
			['C_LEGAL', 'legal', 'Escalated alerts for legal and finance'],
			['C_RISK', 'risk', 'Early fraud warnings and Radar reviews'],
			['C_GENERAL', 'general', 'Everything else'],
		].map(([id, name, topic]) => ({ id, name, topic, is_private: false, created } as SlackChannel)).concat([
			// Channels a setting can name and the bot cannot post to, answered as Slack does (issue #28).
			{ id: 'C_OLD_PAYMENTS', name: 'old-payments', topic: 'Archived', is_private: false, created, is_archived: true },
			{ id: 'C_FINANCE_PRIVATE', name: 'finance-private', topic: 'Private; the bot was not invited', is_private: true, created, bot_not_member: true },
		]),
	};
}

// ---------------------------------------------------------------- Stripe objects

export interface StripeSeed {
	objects: Map<string, Obj>; // id -> object (charges, invoices, ...)
	balanceTransactions: Obj[]; // newest first
}

function loadEvent(file: string): Obj | undefined {
	try {
		return JSON.parse(readFileSync(join(FIXTURES_DIR, file), 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Which fixture provides the seeded state of each object: the state in which the buttons on a
 * formatted message make sense (pay an open invoice, refund an unrefunded charge, ...).
 */
const PRIMARY = [
	'customer.updated.json',
	'charge.succeeded.json',
	'payment_intent.succeeded.json',
	'invoice.payment_failed.json',
	'customer.subscription.created.json',
	'charge.dispute.created.json',
	'checkout.session.completed.json',
];

const CURRENCIES: { code: string; zeroDecimal: boolean; weight: number; min: number; max: number; rate: number }[] = [
	{ code: 'usd', zeroDecimal: false, weight: 5, min: 500, max: 250000, rate: 1 },
	{ code: 'eur', zeroDecimal: false, weight: 3, min: 500, max: 200000, rate: 1.08 },
	{ code: 'gbp', zeroDecimal: false, weight: 2, min: 500, max: 150000, rate: 1.27 },
	{ code: 'cad', zeroDecimal: false, weight: 1, min: 500, max: 200000, rate: 0.73 },
	{ code: 'jpy', zeroDecimal: true, weight: 1, min: 500, max: 300000, rate: 0.0067 },
];

const DESCRIPTIONS = ['Pro plan (monthly)', 'Team plan (annual)', 'Usage overage', 'Starter plan (monthly)', 'Add-on seats', 'One-off setup fee'];

export function seedStripe(opts: { transactions: number; seed: number; now: number }): StripeSeed {
	const objects = new Map<string, Obj>();
	const put = (o: Obj | undefined) => {
		if (o && typeof o.id === 'string' && !objects.has(o.id)) objects.set(o.id, deepClone(o));
	};

	// 1. Current-shape fixtures, in their actionable state; then any other object they mention.
	for (const f of PRIMARY) put(loadEvent(f)?.data?.object);
	for (const f of readdirSync(FIXTURES_DIR).filter((x) => x.endsWith('.json') && !x.startsWith('_'))) put(loadEvent(f)?.data?.object);
	// 2. Legacy 2012 events (old shapes, ids like ch_00000000000000): retrievable, not used for logic.
	const legacyDir = join(FIXTURES_DIR, 'legacy-2012-stripe-java');
	try {
		for (const f of readdirSync(legacyDir).filter((x) => x.endsWith('.json'))) put(loadEvent(join('legacy-2012-stripe-java', f))?.data?.object);
	} catch {
		/* optional */
	}
	normalizeFixtureObjects(objects);

	// 3. An invoice whose payment always fails (402 card_declined), to exercise the error path.
	const base = objects.get('in_1Pgc6tB7WZ01zgkWu9fdqL6I');
	if (base) {
		put({ ...deepClone(base), id: 'in_sandbox_card_declined', number: 'SANDBOX-0002', metadata: { sandbox_behaviour: 'card_declined' } });
	}

	// 4. Balance transactions and the charges behind them, deterministic.
	const rand = prng(opts.seed);
	const totalWeight = CURRENCIES.reduce((a, c) => a + c.weight, 0);
	const pickCurrency = () => {
		let r = rand() * totalWeight;
		for (const c of CURRENCIES) if ((r -= c.weight) < 0) return c;
		return CURRENCIES[0];
	};
	const txns: Obj[] = [];
	const spanSeconds = 90 * 86400; // the last 90 days
	let created = opts.now - 60;
	const step = Math.max(1, Math.floor(spanSeconds / Math.max(1, opts.transactions)));
	for (let i = 0; i < opts.transactions; i++) {
		created -= Math.floor(step * (0.5 + rand()));
		const cur = pickCurrency();
		const r = rand();
		const type = r < 0.78 ? 'charge' : r < 0.88 ? 'refund' : r < 0.95 ? 'payout' : r < 0.98 ? 'adjustment' : 'stripe_fee';
		let amount = Math.round(cur.min + rand() * (cur.max - cur.min));
		if (!cur.zeroDecimal) amount = Math.round(amount / 100) * 100 - (rand() < 0.5 ? 1 : 0); // x99 prices
		const id = seededId('txn_', rand);
		let fee = 0;
		let source: string | null = null;
		let description: string | null = null;
		if (type === 'charge') {
			fee = Math.round(amount * 0.029 + (cur.zeroDecimal ? 40 : 30));
			const ch = seededId('ch_', rand);
			description = DESCRIPTIONS[Math.floor(rand() * DESCRIPTIONS.length)];
			source = ch;
			objects.set(ch, makeCharge(ch, amount, cur.code, created, id, description));
		} else if (type === 'refund') {
			amount = -Math.round(amount / 3);
			source = seededId('re_', rand);
			description = 'REFUND FOR CHARGE';
		} else if (type === 'payout') {
			amount = -amount * 2;
			source = seededId('po_', rand);
			description = 'STRIPE PAYOUT';
		} else if (type === 'adjustment') {
			amount = -Math.round(amount / 5);
			description = 'Chargeback withdrawal';
			source = seededId('du_', rand);
		} else {
			amount = -Math.round(amount / 50) || -1;
			description = 'Billing - Usage Fee';
		}
		const available_on = created + 2 * 86400;
		txns.push({
			id,
			object: 'balance_transaction',
			amount,
			available_on,
			created,
			currency: cur.code,
			description,
			exchange_rate: cur.code === 'usd' ? null : cur.rate,
			fee,
			fee_details: fee ? [{ amount: fee, application: null, currency: cur.code, description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
			net: amount - fee,
			reporting_category: { charge: 'charge', refund: 'refund', payout: 'payout', adjustment: 'dispute', stripe_fee: 'fee' }[type],
			source,
			status: available_on > opts.now ? 'pending' : 'available',
			type,
		});
	}
	return { objects, balanceTransactions: txns };
}

/** Put the fixture objects in their actionable state and link them together. */
function normalizeFixtureObjects(objects: Map<string, Obj>): void {
	for (const o of objects.values()) {
		if (o.object === 'charge' && !String(o.id).endsWith('00000000000000')) {
			o.amount_refunded = 0;
			o.refunded = false;
			o.refunds = { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/charges/${o.id}/refunds` };
		}
		if (o.object === 'invoice' && o.status === 'open') o.attempt_count = o.attempt_count || 1;
	}
}

function makeCharge(id: string, amount: number, currency: string, created: number, txn: string, description: string): Obj {
	return {
		id,
		object: 'charge',
		amount,
		amount_captured: amount,
		amount_refunded: 0,
		balance_transaction: txn,
		captured: true,
		created,
		currency,
		customer: null,
		description,
		disputed: false,
		livemode: false,
		metadata: {},
		paid: true,
		payment_intent: null,
		refunded: false,
		refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/charges/${id}/refunds` },
		status: 'succeeded',
	};
}
