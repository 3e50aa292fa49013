import { classifyField, ibanValid, luhnValid, maskEmail, Redactor, scanText } from '../../../nodes/shared/format/redact';
import { normalizeText } from '../../../nodes/shared/format/normalize';
import { isSensitiveKey } from '../../../nodes/shared/format/typed';

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
		expect(scanText('code DE00 1234 5678 9012 3456 78', 'standard')).not.toContain('[IBAN removed]');
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
		expect(std().field('address', addr)).toBeUndefined(); // #15: addresses never at the default level
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

describe('redaction against evasion (issue #18)', () => {
	it('normalises before scanning and prints the normalised text', () => {
		expect(normalizeText('a\u200Bb\u00A0\u00A0c\t\nd\u2013e\uFF11\u202Ef')).toBe('ab c d-e1f');
		expect(scanText('card 4242\u00A0\u00A04242\t4242\n4242 ok', 'standard')).toBe('card [card number removed] ok');
		expect(scanText('x\u200By \uFF21\uFF22', 'minimal')).toBe('xy AB');
	});
	it('card numbers: Luhn with any separator, full-width and other-script digits, zero-width splits', () => {
		for (const s of ['4242.4242.4242.4242', '4242/4242/4242/4242', '4242•4242∕4242∕4242', '\uFF14\uFF12\uFF14\uFF12 4242 4242 4242', '42\u200B42424242424242', '٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢'])
			expect(scanText(`pay ${s} now`, 'minimal')).toBe('pay [card number removed] now');
	});
	it('IBANs with dots, emails with full-width @, zero-width and look-alike letters, IDN domains', () => {
		expect(scanText('DE89.3704.0044.0532.0130.00', 'minimal')).toBe('[IBAN removed]');
		expect(scanText('jenny\uFF20example.com', 'standard')).toBe('j•••@e•••.com');
		expect(scanText('jen\u200Bny@exa\u200Dmple.com', 'standard')).toBe('j•••@e•••.com');
		expect(scanText('jenny@ex\u0430mple.com', 'standard')).toBe('j•••@e•••.com'); // Cyrillic а: masked whole
		expect(scanText('jenny@bücher.de', 'standard')).toBe('j•••@b•••.de');
	});
	it('phones: no separators, en dashes, 00 prefix, national trunk format', () => {
		expect(scanText('call 4155550123', 'minimal')).toBe('call •••0123');
		expect(scanText('call 415\u2013555\u20130123', 'minimal')).toBe('call •••0123');
		expect(scanText('call 415 555 0123', 'standard')).toBe('call [phone hidden]'); // #15: no phone numbers at the default level
		expect(scanText('call 0044 20 7946 0958', 'minimal')).toBe('call •••0958');
		expect(scanText('call 020 7946 0958', 'minimal')).toBe('call •••0958');
	});
	it('SSNs, IPv4/IPv6, JWTs, Slack tokens, AWS keys, Stripe keys of any length, VAT numbers', () => {
		expect(scanText('ssn 123-45-6789 or', 'minimal')).toBe('ssn [SSN removed] or');
		expect(scanText('ssn 123 45 6789', 'minimal')).toBe('ssn [SSN removed]');
		expect(scanText('from 192.168.1.10 and 2001:db8::ff00:42:8329', 'minimal')).toBe('from [IP address removed] and [IP address removed]');
		expect(scanText('t eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'minimal')).toBe('t [secret removed]');
		expect(scanText('xoxb-1234-5678-abcdef xapp-1-A1-2', 'minimal')).toBe('[secret removed] [secret removed]');
		expect(scanText('AKIAIOSFODNN7EXAMPLE', 'minimal')).toBe('[secret removed]');
		for (const k of ['sk_live_a', 'sk_test_1', 'rk_live_x', 'pk_live_Q', 'ek_test_z', 'whsec_9', 'SK_LIVE_abc', 'sk-live-abc']) expect(scanText(`k ${k} .`, 'minimal')).toBe('k [secret removed] .');
		expect(scanText('VAT DE123456789', 'minimal')).toBe('VAT [tax id removed]');
		expect(scanText('invoice 7FE1103-0001 on 2024-07-26 at 10:30:00', 'standard')).toBe('invoice 7FE1103-0001 on 2024-07-26 at 10:30:00');
	});
	it('typed fields are masked by type whatever their content; values that do not parse are hidden whole', () => {
		const r = std();
		expect(r.field('customer_email', 'Jenny Rosen <jenny@example.com>')).toBe('[email hidden]');
		expect(r.field('customer_email', 'jennyrosen')).toBe('[email hidden]');
		expect(r.field('customer_email', '"jenny rosen"@example.com')).toBe('[email hidden]');
		expect(r.field('billing_details.email', 'jenny@bücher.de')).toBe('j•••@b•••.de');
		expect(r.field('billing_details.phone', 'call me on 415 555 0123')).toBe('[phone hidden]');
		expect(new Redactor({ redaction: 'minimal', showCardLast4: true, allowFields: [], denyFields: [] }).field('billing_details.phone', '+1 (415) 555-0123')).toBe('•••0123');
		expect(r.field('billing_details.name', 'Jenny Rosen 4242424242424242')).toBe('[name hidden]');
		expect(r.field('billing_details.name', 'Jenny\u200B Ro\uFF53en')).toBe('J. R.');
	});
	it('names: initials at "standard" and "strict", the full name only at the opt-in "minimal"', () => {
		expect(std().field('billing_details.name', 'Jenny Rosen')).toBe('J. R.');
		expect(new Redactor({ redaction: 'minimal', showCardLast4: true, allowFields: [], denyFields: [] }).field('billing_details.name', 'Jenny Rosen')).toBe('Jenny Rosen');
	});
	it('sensitive metadata keys are hidden at every level, whatever their spelling', () => {
		for (const k of ['ssn', 'password', 'api_key', 'apiKey', 'client_ip', 'clientIP', 'CLIENT IP', 'dob', 'date_of_birth', 'street', 'ship_to', 'Customer Email', 'phone-number', 'tax_id', 'VAT2', 'iban', 'account_number', 'ｐａｓｓｗｏｒｄ', 'pass\u200Bword', 'сlient_ip'])
			for (const redaction of ['minimal', 'standard', 'strict'] as const)
				expect(new Redactor({ redaction, showCardLast4: true, allowFields: ['metadata.*'], denyFields: [] }).field(`metadata.${k}`, 'hunter2')).toBe('[hidden]');
		for (const k of ['order_id', 'plan', 'description', 'membership', 'campaign'])
			expect(isSensitiveKey(k)).toBe(false);
	});
});
