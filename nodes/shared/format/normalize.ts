/**
 * Text normalisation before redaction (pure). Every customer-controlled string is normalised FIRST, then
 * scanned, and the normalised (redacted) text is what is printed; the raw text never is. This closes the
 * evasions that relied on the scanner and the reader seeing different text:
 *  - NFKC: full-width digits and letters (`４２４２`, `ｊｅｎｎｙ＠…`), ligatures, compatibility forms → plain forms;
 *  - invisible characters removed: zero-width spaces/joiners, word joiner, soft hyphen, BOM, variation
 *    selectors, tag characters, bidi controls (every Default_Ignorable_Code_Point and format character),
 *    control characters;
 *  - every Unicode space, tab and line break → one ASCII space (runs collapse to one);
 *  - every Unicode dash and minus sign → `-`.
 *
 * `skeleton` is a second, same-length view used only for DETECTION: Latin look-alike letters from
 * Cyrillic, Greek and Armenian become their Latin letter, decimal digits of every script become 0–9, and
 * ideographic full stops become `.`. Scanners match on the skeleton and replace the same ranges of the
 * normalised text, so an email with a Cyrillic `а` is caught whole, yet Cyrillic text is printed as written.
 */

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}]/gu;
const SPACES = /[\s\p{Zs}\u2028\u2029\u180E]+/gu;
const DASHES = /[\p{Pd}\u2212\u2796\u2043\u02D7\uFE63\uFF0D]/gu;

/** NFKC, invisible characters stripped, spaces and dashes folded. Idempotent. */
export function normalizeText(s: string): string {
	// Whitespace controls (tab, newline, ...) become spaces before the other controls are stripped.
	const t = s
		.replace(/[\t\n\v\f\r\u0085]/g, ' ')
		.replace(INVISIBLE, '')
		.normalize('NFKC')
		.replace(INVISIBLE, '')
		.replace(DASHES, '-')
		.replace(SPACES, ' ');
	return t.trim();
}

/** Look-alike → Latin letter, one UTF-16 unit for one (so indices of the skeleton match the text). */
const LOOKALIKES: Record<string, string> = {
	// Cyrillic
	а: 'a', в: 'b', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', п: 'n', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g', г: 'r',
	А: 'A', В: 'B', Е: 'E', Ё: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ї: 'I', Ј: 'J', Ѕ: 'S', Ԛ: 'Q', Ԝ: 'W', Ӏ: 'I', Ԁ: 'D', Һ: 'H',
	// Greek
	α: 'a', β: 'b', γ: 'y', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ς: 'c', ϳ: 'j', ω: 'w',
	Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', Ϲ: 'C',
	// Armenian and Latin extensions
	օ: 'o', ս: 'u', հ: 'h', ո: 'n', ց: 'g', ı: 'i', ȷ: 'j', ɑ: 'a', ɩ: 'i', ʏ: 'y', ᴀ: 'a', ᴄ: 'c', ᴏ: 'o', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z',
	// Dots that read as a full stop
	'。': '.', '·': '.', '٫': '.',
};

const digitCache = new Map<number, string>();

/** The ASCII digit of a decimal digit of any script (BMP), e.g. `٣` → `3`. */
function asciiDigit(cp: number): string {
	let d = digitCache.get(cp);
	if (d === undefined) {
		// Decimal digits come in runs of ten starting at zero: count back to the run's start.
		let k = cp;
		while (k > 0 && /\p{Nd}/u.test(String.fromCharCode(k - 1))) k--;
		d = String((cp - k) % 10);
		digitCache.set(cp, d);
	}
	return d;
}

/** Same-length detection view of normalised text (see the module comment). */
export function skeleton(s: string): string {
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const ch = s[i];
		const code = ch.charCodeAt(0);
		if (code < 0x80) out += ch;
		else if (LOOKALIKES[ch]) out += LOOKALIKES[ch];
		else if (/\p{Nd}/u.test(ch)) out += asciiDigit(code);
		else out += ch;
	}
	return out;
}

/** What a reader (and the scanners) effectively see: normalised, then look-alikes and digits folded. */
export function canonicalText(s: string): string {
	return skeleton(normalizeText(s));
}
