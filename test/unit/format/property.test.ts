/**
 * Property tests: random events built from every fixture (current, synthetic and 2012 shapes) in which
 * EVERY string field is planted with an email, a phone number, a card number, an sk_live_ key and a
 * Slack mention; the event type is also randomised across all templates (any template on any object).
 * Outputs must contain none of the planted values, no unescaped mention, and no Block Kit violation.
 */
import fc from 'fast-check';
import { formatStripeEvent } from '../../../nodes/shared/format/event';
import { formatSummary } from '../../../nodes/shared/format/batchSummary';
import { TEMPLATES } from '../../../nodes/shared/format/templates/router';
import { validateMessage } from '../../../nodes/shared/format/limits';
import type { SlackMessage } from '../../../nodes/shared/format/types';
import { ALLOWED_LINK, allEvents, legacyEvents, messageStrings as strings, NOW } from './fixtures';
import { buildCard, buildChoices } from '../../../nodes/shared/desk/card';
import { fixtureBillingData } from '../desk/fixtures';
import { catalogueEvents } from './catalogue';

const BASES = [...allEvents(), ...legacyEvents()].map((c) => c.event);
const CATALOGUE = catalogueEvents();
/** Every event template, every type of stripe-node's list (object renderers), and a retired type. */
const TYPES = [...new Set([...Object.keys(TEMPLATES), ...CATALOGUE.map((c) => c.type), 'charge.disputed'])];

const EMAILS = ['jenny.rosen@example.com', 'a.b+tag@sub.example.co.uk', 'x_y@corp.io'];
const PHONES = ['+14155550123', '+44 20 7946 0958', '(415) 555-0123', '415-555-0199', '+49 30 901820'];
const CARDS = ['4242424242424242', '4000 0566 5566 5556', '5555-5555-5555-4444', '378282246310005', '6011111111111117'];
const KEYS = ['sk_live_51H8abcDEF0123456789xyz', 'sk_live_' + 'Q'.repeat(24), 'rk_live_abcdef1234567890'];
const MENTIONS = ['<!channel>', '<!here>', '<!everyone>', '<@U024BE7LH>', '<#C024BE7LH|general>', '<!subteam^S123>', '<https://evil.example|click>'];

const plant = fc.record({
	email: fc.constantFrom(...EMAILS),
	phone: fc.constantFrom(...PHONES),
	card: fc.constantFrom(...CARDS),
	key: fc.constantFrom(...KEYS),
	mention: fc.constantFrom(...MENTIONS),
	pre: fc.string({ maxLength: 8 }),
	post: fc.string({ maxLength: 8 }),
	long: fc.nat({ max: 9 }),
});
type Plant = fc.Arbitrary<any> extends never ? never : { email: string; phone: string; card: string; key: string; mention: string; pre: string; post: string; long: number };

function plantAll(x: unknown, p: Plant, path: string[] = []): unknown {
	if (typeof x === 'string') {
		if (path.length === 1 && (path[0] === 'type' || path[0] === 'object')) return x; // the envelope's own markers
		const body = `${p.pre} ${p.email} ${p.phone} ${p.card} ${p.key} ${p.mention} ${p.post}`;
		return p.long === 0 ? `${body} ${'&<>*'.repeat(1500)}` : body;
	}
	if (Array.isArray(x)) return x.map((v, i) => plantAll(v, p, [...path, String(i)]));
	if (x && typeof x === 'object') {
		const o: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(x)) o[k] = plantAll(v, p, [...path, k]);
		return o;
	}
	return x;
}



function assertSafe(m: SlackMessage, p: Plant, validate = true) {
	if (validate) expect(validateMessage(m.blocks, m.text)).toEqual([]);
	const all = strings(m);
	const joined = all.join('\n');
	for (const v of [p.email, p.phone, p.card, p.key, p.card.replace(/\D/g, ''), p.phone.replace(/\D/g, '').slice(-10)]) expect(joined).not.toContain(v);
	expect(joined).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/);
	expect(joined).not.toMatch(/sk_live_|rk_live_/);
	for (const s of all) {
		const withoutOurLinks = s.replace(ALLOWED_LINK, '');
		expect(withoutOurLinks).not.toContain('<');
		expect(withoutOurLinks).not.toMatch(/@(channel|here|everyone)\b/);
	}
}

describe('property: planted PII, secrets and mentions never reach the output', () => {
	it('formatStripeEvent, any template on any object, any options', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...BASES),
				fc.constantFrom(...TYPES),
				fc.boolean(),
				plant,
				fc.constantFrom('minimal', 'standard', 'strict'),
				fc.constantFrom('compact', 'detailed'),
				fc.boolean(),
				fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 30 }),
				(base, type, keepType, p, redaction, layout, last4, extraMeta) => {
					const ev = plantAll(JSON.parse(JSON.stringify(base)), p) as any;
					if (!keepType) ev.type = type;
					ev.data.object.metadata = plantAll({ ...extraMeta, ...(ev.data.object.metadata ?? {}) }, p);
					const m = formatStripeEvent(ev, { now: NOW, redaction: redaction as any, layout: layout as any, showCardLast4: last4 });
					assertSafe(m, p);
				},
			),
			{ numRuns: Number(process.env.FC_RUNS ?? 400) },
		);
	});

	it('every object renderer: each event type of the catalogue on Stripe’s example object, every string planted, each level', () => {
		const plants = fc.sample(plant, { numRuns: 12, seed: 26 });
		CATALOGUE.forEach((c, i) => {
			const p = plants[i % plants.length];
			const ev = plantAll(JSON.parse(JSON.stringify(c.event)), p) as any;
			for (const redaction of ['minimal', 'standard', 'strict'] as const)
				for (const layout of ['compact', 'detailed'] as const) assertSafe(formatStripeEvent(ev, { now: NOW, redaction, layout }), p);
		});
	});

	it('formatSummary over planted bursts', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...BASES), { minLength: 1, maxLength: 80 }), plant, (bases, p) => {
				const evs = bases.map((b) => plantAll(JSON.parse(JSON.stringify(b)), p));
				assertSafe(formatSummary(evs, { now: NOW }), p);
			}),
			{ numRuns: 60 },
		);
	});

	it('buildCard and buildChoices (support desk) over planted billing data, any redaction level', () => {
		fc.assert(
			fc.property(
				plant,
				fc.constantFrom('minimal', 'standard', 'strict'),
				fc.boolean(),
				fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 10 }),
				(p, redaction, shared, extraMeta) => {
					const data = plantAll(fixtureBillingData(), p) as ReturnType<typeof fixtureBillingData>;
					data.customer.metadata = plantAll(extraMeta, p) as Record<string, string>;
					const card = buildCard(data, { now: NOW, redaction: redaction as any, shared }) as unknown as SlackMessage;
					// The user picker of the team actions is not a button: Block Kit's own validator checks it (test/unit/desk).
					const buttonsOnly = { ...card, blocks: card.blocks.filter((b) => !String(b.block_id ?? '').startsWith('desk_team')) };
					expect(validateMessage(buttonsOnly.blocks, card.text)).toEqual([]);
					assertSafe(card, p, false);
					assertSafe(buildChoices([data.customer], shared, { redaction: redaction as any }) as unknown as SlackMessage, p, false);
				},
			),
			{ numRuns: Number(process.env.FC_RUNS ?? 200) },
		);
	});

	it('random junk never throws anything but NotAStripeEventError, and events with junk objects still render', () => {
		fc.assert(
			fc.property(fc.constantFrom(...TYPES), fc.jsonValue(), (type, junk) => {
				const obj = junk && typeof junk === 'object' && !Array.isArray(junk) ? junk : { value: junk };
				const m = formatStripeEvent({ type, data: { object: obj } }, { now: NOW });
				expect(validateMessage(m.blocks, m.text)).toEqual([]);
			}),
			{ numRuns: 300 },
		);
	});
});
