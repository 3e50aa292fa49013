/**
 * The event catalogue for the tests, the gallery and `npm run catalogue` (not a test file): stripe-node's list
 * of event types with the object each carries (read from node_modules/stripe's Events.d.ts), and an event of
 * each type built around Stripe's example object of its type (test/fixtures/stripe/catalogue/, copied from
 * stripe/openapi fixtures3.json; see SOURCES.md), its placeholders set to values that fit, relative to NOW.
 */
import * as fs from 'fs';
import * as path from 'path';

type J = Record<string, any>;

/** "Now" of the catalogue: 2024-07-26T13:20:00Z, as in fixtures.ts. */
export const NOW = 1722000000000;
export const NOW_S = NOW / 1000;
const DAY = 86400;

/** The stripe package folder (its package.json is not exported). */
export const STRIPE_DIR = (() => {
	const main = require.resolve('stripe');
	return main.slice(0, main.lastIndexOf(`${path.sep}stripe${path.sep}`) + `${path.sep}stripe`.length);
})();
export const STRIPE_VERSION: string = JSON.parse(fs.readFileSync(path.join(STRIPE_DIR, 'package.json'), 'utf8')).version;
const EVENTS_DTS = path.join(STRIPE_DIR, 'cjs', 'resources', 'Events.d.ts');
const OBJECTS = path.join(__dirname, '..', '..', 'fixtures', 'stripe', 'catalogue', 'fixtures3-objects.json');

/** stripe-node's TypeScript class of an event's object → Stripe's `object` string, where snake-casing is not it. */
const CLASS_ALIASES: Record<string, string> = {
	invoice_item: 'invoiceitem',
	customer_source: 'card',
	external_account: 'bank_account',
	'sigma.scheduled_query_run': 'scheduled_query_run',
};

function snake(cls: string): string {
	const s = cls
		.split('.')
		.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase())
		.join('.')
		.replace(/^three_dsecure/, 'three_d_secure');
	return CLASS_ALIASES[s] ?? s;
}

export interface CatalogueType {
	type: string;
	/** The `object` of data.object, per stripe-node's typing. */
	object: string;
}

let cachedTypes: CatalogueType[] | undefined;

/** Every event type of stripe-node's Event.Type union, with its object type. */
export function stripeEventTypes(): CatalogueType[] {
	if (cachedTypes) return cachedTypes;
	const src = fs.readFileSync(EVENTS_DTS, 'utf8');
	const union = /type Type = ([^;]+);/.exec(src);
	if (!union) throw new Error(`no Event.Type union in ${EVENTS_DTS}`);
	const types = [...union[1].matchAll(/'([a-z0-9_.]+)'/g)].map((m) => m[1]);
	const objectOf = new Map<string, string>();
	const re = /type: '([a-z0-9_.]+)';\s*data: \w+\.Data;[\s\S]*?interface Data extends Event\.Data \{\s*object: ([\w.]+)/g;
	for (const m of src.matchAll(re)) objectOf.set(m[1], snake(m[2]));
	cachedTypes = types.map((type) => {
		const object = objectOf.get(type);
		if (!object) throw new Error(`no object type for ${type} in ${EVENTS_DTS}`);
		return { type, object };
	});
	return cachedTypes;
}

let examples: Record<string, J> | undefined;

/** Stripe's example objects of the types events carry (verbatim fixtures3). */
export function exampleObjects(): Record<string, J> {
	examples ??= JSON.parse(fs.readFileSync(OBJECTS, 'utf8')) as Record<string, J>;
	return examples;
}

/** Objects Stripe's fixtures lack: built from stripe-node's typing (marked synthetic). */
const SYNTHETIC: Record<string, J> = {
	'apps.install': { id: 'appinst_1Synthetic0001', object: 'apps.install', created: 0, livemode: false },
	'three_d_secure.authentication': {
		id: 'threeds_1Synthetic0001',
		object: 'three_d_secure.authentication',
		amount: 4999,
		currency: 'eur',
		channel: 'browser',
		created: 0,
		livemode: false,
		outcome: { result: 'authenticated' },
		payment_method: 'pm_1Synthetic0001',
		status: 'succeeded',
		metadata: {},
	},
};

const DATE_KEY = /(_at|_date|_end|_start|_until|_by|_after|_attempt|^created|^start|^end|^frozen_time|^redeem_by|^updated|^capture_before|^deletes_after|^scheduled_release|^as_of)$/;
/** Dates that lie ahead of the event (deadlines, arrivals, expiries); every other date lies behind it. */
const FUTURE_KEY = /^(due_date|expires_at|arrival_date|trial_end|current_period_end|cancel_at|expected_arrival_date|expected_availability_date|redeem_by|current_deadline|due_by|capture_before|deletes_after|result_available_until|release_after|scheduled_release|next_payment_attempt|end_date|expected_deactivation_date|end|resumes_at)$/;
const CURRENCY_KEY = /^(currency|merchant_currency)$/;

/** Placeholders → values that fit: dates around NOW, currency "currency" → usd. */
function fit(x: unknown, key = ''): unknown {
	if (Array.isArray(x)) return x.map((v) => fit(v, key));
	if (x && typeof x === 'object') {
		const o: J = {};
		for (const [k, v] of Object.entries(x)) o[k] = fit(v, k);
		return o;
	}
	if (typeof x === 'number' && DATE_KEY.test(key)) return FUTURE_KEY.test(key) ? NOW_S + 3 * DAY : NOW_S - 2 * DAY;
	if (typeof x === 'string' && CURRENCY_KEY.test(key) && !/^[a-z]{3}$/.test(x)) return 'usd';
	return x;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** Stripe's example object of an object type, placeholders fitted (a copy), or undefined when there is none. */
export function exampleObject(object: string): J | undefined {
	const ex = exampleObjects()[object] ?? SYNTHETIC[object];
	if (!ex) return undefined;
	const o = fit(clone(ex)) as J;
	o.object = object;
	if (!o.id) o.id = `obj_${object.replace(/[^a-z]/g, '')}1Example`;
	return o;
}

/** A Stripe event envelope around an object (as fixtures3's `event` example, SOURCES.md §1). */
export function envelope(type: string, object: J, previous?: J, i = 0): J {
	const ev: J = {
		id: `evt_1Catalogue${String(i).padStart(6, '0')}`,
		object: 'event',
		api_version: '2026-07-29.dahlia',
		created: NOW_S - 3600,
		data: previous ? { object, previous_attributes: previous } : { object },
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		type,
	};
	return ev;
}

/** One event per type of stripe-node's list, around Stripe's example object of its type. */
export function catalogueEvents(): Array<{ type: string; object: string; event: J; synthetic: boolean }> {
	return stripeEventTypes().map(({ type, object }, i) => {
		const obj = exampleObject(object) ?? { id: `obj_${i}`, object };
		const synthetic = !exampleObjects()[object];
		const prev = type.endsWith('.updated') ? (typeof obj.status === 'string' ? { status: obj.status === 'pending' ? 'active' : 'pending' } : { metadata: {} }) : undefined;
		return { type, object, event: envelope(type, obj, prev, i), synthetic };
	});
}
