import { formatMoney, isBelowMinimum, minorToDecimalString, minorUnitDigits, parseMinimumAmounts, toMinor } from '../../../nodes/shared/format/money';

describe('money', () => {
	it('minor units per Stripe currency', () => {
		expect(minorUnitDigits('usd')).toBe(2);
		for (const c of ['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']) expect(minorUnitDigits(c)).toBe(0);
		for (const c of ['BHD', 'JOD', 'KWD', 'OMR', 'TND']) expect(minorUnitDigits(c.toLowerCase())).toBe(3);
		// Stripe special cases: two-decimal in the API
		expect(minorUnitDigits('ISK')).toBe(2);
		expect(minorUnitDigits('HUF')).toBe(2);
		expect(minorUnitDigits('TWD')).toBe(2);
	});

	it('formats USD, JPY, KWD, EUR in several locales', () => {
		expect(formatMoney(1099, 'usd')).toBe('$10.99');
		expect(formatMoney(1000, 'jpy')).toBe('¥1,000');
		expect(formatMoney(1000, 'jpy', 'ja-JP')).toBe('￥1,000');
		expect(formatMoney(5120, 'kwd')).toBe('KWD\u00a05.120');
		expect(formatMoney(1099, 'eur', 'de-DE')).toBe('10,99\u00a0€');
		expect(formatMoney(123456789, 'eur', 'fr-FR')).toBe('1\u202f234\u202f567,89\u00a0€');
		expect(formatMoney(50000, 'krw', 'ko-KR')).toBe('₩50,000');
		expect(formatMoney(-1099, 'usd')).toBe('-$10.99');
		expect(formatMoney(5, 'usd')).toBe('$0.05');
	});

	it('ISK: 100 = 1 króna, shown without decimals unless fractional', () => {
		expect(formatMoney(50000, 'isk')).toBe('ISK\u00a0500');
		expect(formatMoney(4010, 'isk')).toBe('ISK\u00a040.10');
		expect(formatMoney(150000, 'huf', 'hu-HU')).toBe('1500,00\u00a0Ft');
	});

	it('exact decimals, never float noise', () => {
		expect(minorToDecimalString(1099, 'usd')).toBe('10.99');
		expect(minorToDecimalString(7, 'kwd')).toBe('0.007');
		expect(formatMoney(900719925474099, 'usd')).toBe('$9,007,199,254,740.99');
	});

	it('bad input gives "" and never throws', () => {
		expect(formatMoney(100, 'currency')).toBe('');
		expect(formatMoney('100', 'usd')).toBe('');
		expect(formatMoney(NaN, 'usd')).toBe('');
		expect(formatMoney(100, 'usd', 'not_a_locale!!')).toBe('$1.00');
	});

	it('minimum amounts', () => {
		const m = parseMinimumAmounts('USD:10.00, JPY:1000; kwd 1.5');
		expect(m).toEqual({ USD: 1000, JPY: 1000, KWD: 1500 });
		expect(isBelowMinimum(999, 'usd', m)).toBe(true);
		expect(isBelowMinimum(1000, 'usd', m)).toBe(false);
		expect(isBelowMinimum(999, 'eur', m)).toBe(false);
		expect(isBelowMinimum(null, 'usd', m)).toBe(false);
		expect(() => parseMinimumAmounts('ten dollars')).toThrow(/like "USD 50"/);
		expect(toMinor(10.005, 'usd')).toBe(1001);
	});
});
