import { classifyField, ibanValid, luhnValid, maskEmail, Redactor, scanText } from '../../../nodes/shared/format/redact';

const std = (o: Partial<ConstructorParameters<typeof Redactor>[0]> = {}) =>
	new Redactor({ redaction: 'standard', showCardLast4: true, allowFields: [], denyFields: [], ...o });

describe('redaction', () => {
	it('Luhn: valid numbers removed, invalid kept', () => {
		expect(luhnValid('4242424242424242')).toBe(true);
		expect(luhnValid('4242424242424241')).toBe(false);
		expect(scanText('pay with 4242 4242 4242 4242 ok', 'standard')).toBe('pay with [card number removed] ok');
		expect(scanText('ref 4242-4242-4242-4241', 'standard')).toBe('ref 4242-4242-4242-4241');
		expect(scanText('amex 378282246310005', 'minimal')).toBe('amex [card number removed]');
		expect(scanText('12 4242 4242 4242 4242', 'standard')).toBe('12 [card number removed]');
	});
	it('IBAN: mod-97 checked', () => {
		expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
		expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
		expect(scanText('IBAN GB82WEST12345698765432 thanks', 'minimal')).toBe('IBAN [IBAN removed] thanks');
		expect(scanText('code DE00 1234 5678 9012 3456 78', 'standard')).toContain('DE00');
	});
	it('secret keys, webhook secrets and client secrets', () => {
		expect(scanText('key sk_live_51H8abcDEF0123456789 end', 'minimal')).toBe('key [secret removed] end');
		expect(scanText('rk_test_abcdef123456 whsec_abcdefgh123', 'minimal')).toBe('[secret removed] [secret removed]');
		expect(scanText('pi_123_secret_abcdefgh', 'minimal')).toBe('[secret removed]');
	});
	it('emails and phones by level', () => {
		expect(maskEmail('jenny.rosen@example.com', 'minimal')).toBe('j•••@example.com');
		expect(maskEmail('jenny.rosen@example.com', 'standard')).toBe('j•••@e•••.com');
		expect(maskEmail('jenny.rosen@example.com', 'strict')).toBe('[email hidden]');
		expect(scanText('call +1 415 555 0123 or (415) 555-0123', 'minimal')).toBe('call •••0123 or •••0123');
		expect(scanText('call +14155550123', 'strict')).toBe('call [phone hidden]');
		expect(scanText('invoice 7FE1103-0001 on 2024-07-26', 'standard')).toBe('invoice 7FE1103-0001 on 2024-07-26');
	});
	it('field kinds', () => {
		expect(classifyField('billing_details.email')).toBe('email');
		expect(classifyField('payment_method_details.card.fingerprint')).toBe('never');
		expect(classifyField('client_secret')).toBe('never');
		expect(classifyField('receipt_url')).toBe('never');
		expect(classifyField('number')).toBe('text');
		expect(classifyField('card.number')).toBe('never');
		expect(classifyField('billing_details.name')).toBe('name');
		expect(classifyField('name', 'customer')).toBe('name');
		expect(classifyField('plan.name')).toBe('text');
		expect(classifyField('shipping.address.line1')).toBe('address');
	});
	it('addresses, names and card last 4 by level', () => {
		const addr = { line1: '510 Townsend St', city: 'San Francisco', state: 'CA', postal_code: '94103', country: 'US' };
		expect(new Redactor({ redaction: 'minimal', showCardLast4: true, allowFields: [], denyFields: [] }).field('address', addr)).toBe('San Francisco, CA, US (street hidden)');
		expect(std().field('address', addr)).toBe('US (street hidden)');
		expect(new Redactor({ redaction: 'strict', showCardLast4: true, allowFields: [], denyFields: [] }).field('address', addr)).toBeUndefined();
		expect(new Redactor({ redaction: 'strict', showCardLast4: true, allowFields: [], denyFields: [] }, 'customer').field('name', 'Jenny Rosen')).toBe('J. R.');
		expect(std().field('card.last4', '4242')).toBe('4242');
		expect(std({ showCardLast4: false }).field('card.last4', '4242')).toBeUndefined();
	});
	it('allow and deny lists', () => {
		expect(std({ allowFields: ['customer_email'] }).field('customer_email', 'jenny.rosen@example.com')).toBe('jenny.rosen@example.com');
		expect(std({ allowFields: ['metadata.*'] }).field('metadata.note', 'card 4242424242424242')).toBe('card [card number removed]');
		expect(std({ denyFields: ['metadata.*'] }).field('metadata.order', '42')).toBeUndefined();
		expect(std({ denyFields: ['description'] }).field('description', 'x')).toBeUndefined();
		expect(std({ allowFields: ['*'] }).field('payment_method_details.card.fingerprint', 'AOB934')).toBeUndefined();
	});
});
