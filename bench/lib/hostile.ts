/**
 * Hostile inputs for the scanners (#29): 20,000 characters of shapes that made regular expressions with
 * overlapping unbounded quantifiers backtrack (digits, letters, `a_`, `A-`, `1.`, `eyJ`, repeated secret
 * prefixes, an IBAN-like run...). Used by bench/format.ts (worst case per shape) and by the linear-time
 * ceiling test (test/unit/format/linearTime.test.ts).
 */

/** `unit` repeated to exactly `n` characters. */
export const repeatTo = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

export const HOSTILE_LENGTH = 20_000;

/** Name → unit repeated to the length. */
export const HOSTILE_UNITS: Record<string, string> = {
	digits: '4',
	'digits 0-9': '0123456789',
	letters: 'a',
	'Letters': 'A',
	'a_': 'a_',
	'A-': 'A-',
	'a-': 'a-',
	'1.': '1.',
	'1 ': '1 ',
	'1-': '1-',
	'1/': '1/',
	'1 . ': '1 . ',
	eyJ: 'eyJ',
	'eyJ.': 'eyJab.',
	'sk_': 'sk_',
	'sk_live_': 'sk_live_',
	'xoxb-': 'xoxb-',
	'whsec_': 'whsec_',
	'_secret_': 'a_secret_',
	'IBAN-like': 'DE89',
	'IBAN-like 2': 'GB82 WEST ',
	'@': 'a@',
	'a.': 'a.',
	'a ': 'a ',
	'a . ': 'a . ',
	'(': '(a',
	'[': '[1.',
	':': '1:',
	'0:': '0:',
	'+1': '+1',
	'00': '00',
	'ab12': 'ab12',
	'A1': 'A1',
	'A1 ': 'A1 ',
	'1A': '1A',
	'Aa ': 'Aa ',
	'1 Aa ': '1 Aa ',
	'order ': 'order ',
	'#1': '#1',
	'removed]1': '[number removed] 1',
	'•••1': '•••1',
};

export const hostileShapes = (n = HOSTILE_LENGTH): Array<{ name: string; text: string }> =>
	Object.entries(HOSTILE_UNITS).map(([name, unit]) => ({ name, text: repeatTo(unit, n) }));
