/**
 * Free-text scanners (pure). `scanText` normalises the text first (normalize.ts), matches every pattern on
 * the look-alike-folded skeleton, and replaces the matched ranges of the normalised text. Order: secrets
 * (Stripe keys of every prefix and any length, webhook and client secrets, JWTs, Slack tokens and webhook
 * URLs, AWS access keys) → emails → IBANs (mod-97) → IP addresses (v4, v6) → card numbers (Luhn, any
 * separator) → VAT numbers → US SSNs → phone numbers (international `+` or `00`, North American with or
 * without separators, national trunk `0…`) → what is left of a number next to a mask (7+ digits). Emails
 * and phones are kept in allowed fields; the rest never. A bare 9-digit number counts as an SSN.
 */
import { attempt } from '../attempt';
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

/** What may separate the digits of a number written to slip past a scanner: anything but a letter or a digit. */
const SEP = `[^\\p{L}\\p{N}\\p{M}]`;
/** The same for phone numbers, but not `:` `,` `;` (times such as 10:30, amounts such as 1,234,567) nor `+` (a new number). */
const PSEP = `[^\\p{L}\\p{N}\\p{M}:,;+]`;
/**
 * Postal addresses (#15, a second line of defence behind the field policy): a street number with a street
 * word (`510 Townsend St`, `Hauptstraße 5`, `12 rue de la Paix`), and postcodes of the US (after a state
 * code), the UK, Canada, and Germany or France (before a town name).
 */
const STREET_WORDS = 'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir|STREET|ST|AVENUE|AVE|ROAD|RD';
const ADDRESS_RES: RegExp[] = [
	new RegExp(`\\b\\d{1,6}[a-zA-Z]?,? (?:\\p{Lu}[\\p{L}.'-]* ){1,4}(?:${STREET_WORDS})\\b\\.?(?: (?:Apt|Suite|Unit|#) ?[\\w-]+)?`, 'gu'),
	/\b\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm) \d{1,4}[a-z]?\b/gu,
	/\b\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route)(?: [\p{L}'-]+){1,5}/giu,
	/\b[A-Z]{2} \d{5}(?:-\d{4})?\b/gu,
	/\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/gu,
	/\b[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d\b/gu,
	/\b(?:D-|F-)?\d{5}(?= \p{Lu}\p{Ll})/gu,
];

/** 7 digits or more right before or after a mask: what is left of a number whose other part a scanner took. */
const REMNANT_RE = new RegExp(
	`(?<=(?:removed\\]|hidden\\]|•••\\d{0,4})[^\\p{L}\\p{N}]{0,3})\\d(?:${PSEP}{0,2}\\d){6,}|\\d(?:${PSEP}{0,2}\\d){6,}(?=[^\\p{L}\\p{N}]{0,3}(?:\\[[a-zA-Z ]+(?:removed|hidden)\\]|•••))`,
	'gu',
);


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

export function maskEmail(email: string, level: RedactionLevel): string {
	const e = email.replace(/\s/g, '');
	const at = e.lastIndexOf('@');
	if (level === 'strict' || at < 1) return '[email hidden]';
	const local = [...e.slice(0, at)];
	const domain = e.slice(at + 1);
	const first = local[0] === '"' ? local[1] ?? '' : local[0];
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

/**
 * Replace each match of `re` on the skeleton; `fn` gets the match of the text (same range) and returns the
 * replacement or undefined (keep). With `retry`, a kept match is searched again from its next character
 * (a greedy candidate that is not valid as a whole may hold a valid one further on).
 */
function replaceOn(v: Views, re: RegExp, fn: (m: string, skel: string) => string | undefined, retry = false): void {
	let text = '';
	let skel = '';
	let last = 0;
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
		text += v.text.slice(last, start) + r;
		skel += v.skel.slice(last, start) + skeleton(r);
		last = end;
	}
	v.text = text + v.text.slice(last);
	v.skel = skel + v.skel.slice(last);
}

const SECRET_RES: RegExp[] = [
	/(?:sk|rk|pk|ek)[_-](?:live|test)[_-][0-9A-Za-z]*/gi,
	/whsec[_-][0-9A-Za-z]*/gi,
	/(?:[A-Za-z0-9]+[_-])+secret[_-][0-9A-Za-z]*/gi,
	/eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g,
	/xox[a-z](?:-[A-Za-z0-9]+)+|xapp-[0-9]+(?:-[A-Za-z0-9]+)+/gi,
	/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/gi,
	/(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
];

const LABEL = `[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?`;
const LOCAL = `[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_\`{|}~.-]`;
const EMAIL_RE = new RegExp(`(?:"[^"@]{1,64}"|(?<!${LOCAL})${LOCAL}+) ?@ ?${LABEL}(?:\\.${LABEL})+`, 'gu');
const IBAN_RE = new RegExp(`(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?:${SEP}{0,2}[A-Za-z0-9]){11,34}(?![A-Za-z0-9])`, 'gu');
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|0{0,2}[1-9]?\\d)';
const IPV4_RE = new RegExp(`(?<![\\d.])${OCTET}(?: ?\\. ?${OCTET}){3}(?!\\d|\\.\\d)`, 'g');
const IPV6_RE = /(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:])/g;
const CARD_RE = new RegExp(`(?<!\\d)\\d(?:${SEP}{0,3}\\d){11,}(?!\\d)`, 'gu');
/** US SSNs: 3-2-4 digits, with or without separators (any), or 9 digits after "SSN". A bare 9-digit number counts. */
const SSN_RE = new RegExp(`(?<!\\d)\\d{3}${SEP}{0,2}\\d{2}${SEP}{0,2}\\d{4}(?!\\d)|\\b(?:ssn|social security(?: number| no)?)\\W{0,3}\\d{9}(?!\\d)`, 'giu');
const VAT_RE = new RegExp(
	`(?<![A-Za-z0-9])(?:ATU|CHE|AT|BE|BG|CY|CZ|DE|DK|EE|EL|GR|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|GB|NO)${SEP}{0,2}(?=(?:${SEP}{0,2}[A-Z]?\\d){7})[0-9A-Z](?:${SEP}{0,2}[0-9A-Z]){7,13}(?![A-Za-z0-9])`,
	'gu',
);
const PHONE_RES: RegExp[] = [
	new RegExp(`(?<![\\w+])(?:\\+|00)${PSEP}{0,2}[1-9](?:${PSEP}{0,2}\\d){6,14}(?!\\d)`, 'gu'),
	new RegExp(`(?<![\\w+])(?:1${PSEP}{0,2})?(?:\\([2-9]\\d\\d\\)|[2-9]\\d\\d)${PSEP}{0,2}[2-9]\\d\\d${PSEP}{0,2}\\d{4}(?!\\d)`, 'gu'),
	new RegExp(`(?<![\\w+])0${PSEP}{0,2}[1-9](?:${PSEP}{0,2}\\d){7,10}(?!\\d)`, 'gu'),
];

/**
 * A run of digits and separators → card numbers removed. Every window of whole digit groups holding
 * 13–19 digits is Luhn-checked ("12 4242 4242 4242 4242": the last four groups); the groups covered by
 * any valid window are removed together, so two numbers that overlap in the run both go.
 */
function maskCards(m: string, skel: string): string | undefined {
	const groups = [...skel.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length, digits: g[0] }));
	const covered = new Array<boolean>(groups.length).fill(false);
	let any = false;
	for (let i = 0; i < groups.length; i++) {
		let digits = '';
		for (let j = i; j < groups.length && digits.length + groups[j].digits.length <= 19; j++) {
			digits += groups[j].digits;
			if (digits.length >= 13 && luhnValid(digits)) {
				for (let k = i; k <= j; k++) covered[k] = true;
				any = true;
			}
		}
	}
	if (!any) return undefined;
	// Uncovered digits of the run between or beside removed numbers: a part of 7 digits or more is removed
	// too (a window may have taken a neighbour's prefix, e.g. the "00" of a phone number, leaving the rest
	// unrecognisable).
	const parts: Array<{ from: number; to: number; card: boolean }> = [];
	for (let i = 0; i < groups.length; ) {
		let j = i;
		while (j + 1 < groups.length && covered[j + 1] === covered[i]) j++;
		const digits = groups.slice(i, j + 1).reduce((n, g) => n + g.digits.length, 0);
		if (covered[i] || digits >= 7) parts.push({ from: groups[i].start, to: groups[j].end, card: covered[i] });
		i = j + 1;
	}
	let out = '';
	let last = 0;
	for (const p of parts) {
		out += m.slice(last, p.from) + (p.card ? '[card number removed]' : '[number removed]');
		last = p.to;
	}
	return out + m.slice(last);
}

/** The longest prefix of an IBAN-like match that is a valid IBAN (the pattern is greedy). */
function maskIban(m: string, skel: string): string | undefined {
	for (let end = skel.length; end >= 15; end--) {
		const cand = skel.slice(0, end);
		if (/[A-Za-z0-9]$/.test(cand) && ibanValid(cand)) return '[IBAN removed]' + m.slice(end);
	}
	return undefined;
}

/**
 * Scan free text; returns the NORMALISED text with findings replaced. `keepContact` (allowed fields)
 * keeps emails and phone numbers; everything else is always removed.
 */
export function scanText(s: string, level: RedactionLevel, keepContact = false, findings?: ScanFindings, known?: KnownText): string {
	const norm = normalizeText(s);
	const v: Views = { text: norm, skel: skeleton(norm) };
	const count = (k: keyof ScanFindings) => () => {
		if (findings) findings[k]++;
	};
	// The object's own names and streets typed again into free text (names are shown only at "minimal").
	if (known && !keepContact) {
		if (known.places) replaceOn(v, known.places, () => (count('id')(), '[address removed]'));
		if (known.names && level !== 'minimal') replaceOn(v, known.names, () => (count('id')(), '[name hidden]'));
	}
	const secret = count('secret');
	for (const re of SECRET_RES) {
		replaceOn(v, re, () => {
			secret();
			return '[secret removed]';
		});
	}
	if (!keepContact) {
		replaceOn(v, EMAIL_RE, (m) => {
			count('email')();
			return maskEmail(m, level);
		});
	}
	// The IBAN pattern is greedy: the rest of a match after a valid IBAN may hold another, so repeat.
	for (let found = true, rounds = 0; found && rounds < 10; rounds++) {
		found = false;
		replaceOn(v, IBAN_RE, (m, sk) => {
			const r = maskIban(m, sk);
			if (r !== undefined) {
				count('iban')();
				found = true;
			}
			return r;
		}, true);
	}
	replaceOn(v, IPV4_RE, () => {
		count('id')();
		return '[IP address removed]';
	});
	replaceOn(v, IPV6_RE, (_m, sk) => {
		const candidate = sk.replace(/%.*$/, '');
		if (!/[0-9A-Fa-f]/.test(candidate) || !isIPv6(candidate)) return undefined;
		count('id')();
		return '[IP address removed]';
	}, true);
	replaceOn(v, CARD_RE, (m, sk) => {
		const r = maskCards(m, sk);
		if (r !== undefined) count('card')();
		return r;
	});
	replaceOn(v, VAT_RE, () => {
		count('id')();
		return '[tax id removed]';
	});
	replaceOn(v, SSN_RE, () => {
		count('id')();
		return '[SSN removed]';
	});
	if (!keepContact) {
		for (const re of ADDRESS_RES) {
			replaceOn(v, re, () => {
				count('id')();
				return '[address removed]';
			});
		}
		for (const re of PHONE_RES) {
			replaceOn(v, re, (m) => {
				count('phone')();
				return maskPhone(m, level);
			});
		}
	}
	replaceOn(v, REMNANT_RE, () => {
		count('id')();
		return '[number removed]';
	});
	return v.text;
}

/** An error's message for a node's error item or reply: scanned like any free text (it may quote Stripe or Slack). */
export function scannedErrorMessage(error: unknown): string {
	return scanText(error instanceof Error ? error.message : String(error), 'standard');
}
