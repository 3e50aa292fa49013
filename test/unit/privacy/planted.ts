/**
 * Planted personal values for the privacy tests of issue #15 (not a test file): street address, postcodes,
 * SSN, shipping name, next to an email, a phone, a card number and a Stripe key; the places a Stripe object
 * can carry them (metadata values AND keys, description, custom fields, shipping and billing details,
 * customer name and address); and the checks that they are in an input and out of an output.
 */

export const PLANTED = {
	address: '742 Evergreen Terrace',
	postcode: 'SW1A 1AA',
	usPostcode: 'CA 94103',
	ssn: '123-45-6789',
	email: 'planted.person@example.com',
	phone: '+14155550123',
	name: 'Jane Plantedname',
	card: '4242424242424242',
	key: 'sk_live_' + 'P'.repeat(24),
} as const;

export type PlantedKind = keyof typeof PLANTED;
export const PLANTED_VALUES: ReadonlyArray<string> = Object.values(PLANTED);

type J = Record<string, any>;

const P = PLANTED;
const ADDRESS = { line1: P.address, line2: `Flat 2, ${P.postcode}`, city: 'San Francisco', state: P.usPostcode.slice(0, 2), postal_code: P.usPostcode.slice(3), country: 'US' };

/** Metadata with the planted values as values and as keys. */
export function plantedMetadata(): Record<string, string> {
	return {
		ship_to: `${P.address}, London ${P.postcode}`,
		us_zip: P.usPostcode,
		ssn_note: P.ssn,
		contact: `${P.email} / ${P.phone}`,
		[P.name]: 'vip',
		[P.address]: 'gate code 4711',
		[P.email]: P.card,
		notes: `key ${P.key}`,
	};
}

export function plantedDescription(): string {
	return `Ship to ${P.name}, ${P.address}, ${P.postcode} (or ${P.usPostcode}), SSN ${P.ssn}, ${P.email}, ${P.phone}, card ${P.card}`;
}

export function plantedCustomFields(): Array<J> {
	return [
		{ name: 'Delivery address', value: `${P.address}, ${P.postcode}` },
		{ name: 'Tax id', value: P.ssn },
		{ key: 'recipient', label: { type: 'custom', custom: 'Recipient' }, type: 'text', text: { value: P.name } },
		{ key: 'zip', label: { type: 'custom', custom: 'ZIP' }, type: 'text', text: { value: P.usPostcode } },
	];
}

export function plantedShipping(): J {
	return { name: P.name, phone: P.phone, address: { ...ADDRESS } };
}

export function plantedBillingDetails(): J {
	return { name: P.name, email: P.email, phone: P.phone, address: { ...ADDRESS } };
}

/** Plants every value in every place a Stripe object of any type can hold it (a copy; the input is kept). */
export function plantObject(object: J): J {
	const o = structuredClone(object) as J;
	o.metadata = plantedMetadata();
	o.description = plantedDescription();
	o.shipping = plantedShipping();
	o.billing_details = plantedBillingDetails();
	o.custom_fields = plantedCustomFields();
	o.customer_name = P.name;
	o.customer_email = P.email;
	o.customer_phone = P.phone;
	o.customer_address = { ...ADDRESS };
	o.customer_shipping = plantedShipping();
	o.customer_details = { name: P.name, email: P.email, phone: P.phone, address: { ...ADDRESS } };
	o.receipt_email = P.email;
	if (o.object === 'customer') {
		o.name = P.name;
		o.email = P.email;
		o.phone = P.phone;
		o.address = { ...ADDRESS };
	}
	return o;
}

/** A Stripe event with its data.object planted. */
export function plantEvent(event: J): J {
	const e = structuredClone(event) as J;
	e.data = { ...e.data, object: plantObject(e.data.object) };
	return e;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The value with any separators between its parts (a key like `742_Evergreen_Terrace` is the address too). */
const loose = (value: string) => new RegExp(value.split(/[^A-Za-z0-9@]+/).filter(Boolean).map(esc).join('[^A-Za-z0-9]{0,3}'), 'i');
/** The digits with any separators between them ("+1 415-555-0123" is the phone). */
const digits = (value: string) => new RegExp(`(^|\\D)${value.replace(/\D/g, '').split('').join('\\D{0,2}')}(\\D|$)`);

/** What counts as the planted value in an output: the value, spaced or cut differently, or its telling part. */
const PATTERNS: Record<PlantedKind, RegExp[]> = {
	address: [loose(P.address), /evergreen/i],
	postcode: [loose(P.postcode)],
	usPostcode: [loose(P.usPostcode), /(^|\D)94103(\D|$)/],
	ssn: [digits(P.ssn)],
	email: [loose(P.email), /planted\.person/i],
	phone: [digits(P.phone), digits(P.phone.slice(2))],
	name: [loose(P.name), /plantedname/i],
	card: [digits(P.card)],
	key: [loose(P.key)],
};

/** The planted kinds found in a JSON text (or a value, stringified). */
export function plantedIn(json: unknown, kinds: ReadonlyArray<PlantedKind> = Object.keys(PLANTED) as PlantedKind[]): PlantedKind[] {
	const text = typeof json === 'string' ? json : JSON.stringify(json);
	return kinds.filter((k) => PATTERNS[k].some((re) => re.test(text)));
}

/** Fails with the names of the planted values that appear in `json`. */
export function expectNoPlanted(json: unknown, kinds?: ReadonlyArray<PlantedKind>): void {
	expect(plantedIn(json, kinds)).toEqual([]);
}

/** The input really carries the planted values (so that expectNoPlanted can fail). */
export function expectPlanted(json: unknown, kinds: ReadonlyArray<PlantedKind> = Object.keys(PLANTED) as PlantedKind[]): void {
	expect(plantedIn(json, kinds)).toEqual([...kinds]);
}
