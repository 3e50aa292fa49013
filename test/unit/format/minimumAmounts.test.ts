/**
 * The "Minimum amount per currency" setting as people type it (issue #28): the parser forgives signs, codes
 * on either side, lower case, thousands separators and a bare number; the rule is "payments of at least this
 * amount are posted", in every currency's own minor unit (zero- and three-decimal included).
 */
import { isBelowMinimum, minimumFor, parseMinimumAmounts } from '../../../nodes/shared/format/money';

describe('parseMinimumAmounts: what people type', () => {
	it.each([
		['$50', { USD: 5000 }],
		['USD 50', { USD: 5000 }],
		['usd:50.00', { USD: 5000 }],
		['50 USD', { USD: 5000 }],
		['50usd', { USD: 5000 }],
		['US$50', { USD: 5000 }],
		['€20, £10', { EUR: 2000, GBP: 1000 }],
		['20€; 10 £', { EUR: 2000, GBP: 1000 }],
		['$1,000, EUR 5', { USD: 100000, EUR: 500 }],
		['JPY 100', { JPY: 100 }],
		['¥100', { JPY: 100 }],
		['KWD 1.5', { KWD: 1500 }],
		['USD:1.00, EUR:1.00, GBP:1.00, JPY:100', { USD: 100, EUR: 100, GBP: 100, JPY: 100 }],
		['USD=10\nEUR=5', { USD: 1000, EUR: 500 }],
		['', {}],
		['   ', {}],
	])('%j', (typed, expected) => {
		expect(parseMinimumAmounts(typed)).toEqual(expected);
	});

	it('a number alone counts for every currency not listed, in that currency', () => {
		const m = parseMinimumAmounts('50, EUR 5');
		expect(minimumFor('usd', m)).toBe(5000);
		expect(minimumFor('JPY', m)).toBe(50);
		expect(minimumFor('KWD', m)).toBe(50000);
		expect(minimumFor('EUR', m)).toBe(500);
	});

	it.each(['ten dollars', '$5O', '$50 EUR', 'USD', '50 dollars and more', '-5 USD'])('says which entry it cannot read: %j', (typed) => {
		expect(() => parseMinimumAmounts(typed)).toThrow(/cannot be read: write an amount with its currency, like "USD 50"/);
		expect(() => parseMinimumAmounts(typed)).toThrow(typed.trim());
	});
});

describe('isBelowMinimum: payments of at least the minimum are posted', () => {
	it('a minimum of 50.00 posts a $50.00 payment and holds back $49.99', () => {
		const m = parseMinimumAmounts('USD 50.00');
		expect(isBelowMinimum(5000, 'usd', m)).toBe(false);
		expect(isBelowMinimum(5001, 'usd', m)).toBe(false);
		expect(isBelowMinimum(4999, 'usd', m)).toBe(true);
	});

	it('zero-decimal and three-decimal currencies at the edge', () => {
		const m = parseMinimumAmounts('¥100, KWD 1.500');
		expect(isBelowMinimum(100, 'jpy', m)).toBe(false);
		expect(isBelowMinimum(99, 'jpy', m)).toBe(true);
		expect(isBelowMinimum(1500, 'kwd', m)).toBe(false);
		expect(isBelowMinimum(1499, 'kwd', m)).toBe(true);
	});

	it('currencies not listed: all posted', () => {
		const m = parseMinimumAmounts('$50');
		expect(isBelowMinimum(1, 'eur', m)).toBe(false);
		expect(isBelowMinimum(1, 'jpy', m)).toBe(false);
	});
});
