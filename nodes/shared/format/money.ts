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

/**
 * Parse a "Minimum Amounts" option: "USD:10.00, JPY:1000, eur 5" → { USD: 1000, JPY: 1000, EUR: 500 }
 * (minor units). Throws an Error naming the bad entry.
 */
export function parseMinimumAmounts(spec: string | undefined): Record<string, number> {
	const out: Record<string, number> = {};
	if (!spec || !spec.trim()) return out;
	for (const part of spec.split(/[,;\n]+/)) {
		const p = part.trim();
		if (!p) continue;
		const m = /^([A-Za-z]{3})\s*[:= ]\s*([0-9]+(?:[.][0-9]+)?)$/.exec(p);
		if (!m) throw new Error(`Minimum amount "${p}" is not like "USD:10.00"`);
		const cur = m[1].toUpperCase();
		out[cur] = toMinor(Number(m[2]), cur);
	}
	return out;
}

/** True when the amount is below the minimum configured for its currency. */
export function isBelowMinimum(amount: number | null | undefined, currency: string | null | undefined, minimums: Record<string, number>): boolean {
	if (typeof amount !== 'number' || !currency) return false;
	const min = minimums[currency.toUpperCase()];
	return typeof min === 'number' && Math.abs(amount) < min;
}
