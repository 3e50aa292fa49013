/**
 * Free-text scanners (pure). `scanText` normalises the text first (normalize.ts), matches every pattern on
 * the look-alike-folded skeleton, and replaces the matched ranges of the normalised text. Order: the
 * object's own names and streets (known.ts) → secrets (Stripe keys of every prefix and any length, a space
 * after the prefix allowed, webhook and client secrets, JWTs, Slack tokens and webhook URLs, AWS access
 * keys) → emails (spaces, comments, IP literals) → IPv6 → IBANs (mod-97) → numbers whose label says what
 * they are set aside (benign.ts) → IPv4 → card numbers (Luhn, any window of a digit run) → VAT numbers →
 * US SSNs → postal addresses → phone numbers (international `+` or `00`, North American, national trunk
 * `0…`) → what is left of a number next to a mask (7+ digits). Digits are read across runs of up to 5
 * separators and glued to letters. Emails, phones and addresses are kept in allowed fields; the rest never.
 * Every pass is linear in the text: bounded patterns, patterns tried only where a value starts, or a
 * hand-written pass (finders.ts).
 */
import { attempt } from '../attempt';
import { protect, restore } from './benign';
import { cardCover, findClientSecrets, findEmails, findIbans, findJwts, type Span } from './finders';
import { normalizeText, skeleton } from './normalize';
import type { RedactionLevel } from './types';

export interface ScanFindings {
	email: number;
	phone: number;
	card: number;
	secret: number;
	iban: number;
	id: number;
}

/**
 * Personal values known from the object being formatted (known.ts): its names and its street lines and
 * postcodes, as patterns on the detection skeleton. Masked before every other scanner.
 */
export interface KnownText {
	names?: RegExp;
	places?: RegExp;
}

export const emptyFindings = (): ScanFindings => ({ email: 0, phone: 0, card: 0, secret: 0, iban: 0, id: 0 });

/** What may separate the digits of a number written to slip past a scanner: anything but a letter or a digit, up to 5. */
const SEP = `[^\\p{L}\\p{N}\\p{M}]{0,5}`;
/** The same for phone numbers, but not `:` `,` `;` (times such as 10:30, amounts such as 1,234,567) nor `+` (a new number). */
const PSEP = `[^\\p{L}\\p{N}\\p{M}:,;+]{0,5}`;
/**
 * Postal addresses (#15, a second line of defence behind the field policy), in any case: a street number
 * with a street word (`510 Townsend St`, `hauptstraße 5`, `12 rue de la Paix`), and postcodes of the US
 * (after a state code: any two capitals, or in any case a state code that is no English word), the UK,
 * Canada, and Germany or France (before a town name). Every quantifier is bounded (linear time).
 */
const STREET_WORDS = 'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir';
const LOWER_STATES = 'ak|al|ar|az|ca|ct|dc|fl|ia|il|ks|ky|md|mi|mn|nc|nd|nh|nj|nm|nv|ny|pr|ri|sc|sd|tn|tx|ut|va|vt|wa|wi|wv|wy';
const ADDRESS_RES: RegExp[] = [
	new RegExp(`\\b\\d{1,6}[a-zA-Z]?,? (?:\\p{L}[\\p{L}.'-]{0,30} ){1,4}(?:${STREET_WORDS})\\b\\.?(?: (?:Apt|Suite|Unit|#) ?[\\w-]{1,12})?`, 'giu'),
	/(?<![\p{L}\p{N}-])\p{L}[\p{L}-]{0,40}?(?:straße|strasse|str\.|weg|platz|allee|gasse|damm) ?\d{1,4}[a-z]?\b|\b\p{Lu}[\p{L}-]{0,40}?ring \d{1,4}[a-z]?\b/giu,
	/\b\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route)(?: [\p{L}'-]{1,30}){1,5}/giu,
	new RegExp(`\\b(?:[A-Z]{2}|${LOWER_STATES.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`)}) \\d{5}(?:-\\d{4})?\\b`, 'gu'),
	/\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/giu,
	/\b[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d\b/giu,
	/\b(?:D-|F-)?\d{5}(?= \p{L}{3})/giu,
];

/** The German street forms' words: their pattern (the costliest) runs only on text that holds one. */
const STREET_SUFFIX = /stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|damm|ring/i;

/**
 * 7 digits or more right before or after a mask: what is left of a number whose other part a scanner took.
 * A number is only tried from its first digit, and the mask after it is read in a bounded window.
 */
const REMNANT_RE = new RegExp(
	`(?<=(?:removed\\]|hidden\\]|•••\\d{0,4})[^\\p{L}\\p{N}]{0,3})\\d(?:${PSEP}\\d){6,}|(?<!\\d${PSEP})\\d(?:${PSEP}\\d){6,}(?=[^\\p{L}\\p{N}]{0,3}(?:\\[[a-zA-Z ]{1,24}(?:removed|hidden)\\]|•••))`,
	'gu',
);


/** Whether the text holds 7 digits or more (a single pass, stops at the seventh). */
function sevenDigits(text: string): boolean {
	let n = 0;
	for (let i = 0; i < text.length && n < 7; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) n++;
	}
	return n >= 7;
}

/** A valid IPv6 address (zone id already removed), as the WHATWG URL parser reads a bracketed host. */
function isIPv6(candidate: string): boolean {
	return /^[0-9A-Fa-f:.]+$/.test(candidate) && candidate.includes(':') && attempt(() => new URL(`http://[${candidate}]/`)).ok;
}
export function luhnValid(digits: string): boolean {
	if (!/^\d{12,19}$/.test(digits)) return false;
	let sum = 0;
	let dbl = false;
	for (let i = digits.length - 1; i >= 0; i--) {
		let d = digits.charCodeAt(i) - 48;
		if (dbl) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
		dbl = !dbl;
	}
	return sum % 10 === 0;
}

/** IBAN length by country (SWIFT IBAN registry); other countries: 15 to 34 characters. */
const IBAN_LENGTH: Record<string, number> = {
	AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, ES: 24,
	FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28,
	LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24,
	RS: 22, SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20,
};

export function ibanValid(raw: string): boolean {
	const s = skeleton(normalizeText(raw)).replace(/[^A-Za-z0-9]/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
	const expected = IBAN_LENGTH[s.slice(0, 2)];
	if (expected !== undefined && s.length !== expected) return false;
	const rearranged = s.slice(4) + s.slice(0, 4);
	let rem = 0;
	for (const ch of rearranged) {
		const v = ch >= 'A' ? (ch.charCodeAt(0) - 55).toString() : ch;
		for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
	}
	return rem === 1;
}

/** An email (spaces, comments and an IP-literal domain allowed) masked for the level; an IP literal is never shown. */
export function maskEmail(email: string, level: RedactionLevel): string {
	const e = email.replace(/\s/g, '').replace(/\([^()]*\)/g, '');
	const at = e.lastIndexOf('@');
	if (level === 'strict' || at < 1) return '[email hidden]';
	const local = [...e.slice(0, at)];
	const domain = e.slice(at + 1);
	const first = local[0] === '"' ? local[1] ?? '' : local[0];
	if (domain.startsWith('[')) return `${first}•••@[•••]`;
	if (level === 'minimal') return `${first}•••@${domain}`;
	const dot = domain.lastIndexOf('.');
	const tld = dot > 0 ? domain.slice(dot) : '';
	return `${first}•••@${[...domain][0]}•••${tld}`;
}

export function maskPhone(phone: string, level: RedactionLevel): string {
	const digits = skeleton(normalizeText(phone)).replace(/\D/g, '');
	if (level !== 'minimal' || digits.length < 6) return '[phone hidden]';
	return `•••${digits.slice(-4)}`;
}

/** The text and its skeleton, replaced together (ranges of one are ranges of the other). */
interface Views {
	text: string;
	skel: string;
}

/** Replace spans (sorted, disjoint) of both views; `fn` gets the text and skeleton of the span, undefined keeps it. */
function replaceSpans(v: Views, spans: Span[], fn: (m: string, skel: string) => string | undefined): void {
	if (!spans.length) return;
	let text = '';
	let skel = '';
	let last = 0;
	for (const { start, end } of spans) {
		if (start < last) continue;
		const r = fn(v.text.slice(start, end), v.skel.slice(start, end));
		if (r === undefined) continue;
		text += v.text.slice(last, start) + r;
		skel += v.skel.slice(last, start) + skeleton(r);
		last = end;
	}
	v.text = text + v.text.slice(last);
	v.skel = skel + v.skel.slice(last);
}

/**
 * Replace each match of `re` on the skeleton; `fn` gets the match of the text (same range) and returns the
 * replacement or undefined (keep). With `retry`, a kept match is searched again from its next character
 * (only for patterns whose every quantifier is bounded, so a retry costs a bounded time).
 */
function replaceOn(v: Views, re: RegExp, fn: (m: string, skel: string) => string | undefined, retry = false): void {
	const spans: Span[] = [];
	const reps: string[] = [];
	re.lastIndex = 0;
	for (let m = re.exec(v.skel); m; m = re.exec(v.skel)) {
		if (m[0] === '') {
			re.lastIndex++;
			continue;
		}
		const start = m.index;
		const end = start + m[0].length;
		const r = fn(v.text.slice(start, end), m[0]);
		if (r === undefined) {
			if (retry) re.lastIndex = start + 1;
			continue;
		}
		spans.push({ start, end });
		reps.push(r);
	}
	let k = 0;
	replaceSpans(v, spans, () => reps[k++]);
}

/** Stripe keys and webhook secrets tolerate a space after their prefix (`sk_live_ 51H…`). */
const SECRET_RES: RegExp[] = [
	/(?:sk|rk|pk|ek)[_-] ?(?:live|test)[_-] ?[0-9A-Za-z]*/gi,
	/whsec[_-] ?[0-9A-Za-z]*/gi,
	/xox[a-z]- ?[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|xapp- ?[0-9]+(?:-[A-Za-z0-9]+)+/gi,
	/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/gi,
	/(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
];

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|0{0,2}[1-9]?\\d)';
const IPV4_RE = new RegExp(`(?<![\\d.])${OCTET}(?: ?\\. ?${OCTET}){3}(?!\\d|\\.\\d)`, 'g');
const IPV6_RE = /(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?:%[0-9A-Za-z]{1,16})?(?![0-9A-Za-z:])/g;
/** A digit run: digits across up to 5 separators (glued to letters or not). Tried from its first digit only. */
const CARD_RE = new RegExp(`(?<!\\d${SEP})\\d(?:${SEP}\\d){11,}`, 'gu');
/** US SSNs: 3-2-4 digits, with or without separators (any), or 9 digits after "SSN". A bare 9-digit number counts. */
const SSN_RE = new RegExp(`(?<!\\d)\\d{3}${SEP}\\d{2}${SEP}\\d{4}(?!\\d)|\\b(?:ssn|social security(?: number| no)?)\\W{0,3}\\d{9}(?!\\d)`, 'giu');
const VAT_RE = new RegExp(
	`(?<![A-Za-z0-9])(?:ATU|CHE|AT|BE|BG|CY|CZ|DE|DK|EE|EL|GR|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|GB|NO)[^\\p{L}\\p{N}\\p{M}]{0,2}(?=(?:[^\\p{L}\\p{N}\\p{M}]{0,2}[A-Z]?\\d){7})[0-9A-Z](?:[^\\p{L}\\p{N}\\p{M}]{0,2}[0-9A-Z]){7,13}(?![A-Za-z0-9])`,
	'gu',
);
/** A digit after up to 5 phone separators. */
const D = `${PSEP}\\d`;
/** Phone numbers, glued to letters or not (never right after a digit or `+`), their digits grouped in any way. */
const PHONE_RES: RegExp[] = [
	new RegExp(`(?<![\\d+])(?:\\+|00)${PSEP}[1-9](?:${PSEP}\\d){6,14}(?!\\d)`, 'gu'),
	new RegExp(`(?<![\\d+])(?:1${PSEP})?(?:\\([2-9]\\d\\d\\)|[2-9]${D}${D})${PSEP}[2-9]${D}${D}${D}${D}${D}${D}(?!\\d)`, 'gu'),
	new RegExp(`(?<![\\d+])0${PSEP}[1-9](?:${PSEP}\\d){7,10}(?!\\d)`, 'gu'),
];

/**
 * A run of digits and separators → card numbers removed (cardCover: every window of 13–19 digits that is
 * whole groups, or starts with 2–6 anywhere in the run, is Luhn-checked); what is covered by a valid
 * window goes, and an uncovered part of 7 digits or more between or beside them goes too (a window may
 * have taken a neighbour's prefix, e.g. the "00" of a phone number, leaving the rest unrecognisable).
 */
function maskCards(m: string, skel: string): string | undefined {
	let n = 0;
	for (let i = 0; i < skel.length; i++) if (skel.charCodeAt(i) >= 48 && skel.charCodeAt(i) <= 57) n++;
	const digits = new Uint8Array(n);
	const at = new Int32Array(n);
	const groupStart = new Uint8Array(n);
	const groupEnd = new Uint8Array(n);
	for (let i = 0, k = 0; i < skel.length; i++) {
		const c = skel.charCodeAt(i);
		if (c < 48 || c > 57) continue;
		digits[k] = c - 48;
		at[k] = i;
		groupStart[k] = k === 0 || at[k - 1] !== i - 1 ? 1 : 0;
		if (k > 0) groupEnd[k - 1] = groupStart[k];
		k++;
	}
	if (n) groupEnd[n - 1] = 1;
	const covered = cardCover(digits, groupStart, groupEnd);
	if (!covered.includes(1)) return undefined;
	let out = '';
	let last = 0;
	for (let i = 0; i < n; ) {
		let j = i;
		while (j + 1 < n && covered[j + 1] === covered[i]) j++;
		if (covered[i] || j - i + 1 >= 7) {
			out += m.slice(last, at[i]) + (covered[i] ? '[card number removed]' : '[number removed]');
			last = at[j] + 1;
		}
		i = j + 1;
	}
	return out + m.slice(last);
}

const ibanLength = (cc: string): number | undefined => IBAN_LENGTH[cc];

/**
 * Scan free text; returns the NORMALISED text with findings replaced. `keepContact` (allowed fields)
 * keeps emails and phone numbers; everything else is always removed. Every scanner runs in time linear in
 * the text (bounded patterns, patterns tried only where a value starts, or a hand-written pass: finders.ts).
 */
export function scanText(s: string, level: RedactionLevel, keepContact = false, findings?: ScanFindings, known?: KnownText): string {
	const norm = normalizeText(s);
	const v: Views = { text: norm, skel: skeleton(norm) };
	const count = (k: keyof ScanFindings) => () => {
		if (findings) findings[k]++;
	};
	const mask = (k: keyof ScanFindings, r: string) => () => (count(k)(), r);
	// The object's own names and streets typed again into free text (names are shown only at "minimal").
	if (known && !keepContact) {
		if (known.places) replaceOn(v, known.places, mask('id', '[address removed]'));
		if (known.names && level !== 'minimal') replaceOn(v, known.names, mask('id', '[name hidden]'));
	}
	const secret = mask('secret', '[secret removed]');
	for (const re of SECRET_RES) replaceOn(v, re, secret);
	replaceSpans(v, findClientSecrets(v.skel), secret);
	replaceSpans(v, findJwts(v.skel), secret);
	if (!keepContact) {
		replaceSpans(v, findEmails(v.skel), (m) => {
			count('email')();
			return maskEmail(m, level);
		});
	}
	// Everything below needs a digit (an IPv6 address a colon): text without one is done.
	const numbers = /\d/.test(v.skel);
	if (!numbers && !v.skel.includes(':')) return v.text;
	// IPv6 before IBANs: the IBAN pass reads across colons and could take the first groups of an address.
	if (v.skel.includes(':')) {
		replaceOn(v, IPV6_RE, (_m, sk) => {
			const candidate = sk.replace(/%.*$/, '');
			if (!/[0-9A-Fa-f]/.test(candidate) || !isIPv6(candidate)) return undefined;
			count('id')();
			return '[IP address removed]';
		}, true);
	}
	if (numbers) replaceSpans(v, findIbans(v.skel, ibanLength), mask('iban', '[IBAN removed]'));
	// Numbers whose label says what they are (tracking, order, version, amount...) are set aside meanwhile.
	const kept = protect(v.text, v.skel);
	v.text = kept.text;
	v.skel = kept.skel;
	if (numbers) replaceOn(v, IPV4_RE, mask('id', '[IP address removed]'));
	if (numbers) {
		replaceOn(v, CARD_RE, (m, sk) => {
			const r = maskCards(m, sk);
			if (r !== undefined) count('card')();
			return r;
		});
		replaceOn(v, VAT_RE, mask('id', '[tax id removed]'));
		replaceOn(v, SSN_RE, mask('id', '[SSN removed]'));
		if (!keepContact) {
			for (const re of ADDRESS_RES) if (re !== ADDRESS_RES[1] || STREET_SUFFIX.test(v.skel)) replaceOn(v, re, mask('id', '[address removed]'));
			for (const re of PHONE_RES) {
				replaceOn(v, re, (m) => {
					count('phone')();
					return maskPhone(m, level);
				});
			}
		}
		// A remnant is 7 digits or more beside a mask: text with fewer digits left, or no mask, has none.
		if (/(?:removed|hidden)\]|•••/.test(v.skel) && sevenDigits(v.skel)) replaceOn(v, REMNANT_RE, mask('id', '[number removed]'));
	}
	return restore(v.text, kept.saved);
}
