/**
 * Redaction policy (pure). Two layers, applied to every value that reaches a message, before escaping:
 *  1. Field policy, by field path (relative to the Stripe object, e.g. "billing_details.email"):
 *     a kind (email, phone, address, name, card, secret...) decides the masking for the level;
 *     "Allowed Fields" lift the masking of a field, "Hidden Fields" remove it; a few fields are never shown.
 *  2. Free-text scanners run over every string, whatever its field: emails, phone numbers, card numbers
 *     (Luhn-checked), Stripe secret/restricted keys, webhook secrets, client secrets, IBANs (mod-97).
 *     Card numbers, keys and IBANs are removed even from allowed fields.
 */
import type { RedactionLevel } from './types';

export type FieldKind =
	| 'never'
	| 'email'
	| 'phone'
	| 'address'
	| 'name'
	| 'card_last4'
	| 'tax_id'
	| 'text';

/** Fields that never reach a message, whatever the allow list says. */
const NEVER_KEYS = new Set([
	'fingerprint',
	'client_secret',
	'receipt_url',
	'hosted_invoice_url',
	'invoice_pdf',
	'url',
	'secret',
	'cvc',
	'cvc_check',
	'exp_month',
	'exp_year',
	'iin',
	'bin',
	'network_token',
	'ip',
	'ip_address',
	'customer_purchase_ip',
	'customer_signature',
	'mandate',
	'account_number',
	'routing_number',
	'iban',
	'bic',
]);
const ADDRESS_KEYS = new Set([
	'address',
	'line1',
	'line2',
	'postal_code',
	'city',
	'state',
	'billing_address',
	'shipping_address',
	'shipping',
]);
const NAME_CONTEXT = /(^|\.)(billing_details|shipping|customer_details|owner|billing|collected_information|individual)(\.|$)/;

export function classifyField(path: string, objectType?: string): FieldKind {
	const segs = path.split('.');
	const key = segs[segs.length - 1].toLowerCase();
	if (NEVER_KEYS.has(key) || segs.some((s) => s === 'fingerprint' || s === 'client_secret')) return 'never';
	if (key === 'number' && segs.length > 1) return 'never'; // card/bank numbers; a top-level invoice number is fine
	if (key.includes('email')) return 'email';
	if (key.includes('phone')) return 'phone';
	if (ADDRESS_KEYS.has(key) || segs.some((s) => s === 'address' || s === 'shipping_address' || s === 'billing_address')) return 'address';
	if (key === 'last4' || key === 'dynamic_last4') return 'card_last4';
	if (key === 'tax_id' || key === 'tax_ids' || key === 'vat_id') return 'tax_id';
	if (
		key === 'customer_name' ||
		key === 'cardholder_name' ||
		key === 'account_holder_name' ||
		(key === 'name' && (NAME_CONTEXT.test(path) || (segs.length === 1 && objectType === 'customer')))
	)
		return 'name';
	return 'text';
}

// ---- scanners -------------------------------------------------------------------------------

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

export function ibanValid(raw: string): boolean {
	const s = raw.replace(/[\s-]/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
	const rearranged = s.slice(4) + s.slice(0, 4);
	let rem = 0;
	for (const ch of rearranged) {
		const v = ch >= 'A' ? (ch.charCodeAt(0) - 55).toString() : ch;
		for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
	}
	return rem === 1;
}

const SECRET_RE = /(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{6,}|whsec_[0-9A-Za-z]{6,}|(?:[A-Za-z0-9]+_)+secret_[0-9A-Za-z]{6,}/g;
const IBAN_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])/g;
const CARD_RE = /(?<!\d)\d(?:[ -]?\d){11,}(?!\d)/g;
const EMAIL_RE = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
const PHONE_INTL_RE = /(?<![\w+])\+\s?\d(?:[ .()\u00A0-]{0,2}\d){6,14}(?!\d)/g;
/** National numbers in the common (NANP-like) 3-3-4 grouping with separators. */
const PHONE_NAT_RE = /(?<![\w+])(?:\(\d{3}\)|\d{3})[ .\u00A0-]?\d{3}[ .\u00A0-]\d{4}(?!\w)/g;

export interface ScanFindings {
	email: number;
	phone: number;
	card: number;
	secret: number;
	iban: number;
}

export function maskEmail(email: string, level: RedactionLevel): string {
	const at = email.lastIndexOf('@');
	if (level === 'strict' || at < 1) return '[email hidden]';
	const local = email.slice(0, at);
	const domain = email.slice(at + 1);
	if (level === 'minimal') return `${local[0]}•••@${domain}`;
	const tld = domain.slice(domain.lastIndexOf('.'));
	return `${local[0]}•••@${domain[0]}•••${tld}`;
}

export function maskPhone(phone: string, level: RedactionLevel): string {
	const digits = phone.replace(/\D/g, '');
	if (level === 'strict' || digits.length < 6) return '[phone hidden]';
	return `•••${digits.slice(level === 'minimal' ? -4 : -2)}`;
}

/**
 * A digit run (with single spaces or dashes) → card numbers removed. The whole run is checked first;
 * then windows that start and end on a separator (e.g. "12 4242 4242 4242 4242": the last four groups).
 */
function maskCards(m: string): string {
	const all = m.replace(/\D/g, '');
	if (all.length >= 13 && all.length <= 19 && luhnValid(all)) return '[card number removed]';
	const groups = m.split(/([ -])/);
	const tokens = groups.filter((_, i) => i % 2 === 0);
	const seps = groups.filter((_, i) => i % 2 === 1);
	for (let i = 0; i < tokens.length; i++) {
		for (let j = tokens.length; j > i; j--) {
			const digits = tokens.slice(i, j).join('');
			if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) {
				const join = (a: number, b: number) => tokens.slice(a, b).map((t, k) => (k === 0 ? t : seps[a + k - 1] + t)).join('');
				const before = i > 0 ? join(0, i) + seps[i - 1] : '';
				const rest = j < tokens.length ? seps[j - 1] + maskCards(join(j, tokens.length)) : '';
				return before + '[card number removed]' + rest;
			}
		}
	}
	return m;
}

function fixIban(match: string): { masked: string; rest: string } | undefined {
	// The pattern is greedy; find the longest valid IBAN prefix of the match.
	for (let end = match.length; end >= 15; end--) {
		const cand = match.slice(0, end);
		if (/[A-Za-z0-9]$/.test(cand) && ibanValid(cand)) return { masked: '[IBAN removed]', rest: match.slice(end) };
	}
	return undefined;
}

/**
 * Scan free text. `keepContact` (allowed fields) keeps emails and phone numbers;
 * card numbers, keys and IBANs are always removed.
 */
export function scanText(s: string, level: RedactionLevel, keepContact = false, findings?: ScanFindings): string {
	let out = s.replace(SECRET_RE, () => {
		if (findings) findings.secret++;
		return '[secret removed]';
	});
	out = out.replace(IBAN_RE, (m) => {
		const f = fixIban(m);
		if (!f) return m;
		if (findings) findings.iban++;
		return f.masked + f.rest;
	});
	out = out.replace(CARD_RE, (m) => {
		const r = maskCards(m);
		if (r !== m && findings) findings.card++;
		return r;
	});
	if (keepContact) return out;
	out = out.replace(EMAIL_RE, (m) => {
		if (findings) findings.email++;
		return maskEmail(m, level);
	});
	out = out.replace(PHONE_INTL_RE, (m) => {
		if (findings) findings.phone++;
		return maskPhone(m, level);
	});
	out = out.replace(PHONE_NAT_RE, (m) => {
		if (findings) findings.phone++;
		return maskPhone(m, level);
	});
	return out;
}

// ---- field paths ----------------------------------------------------------------------------

/** "metadata.*" matches "metadata.order_id"; "billing_details" matches "billing_details.email". */
export function pathMatches(pattern: string, path: string): boolean {
	const p = pattern.split('.');
	const s = path.split('.');
	if (p.length > s.length) return false;
	for (let i = 0; i < p.length; i++) if (p[i] !== '*' && p[i] !== s[i]) return false;
	return true;
}

export interface RedactorOptions {
	redaction: RedactionLevel;
	showCardLast4: boolean;
	allowFields: string[];
	denyFields: string[];
}

function initials(name: string): string {
	const parts = name
		.split(/\s+/)
		.map((w) => w.replace(/[^\p{L}]/gu, ''))
		.filter(Boolean);
	return parts.length ? parts.map((w) => `${w[0].toUpperCase()}.`).join(' ') : '[name hidden]';
}

export class Redactor {
	readonly findings: ScanFindings = { email: 0, phone: 0, card: 0, secret: 0, iban: 0 };

	constructor(
		readonly opts: RedactorOptions,
		readonly objectType?: string,
	) {}

	get level(): RedactionLevel {
		return this.opts.redaction;
	}

	isHidden(path: string): boolean {
		if (classifyField(path, this.objectType) === 'never') return true;
		return this.opts.denyFields.some((p) => pathMatches(p, path));
	}

	isAllowed(path: string): boolean {
		return this.opts.allowFields.some((p) => pathMatches(p, path));
	}

	/** Free text through the scanners only (no field policy). */
	text(s: string, allowed = false): string {
		return scanText(s, this.level, allowed, this.findings);
	}

	/**
	 * A field value, redacted by its path and kind; undefined when it must not be shown.
	 * Returns plain text (not escaped: escape with mrkdwn.safeText before output).
	 */
	field(path: string, value: unknown, kindOverride?: FieldKind): string | undefined {
		if (value === null || value === undefined || value === '') return undefined;
		if (this.isHidden(path)) return undefined;
		const kind = kindOverride ?? classifyField(path, this.objectType);
		if (kind === 'never') return undefined;
		const allowed = this.isAllowed(path);
		const level = this.level;
		if (kind === 'address') return this.address(value, allowed);
		if (typeof value === 'object') return undefined;
		const s = String(value);
		if (allowed) return this.text(s, true);
		switch (kind) {
			case 'email':
				return this.text(s.replace(EMAIL_RE, (m) => maskEmail(m, level)));
			case 'phone':
				return maskPhone(s, level);
			case 'name':
				return level === 'strict' ? initials(this.text(s)) : this.text(s);
			case 'card_last4':
				return this.opts.showCardLast4 && /^\d{4}$/.test(s) ? s : undefined;
			case 'tax_id':
				return level === 'minimal' ? `•••${s.slice(-3)}` : undefined;
			default:
				return this.text(s);
		}
	}

	/** Postal address object or string: minimal → city, state, country; standard → country; strict → hidden. */
	address(value: unknown, allowed = false): string | undefined {
		if (value === null || value === undefined) return undefined;
		if (typeof value !== 'object') {
			if (allowed) return this.text(String(value), true);
			return this.level === 'strict' ? undefined : '[address hidden]';
		}
		const a = value as Record<string, unknown>;
		const str = (k: string) => (typeof a[k] === 'string' && a[k] ? this.text(a[k] as string) : undefined);
		const country = str('country');
		let parts: Array<string | undefined>;
		if (allowed) parts = [str('line1'), str('line2'), str('city'), str('state'), str('postal_code'), country];
		else if (this.level === 'minimal') parts = [str('city'), str('state'), country];
		else if (this.level === 'standard') parts = [country];
		else return undefined;
		const shown = parts.filter(Boolean).join(', ');
		const anyHidden = !allowed && ['line1', 'line2', 'postal_code'].some((k) => a[k]);
		if (!shown && !anyHidden) return undefined;
		return anyHidden ? `${shown ? `${shown} ` : ''}(street hidden)`.trim() : shown;
	}
}
