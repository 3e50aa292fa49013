/**
 * Issue #29 item 2, property tests by class: values written across runs of up to 5 separator characters
 * (spaces, dashes, dots, underscores, slashes: ` - `, ` -- `, `...`, ` ... `), glued to letters, or inside
 * a longer run of digits; emails with spaces around `.` and `@`, comments and IP literals; secret keys
 * with a space after their prefix; street addresses and postcodes in any case. Each value goes into free
 * text between random words, and none of its digits or letters may survive scanText (compared on letters
 * and digits only, lower case: separators cannot hide it from the check).
 */
import fc from 'fast-check';
import { canonicalText } from '../../../nodes/shared/format/normalize';
import { scanText } from '../../../nodes/shared/format/scanners';
import type { RedactionLevel } from '../../../nodes/shared/format/types';
import { luhnComplete } from '../format/evasions';

const RUNS = Number(process.env.FC_RUNS ?? 300);
/** Letters and digits of the output, lower case, without our own masks (`[email hidden]` holds "ema"...). */
const compact = (s: string): string =>
	canonicalText(s)
		.replace(/\[[a-zA-Z ]+\]/g, ' ')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const letters = (min: number, max: number, set = 'abcdefghijklmnopqrstuvwxyz') => fc.array(fc.constantFrom(...set), { minLength: min, maxLength: max }).map((d) => d.join(''));
/** A run of 1 to 5 separator characters, one kind or mixed: ` - `, ` -- `, `...`, ` ... `, `_/_`. */
const sepRun = fc.oneof(
	fc.constantFrom(' - ', ' -- ', '...', ' ... ', ' / ', '_', '__', ' ', '-', '.', '/', ' _ '),
	fc.array(fc.constantFrom(' ', '-', '.', '_', '/'), { minLength: 1, maxLength: 5 }).map((a) => a.join('')),
);
/** Cut a digit string into groups of 1 to 6 and join them with separator runs (or nothing). */
const grouped = (value: string) =>
	fc.tuple(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: value.length, maxLength: value.length }), fc.array(fc.option(sepRun, { nil: '' }), { minLength: value.length, maxLength: value.length })).map(([sizes, seps]) => {
		let out = '';
		for (let i = 0, k = 0; i < value.length; k++) {
			out += (i === 0 ? '' : seps[k]) + value.slice(i, i + sizes[k]);
			i += sizes[k];
		}
		return out;
	});
/** Words around the value, glued to it (letters or an underscore) or not. */
const around = fc.tuple(fc.constantFrom('', ' ', 'to ', 'x', 'abc', 'id_', 'Note: '), fc.constantFrom('', ' ', 'x', 'end', '_ok', ' thanks'));
const levels = fc.constantFrom<RedactionLevel>('standard', 'strict');

function assertGone(text: string, secret: string, level: RedactionLevel = 'standard') {
	const out = scanText(text, level);
	if (compact(out).includes(compact(secret))) throw new Error(`${JSON.stringify(secret)} survives in ${JSON.stringify(out)} (from ${JSON.stringify(text)})`);
}

const card = fc
	.tuple(fc.constantFrom('4', '51', '55', '2221', '34', '37', '6011', '35', '62'), fc.integer({ min: 0, max: 2 }))
	.chain(([prefix, k]) => {
		const len = prefix === '34' || prefix === '37' ? 15 : prefix === '4' ? [13, 16, 19][k] : 16;
		return digits(len - prefix.length - 1).map((rest) => luhnComplete(prefix + rest));
	});

describe('property: values across separator runs, glued to letters, in longer runs (#29)', () => {
	it('cards: groups across up to 5 separators, glued to letters, or inside a longer digit run', () => {
		fc.assert(
			fc.property(card.chain((c) => fc.tuple(fc.constant(c), grouped(c), around, digits(3), fc.integer({ min: 0, max: 2 }))), ([c, written, [pre, post], extra, inRun]) => {
				const run = inRun === 0 ? written : inRun === 1 ? extra + written : written + extra;
				assertGone(`${pre}${run}${post}`, c);
			}),
			{ numRuns: RUNS },
		);
	});

	it('phones: international and North American, across up to 5 separators, glued to letters', () => {
		const phone = fc.oneof(
			fc.tuple(fc.constantFrom('1', '44', '49', '33', '61'), fc.integer({ min: 1, max: 9 }), digits(9)).map(([cc, a, r]) => ({ digits: `${cc}${a}${r}`, plus: true })),
			fc.tuple(fc.integer({ min: 2, max: 9 }), digits(2), fc.integer({ min: 2, max: 9 }), digits(6)).map(([a, b, c, d]) => ({ digits: `${a}${b}${c}${d}`, plus: false })),
		);
		fc.assert(
			fc.property(phone.chain((p) => fc.tuple(fc.constant(p), grouped(p.digits), around, levels)), ([p, written, [pre, post], level]) => {
				assertGone(`${pre}${p.plus ? '+' : ''}${written}${post}`, p.digits, level);
			}),
			{ numRuns: RUNS },
		);
	});

	it('SSNs: 3-2-4 across up to 5 separators, or 9 digits glued to letters', () => {
		const ssn = fc.tuple(fc.integer({ min: 1, max: 899 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 })).map(([a, b, c]) => [String(a).padStart(3, '0'), String(b).padStart(2, '0'), String(c).padStart(4, '0')]);
		fc.assert(
			fc.property(ssn, sepRun, sepRun, around, fc.boolean(), ([a, b, c], s1, s2, [pre, post], glued) => {
				assertGone(`${pre}${glued ? `${a}${b}${c}` : `${a}${s1}${b}${s2}${c}`}${post}`, `${a}${b}${c}`);
			}),
			{ numRuns: RUNS },
		);
	});

	it('IBANs: groups of four across up to 5 separators, in any case, glued to letters', () => {
		const check = (cc: string, bban: string) => {
			let rem = 0;
			for (const ch of bban + cc + '00') for (const d of ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch) rem = (rem * 10 + Number(d)) % 97;
			return String(98 - rem).padStart(2, '0');
		};
		const iban = fc.oneof(
			digits(18).map((b) => `DE${check('DE', b)}${b}`),
			fc.tuple(letters(4, 4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), digits(14)).map(([l, d]) => `GB${check('GB', l + d)}${l}${d}`),
			digits(23).map((b) => `FR${check('FR', b)}${b}`),
		);
		fc.assert(
			fc.property(iban, fc.array(sepRun, { minLength: 9, maxLength: 9 }), fc.constantFrom('', ' ', 'iban', 'IBAN:', 'acct_'), fc.boolean(), (v, seps, pre, lower) => {
				const written = (v.match(/.{1,4}/g) as string[]).map((g, i) => (i === 0 ? g : seps[i - 1] + g)).join('');
				assertGone(`Pay to ${pre}${lower ? written.toLowerCase() : written} please`, v);
			}),
			{ numRuns: RUNS },
		);
	});

	it('emails: spaces around `.` and `@`, a comment before or after `@`, an IP-literal domain', () => {
		fc.assert(
			fc.property(letters(4, 8), letters(4, 8), letters(5, 9), fc.constantFrom('com', 'io', 'de', 'co.uk'), fc.constantFrom('', ' '), fc.constantFrom('', ' '), fc.integer({ min: 0, max: 3 }), fc.tuple(fc.integer({ min: 10, max: 250 }), fc.integer({ min: 10, max: 250 })), levels, (w1, w2, domain, tld, s1, s2, style, [o1, o2], level) => {
				const local = `${w1}${s1}.${s2}${w2}`;
				const at = `${s1}@${s2}`;
				const written =
					style === 0 ? `${local}${at}${domain}${s2}.${s1}${tld}` : style === 1 ? `${local}(work)${at}${domain}.${tld}` : style === 2 ? `${local}@(home)${domain}.${tld}` : `${local}${at}[192.${o1}.7.${o2}]`;
				const out = scanText(`Contact: ${written} thanks`, level);
				// what stands where the address stood (the words around it are ours: "Contact" holds "nta")
				const shown = compact(out.replace(/^Contact: /, '').replace(/ thanks$/, ''));
				for (const part of [w1.slice(1), w2, ...(style === 3 ? [`${o1}7${o2}`, `192${o1}`] : [domain.slice(1)])]) {
					if (shown.includes(part)) throw new Error(`${part} survives in ${JSON.stringify(out)} (from ${JSON.stringify(written)})`);
				}
			}),
			{ numRuns: RUNS },
		);
	});

	it('secret keys: a space after the prefix', () => {
		fc.assert(
			fc.property(fc.constantFrom('sk_live_', 'sk_test_', 'rk_live_', 'whsec_', 'xoxb-', 'xoxp-', 'pi_3Pgd_secret_'), letters(12, 32, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), around, (prefix, body, [pre, post]) => {
				assertGone(`${pre === 'x' || pre === 'abc' ? `${pre} ` : pre}${prefix} ${body}${post.startsWith('_') ? ` ${post}` : post}`, body);
			}),
			{ numRuns: RUNS },
		);
	});

	it('street addresses and postcodes in any case', () => {
		const word = letters(6, 9);
		const address = fc.oneof(
			fc.tuple(fc.integer({ min: 1, max: 9999 }), word, fc.constantFrom('Street', 'St', 'Avenue', 'Road', 'Lane', 'Drive', 'Boulevard')).map(([n, w, s]) => `${n} ${w} ${s}`),
			fc.tuple(word, fc.constantFrom('straße', 'strasse', 'weg', 'platz', 'allee'), fc.integer({ min: 1, max: 200 })).map(([w, s, n]) => `${w}${s} ${n}`),
			fc.tuple(fc.integer({ min: 1, max: 200 }), fc.constantFrom('rue', 'avenue', 'boulevard'), word).map(([n, s, w]) => `${n} ${s} ${w}`),
			fc.tuple(fc.constantFrom('SW', 'EC', 'W', 'N', 'M'), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 9 }), letters(2, 2, 'ABDEFGHJLNPQRSTUWXYZ')).map(([a, b, c, d]) => `${a}${b} ${c}${d}`),
			fc.tuple(fc.constantFrom('K', 'M', 'H', 'V'), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([a, b, c, d]) => `${a}${b}A ${c}B${d}`),
			fc.tuple(fc.constantFrom('CA', 'NY', 'TX', 'WA'), digits(5)).map(([s, d]) => `${s} ${d}`),
			fc.tuple(digits(5), word).map(([d, w]) => `${d} ${w}`),
		);
		const casing = fc.constantFrom<(s: string) => string>((s) => s, (s) => s.toLowerCase(), (s) => s.toUpperCase(), (s) => s.replace(/./g, (c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())));
		fc.assert(
			fc.property(address, casing, (a, cased) => {
				const out = scanText(`Ship to ${cased(a)}, thanks`, 'standard');
				// The number and the street or postcode must not both survive (a street name alone is no address).
				const parts = a.match(/\d+|[A-Z]{1,2}\d\S*/g) ?? [];
				if (parts.some((p) => compact(out).includes(compact(p)) && p.length >= 3) || compact(out).includes(compact(a))) throw new Error(`${a} (as ${cased(a)}) survives in ${JSON.stringify(out)}`);
			}),
			{ numRuns: RUNS },
		);
	});
});
