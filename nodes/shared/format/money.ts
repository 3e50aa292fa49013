/**
 * Money in every Stripe currency. Stripe amounts are integers in the currency's minor unit as
 * Stripe defines it (https://docs.stripe.com/currencies):
 * - zero-decimal: the amount is the major amount (¥500 is 500);
 * - three-decimal: BHD JOD KWD OMR TND (5.120 KWD is 5120);
 * - every other currency: two decimals, including Stripe's special cases:
 *   ISK is two-decimal in the API although whole krónur only (100 = 1 kr), displayed without decimals
 *   unless the amount has a fraction; HUF and TWD are two-decimal in the API (payouts need whole units);
 *   UGX is zero-decimal in the API (Stripe lists it so, ISO 4217 agrees).
 */
import { isNoneWord } from '../settings';

export const ZERO_DECIMAL = new Set([
	'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);
export const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);
/** Two-decimal in Stripe's API, whole units when displayed (fraction shown only if present). */
const DISPLAY_WHOLE = new Set(['ISK']);

const CURRENCY_RE = /^[A-Za-z]{3}$/;

/** A valid-looking ISO 4217 code in upper case, or undefined. */
export function normalizeCurrency(currency: unknown): string | undefined {
	if (typeof currency !== 'string' || !CURRENCY_RE.test(currency)) return undefined;
	return currency.toUpperCase();
}

/** Number of decimals of Stripe's minor unit for this currency. */
export function minorUnitDigits(currency: string): number {
	const c = currency.toUpperCase();
	if (ZERO_DECIMAL.has(c)) return 0;
	if (THREE_DECIMAL.has(c)) return 3;
	return 2;
}

/** Exact decimal string of an integer minor amount ("-12.345"), no float rounding. */
export function minorToDecimalString(amount: number, currency: string): string {
	const digits = minorUnitDigits(currency);
	const neg = amount < 0;
	const abs = Math.round(Math.abs(amount)).toString();
	if (digits === 0) return (neg ? '-' : '') + abs;
	const padded = abs.padStart(digits + 1, '0');
	return `${neg ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Minor units → major units as a number (for sums and comparisons, not display). */
export function toMajor(amount: number, currency: string): number {
	return amount / 10 ** minorUnitDigits(currency);
}

/** Major units (e.g. 10.5) → Stripe minor units (1050), rounded to the nearest minor unit. */
export function toMinor(major: number, currency: string): number {
	return Math.round(major * 10 ** minorUnitDigits(currency));
}

const formatterCache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, currency: string, fractionDigits: number): Intl.NumberFormat {
	const key = `${locale}|${currency}|${fractionDigits}`;
	let nf = formatterCache.get(key);
	if (!nf) {
		try {
			nf = new Intl.NumberFormat(locale, {
				style: 'currency',
				currency,
				minimumFractionDigits: fractionDigits,
				maximumFractionDigits: fractionDigits,
			});
		} catch {
			// Unknown locale: fall back to en-US, keep the currency.
			nf = new Intl.NumberFormat('en-US', {
				style: 'currency',
				currency,
				minimumFractionDigits: fractionDigits,
				maximumFractionDigits: fractionDigits,
			});
		}
		if (formatterCache.size > 500) formatterCache.clear();
		formatterCache.set(key, nf);
	}
	return nf;
}

/**
 * Format a Stripe amount (minor units) for people: formatMoney(1099, 'usd') → "$10.99",
 * formatMoney(1000, 'jpy', 'ja-JP') → "￥1,000", formatMoney(1500, 'kwd') → "KWD 1.500".
 * Returns "" when the amount or currency is unusable (never throws).
 */
export function formatMoney(amount: unknown, currency: unknown, locale = 'en-US'): string {
	const cur = normalizeCurrency(currency);
	if (typeof amount !== 'number' || !Number.isFinite(amount) || !cur) return '';
	const digits = minorUnitDigits(cur);
	let displayDigits = digits;
	if (DISPLAY_WHOLE.has(cur) && Math.round(amount) % 10 ** digits === 0) displayDigits = 0;
	const decimal = minorToDecimalString(Math.round(amount), cur);
	try {
		// Intl accepts exact decimal strings (ES2023); the cast keeps older lib typings happy.
		return numberFormat(locale, cur, displayDigits).format(decimal as unknown as number);
	} catch {
		return `${decimal} ${cur}`;
	}
}

/** The key of a minimum typed without a currency ("50"): it counts for every currency not listed. */
export const ANY_CURRENCY = '*';

/** Currency signs people type, and the code each one means (a sign shared by several currencies is not here). */
const SIGNS: Array<[string, string]> = [
	['US$', 'USD'], ['CA$', 'CAD'], ['C$', 'CAD'], ['AU$', 'AUD'], ['A$', 'AUD'], ['NZ$', 'NZD'], ['HK$', 'HKD'],
	['S$', 'SGD'], ['R$', 'BRL'], ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['￥', 'JPY'], ['₹', 'INR'],
	['₩', 'KRW'], ['₺', 'TRY'], ['₽', 'RUB'], ['₪', 'ILS'], ['zł', 'PLN'], ['₱', 'PHP'], ['₫', 'VND'], ['฿', 'THB'],
];

/** An amount as typed: digits with an optional decimal part, thousands separated by "," or "'" or spaces ("1,000.50"). */
const NUMBER = String.raw`[0-9]{1,3}(?:[,' ][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+`;
const AMOUNT_RE = new RegExp(`^(?:([A-Za-z]{3})\\s*[:=]?\\s*)?(${NUMBER})(?:\\s*([A-Za-z]{3}))?$`);

/** One entry as typed ("$50", "usd:50.00", "50 USD", "€20", "50") → [currency or ANY_CURRENCY, major amount as text]. */
function readEntry(entry: string): [string, string] | undefined {
	let p = entry.trim();
	let signed: string | undefined;
	for (const [sign, code] of SIGNS) {
		if (p.startsWith(sign)) {
			signed = code;
			p = p.slice(sign.length).trim();
			break;
		}
		if (p.endsWith(sign)) {
			signed = code;
			p = p.slice(0, -sign.length).trim();
			break;
		}
	}
	const m = AMOUNT_RE.exec(p);
	if (!m) return undefined;
	const before = m[1]?.toUpperCase();
	const after = m[3]?.toUpperCase();
	const codes = [signed, before, after].filter((c): c is string => !!c);
	if (new Set(codes).size > 1) return undefined; // "$50 EUR": two different currencies
	return [codes[0] ?? ANY_CURRENCY, m[2].replace(/[,' ]/g, '')];
}

/**
 * Parse a minimum-amounts setting as people type it: "USD:10.00, JPY:1000", "$50", "50 USD", "usd:50.00",
 * "€20, £10", "1,000 EUR", or "50" alone (every currency not listed). → minor units per currency; the entry
 * without a currency is kept under ANY_CURRENCY in thousandths of a major unit (read it with `minimumFor`).
 * Entries are separated by commas, semicolons or new lines; a comma followed by three digits is a thousands
 * separator ("$1,000"). Throws an Error naming the entry it cannot read.
 */
export function parseMinimumAmounts(spec: string | undefined): Record<string, number> {
	const out: Record<string, number> = {};
	if (!spec || !spec.trim() || isNoneWord(spec)) return out;
	for (const part of spec.split(/[;\n]+|,(?![0-9]{3}(?:[^0-9]|$))/)) {
		const p = part.trim();
		if (!p) continue;
		const read = readEntry(p);
		if (!read) throw new Error(`Minimum amount "${p}" cannot be read: write an amount with its currency, like "USD 50", "$50" or "EUR 20.00"`);
		const [cur, amount] = read;
		out[cur] = cur === ANY_CURRENCY ? Math.round(Number(amount) * 1000) : toMinor(Number(amount), cur);
	}
	return out;
}

/** The minimum (minor units) for a currency: its own entry, else the entry without a currency, else none. */
export function minimumFor(currency: string, minimums: Record<string, number>): number | undefined {
	const own = minimums[currency.toUpperCase()];
	if (typeof own === 'number') return own;
	const any = minimums[ANY_CURRENCY];
	return typeof any === 'number' ? Math.round((any * 10 ** minorUnitDigits(currency)) / 1000) : undefined;
}

/**
 * True when the amount is below the minimum for its currency. The rule, as the settings' help says it:
 * payments of at least the minimum are posted (a minimum of 50.00 posts a $50.00 payment); smaller ones are
 * not; currencies with no minimum: all posted.
 */
export function isBelowMinimum(amount: number | null | undefined, currency: string | null | undefined, minimums: Record<string, number>): boolean {
	if (typeof amount !== 'number' || !currency) return false;
	const min = minimumFor(currency, minimums);
	return typeof min === 'number' && Math.abs(amount) < min;
}
