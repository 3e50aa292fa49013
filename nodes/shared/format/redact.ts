/**
 * Redaction policy (pure). Every value is normalised first (normalize.ts) and what is printed is the
 * normalised, redacted text. Two layers, applied to every value that reaches a message, before escaping:
 *  1. Field policy, by field path (relative to the Stripe object, e.g. "billing_details.email"):
 *     a kind (email, phone, address, name, tax id, never...) decides the masking for the level, by the
 *     field's type whatever its content; a value that does not parse as its type is hidden whole (typed.ts).
 *     Metadata keys that name sensitive data (ssn, password, api_key, client_ip, dob, street...) are hidden
 *     at every level. "Allowed Fields" lift the masking of a field, "Hidden Fields" remove it; a few
 *     fields are never shown.
 *  2. Free-text scanners run over every string, whatever its field (scanners.ts): emails, phones, card
 *     numbers (Luhn, any separator), Stripe keys, JWTs, Slack and AWS tokens, IBANs, IP addresses, SSNs,
 *     VAT numbers. Everything but emails and phones is removed even from allowed fields.
 *  Before the scanners, object-wide: a field's share of a value split across neighbouring fields is masked
 *  (joined.ts), and the object's own names and streets are masked wherever they are typed again (known.ts).
 *  Every other text that leaves the package goes through `redactOutgoing`, the same steps.
 */
import type { SplitShares } from './joined';
import { canonicalText, normalizeText } from './normalize';
import { emptyFindings, scanText, type KnownText, type ScanFindings } from './scanners';
import { HIDDEN, isSensitiveKey, typedEmail, typedName, typedPhone, typedTaxId } from './typed';
import type { RedactionLevel } from './types';

export { ibanValid, luhnValid, maskEmail, maskPhone, scanText, type ScanFindings } from './scanners';

/**
 * The one redaction for every text that leaves the package outside the formatter's templates (#29): status
 * texts and notes of Slack Action Response, desk card lines, Stripe Action summaries and errors, digest
 * labels, held-alert and burst summaries, node error items. The same steps as a message's free text
 * (`Redactor.text`): a field's share of a value split across fields masked (joined.ts), then normalised and
 * scanned with the known names and streets of the object concerned (known.ts, scanners.ts). Plain text
 * out: escape it for where it goes.
 */
export function redactOutgoing(text: unknown, options: { level?: RedactionLevel; known?: KnownText; split?: SplitShares } = {}): string {
	const s = typeof text === 'string' ? text : text instanceof Error ? text.message : String(text ?? '');
	return scanText(options.split?.get(s) ?? s, options.level ?? 'standard', false, undefined, options.known);
}

/** An error's message for a node's error item, reply or thrown error: `redactOutgoing` of it. */
export function redactedError(error: unknown, known?: KnownText): string {
	return redactOutgoing(error instanceof Error ? error.message : String(error), { known });
}

export type FieldKind =
	| 'never'
	| 'email'
	| 'phone'
	| 'address'
	| 'name'
	| 'card_last4'
	| 'tax_id'
	| 'sensitive'
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
export const PERSON_NAME_KEYS = new Set(['customer_name', 'cardholder_name', 'account_holder_name', 'first_name', 'last_name', 'full_name', 'legal_name', 'recipient_name']);
const SHIPPING = new Set(['shipping', 'shipping_details', 'customer_shipping']);
const NAME_CONTEXT = /(^|\.)(billing_details|shipping|shipping_details|customer_shipping|customer_details|owner|billing|collected_information|individual)(\.|$)/;

export function classifyField(path: string, objectType?: string): FieldKind {
	const segs = path.split('.');
	const key = segs[segs.length - 1].toLowerCase();
	const md = segs.indexOf('metadata');
	if (md >= 0 && segs.slice(md + 1).some(isSensitiveKey)) return 'sensitive';
	if (NEVER_KEYS.has(key) || segs.some((s) => s === 'fingerprint' || s === 'client_secret')) return 'never';
	if (key === 'number' && segs.length > 1) return 'never'; // card/bank numbers; a top-level invoice number is fine
	if (key.includes('email')) return 'email';
	if (key.includes('phone')) return 'phone';
	if (ADDRESS_KEYS.has(key) || segs.some((s) => s === 'address' || s === 'shipping_address' || s === 'billing_address')) return 'address';
	if (key === 'last4' || key === 'dynamic_last4') return 'card_last4';
	if (key === 'tax_id' || key === 'tax_ids' || key === 'vat_id' || segs.some((s) => s === 'tax_ids' || s === 'customer_tax_ids')) return 'tax_id';
	if (
		PERSON_NAME_KEYS.has(key) ||
		(key === 'name' && (NAME_CONTEXT.test(path) || (segs.length === 1 && (objectType === 'customer' || objectType === undefined))))
	)
		return 'name';
	return 'text';
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
	/** Metadata keys shown at "standard" and "strict"; any other metadata value shows as `[hidden]` there. */
	metadataKeys?: string[];
}

/** The metadata key of a path (`metadata.order_id` → `order_id`), or undefined when the path is not under metadata. */
function metadataKey(path: string): string | undefined {
	const segs = path.split('.');
	const i = segs.indexOf('metadata');
	return i >= 0 && i + 1 < segs.length ? segs.slice(i + 1).join('.') : undefined;
}

const keyForm = (k: string) => canonicalText(k).toLowerCase();

export class Redactor {
	readonly findings: ScanFindings = emptyFindings();

	constructor(
		readonly opts: RedactorOptions,
		readonly objectType?: string,
		/** The object's own names and streets, masked wherever they appear in free text (known.ts). */
		readonly known?: KnownText,
		/** Fields holding a share of a value split across fields, with that share masked (joined.ts). */
		readonly split?: SplitShares,
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
		return scanText(this.split?.get(s) ?? s, this.level, allowed, this.findings, this.known);
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
		if (kind === 'sensitive') return HIDDEN.value;
		const allowed = this.isAllowed(path);
		const level = this.level;
		// Deny by default: merchant-defined metadata only for the listed keys (or Allowed Fields), except at "minimal".
		const mdKey = metadataKey(path);
		if (mdKey !== undefined && level !== 'minimal' && !allowed && !(this.opts.metadataKeys ?? []).some((k) => keyForm(k) === keyForm(mdKey))) return HIDDEN.value;
		// Shipping names never at "standard" or "strict".
		if (kind === 'name' && level !== 'minimal' && !allowed && path.split('.').some((s) => SHIPPING.has(s))) return undefined;
		if (kind === 'address') return this.address(value, allowed);
		if (typeof value === 'object') return undefined;
		const s = String(value);
		if (allowed) return this.text(s, true);
		switch (kind) {
			case 'email':
				return typedEmail(s, level);
			case 'phone':
				return typedPhone(s, level);
			case 'name':
				// Scanned too (a name field that holds a card number or a key is hidden by typedName anyway), but not
				// for the object's own names: this field is one of them, and typedName masks it by its type.
				return typedName(scanText(s, level, false, this.findings), level);
			case 'card_last4': {
				const n = normalizeText(s);
				return this.opts.showCardLast4 && /^\d{4}$/.test(n) ? n : undefined;
			}
			case 'tax_id':
				return typedTaxId(s, level);
			default:
				return this.text(s);
		}
	}

	/** Postal address object or string: minimal → city, state, country; standard and strict → hidden. */
	address(value: unknown, allowed = false): string | undefined {
		if (value === null || value === undefined) return undefined;
		if (typeof value !== 'object') {
			if (allowed) return this.text(String(value), true);
			return this.level === 'minimal' ? '[address hidden]' : undefined;
		}
		const a = value as Record<string, unknown>;
		const str = (k: string) => (typeof a[k] === 'string' && a[k] ? this.text(a[k] as string) : undefined);
		const c = typeof a.country === 'string' ? normalizeText(a.country) : '';
		const country = /^[A-Za-z]{2}$/.test(c) ? c.toUpperCase() : undefined;
		let parts: Array<string | undefined>;
		if (allowed) parts = [str('line1'), str('line2'), str('city'), str('state'), str('postal_code'), country];
		else if (this.level === 'minimal') parts = [str('city'), str('state'), country];
		else return undefined;
		const shown = parts.filter(Boolean).join(', ');
		const anyHidden = !allowed && ['line1', 'line2', 'postal_code'].some((k) => a[k]);
		if (!shown && !anyHidden) return undefined;
		return anyHidden ? `${shown ? `${shown} ` : ''}(street hidden)`.trim() : shown;
	}
}
