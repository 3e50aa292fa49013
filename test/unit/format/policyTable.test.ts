/**
 * Keeps the "What each level shows, by field group" table in the README true: every row is parsed, every cell is
 * checked against what formatStripeEvent really shows for a fixture event holding a planted value in that
 * field group. A row without a probe here, or a cell whose words this test does not know, fails.
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { canonicalText } from '../../../nodes/shared/format/normalize';
import type { FormatOptions, RedactionLevel } from '../../../nodes/shared/format/types';
import { envelope, exampleObject } from './catalogue';
import { messageStrings, NOW, readJson, FIXTURE_DIR } from './fixtures';

const README = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const LEVELS: RedactionLevel[] = ['minimal', 'standard', 'strict'];

function table(): Array<{ group: string; cells: string[] }> {
	const start = README.indexOf('### What each level shows, by field group');
	expect(start).toBeGreaterThan(0);
	const lines = README.slice(start).split('\n');
	const first = lines.findIndex((l) => l.startsWith('|'));
	const rows: Array<{ group: string; cells: string[] }> = [];
	for (const l of lines.slice(first + 2)) {
		if (!l.startsWith('|')) break;
		const cells = l.split('|').slice(1, -1).map((c) => c.trim());
		rows.push({ group: cells[0].replace(/\*/g, ''), cells: cells.slice(1) });
	}
	return rows;
}

const event = (name: string) => readJson(path.join(FIXTURE_DIR, `${name}.json`));

/** The message's strings, normalised as a reader sees them (our dot leader in `example․com` reads as a dot). */
function render(e: unknown, level: RedactionLevel, extra: FormatOptions = {}): string {
	return canonicalText(messageStrings(formatStripeEvent(e, { now: NOW, redaction: level, ...extra })).join(' \u2016 '));
}

interface Probe {
	/** The rendered message for a level. */
	out: (level: RedactionLevel) => string;
	/** The planted value (must be absent when the cell says hidden). */
	value: string;
	/** Extra words a cell may use, with their check. */
	words?: Record<string, (out: string) => void>;
}

const charge = (mutate: (o: any) => void) => {
	const e = event('charge.succeeded');
	mutate(e.data.object);
	return e;
};

/** A probe's renderer: the charge fixture changed by `mutate`, rendered at the level. */
const renderedCharge = (mutate: (o: any) => void) => (l: RedactionLevel) => render(charge(mutate), l);

const PROBES: Record<string, Probe> = {
	'Customer emails': {
		value: 'jenny.rosen@example.com',
		out: (l) => render(charge((o) => (o.billing_details.email = 'jenny.rosen@example.com')), l),
	},
	'Customer phone numbers': {
		value: '415 555 0123',
		out: (l) => {
			const e = event('checkout.session.completed');
			e.data.object.customer_details.phone = '+1 415 555 0123';
			return render(e, l);
		},
	},
	'Customer and billing names': {
		value: 'Jenny Rosen',
		out: (l) => render(charge((o) => (o.billing_details.name = 'Jenny Rosen')), l),
		words: { initials: (out) => expect(out).toContain('J. R.') },
	},
	'Shipping names': {
		value: 'Nora Shipley',
		out: renderedCharge((o) => {
			o.billing_details.name = null;
			o.shipping = { name: 'Nora Shipley', phone: null, address: { line1: '1 Main St', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' } };
		}),
	},
	"The customer's name typed into free text (descriptions, metadata keys, custom fields)": {
		value: 'Nora Shipley',
		out: (l) => {
			const e = event('checkout.session.completed');
			const o = e.data.object;
			o.customer_details.name = 'Nora Shipley';
			o.metadata = { 'Nora Shipley': 'vip' };
			o.custom_fields = [{ key: 'giftnote', label: { type: 'custom', custom: 'Gift note' }, type: 'text', text: { value: 'Happy birthday Nora Shipley' }, optional: false }];
			const c = charge((x) => {
				x.billing_details.name = 'Nora Shipley';
				x.description = 'Order for Nora Shipley, 4242 4242 4242 4242';
			});
			return `${render(e, l)} ${render(c, l)}`;
		},
		words: { scanned: (out) => expect(out).toContain('[card number removed]') },
	},
	"The customer's street or postcode typed into free text": {
		value: 'Rosebank Cottage',
		out: renderedCharge((o) => {
			o.billing_details.address = { line1: 'Rosebank Cottage', line2: null, city: 'Lower Slaughter', state: null, postal_code: 'GL54 2HN', country: 'GB' };
			o.description = 'Deliver to Rosebank Cottage, GL54 2HN by Friday';
		}),
		words: { removed: (out) => expect(out).toContain('[address removed], [address removed] by Friday') },
	},
	'Postal addresses (billing, customer, shipping)': {
		value: '510 Townsend',
		out: (l) => {
			const e = event('checkout.session.completed');
			e.data.object.customer_details.address = { line1: '510 Townsend St', line2: null, city: 'San Francisco', state: 'CA', postal_code: '94103', country: 'US' };
			return render(e, l);
		},
		words: { 'city, state, country': (out) => expect(out).toContain('San Francisco, CA, US') },
	},
	'Metadata values': {
		value: 'gift for my aunt',
		out: (l) => render(charge((o) => (o.metadata = { note: 'gift for my aunt' })), l),
		words: {
			'`key: [hidden]`': (out) => expect(out).toContain('note: [hidden]'),
			'listed keys shown': () => {
				for (const l of ['standard', 'strict'] as const) expect(render(charge((o) => (o.metadata = { note: 'gift for my aunt' })), l, { metadataKeys: ['note'] })).toContain('note: gift for my aunt');
			},
		},
	},
	'Metadata under sensitive keys': {
		value: 'hunter22',
		out: (l) => render(charge((o) => (o.metadata = { password: 'hunter22' })), l, { metadataKeys: ['password'], allowFields: ['metadata.*'] }),
		words: { '`key: [hidden]`': (out) => expect(out).toContain('password: [hidden]') },
	},
	'Checkout custom fields': {
		value: 'y'.repeat(130),
		out: (l) => {
			const e = event('checkout.session.completed');
			e.data.object.custom_fields = [{ key: 'giftnote', label: { type: 'custom', custom: 'Gift note' }, type: 'text', text: { value: `4242 4242 4242 4242 ${'y'.repeat(130)}` }, optional: false }];
			return render(e, l);
		},
		words: {
			scanned: (out) => expect(out).toContain('Gift note: [card number removed]'),
			'cut to 120 characters': (out) => expect(out).toMatch(/\[card number removed\] y{90,98}\.\.\./),
		},
	},
	'Statement descriptors, invoice footers, dispute evidence text': {
		value: 'Planted Words',
		out: (l) => {
			const inv = event('invoice.paid');
			inv.data.object.footer = 'Planted Words footer';
			inv.data.object.statement_descriptor = 'Planted Words';
			const dsp = event('charge.dispute.created');
			dsp.data.object.evidence = { ...dsp.data.object.evidence, uncategorized_text: 'Planted Words evidence', customer_name: 'Planted Words' };
			const ch = charge((o) => (o.statement_descriptor = 'Planted Words'));
			return [inv, dsp, ch].map((e) => render(e, l)).join(' ');
		},
	},
	'US SSNs in any text': {
		value: '123-45-6789',
		out: (l) => render(charge((o) => (o.description = 'SSN 123-45-6789 on file')), l),
	},
	'Descriptions and invoice memos': {
		value: 'x'.repeat(130),
		out: (l) => {
			const inv = event('invoice.paid');
			inv.data.object.description = `4242 4242 4242 4242 ${'x'.repeat(130)}`;
			return `${render(charge((o) => (o.description = `4242 4242 4242 4242 ${'x'.repeat(130)}`)), l)} ${render(inv, l)}`;
		},
		words: {
			scanned: (out) => expect(out).toContain('[card number removed]'),
			// "…" reads as "..." once normalised; once for the charge, once for the invoice
			'cut to 120 characters': (out) => expect(out.match(/\[card number removed\] x{90,98}\.\.\./g)).toHaveLength(2),
		},
	},
	'Card numbers in any text': {
		value: '4242 4242 4242 4242',
		out: (l) => render(charge((o) => (o.description = 'card 4242 4242 4242 4242')), l),
	},
	'Card expiry (month and year, on card and payment method events)': {
		value: '11/2027',
		out: (l) =>
			`${render(envelope('customer.source.expiring', { ...exampleObject('card'), exp_month: 11, exp_year: 2027 }), l)} ${render(
				envelope('payment_method.automatically_updated', { ...exampleObject('payment_method'), card: { ...exampleObject('payment_method')!.card, exp_month: 11, exp_year: 2027 } }),
				l,
			)}`,
	},
};

describe('README: what each level shows, by field group', () => {
	const rows = table();
	it('has a row for every probe and a probe for every row', () => {
		expect(rows.map((r) => r.group).sort()).toEqual(Object.keys(PROBES).sort());
	});
	it.each(rows.map((r) => [r.group, r.cells] as const))('%s', (group, cells) => {
		const probe = PROBES[group];
		expect(cells).toHaveLength(LEVELS.length);
		LEVELS.forEach((level, i) => {
			const out = probe.out(level);
			const cell = cells[i];
			const masked = /`([^`]+)`/.exec(cell);
			if (/^(hidden|removed|never)/.test(cell)) expect(out).not.toContain(probe.value);
			else if (/^shown/.test(cell)) expect(out).toContain(probe.value);
			else if (/^masked/.test(cell) && masked) {
				expect(out).toContain(masked[1]);
				expect(out).not.toContain(probe.value);
			}
			let known = /^(hidden|removed|never|shown|masked)/.test(cell);
			for (const [word, check] of Object.entries(probe.words ?? {})) {
				if (cell.includes(word)) {
					check(out);
					if (word !== 'scanned') expect(out).not.toContain(probe.value);
					known = true;
				}
			}
			if (!known) throw new Error(`the test does not know what "${cell}" (${group}, ${level}) means`);
		});
	});
});
