/**
 * Personal values known from the object itself (pure). A customer's name and street are in typed fields
 * (`shipping.name`, `billing_details.address.line1`, `customer_name`...), which the field policy masks by
 * type. The same values typed again by a merchant or a customer into free text (`Ship to Jane Doe` in a
 * description, a metadata KEY named after the buyer, a custom field) slip past every pattern scanner: no
 * pattern knows a name. So the object's own typed values are collected first, and the scanners mask every
 * occurrence of them in free text (scanners.ts, `KnownText`): names as `[name hidden]` (not at "minimal",
 * where names are shown), street lines and postcodes as `[address removed]` at every level.
 *
 * Which fields (#29, from Stripe's API reference of each object the package renders): every `name` the
 * policy calls a person's (billing_details, shipping, customer_details, a customer's own...), `individual_name`
 * (customer, checkout `customer_details`), the wallets' verified names (`card.wallet.masterpass.name`,
 * `visa_checkout.name`), the bank redirects' `verified_name` (iDEAL, Sofort, Bancontact, giropay, EPS, P24),
 * the other person-name keys (`customer_name`, `cardholder_name`, `account_holder_name`, `first_name`...);
 * street lines and postcodes of every address object (wallet billing and shipping addresses included), a
 * review's `billing_zip`, and the dispute evidence's `billing_address` and `shipping_address`, which are
 * plain strings (each comma or line-separated part with a digit or two words). An object nested whole in
 * another (an expanded `customer` on a charge, an invoice or a payment intent, an expanded `payment_method`
 * or `latest_charge`) is read as the object it is.
 *
 * Matching ignores case, diacritics (`Zoë` = `Zoe`: the value is decomposed and its marks stripped, and each
 * letter matches every precomposed letter built on it, with marks after it) and look-alike characters
 * (the scanners match on the skeleton, normalize.ts).
 */
import { normalizeText, skeleton } from './normalize';
import { classifyField, PERSON_NAME_KEYS } from './redact';
import type { KnownText } from './scanners';

const MAX_VALUES = 64;
const MAX_DEPTH = 6;
/** Words of a name too common to mask on their own (a full name still matches whole). */
const COMMON = new Set(['the', 'and', 'for', 'inc', 'ltd', 'llc', 'gmbh', 'co', 'mr', 'mrs', 'ms', 'dr', 'von', 'van', 'der', 'den', 'del', 'de', 'la', 'le']);
const ADDRESS_PARTS = new Set(['line1', 'line2', 'postal_code', 'billing_zip']);
/** Addresses that Stripe gives as one string (dispute evidence). */
const ADDRESS_STRINGS = new Set(['billing_address', 'shipping_address']);
/** Names whatever the path: a customer's or a checkout's individual name, a bank redirect's verified name. */
const NAME_KEYS = new Set(['individual_name', 'verified_name']);
/** Leaf keys that can be a name or a street (the policy decides from the whole path): other leaves are skipped cheaply. */
const CANDIDATE_KEYS = new Set(['name', ...ADDRESS_PARTS, ...ADDRESS_STRINGS, ...NAME_KEYS, ...PERSON_NAME_KEYS]);
/** A wallet's verified owner (`payment_method_details.card.wallet.masterpass.name`). */
const WALLET = /(^|\.)(wallet|masterpass|visa_checkout)\./;
/** Objects nested whole in another, read as what they are (at most this many levels). */
const MAX_NESTED = 3;
/** Patterns by source: a customer's events build the same one again and again. */
const patternCache = new Map<string, RegExp>();
const PATTERN_CACHE_MAX = 500;

/** Letters with no decomposition that read as a Latin letter. */
const FOLD: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ı: 'i', ŧ: 't', ƀ: 'b', ɨ: 'i' };
/** The detection form of a value: normalised, look-alikes folded, lower case, diacritics stripped. */
const form = (s: string) =>
	skeleton(normalizeText(s))
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.replace(/[øłđħıŧƀɨ]/g, (c) => FOLD[c])
		.normalize('NFC');

/** Each Latin letter → the precomposed letters built on it (`e` → `eèéêë…`), found once from Unicode. */
const VARIANTS: Record<string, string> = (() => {
	const out: Record<string, string> = {};
	const ranges = [[0xc0, 0x24f], [0x1e00, 0x1eff]];
	for (const [from, to] of ranges) {
		for (let cp = from; cp <= to; cp++) {
			const ch = String.fromCodePoint(cp).toLowerCase();
			const base = FOLD[ch] ?? ch.normalize('NFD').replace(/\p{M}+/gu, '');
			if (/^[a-z]$/.test(base) && ch !== base && [...ch].length === 1 && !(out[base] ?? '').includes(ch)) out[base] = (out[base] ?? '') + ch;
		}
	}
	return out;
})();

/** One word of a value as a pattern: each letter with its accented forms and any marks after it. */
const letters = (word: string) => [...word].map((c) => (VARIANTS[c] ? `[${c}${VARIANTS[c]}]\\p{M}*` : `${c}\\p{M}*`)).join('');

/** A value as a pattern: its words in order, any short run of separators between them, whole words only. */
function pattern(values: Iterable<string>): RegExp | undefined {
	const words = [...new Set(values)]
		.filter((v) => v.length >= 2)
		.sort((a, b) => b.length - a.length)
		// Words hold letters, marks and digits only: nothing to escape.
		.map((v) => v.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean).map(letters).join('[^\\p{L}\\p{N}]{1,3}'))
		.filter(Boolean);
	if (!words.length) return undefined;
	const source = `(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`;
	let re = patternCache.get(source);
	if (!re) {
		if (patternCache.size >= PATTERN_CACHE_MAX) patternCache.delete(patternCache.keys().next().value as string);
		re = new RegExp(source, 'giu');
		patternCache.set(source, re);
	}
	return re;
}

/**
 * Collect the typed personal values (names, street lines, postcodes) of one or more Stripe objects, each
 * with its object type (`customer`, `charge`...) since that decides what a bare `name` is.
 */
export function knownPersonalText(...objects: Array<{ obj: unknown; objectType?: string }>): KnownText | undefined {
	const names = new Set<string>();
	const places = new Set<string>();
	const path: string[] = []; // one stack of keys, pushed and popped: no array per node
	const addName = (v: string) => {
		names.add(v);
		for (const w of v.split(/[^\p{L}]+/u)) if ([...w].length >= 3 && !COMMON.has(w)) names.add(w);
	};
	const leaf = (x: string, key: string, objectType: string | undefined): void => {
		if (x.length > 200 || !CANDIDATE_KEYS.has(key)) return;
		const p = path.join('.');
		const v = form(x);
		if (!/[\p{L}\p{N}]/u.test(v)) return;
		if (ADDRESS_STRINGS.has(key)) {
			// An address given as one string: each part with a digit (street, postcode) or of two words or more.
			for (const part of v.split(/\s*[,;\n]\s*/)) if (/\d/.test(part) || /\p{L}[^\p{L}]+\p{L}/u.test(part)) places.add(part.trim());
			return;
		}
		const kind = NAME_KEYS.has(key) || (key === 'name' && WALLET.test(p)) ? 'name' : classifyField(p, objectType);
		if (kind === 'name' && !/[@\d]/.test(v)) addName(v);
		else if (kind === 'address' && ADDRESS_PARTS.has(key)) places.add(v);
		else if (key === 'billing_zip') places.add(v);
	};
	let nested = 0;
	const walk = (x: unknown, objectType: string | undefined): void => {
		if (names.size + places.size >= MAX_VALUES || path.length >= MAX_DEPTH) return;
		const visit = (key: string, v: unknown) => {
			if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return;
			path.push(key);
			if (typeof v === 'string') leaf(v, key, objectType);
			else {
				const inner = (v as { object?: unknown }).object;
				if (typeof inner === 'string' && /^[a-z_.]{1,60}$/.test(inner) && nested < MAX_NESTED && !Array.isArray(v)) {
					// An expanded object (a charge's `customer`): its own paths, read as its own type.
					const outer = path.splice(0);
					nested++;
					walk(v, inner);
					nested--;
					path.push(...outer);
				} else walk(v, objectType);
			}
			path.pop();
		};
		if (Array.isArray(x)) x.forEach((v, i) => visit(String(i), v));
		else if (x && typeof x === 'object') for (const k in x) if (k !== 'metadata') visit(k, (x as Record<string, unknown>)[k]);
	};
	for (const o of objects) walk(o.obj, o.objectType);
	const known: KnownText = { names: pattern(names), places: pattern(places) };
	return known.names || known.places ? known : undefined;
}
