/**
 * Issue #29, item 4 (format/known.ts): every name and address field Stripe types on the objects the package
 * renders feeds the known-values masking, and matching ignores case, diacritics and look-alike letters. By
 * field: a customer's and a checkout's `individual_name`, a card wallet's verified name, a bank redirect's
 * `verified_name`, a customer expanded on a charge, an invoice or a payment intent, and the dispute
 * evidence's addresses given as plain strings. The name (or street) is typed again into the description and
 * a metadata key, written differently; no other field holds it, so without the field or the folding it shows.
 */
import fc from 'fast-check';
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { skeleton } from '../../../nodes/shared/format/normalize';
import { allEvents } from '../format/fixtures';

type J = Record<string, any>;
const RUNS = Number(process.env.FC_RUNS ?? 40);
const BASE = allEvents();
const event = (type: string): J => structuredClone(BASE.find((c) => c.event.type === type)!.event) as J;

const NAMES = ['Zoë Okonkwo-Brandt', 'María José Quintanilla', 'Björn Ølstadvik', 'Siobhán Mac Giolla Phádraig', 'Renée Lefèvre'];
const STREETS = ['742 Evergreen Terrace', 'Rosebank Cottage, Lower Slaughter', '221B Baker Street'];

/** How a reader folds text: look-alikes, marks, case (what must not be found in the output). */
const fold = (s: string) =>
	skeleton(s.normalize('NFKC'))
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.replace(/[øØ]/g, 'o')
		.toLowerCase();

/** The value as someone types it elsewhere: as written, without its accents, in capitals, with Cyrillic look-alikes. */
const VARIANTS: Array<(s: string) => string> = [
	(s) => s,
	(s) => s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ø/g, 'o').replace(/Ø/g, 'O'),
	(s) => s.toUpperCase(),
	(s) => s.toLowerCase().replace(/a/g, 'а').replace(/o/g, 'о').replace(/e/g, 'е'),
];

/** Where Stripe types the name: the event, with every other name field of the fixture emptied. */
const SOURCES: Record<string, (name: string) => J> = {
	"a customer's individual_name": (name) => {
		const ev = event('customer.updated');
		Object.assign(ev.data.object, { name: null, individual_name: name, shipping: null });
		// The update shows the changed fields: the description and the metadata changed.
		ev.data.previous_attributes = { description: 'before', metadata: {} };
		return ev;
	},
	"a checkout's customer_details.individual_name": (name) => {
		const ev = event('checkout.session.completed');
		ev.data.object.customer_details = { ...ev.data.object.customer_details, name: null, individual_name: name };
		ev.data.object.shipping_details = null;
		ev.data.object.collected_information = null;
		return ev;
	},
	"a card wallet's verified name": (name) => {
		const ev = event('charge.succeeded');
		ev.data.object.billing_details = { ...ev.data.object.billing_details, name: null };
		ev.data.object.payment_method_details.card.wallet = { type: 'masterpass', masterpass: { name, email: null, billing_address: null, shipping_address: null }, dynamic_last4: null };
		return ev;
	},
	"a bank redirect's verified_name": (name) => {
		const ev = event('charge.succeeded');
		ev.data.object.billing_details = { ...ev.data.object.billing_details, name: null };
		ev.data.object.payment_method_details = { type: 'ideal', ideal: { bank: 'ing', bic: 'INGBNL2A', verified_name: name } };
		return ev;
	},
	'a customer expanded on a charge': (name) => {
		const ev = event('charge.succeeded');
		ev.data.object.billing_details = { ...ev.data.object.billing_details, name: null };
		ev.data.object.customer = { id: 'cus_Expanded0001', object: 'customer', name, email: null };
		return ev;
	},
	'a customer expanded on an invoice': (name) => {
		const ev = event('invoice.payment_failed');
		Object.assign(ev.data.object, { customer_name: null, customer_shipping: null, customer: { id: 'cus_Expanded0001', object: 'customer', name } });
		return ev;
	},
	'a customer expanded on a payment intent': (name) => {
		const ev = event('payment_intent.succeeded');
		ev.data.object.shipping = null;
		ev.data.object.customer = { id: 'cus_Expanded0001', object: 'customer', name };
		return ev;
	},
};

function typedAgain(ev: J, text: string): J {
	const o = ev.data.object;
	o.description = `Gift wrap for ${text}, thanks`;
	o.metadata = { ...(o.metadata ?? {}), [`deliver to ${text}`]: 'yes' };
	return ev;
}

function expectAbsent(ev: J, value: string): void {
	const out = fold(JSON.stringify(formatStripeEvent(ev as never, { channel: 'C1' })));
	if (!/gift wrap for|deliver to/.test(out)) throw new Error('the free text is not in the message: the check says nothing');
	const words = fold(value).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
	for (const w of words) if (out.includes(w)) throw new Error(`"${w}" of ${JSON.stringify(value)} shown`);
}

describe('property (#29): names and streets Stripe types are masked in free text, whatever the case, accents or look-alikes', () => {
	it('the checks can fail: typed again with no source field, the name shows', () => {
		const ev = typedAgain(event('charge.succeeded'), NAMES[0]);
		expect(() => expectAbsent(ev, NAMES[0])).toThrow(/shown/);
	});

	for (const [source, plant] of Object.entries(SOURCES)) {
		it(`${source}`, () => {
			fc.assert(
				fc.property(fc.constantFrom(...NAMES), fc.constantFrom(...VARIANTS), (name, variant) => {
					expectAbsent(typedAgain(plant(name), variant(name)), name);
				}),
				{ numRuns: RUNS },
			);
		});
	}

	it('dispute evidence addresses given as plain strings (billing_address, shipping_address)', () => {
		fc.assert(
			fc.property(fc.constantFrom(...STREETS), fc.constantFrom('billing_address', 'shipping_address'), fc.constantFrom(...VARIANTS), (street, key, variant) => {
				const ev = event('charge.dispute.created');
				ev.data.object.evidence = { ...(ev.data.object.evidence ?? {}), [key]: `${street}, Springfield, OR 97475` };
				expectAbsent(typedAgain(ev, variant(street)), street);
			}),
			{ numRuns: RUNS },
		);
	});
});
