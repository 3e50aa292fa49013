/**
 * Typed fields (pure): a field known to hold an email, a phone number, a person's name or a tax id is
 * masked BY ITS TYPE, whatever its content. Its value is normalised, then parsed strictly; a value that
 * does not parse (`Name <addr>`, a local-only address, `call me on …`, a name with digits) is hidden
 * whole. Also: the sensitive key patterns for metadata and custom fields, whose values are never shown.
 */
import { canonicalText, normalizeText, skeleton } from './normalize';
import { maskEmail, maskPhone } from './scanners';
import type { RedactionLevel } from './types';

export const HIDDEN = {
	email: '[email hidden]',
	phone: '[phone hidden]',
	name: '[name hidden]',
	value: '[hidden]',
} as const;

const LABEL = `[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?`;
const EMAIL_WHOLE = new RegExp(`^[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_\`{|}~.-]{1,64}@${LABEL}(?:\\.${LABEL})+$`, 'u');

/** An email field: masked for the level when the whole value is one address, else hidden whole. */
export function typedEmail(value: string, level: RedactionLevel): string {
	const norm = normalizeText(value);
	return EMAIL_WHOLE.test(skeleton(norm)) ? maskEmail(norm, level) : HIDDEN.email;
}

/** A phone field: digits with the usual punctuation only (6–15 digits), else hidden whole. */
export function typedPhone(value: string, level: RedactionLevel): string {
	const sk = skeleton(normalizeText(value));
	const digits = sk.replace(/\D/g, '');
	const ok = /^\+?[\d .()/-]+$/.test(sk) && digits.length >= 6 && digits.length <= 15;
	return ok ? maskPhone(sk, level) : HIDDEN.phone;
}

/** Letters (any script), marks, spaces, apostrophes, hyphens and dots: 1 to 6 words, at most 80 characters. */
const NAME_RE = /^[\p{L}\p{M}]+(?:[ '.-]{1,2}[\p{L}\p{M}]+){0,5}\.?$/u;

/**
 * A person's name: the full (normalised) name only at "minimal", initials (`J. R.`) at "standard" and
 * "strict". A value that is not a plain name is hidden whole.
 */
export function typedName(value: string, level: RedactionLevel): string {
	const norm = normalizeText(value);
	if (norm.length > 80 || !NAME_RE.test(norm)) return HIDDEN.name;
	if (level === 'minimal') return norm;
	return norm
		.split(/[ -]+/)
		.map((w) => w.replace(/[^\p{L}]/gu, ''))
		.filter(Boolean)
		.map((w) => `${[...w][0].toLocaleUpperCase()}.`)
		.join(' ');
}

/** A tax id: `•••789` at "minimal" when it is letters and digits only; otherwise hidden. */
export function typedTaxId(value: string, level: RedactionLevel): string | undefined {
	const sk = skeleton(normalizeText(value)).replace(/[ .-]/g, '');
	if (level !== 'minimal' || !/^[A-Za-z0-9]{4,20}$/.test(sk)) return undefined;
	return `•••${sk.slice(-3)}`;
}

/** Key words whose values are never shown when they name a metadata key or a custom field. */
export const SENSITIVE_KEY_WORDS = [
	'ssn', 'password', 'passwd', 'pwd', 'secret', 'token', 'key', 'ip', 'dob', 'birth', 'birthday', 'address', 'addr',
	'street', 'phone', 'tel', 'mobile', 'email', 'mail', 'name', 'tax', 'vat', 'iban', 'account', 'card', 'cvc', 'cvv',
	'pin', 'passport', 'license', 'licence', 'zip', 'postcode', 'postal', 'ship', 'shipping', 'billing', 'location', 'geo', 'lat', 'lng', 'lon', 'gps',
] as const;
/** Words long enough to be matched anywhere in a key (`customerpassword`), not only as a word. */
const ANYWHERE = ['password', 'passwd', 'secret', 'token', 'birth', 'address', 'street', 'phone', 'email', 'iban', 'account', 'passport', 'postcode', 'apikey', 'ipaddr', 'clientip', 'remoteip', 'userip', 'firstname', 'lastname', 'fullname', 'username', 'taxid', 'vatid', 'vatnumber', 'ssn'];

/**
 * Whether a key names sensitive data. The key is normalised and look-alike-folded first, then split into
 * words at separators, case changes and digits: `client_ip`, `clientIP`, `Client IP`, `ｃｌｉｅｎｔ＿ｉｐ`,
 * `сlient-ip` (Cyrillic с) and `api‐key` all match.
 */
export function isSensitiveKey(key: string): boolean {
	const canon = canonicalText(key);
	const split = (s: string) => s.toLowerCase().split(/[^a-z]+/).filter(Boolean);
	// Words at separators and digits, and also at case changes (`clientIP`, `APIKey`).
	const words = [...split(canon), ...split(canon.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 '))];
	if (words.some((w) => (SENSITIVE_KEY_WORDS as readonly string[]).includes(w))) return true;
	const compact = canon.toLowerCase().replace(/[^a-z]/g, '');
	return ANYWHERE.some((w) => compact.includes(w));
}
