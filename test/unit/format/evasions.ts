/**
 * Generators for the evasion property test: planted values (card numbers, phones, emails, IBANs, SSNs,
 * IPv4/IPv6, JWTs, Slack tokens, AWS keys, Stripe keys of every prefix and any length, names, secrets
 * under sensitive metadata keys), each written with evasions drawn from CLASSES: random Unicode spaces,
 * separators, zero-width and bidi insertions, full-width (and other-script) digits, full-width and
 * look-alike letters, case changes, and malformed typed values. The look-alike table here is the test's
 * own (it does not reuse the scanner's), so a letter the scanner does not fold makes the test fail.
 */
import fc from 'fast-check';

/** A deterministic source of choices, seeded by fast-check (so a failing run is reported with its seed). */
export interface Gen {
	int(min: number, max: number): number;
}

/** mulberry32 */
export function makeGen(seed: number): Gen {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { int: (min, max) => min + Math.floor(next() * (max - min + 1)), toString: () => `makeGen(${seed})` } as Gen;
}

/** A Gen per property run. */
export const gens = (): fc.Arbitrary<Gen> => fc.integer().map(makeGen);

export const SPACES = [' ', '  ', '\u00A0', '\u1680', '\u2000', '\u2002', '\u2003', '\u2007', '\u2009', '\u200A', '\u202F', '\u205F', '\u3000', '\t', '\n', '\r\n', '\u2028', '\u0085'];
export const DASHES = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D', '\u2E3A'];
export const DOTS = ['.', '\uFF0E', '\u3002', '\uFF61', '\u2024', '\uFE52', '\u00B7'];
export const SLASHES = ['/', '\uFF0F', '\u2215', '\u2044', '\\'];
export const OTHER_SEPS = ['_', ',', ':', ';', '|', '•', '*', '~', '+', '#', '\u2022', '\u00B7', '\u30FB'];
export const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u034F', '\uFE0F', '\u{E0041}'];
const AT_SIGNS = ['@', '\uFF20', '\uFE6B'];
const UNDERSCORES = ['_', '\uFF3F', '-'];
/** Latin letter → look-alikes from other scripts. */
const LOOKALIKE: Record<string, string[]> = {
	a: ['а', 'α', 'ɑ'], c: ['с', 'ϲ'], d: ['ԁ'], e: ['е'], h: ['һ'], i: ['і', 'ı'], j: ['ј'], k: ['κ'], o: ['о', 'ο', 'օ'], p: ['р', 'ρ'],
	s: ['ѕ'], u: ['υ', 'ս'], v: ['ν'], w: ['ԝ'], x: ['х', 'χ'], y: ['у'],
	A: ['А', 'Α'], B: ['В', 'Β'], C: ['С'], E: ['Е', 'Ε'], H: ['Н', 'Η'], I: ['І', 'Ι'], J: ['Ј'], K: ['К', 'Κ'], M: ['М', 'Μ'], N: ['Ν'], O: ['О', 'Ο'],
	P: ['Р', 'Ρ'], S: ['Ѕ'], T: ['Т', 'Τ'], X: ['Х', 'Χ'], Y: ['Υ', 'У'], Z: ['Ζ'],
};
/** Zero digits of scripts whose digits run 0–9 from there: full-width, Arabic-Indic, Devanagari, Bengali, Thai. */
const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50];

const pick = <T>(g: Gen, xs: readonly T[]): T => xs[g.int(0, xs.length - 1)];
const chance = (g: Gen, n: number): boolean => g.int(0, n - 1) === 0;
const int = (g: Gen, min: number, max: number): number => g.int(min, max);
const digitsOf = (g: Gen, n: number): string => Array.from({ length: n }, () => String(int(g, 0, 9))).join('');
const lettersOf = (g: Gen, n: number, set = 'abcdefghijklmnopqrstuvwxyz'): string => Array.from({ length: n }, () => set[int(g, 0, set.length - 1)]).join('');

/** A random run of 1..max separators from the given classes. */
function sep(g: Gen, classes: string[][], max = 2): string {
	const cls = pick(g, classes);
	return Array.from({ length: int(g, 1, max) }, () => pick(g, cls)).join('');
}

/** Insert up to `max` invisible characters at random places. */
export function zeroWidth(g: Gen, s: string, max = 3): string {
	const cps = [...s];
	for (let n = int(g, 0, max); n > 0; n--) cps.splice(int(g, 0, cps.length), 0, pick(g, INVISIBLE));
	return cps.join('');
}

/** Digits → full-width or another script's digits, some of them. */
export function otherDigits(g: Gen, s: string): string {
	if (chance(g, 3)) return s;
	const zero = pick(g, DIGIT_ZEROS);
	return s.replace(/\d/g, (d) => (chance(g, 2) ? String.fromCodePoint(zero + Number(d)) : d));
}

/** Letters → full-width, look-alike or other case (when `caseFree`), some of them. */
export function otherLetters(g: Gen, s: string, caseFree = false): string {
	if (chance(g, 3)) return s;
	return s.replace(/[A-Za-z]/g, (ch) => {
		const r = int(g, 0, 5);
		if (r === 0) return String.fromCodePoint(ch.charCodeAt(0) + 0xfee0); // full-width
		if (r === 1 && LOOKALIKE[ch]) return pick(g, LOOKALIKE[ch]);
		if (r === 2 && caseFree) return ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
		return ch;
	});
}

const digitSeps = [SPACES, DASHES, DOTS, SLASHES, OTHER_SEPS, INVISIBLE];
const phoneSeps = [SPACES, DASHES, DOTS, SLASHES];

/** Split digits into groups of random sizes. */
function groups(g: Gen, digits: string, sizes: number[] = [1, 2, 3, 4, 5, 6]): string[] {
	const out: string[] = [];
	for (let i = 0; i < digits.length; ) {
		const n = pick(g, sizes);
		out.push(digits.slice(i, i + n));
		i += n;
	}
	return out;
}

function joinGroups(g: Gen, parts: string[], classes: string[][], max = 3, allowNone = true): string {
	return parts.map((p, i) => (i === 0 ? p : (allowNone && chance(g, 4) ? '' : sep(g, classes, max)) + p)).join('');
}

export function luhnComplete(partial: string): string {
	let sum = 0;
	for (let i = 0; i < partial.length; i++) {
		let d = Number(partial[partial.length - 1 - i]);
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return partial + String((10 - (sum % 10)) % 10);
}

export interface Planted {
	/** The value as a reader would write it back (what must not appear). */
	canonical: string;
	/** How it was written into the event. */
	written: string;
	kind: string;
	/** Compare with dots kept (IPv4), not only letters and digits. */
	dotted?: boolean;
}

export function card(g: Gen): Planted {
	const prefix = pick(g, ['4', '51', '55', '2221', '34', '37', '6011', '35', '62']);
	const len = prefix === '34' || prefix === '37' ? 15 : prefix === '4' ? pick(g, [13, 16, 19]) : 16;
	const canonical = luhnComplete(prefix + digitsOf(g, len - prefix.length - 1));
	const written = zeroWidth(g, otherDigits(g, joinGroups(g, groups(g, canonical, [4, 4, 4, 3, 5, 6, 2]), digitSeps, 3)));
	return { canonical, written, kind: 'card' };
}

export function phone(g: Gen): Planted {
	const style = int(g, 0, 2);
	let canonical: string;
	let written: string;
	if (style === 0) {
		const cc = pick(g, ['1', '44', '49', '33', '61', '81', '34']);
		const rest = String(int(g, 1, 9)) + digitsOf(g, int(g, 8, 9));
		canonical = cc + rest;
		const plus = pick(g, ['+', '\uFF0B', '00']);
		written = plus + (chance(g, 2) ? '' : sep(g, [SPACES])) + joinGroups(g, [cc, ...groups(g, rest, [2, 3, 4])], phoneSeps, 2);
	} else if (style === 1) {
		const area = String(int(g, 2, 9)) + digitsOf(g, 2);
		const exch = String(int(g, 2, 9)) + digitsOf(g, 2);
		const line = digitsOf(g, 4);
		canonical = area + exch + line;
		written = chance(g, 3) ? `(${area})${sep(g, [SPACES])}${exch}${sep(g, phoneSeps)}${line}` : joinGroups(g, [area, exch, line], phoneSeps, 2);
	} else {
		const rest = String(int(g, 1, 9)) + digitsOf(g, int(g, 8, 9));
		canonical = '0' + rest;
		written = joinGroups(g, ['0' + rest.slice(0, 2), ...groups(g, rest.slice(2), [2, 3, 4])], phoneSeps, 2);
	}
	return { canonical, written: zeroWidth(g, otherDigits(g, written)), kind: 'phone' };
}

export function email(g: Gen): Planted {
	const local = lettersOf(g, int(g, 3, 6)) + pick(g, ['', '.', '+', '_', '-']) + lettersOf(g, int(g, 2, 5), 'abcdefghijklmnopqrstuvwxyz0123456789');
	const domain = lettersOf(g, int(g, 4, 9));
	const tld = pick(g, ['com', 'io', 'co.uk', 'de', 'org', 'shop']);
	const canonical = `${local}@${domain}.${tld}`;
	const around = () => (chance(g, 3) ? pick(g, SPACES.filter((s) => s.length === 1)) : '');
	const dot = () => (chance(g, 2) ? '.' : pick(g, DOTS));
	const w = `${otherLetters(g, local, true)}${around()}${pick(g, AT_SIGNS)}${around()}${otherLetters(g, domain, true)}${dot()}${tld.replace('.', dot())}`;
	return { canonical, written: zeroWidth(g, w), kind: 'email' };
}

function ibanCheck(country: string, bban: string): string {
	const s = bban + country + '00';
	let rem = 0;
	for (const ch of s) {
		const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
		for (const d of v) rem = (rem * 10 + Number(d)) % 97;
	}
	return String(98 - rem).padStart(2, '0');
}

export function iban(g: Gen): Planted {
	const [country, bban] = pick(g, [
		['DE', () => digitsOf(g, 18)],
		['GB', () => lettersOf(g, 4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + digitsOf(g, 14)],
		['FR', () => digitsOf(g, 23)],
		['NL', () => lettersOf(g, 4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + digitsOf(g, 10)],
	] as Array<[string, () => string]>);
	const b = bban();
	const canonical = country + ibanCheck(country, b) + b;
	const parts = canonical.match(/.{1,4}/g) as string[];
	const w = otherLetters(g, otherDigits(g, joinGroups(g, parts, [SPACES, DASHES, DOTS, INVISIBLE], 2)), true);
	return { canonical, written: zeroWidth(g, w), kind: 'iban' };
}

export function ssn(g: Gen): Planted {
	let area = int(g, 1, 899);
	if (area === 666) area = 667;
	const canonical = String(area).padStart(3, '0') + String(int(g, 1, 99)).padStart(2, '0') + String(int(g, 1, 9999)).padStart(4, '0');
	const parts = [canonical.slice(0, 3), canonical.slice(3, 5), canonical.slice(5)];
	const w = chance(g, 4) ? `SSN${sep(g, [SPACES, [':', ' #', ': ']], 1)}${canonical}` : joinGroups(g, parts, digitSeps, 2, false);
	return { canonical, written: zeroWidth(g, otherDigits(g, w)), kind: 'ssn' };
}

export function ipv4(g: Gen): Planted {
	const octets = Array.from({ length: 4 }, () => String(int(g, 10, 254)));
	const canonical = octets.join('.');
	const space = () => (chance(g, 4) ? pick(g, SPACES.filter((s) => s.length === 1)) : '');
	const w = octets.map((o, i) => (i === 0 ? o : `${space()}${pick(g, DOTS)}${space()}${o}`)).join('');
	return { canonical, written: zeroWidth(g, otherDigits(g, w)), kind: 'ipv4', dotted: true };
}

export function ipv6(g: Gen): Planted {
	const hex = '0123456789abcdef';
	const grp = () => lettersOf(g, int(g, 1, 4), hex).replace(/^0+(?=.)/, '');
	const full = Array.from({ length: 8 }, grp);
	let canonical = full.join(':');
	if (chance(g, 2)) {
		const keep = int(g, 2, 5);
		canonical = `${full.slice(0, keep).join(':')}::${full.slice(keep + 2).join(':')}`;
	}
	return { canonical, written: zeroWidth(g, otherLetters(g, otherDigits(g, canonical), true)), kind: 'ipv6' };
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

export function jwt(g: Gen): Planted {
	const header = b64url(JSON.stringify({ alg: pick(g, ['HS256', 'RS256', 'ES256']), typ: 'JWT' }));
	const payload = b64url(JSON.stringify({ sub: lettersOf(g, int(g, 4, 12)), iat: int(g, 1e9, 2e9) }));
	const sig = lettersOf(g, int(g, 20, 43), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
	const canonical = `${header}.${payload}.${sig}`;
	return { canonical, written: zeroWidth(g, otherLetters(g, canonical)), kind: 'jwt' };
}

export function slackToken(g: Gen): Planted {
	const kind = pick(g, ['b', 'p', 'a', 'r', 's', 'o']);
	const canonical = `xox${kind}-${digitsOf(g, int(g, 10, 13))}-${digitsOf(g, int(g, 10, 13))}-${lettersOf(g, 24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
	const w = canonical.replace(/-/g, () => pick(g, DASHES));
	return { canonical, written: zeroWidth(g, otherLetters(g, otherDigits(g, w), true)), kind: 'slack' };
}

export function awsKey(g: Gen): Planted {
	const canonical = pick(g, ['AKIA', 'ASIA']) + lettersOf(g, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
	return { canonical, written: zeroWidth(g, otherLetters(g, otherDigits(g, canonical))), kind: 'aws' };
}

export function stripeKey(g: Gen): Planted {
	const prefix = pick(g, ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'pk_live_', 'pk_test_', 'ek_live_', 'whsec_', 'pi_3PgdSXB7WZ01zgkW_secret_', 'seti_1Abc_secret_']);
	const canonical = prefix + lettersOf(g, int(g, 1, 40), 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
	const w = canonical.replace(/_/g, () => pick(g, UNDERSCORES));
	return { canonical, written: zeroWidth(g, otherLetters(g, otherDigits(g, w), true)), kind: 'stripe-key' };
}

/** A random capitalised name word, long enough not to occur by chance in a message. */
export const nameWord = (g: Gen): string => {
	const w = lettersOf(g, int(g, 7, 10));
	return w[0].toUpperCase() + w.slice(1);
};

export function evadeName(g: Gen, name: string): string {
	return zeroWidth(g, otherLetters(g, name.replace(/ /g, () => pick(g, SPACES))), 2);
}

/** Sensitive metadata keys as a merchant might write them. */
const SENSITIVE_KEYS: string[][] = [
	['ssn'], ['password'], ['api', 'key'], ['client', 'ip'], ['dob'], ['street'], ['date', 'of', 'birth'], ['customer', 'email'], ['phone', 'number'],
	['tax', 'id'], ['vat'], ['iban'], ['account', 'number'], ['secret'], ['access', 'token'], ['home', 'address'], ['full', 'name'], ['ip', 'address'],
	['birth', 'date'], ['billing', 'street'], ['user', 'password'], ['secret', 'key'],
];

/**
 * A sensitive key, with its words joined by random separators, in camelCase, UPPER or Capitalised words,
 * with full-width and look-alike letters and invisible characters.
 */
export function sensitiveKey(g: Gen): string {
	const cased = (w: string) => pick(g, [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]);
	const words = [...(chance(g, 3) ? [pick(g, ['customer', 'my', 'order', 'x'])] : []), ...pick(g, SENSITIVE_KEYS), ...(chance(g, 4) ? [String(int(g, 1, 9))] : [])];
	const style = int(g, 0, 3);
	const joined =
		style === 0
			? words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('') // camelCase
			: style === 1
				? words.join('_').toUpperCase()
				: words.map((w, i) => (i === 0 ? cased(w) : pick(g, [...SPACES.filter((s) => s.length === 1), ...DASHES, '_', '/', ':', '|', '\uFF0E', '\u30FB']) + cased(w))).join('');
	return zeroWidth(g, otherLetters(g, joined), 2);
}

/** Malformed values of typed email fields (each must be hidden whole). */
export function malformedEmail(g: Gen, name: string, e: Planted, localOnly: string): string {
	return pick(g, [
		`${name} <${e.written}>`,
		`"${name}" <${e.written}>`,
		localOnly,
		`"${localOnly} x"@${lettersOf(g, 6)}.com`,
		`${localOnly}@${pick(g, ['bücher', 'münchen', 'пример', '例え'])}.${pick(g, ['de', 'рф', 'jp'])}`,
		`${e.written} ${name}`,
		`mailto:${e.written}`,
	]);
}

export function malformedPhone(g: Gen, p: Planted): string {
	return pick(g, [`call ${p.written} ext ${int(g, 1, 99)}`, `tel:${p.written}`, `${p.written} (mobile)`, `ask for ${lettersOf(g, 8)}`]);
}

export function malformedName(g: Gen, name: string, c: Planted, e: Planted): string {
	return pick(g, [`${name} ${c.written}`, `${name} <${e.written}>`, `${name} 12`, `${name}@${lettersOf(g, 5)}`, `${name} (${lettersOf(g, 6)}) ${'x'.repeat(90)}`]);
}

export { pick, chance, int, lettersOf, sep };

const cap = (w: string): string => w[0].toUpperCase() + w.slice(1);
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Postal addresses and postcodes (#15): street number + street word (US, DE, FR), and US/UK/CA/DE/FR postcodes. */
export function postal(g: Gen): Planted {
	const word = () => lettersOf(g, int(g, 6, 9));
	const d = (n: number) => digitsOf(g, n);
	const canonical = pick(g, [
		() => `${int(g, 1, 9999)} ${cap(word())} ${pick(g, ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Lane', 'Drive', 'Way', 'Boulevard'])}`,
		() => `${cap(word())}${pick(g, ['straße', 'strasse', 'weg', 'platz', 'allee'])} ${int(g, 1, 200)}`,
		() => `${int(g, 1, 200)} ${pick(g, ['rue', 'avenue', 'boulevard'])} ${word()} ${word()}`,
		() => `${pick(g, ['SW', 'EC', 'W', 'N', 'M', 'B'])}${int(g, 1, 9)}${pick(g, ['', 'A'])} ${int(g, 0, 9)}${lettersOf(g, 2, UPPER)}`,
		() => `${pick(g, [...'ABCEGHJKLMNPRSTVXY'])}${int(g, 0, 9)}${lettersOf(g, 1, UPPER)} ${int(g, 0, 9)}${lettersOf(g, 1, UPPER)}${int(g, 0, 9)}`,
		() => `${pick(g, ['CA', 'NY', 'TX', 'WA'])} ${d(5)}`,
		() => `${d(5)} ${cap(word())}`,
	])();
	const w = canonical.replace(/ /g, () => pick(g, SPACES.filter((s) => s.length === 1)));
	return { canonical, written: zeroWidth(g, otherDigits(g, otherLetters(g, w))), kind: 'postal' };
}
