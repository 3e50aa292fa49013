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
import { classifyField } from './redact';
import type { KnownText } from './scanners';

const MAX_VALUES = 64;
const MAX_DEPTH = 6;
/** Words of a name too common to mask on their own (a full name still matches whole). */
const COMMON = new Set(['the', 'and', 'for', 'inc', 'ltd', 'llc', 'gmbh', 'co', 'mr', 'mrs', 'ms', 'dr', 'von', 'van', 'der', 'den', 'del', 'de', 'la', 'le']);
const ADDRESS_PARTS = new Set(['line1', 'line2', 'postal_code']);

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
	return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Collect the typed personal values (names, street lines, postcodes) of one or more Stripe objects, each
 * with its object type (`customer`, `charge`...) since that decides what a bare `name` is.
 */
export function knownPersonalText(...objects: Array<{ obj: unknown; objectType?: string }>): KnownText | undefined {
	const names = new Set<string>();
	const places = new Set<string>();
	const walk = (x: unknown, path: string[], objectType: string | undefined): void => {
		if (names.size + places.size >= MAX_VALUES || path.length > MAX_DEPTH) return;
		if (typeof x === 'string') {
			if (!path.length || x.length > 200) return;
			const p = path.join('.');
			const kind = classifyField(p, objectType);
			const v = form(x);
			if (!/[\p{L}\p{N}]/u.test(v)) return;
			if (kind === 'name' && !/[@\d]/.test(v)) {
				names.add(v);
				for (const w of v.split(/[^\p{L}]+/u)) if ([...w].length >= 3 && !COMMON.has(w)) names.add(w);
			} else if (kind === 'address' && ADDRESS_PARTS.has(path[path.length - 1])) places.add(v);
			return;
		}
		if (Array.isArray(x)) x.forEach((v, i) => walk(v, [...path, String(i)], objectType));
		else if (x && typeof x === 'object') {
			for (const [k, v] of Object.entries(x)) if (k !== 'metadata') walk(v, [...path, k], objectType);
		}
	};
	for (const o of objects) walk(o.obj, [], o.objectType);
	const known: KnownText = { names: pattern(names), places: pattern(places) };
	return known.names || known.places ? known : undefined;
}
