/**
 * Personal values known from the object itself (pure). A customer's name and street are in typed fields
 * (`shipping.name`, `billing_details.address.line1`, `customer_name`...), which the field policy masks by
 * type. The same values typed again by a merchant or a customer into free text (`Ship to Jane Doe` in a
 * description, a metadata KEY named after the buyer, a custom field) slip past every pattern scanner: no
 * pattern knows a name. So the object's own typed values are collected first, and the scanners mask every
 * occurrence of them in free text (scanners.ts, `KnownText`): names as `[name hidden]` (not at "minimal",
 * where names are shown), street lines and postcodes as `[address removed]` at every level.
 */
import { normalizeText, skeleton } from './normalize';
import { classifyField, PERSON_NAME_KEYS } from './redact';
import type { KnownText } from './scanners';

const MAX_VALUES = 64;
const MAX_DEPTH = 6;
/** Words of a name too common to mask on their own (a full name still matches whole). */
const COMMON = new Set(['the', 'and', 'for', 'inc', 'ltd', 'llc', 'gmbh', 'co', 'mr', 'mrs', 'ms', 'dr', 'von', 'van', 'der', 'den', 'del', 'de', 'la', 'le']);
const ADDRESS_PARTS = new Set(['line1', 'line2', 'postal_code']);
/** Leaf keys that can be a name or a street (the policy decides from the whole path): other leaves are skipped cheaply. */
const CANDIDATE_KEYS = new Set(['name', ...ADDRESS_PARTS, ...PERSON_NAME_KEYS]);
/** Patterns by source: a customer's events build the same one again and again. */
const patternCache = new Map<string, RegExp>();
const PATTERN_CACHE_MAX = 500;

/** The detection form of a value: normalised, look-alikes folded, lower case. */
const form = (s: string) => skeleton(normalizeText(s)).toLowerCase();

/** A value as a pattern: its words in order, any short run of separators between them, whole words only. */
function pattern(values: Iterable<string>): RegExp | undefined {
	const words = [...new Set(values)]
		.filter((v) => v.length >= 2)
		.sort((a, b) => b.length - a.length)
		// Words hold letters, marks and digits only: nothing to escape.
		.map((v) => v.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean).join('[^\\p{L}\\p{N}]{1,3}'))
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
	const leaf = (x: string, key: string, objectType: string | undefined): void => {
		if (x.length > 200 || !CANDIDATE_KEYS.has(key)) return;
		const kind = classifyField(path.join('.'), objectType);
		const v = form(x);
		if (!/[\p{L}\p{N}]/u.test(v)) return;
		if (kind === 'name' && !/[@\d]/.test(v)) {
			names.add(v);
			for (const w of v.split(/[^\p{L}]+/u)) if ([...w].length >= 3 && !COMMON.has(w)) names.add(w);
		} else if (kind === 'address' && ADDRESS_PARTS.has(key)) places.add(v);
	};
	const walk = (x: unknown, objectType: string | undefined): void => {
		if (names.size + places.size >= MAX_VALUES || path.length >= MAX_DEPTH) return;
		const visit = (key: string, v: unknown) => {
			if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return;
			path.push(key);
			if (typeof v === 'string') leaf(v, key, objectType);
			else walk(v, objectType);
			path.pop();
		};
		if (Array.isArray(x)) x.forEach((v, i) => visit(String(i), v));
		else if (x && typeof x === 'object') for (const k in x) if (k !== 'metadata') visit(k, (x as Record<string, unknown>)[k]);
	};
	for (const o of objects) walk(o.obj, o.objectType);
	const known: KnownText = { names: pattern(names), places: pattern(places) };
	return known.names || known.places ? known : undefined;
}
