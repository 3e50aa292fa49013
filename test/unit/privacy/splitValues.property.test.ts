/**
 * Issue #29, item 3 (format/joined.ts): a value split across neighbouring free-text fields of one object is
 * found and every share of it is masked where it appears. By class (card number, SSN, IBAN, phone, email)
 * and by place: two checkout custom fields, two metadata keys, the description and a metadata key, two
 * allow-listed metadata values, an invoice number and the description. Each share alone passes the
 * scanners (checked below), so without the joined reading every one of these fails.
 */
import fc from 'fast-check';
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { splitShares } from '../../../nodes/shared/format/joined';
import { scanText } from '../../../nodes/shared/format/scanners';
import { allEvents } from '../format/fixtures';

type J = Record<string, any>;
const RUNS = Number(process.env.FC_RUNS ?? 60);
const BASE = allEvents();
const event = (type: string): J => structuredClone(BASE.find((c) => c.event.type === type)!.event) as J;

const luhnDigit = (body: string): string => {
	let sum = 0;
	for (let i = 0; i < body.length; i++) {
		let d = Number(body[body.length - 1 - i]);
		if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return String((10 - (sum % 10)) % 10);
};

/** A value of one class, cut into two shares at a place where it is naturally grouped. */
interface Split {
	cls: string;
	shares: [string, string];
}

const card: fc.Arbitrary<Split> = fc.tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }), fc.integer({ min: 1, max: 3 })).map(([ds, cut]) => {
	const body = `4${ds.join('')}`;
	const n = body + luhnDigit(body);
	const groups = n.match(/.{4}/g)!;
	return { cls: 'card', shares: [groups.slice(0, cut).join(' '), groups.slice(cut).join(' ')] };
});
const ssn: fc.Arbitrary<Split> = fc.tuple(fc.integer({ min: 101, max: 665 }), fc.integer({ min: 10, max: 99 }), fc.integer({ min: 1000, max: 9999 }), fc.boolean()).map(([a, b, c, early]) => ({
	cls: 'ssn',
	shares: early ? [`${a}`, `${b}-${c}`] : [`${a}-${b}`, `${c}`],
}));
const IBANS = ['DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32', 'FR14 2004 1010 0505 0001 3M02 606', 'NL91 ABNA 0417 1643 00'];
const iban: fc.Arbitrary<Split> = fc.tuple(fc.constantFrom(...IBANS), fc.integer({ min: 2, max: 3 })).map(([v, cut]) => {
	const g = v.split(' ');
	return { cls: 'iban', shares: [g.slice(0, cut).join(' '), g.slice(cut).join(' ')] };
});
const phone: fc.Arbitrary<Split> = fc.tuple(fc.integer({ min: 201, max: 989 }), fc.integer({ min: 200, max: 989 }), fc.integer({ min: 1000, max: 9999 })).map(([a, b, c]) => ({
	cls: 'phone',
	shares: [`+1 ${a}`, `${b} ${c}`],
}));
const email: fc.Arbitrary<Split> = fc.tuple(fc.constantFrom('janedoe', 'b_ostrowski', 'sales-team'), fc.constantFrom('example.com', 'mail.example.org'), fc.boolean()).map(([l, d, atLeft]) => ({
	cls: 'email',
	shares: atLeft ? [`${l}@`, d] : [l, `@${d}`],
}));
/** Only splits whose shares pass the scanners alone (an IBAN's first share reads as a VAT number, its tail as a phone). */
const passesAlone = (s: Split) => s.shares.every((x) => scanText(x, 'standard') === x);
const split = fc.oneof(card, ssn, iban, phone, email).filter(passesAlone);

/** Where the two shares go, and the event and options that show both places. */
const PLACES: Record<string, (s: [string, string]) => { ev: J; metadataKeys?: string[] }> = {
	'two checkout custom fields': ([a, b]) => {
		const ev = event('checkout.session.completed');
		ev.data.object.custom_fields = [
			{ key: 'ref_a', label: { type: 'custom', custom: 'Reference' }, type: 'text', text: { value: `Ref ${a}` } },
			{ key: 'ref_b', label: { type: 'custom', custom: 'Continued' }, type: 'text', text: { value: b } },
		];
		return { ev };
	},
	'two metadata keys': ([a, b]) => {
		const ev = event('charge.succeeded');
		// Not bare numbers: JavaScript puts integer-like keys first, whatever the JSON's order.
		ev.data.object.metadata = { [`ref ${a}`]: 'yes', [`${b} ok`]: 'no' };
		return { ev };
	},
	'the description and a metadata key': ([a, b]) => {
		const ev = event('charge.succeeded');
		ev.data.object.description = `Order note ${a}`;
		ev.data.object.metadata = { [b]: 'gift' };
		return { ev };
	},
	'two allow-listed metadata values': ([a, b]) => {
		const ev = event('charge.succeeded');
		ev.data.object.metadata = { first: a, second: b };
		return { ev, metadataKeys: ['first', 'second'] };
	},
	'an invoice number and the description': ([a, b]) => {
		const ev = event('invoice.payment_failed');
		ev.data.object.number = a;
		ev.data.object.description = `${b} (see notes)`;
		ev.data.object.footer = null;
		return { ev };
	},
};

describe('property (#29): a value split across neighbouring fields is masked in each of them', () => {
	it('each class has splits whose shares pass the scanners alone (so only the joined reading can catch them)', () => {
		for (const a of [card, ssn, iban, phone, email]) {
			const found = fc.sample(a, 50).filter(passesAlone);
			expect(found.length).toBeGreaterThan(0);
		}
	});

	for (const [place, plant] of Object.entries(PLACES)) {
		it(`${place}: no share of a card number, SSN, IBAN, phone or email reaches the message`, () => {
			fc.assert(
				fc.property(split, (s) => {
					const { ev, metadataKeys } = plant(s.shares);
					const out = JSON.stringify(formatStripeEvent(ev as never, { channel: 'C1', metadataKeys }));
					const base = JSON.stringify(formatStripeEvent(event(ev.type) as never, { channel: 'C1', metadataKeys }));
					for (const share of s.shares) {
						const core = share.replace(/^[@+]|@$/g, '').replace(/^1 /, '');
						if (base.includes(core)) continue; // in the fixture's own text already: says nothing
						if (out.includes(core)) throw new Error(`${s.cls} share ${JSON.stringify(share)} shown (${place})`);
					}
					expect(out).toContain('[split value removed]');
				}),
				{ numRuns: RUNS },
			);
		});
	}

	it('the rule against false positives: neighbouring harmless numbers and words stay', () => {
		const shares = splitShares(
			{ object: 'invoice', number: 'INV-2024-0042', description: 'Order 12345, lot 678', metadata: { order_id: '100042', lot: 'A-77', version: '2.4.1' } },
			'standard',
		);
		expect(shares).toBeUndefined();
	});

	it('a share is masked wherever the same text appears, and only the share', () => {
		const shares = splitShares({ object: 'charge', description: 'Ticket 4242 4242', metadata: { '4242 4242': 'vip' } }, 'standard');
		expect(Object.fromEntries(shares!)).toEqual({ 'Ticket 4242 4242': 'Ticket [split value removed]', '4242 4242': '[split value removed]' });
	});

	it('a value one field holds whole is that field\'s own: a sentence before an email keeps its words', () => {
		// the email scanner reads "declined. jenny.rosen@example.com" as one address when the two are joined;
		// the address is the receipt email's own (masked there), so the decline message keeps its last word
		expect(splitShares({ object: 'payment_intent', last_payment_error: { message: 'Your card was declined.' }, receipt_email: 'jenny.rosen@example.com' }, 'standard')).toBeUndefined();
		const shares = splitShares({ object: 'charge', description: 'Contact jenny.rosen@', metadata: { note: 'example.com' } }, 'standard');
		expect(shares && [...shares.values()].join(' ')).toContain('[split value removed]');
	});
});
