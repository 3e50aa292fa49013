/**
 * Context against false positives (pure, #29 item 6). A number whose label says what it is stays
 * readable: `Tracking 9400 1000 0000 0000 0000 00`, `Order #1234567890`, `Lot 123456789`, `Invoice
 * INV-2024-000123`, `version 10.4.12`, `build 10.0.19045.3803`, `$1,234,567.89`. The label must come right
 * before the number (at most one of `no` `nr` `number` `#` `id` and 5 separators between them), and the
 * number must have the written form of its kind; a form that is a card, SSN or phone number in its usual
 * written form stays a finding:
 *  - tracking (tracking, shipment, parcel, waybill, UPS, FedEx...): 7–12 or 20+ digits, spaces allowed, or
 *    13–19 digits holding no Luhn-valid card number; UPS `1Z…` (18 characters) needs no label;
 *  - order, lot, invoice, reference, PO, SKU, serial, ticket, `#`...: up to 12 digits in one word, with a
 *    letter prefix (`INV-`) and `-` `/` `.` inside, but not `123-45-6789` (SSN) nor `415-555-0123` (phone);
 *  - version, build, release, revision, `v`: dotted numbers (`10.0.19045.3803`), or 7–12 digits after a word;
 *  - amounts (amount, total, price, a currency sign or code before or after): `1,234,567.89`, `1234.50`.
 * Protected numbers are swapped for placeholders (a letter, then one letter per number) while the number
 * scanners run, then put back, so no scanner sees them and none is fooled by their neighbours.
 */
import { cardCover } from './finders';

type Kind = 'tracking' | 'order' | 'version' | 'amount';
const WORDS: Record<Kind, string> = {
	tracking: 'tracking|track|shipment|shipping|parcel|package|waybill|awb|consignment|ups|fedex|usps|dhl',
	order: 'order|ord|lot|batch|invoice|inv|receipt|ref|reference|po|sku|serial|ticket|case|item|article|confirmation|booking|reservation|quote|job|part|model|#',
	version: 'version|ver|build|release|rev|revision|firmware|fw|v',
	amount: 'amount|total|subtotal|price|paid|refund|refunded|balance|fee|usd|eur|gbp|chf|cad|aud|jpy|\\$|€|£|¥',
};
const KINDS = Object.keys(WORDS) as Kind[];
const LABEL_RE = new RegExp(
	`(?<![\\p{L}\\p{N}])(?:${KINDS.map((k) => `(${WORDS[k]})`).join('|')})(?:[ .:#-]{0,3}(?:no|nr|number|num|id|code|#)(?![\\p{L}]))?\\.?[ :#=-]{0,4}(?=[0-9A-Za-z])`,
	'giu',
);
const TOKEN: Record<Kind, RegExp> = {
	tracking: /1Z ?(?:[0-9A-Z] ?){15}[0-9A-Z]|[A-Z]{0,4}\d(?:[ -]?\d){5,33}[A-Z]{0,2}/iy,
	order: /(?:[A-Z]{1,5}[-/ ]?)?\d(?:[-/.]?\d){0,15}[A-Z]{0,2}/iy,
	version: /\d{1,6}(?:\.\d{1,6}){1,5}|\d{7,12}/y,
	amount: /\d{1,3}(?:[,. ]\d{3}){1,4}(?:[.,]\d{1,2})?|\d{1,12}(?:[.,]\d{1,2})?/y,
};
/** Written forms that are findings whatever the label: SSN 3-2-4, North American phone 3-3-4. */
const FINDING_FORM = /^(?:\d{3}[- ]\d{2}[- ]\d{4}|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4})$/;
/** Words before a label that name a finding: the number is then no order or tracking number. */
const FINDING_LABEL = /(?:ssn|social security|phone|tel|mobile|cell|fax|card|iban|account|acct|routing|sort code|passport|licen[cs]e|tax|vat|ein|tin|pin|cvv|cvc)(?:\W{0,3}(?:no|nr|number|num)\.?)?\W{0,6}$/i;
/** Shapes that need no label: UPS tracking numbers and amounts followed by a currency. */
const SHAPE_RE = /(?<![0-9A-Za-z])1Z ?(?:[0-9A-Z] ?){15}[0-9A-Z](?![0-9A-Za-z])|(?<![\p{L}\p{N}.,])\d{1,3}(?:[,. ]\d{3}){1,4}(?:[.,]\d{1,2})?(?= ?(?:€|\$|£|usd|eur|gbp|chf)(?![\p{L}]))/giu;

/** The placeholder mark: a letter no scanner starts on. Text that holds it is scanned without protection. */
const MARK = '\uA66E';
const PLACEHOLDER_RE = /\uA66E([\u4E00-\u9FFF])/g;
const MAX_PROTECTED = 5000;

function hasCard(token: string): boolean {
	const digits = [...token.replace(/\D/g, '')].map(Number);
	const first = digits.map((_, i) => i === 0);
	const last = digits.map((_, i) => i === digits.length - 1);
	return cardCover(digits, first, last).includes(1);
}

/** Whether a labelled token has the written form of its kind (see the module comment). */
function benign(kind: Kind, label: string, token: string): boolean {
	const digits = token.replace(/\D/g, '').length;
	// Fewer than 7 digits is no finding of a number scanner (a dotted version may be an IPv4 address).
	// The form is judged on the number itself, without a letter prefix ("for 123-45-6789" is an SSN after "Order").
	if (FINDING_FORM.test(token) || FINDING_FORM.test(token.replace(/^[A-Z]{1,5}[-/ ]?/i, '')) || (digits < 7 && !(kind === 'version' && token.includes('.')))) return false;
	switch (kind) {
		case 'tracking':
			return /^1Z/i.test(token) || digits >= 20 || (digits >= 7 && digits <= 12) || (digits <= 19 && !hasCard(token));
		case 'order':
			return digits <= 12;
		case 'version':
			return token.includes('.') || label.toLowerCase() !== 'v';
		case 'amount':
			return digits <= 12;
	}
}

export interface Protected {
	text: string;
	skel: string;
	saved: string[];
}

/** Numbers that context shows to be benign → placeholders (in the text and its skeleton, same ranges). */
export function protect(text: string, skel: string): Protected {
	const saved: string[] = [];
	if (text.includes(MARK) || !/\d/.test(skel)) return { text, skel, saved };
	const spans: Array<[number, number]> = [];
	LABEL_RE.lastIndex = 0;
	for (let m = LABEL_RE.exec(skel); m; m = LABEL_RE.exec(skel)) {
		// `SSN #123456789`, `phone no. 4155550123`: a label word that names a finding wins.
		// And no digits right before a sign used as a label (`4242 4242 #42424242`: a split value).
		const before = skel.slice(Math.max(0, m.index - 24), m.index);
		if (FINDING_LABEL.test(before) || (!/^\p{L}/u.test(m[0]) && /\d[^\p{L}\p{N}]{0,5}$/u.test(before))) continue;
		const k = KINDS.findIndex((_, i) => m![i + 1] !== undefined);
		const kind = KINDS[k];
		const re = TOKEN[kind];
		re.lastIndex = m.index + m[0].length;
		const t = re.exec(skel);
		if (!t) continue;
		const end = t.index + t[0].length;
		// The number stands alone: no letter or digit glued to it, no digits after a few separators (a split value).
		if (/[\p{L}\p{N}]/u.test(skel[end] ?? '') || /^[^\p{L}\p{N}]{0,5}\d/u.test(skel.slice(end, end + 6)) || !benign(kind, m[k + 1], t[0])) continue;
		spans.push([t.index, end]);
		LABEL_RE.lastIndex = end;
	}
	SHAPE_RE.lastIndex = 0;
	for (let m = SHAPE_RE.exec(skel); m; m = SHAPE_RE.exec(skel)) spans.push([m.index, m.index + m[0].length]);
	if (!spans.length) return { text, skel, saved };
	spans.sort((a, b) => a[0] - b[0]);
	let t = '';
	let s = '';
	let last = 0;
	for (const [start, end] of spans) {
		if (start < last || saved.length >= MAX_PROTECTED) continue;
		const ph = MARK + String.fromCharCode(0x4e00 + saved.length);
		saved.push(text.slice(start, end));
		t += text.slice(last, start) + ph;
		s += skel.slice(last, start) + ph;
		last = end;
	}
	return { text: t + text.slice(last), skel: s + skel.slice(last), saved };
}

/** The protected numbers put back. */
export function restore(text: string, saved: string[]): string {
	return saved.length ? text.replace(PLACEHOLDER_RE, (_, c: string) => saved[c.charCodeAt(0) - 0x4e00] ?? '') : text;
}
