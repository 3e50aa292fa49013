/**
 * Hand-written single-pass finders (pure) for the values no safe regular expression can describe (#29):
 * client secrets (`pi_…_secret_…`), JWTs, emails (spaces around `.` and `@`, comments, IP literals),
 * IBANs (mod-97, any 5 separators, glued to letters) and card numbers inside a digit run (Luhn by prefix
 * sums). Each runs in time linear in its input: every character is visited a bounded number of times.
 * They work on the detection skeleton (normalize.ts) and return sorted, disjoint spans.
 */

export interface Span {
	start: number;
	end: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isLetter = (c: number) => isLower(c) || (c >= 65 && c <= 90);
const isAsciiAlnum = (c: number) => isDigit(c) || isUpper(c) || isLower(c);
/** Base64url and key characters: letters, digits, `_`, `-`. */
const isKeyChar = (c: number) => isAsciiAlnum(c) || c === 95 || c === 45;
const NON_ASCII_WORD = /[\p{L}\p{M}\p{N}]/u;
/** A letter, mark or digit of any script (a surrogate counts: astral letters are rare, masking more is safe). */
export function isWordChar(s: string, i: number): boolean {
	const c = s.charCodeAt(i);
	if (c < 128) return isAsciiAlnum(c);
	return (c >= 0xd800 && c <= 0xdfff) || NON_ASCII_WORD.test(s[i]);
}

/**
 * `…_secret_…` client secrets: from the first letter or digit of the run of key characters before
 * `_secret_` (not before the previous find) to the end of the letters and digits after it.
 */
export function findClientSecrets(s: string): Span[] {
	const out: Span[] = [];
	const lower = s.toLowerCase();
	if (!lower.includes('secret')) return out;
	// One pass: where each run of key characters starts, and the next letter or digit from each index.
	const runStart = new Int32Array(s.length);
	const nextAlnum = new Int32Array(s.length + 1).fill(s.length);
	for (let i = 0; i < s.length; i++) runStart[i] = isKeyChar(s.charCodeAt(i)) ? (i > 0 && isKeyChar(s.charCodeAt(i - 1)) ? runStart[i - 1] : i) : i + 1;
	for (let i = s.length - 1; i >= 0; i--) nextAlnum[i] = isAsciiAlnum(s.charCodeAt(i)) ? i : nextAlnum[i + 1];
	let last = 0;
	for (let i = lower.indexOf('secret', 1); i >= 0; i = lower.indexOf('secret', i + 1)) {
		const before = s.charCodeAt(i - 1);
		const after = s.charCodeAt(i + 6);
		if ((before !== 95 && before !== 45) || (after !== 95 && after !== 45) || i - 1 < last) continue;
		const start = nextAlnum[Math.max(last, runStart[i - 1])];
		if (start >= i - 1) continue;
		let end = i + 7;
		if (s.charCodeAt(end) === 32 && isAsciiAlnum(s.charCodeAt(end + 1))) end++;
		while (end < s.length && isAsciiAlnum(s.charCodeAt(end))) end++;
		out.push({ start, end });
		last = end;
		i = end - 1;
	}
	return out;
}

/** JWTs: `eyJ` + 2 or more key characters, `.`, 2 or more, `.`, any: found run by run (a run is maximal). */
export function findJwts(s: string): Span[] {
	const out: Span[] = [];
	const runEnd = (i: number) => {
		while (i < s.length && isKeyChar(s.charCodeAt(i))) i++;
		return i;
	};
	for (let i = s.indexOf('eyJ'); i >= 0; i = s.indexOf('eyJ', i)) {
		const e1 = runEnd(i + 3);
		if (e1 - i >= 5 && s[e1] === '.') {
			const e2 = runEnd(e1 + 1);
			if (e2 - e1 - 1 >= 2 && s[e2] === '.') {
				const e3 = runEnd(e2 + 1);
				out.push({ start: i, end: e3 });
				i = e3;
				continue;
			}
		}
		i = e1 > i + 3 ? e1 : i + 3; // the rest of this run holds no JWT start that could end better
	}
	return out;
}

// ---- emails -------------------------------------------------------------------------------------

const LOCAL_PUNCT = new Set([..."!#$%&'*+/=?^_`{|}~.-"].map((c) => c.charCodeAt(0)));
const isLocalChar = (s: string, i: number) => isWordChar(s, i) || LOCAL_PUNCT.has(s.charCodeAt(i));
const isLabelChar = (s: string, i: number) => isWordChar(s, i) || s.charCodeAt(i) === 45;

/** Index after up to `max` spaces from i (step +1 or -1). */
function spaces(s: string, i: number, step: 1 | -1, max = 2): number {
	for (let n = 0; n < max && s.charCodeAt(step === 1 ? i : i - 1) === 32; n++) i += step;
	return i;
}

/** A `(comment)` starting at i (forward) or ending before i (backward), at most 64 characters: its other end, or i. */
function comment(s: string, i: number, step: 1 | -1): number {
	const open = step === 1 ? 40 : 41;
	const close = step === 1 ? 41 : 40;
	if (s.charCodeAt(step === 1 ? i : i - 1) !== open) return i;
	for (let j = step === 1 ? i + 1 : i - 2, n = 0; n < 64 && j >= 0 && j < s.length; j += step, n++) {
		const c = s.charCodeAt(j);
		if (c === close) return step === 1 ? j + 1 : j;
		if (c === open || c === 64) return i;
	}
	return i;
}

/** The domain after `@` (at i): `[IP literal]` or 2+ labels joined by `.` with a space on either side allowed. */
function domainEnd(s: string, i: number): number {
	if (s[i] === '[') {
		for (let j = i + 1; j < s.length && j < i + 50; j++) {
			const c = s[j];
			if (c === ']') return j > i + 1 ? j + 1 : -1;
			if (!/[0-9A-Fa-f:.v ]/.test(c) && !/[a-z]/i.test(c)) return -1;
		}
		return -1;
	}
	let labels = 0;
	let end = -1;
	let j = i;
	while (j < s.length && j - i < 255) {
		if (!isWordChar(s, j)) break;
		let k = j + 1;
		while (k < s.length && k - j < 63 && isLabelChar(s, k)) k++;
		while (s.charCodeAt(k - 1) === 45) k--; // a label does not end with `-`
		labels++;
		if (labels >= 2) end = k;
		const dot = spaces(s, k, 1);
		if (s[dot] !== '.') break;
		j = spaces(s, dot + 1, 1);
	}
	return end;
}

/**
 * Emails: each `@` with a local part before it (plain or quoted, dots with spaces around them, a comment
 * before or after) and a domain after it. The local part stops at the previous `@` or find.
 */
export function findEmails(s: string): Span[] {
	const out: Span[] = [];
	let limit = 0;
	for (let at = s.indexOf('@'); at >= 0; limit = Math.max(limit, at + 1), at = s.indexOf('@', at + 1)) {
		if (at < limit) continue;
		const dStart = spaces(s, comment(s, spaces(s, at + 1, 1), 1), 1);
		const end = domainEnd(s, dStart);
		if (end < 0) continue;
		let j = spaces(s, comment(s, spaces(s, at, -1), -1), -1);
		let start = j;
		if (s[j - 1] === '"') {
			const q = s.lastIndexOf('"', j - 2);
			if (q >= limit && j - q <= 66 && !s.slice(q, j).includes('@')) start = q;
		}
		if (start === j) {
			while (j > limit) {
				if (isLocalChar(s, j - 1)) j--;
				else if (s.charCodeAt(j - 1) === 32 && j - 1 > limit && (s[j] === '.' || s[j - 2] === '.')) j--;
				else break;
			}
			while (j < start && s.charCodeAt(j) === 32) j++;
			start = j;
		}
		if (start >= at || !/[^ ."()]/.test(s.slice(start, at))) continue;
		const before = spaces(s, start, -1);
		const c = comment(s, before, -1);
		if (c < before && c >= limit) start = c;
		out.push({ start, end });
		limit = end;
	}
	return out;
}

// ---- IBANs --------------------------------------------------------------------------------------

/** The lengths (longest first, up to `max`) at which the candidate at i passes mod-97: the body's remainder grows by one character at a time. */
function ibanLengths(chars: number[], i: number, max: number): number[] {
	const lengths: number[] = [];
	const add = (rem: number, c: number) => (isDigit(c) ? (rem * 10 + c - 48) % 97 : (rem * 100 + c - 55) % 97);
	let body = 0;
	for (let k = i + 4; k < i + max && k < chars.length; k++) {
		body = add(body, chars[k]);
		let r = body;
		for (let h = i; h < i + 4; h++) r = add(r, chars[h]);
		if (r === 1) lengths.push(k - i + 1);
	}
	return lengths.reverse();
}

/** What every IBAN holds: two letters, then a digit (up to 5 separators between them). */
const IBAN_START = /[A-Za-z][^\p{L}\p{N}]{0,5}[A-Za-z][^\p{L}\p{N}]{0,5}\d/u;

/**
 * IBANs: letters and digits read across runs of up to 5 separators, glued to letters or not. A candidate is
 * two letters and two digits; with a country of the registry only its length counts (glued or not), with
 * another country (only at a word start) the longest valid length from 15 to 34.
 */
export function findIbans(s: string, lengthOf: (cc: string) => number | undefined): Span[] {
	const out: Span[] = [];
	if (!IBAN_START.test(s)) return out;
	let chars: number[] = [];
	let pos: number[] = [];
	const flush = () => {
		for (let i = 0; i + 4 <= chars.length; i++) {
			const [a, b, c, d] = [chars[i], chars[i + 1], chars[i + 2], chars[i + 3]];
			if (!isUpper(a) || !isUpper(b) || !isDigit(c) || !isDigit(d)) continue;
			const expected = lengthOf(String.fromCharCode(a, b));
			const atStart = pos[i] === 0 || !isWordChar(s, pos[i] - 1);
			if (expected === undefined && !atStart) continue;
			// Glued to a word, the country code must stand out from it: written in capitals ("ibanDE89…"), after
			// "iban" or after a non-letter ("acct_de89…"). The last letters of a word ("name 2914…" read as ME29…)
			// are not a country code.
			if (!atStart && isLetter(s.charCodeAt(pos[i] - 1)) && (isLower(s.charCodeAt(pos[i])) || isLower(s.charCodeAt(pos[i + 1]))) && !/iban$/i.test(s.slice(Math.max(0, pos[i] - 4), pos[i]))) continue;
			const valid = ibanLengths(chars, i, expected ?? 34).filter((n) => (expected === undefined ? n >= 15 : n === expected));
			if (!valid.length) continue;
			out.push({ start: pos[i], end: pos[i + valid[0] - 1] + 1 });
			i += valid[0] - 1;
		}
		chars = [];
		pos = [];
	};
	let seps = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (isAsciiAlnum(c)) {
			chars.push(isLower(c) ? c - 32 : c);
			pos.push(i);
			seps = 0;
		} else if (!isWordChar(s, i) && ++seps <= 5) continue;
		else {
			flush();
			seps = 0;
		}
	}
	flush();
	return out;
}

// ---- card numbers in a digit run ----------------------------------------------------------------

/**
 * Whether digits[i..i+len) starts like a card of its length: Visa 4 (13, 16, 19), Mastercard 51–55 and
 * 2221–2720 (16), Amex 34/37 (15), Discover 6011/644–649/65, JCB 35, UnionPay 62 (16–19), Diners 30/36/38/39 (14–19).
 */
function cardPrefix(d: ArrayLike<number>, i: number, len: number): boolean {
	const two = d[i] * 10 + d[i + 1];
	const four = two * 100 + d[i + 2] * 10 + d[i + 3];
	if (d[i] === 4) return len === 13 || len === 16 || len === 19;
	if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return len === 16;
	if (two === 34 || two === 37) return len === 15;
	if (four === 6011 || two === 65 || (four >= 6440 && four <= 6499) || two === 35 || two === 62) return len >= 16;
	return (two === 30 || two === 36 || two === 38 || two === 39) && len >= 14;
}

/**
 * Digits of a run covered by a Luhn-valid card number: every window of 13 to 19 digits that is whole
 * groups (any first digit), or anywhere in the run when it starts like a card of its length (cardPrefix).
 * `groupStart`/`groupEnd`: whether digit k starts or ends a group. Luhn sums by prefix sums: O(7n).
 */
export function cardCover(digits: ArrayLike<number>, groupStart: ArrayLike<number | boolean>, groupEnd: ArrayLike<number | boolean>): Uint8Array {
	const n = digits.length;
	// sums[p][k]: digits before k, doubling those at an index of parity p.
	const sums = [new Int32Array(n + 1), new Int32Array(n + 1)];
	for (let k = 0; k < n; k++) {
		const d = digits[k];
		const twice = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sums[0][k + 1] = sums[0][k] + (k % 2 === 0 ? twice : d);
		sums[1][k + 1] = sums[1][k] + (k % 2 === 1 ? twice : d);
	}
	const delta = new Int32Array(n + 1);
	for (let i = 0; i + 13 <= n; i++) {
		for (let len = 13; len <= 19 && i + len <= n; len++) {
			const j = i + len; // exclusive; the digit at j-1 is not doubled, so those of parity j % 2 are
			if (!(groupStart[i] && groupEnd[j - 1]) && !cardPrefix(digits, i, len)) continue;
			const p = j % 2;
			if ((sums[p][j] - sums[p][i]) % 10 === 0) {
				delta[i]++;
				delta[j]--;
			}
		}
	}
	const covered = new Uint8Array(n);
	for (let k = 0, c = 0; k < n; k++) covered[k] = (c += delta[k]) > 0 ? 1 : 0;
	return covered;
}
