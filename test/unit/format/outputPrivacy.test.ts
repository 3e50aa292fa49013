import type { IDataObject } from 'n8n-workflow';
import { StripeBlockKit } from '../../../nodes/StripeBlockKit/StripeBlockKit.node';
import { fixtureEvents } from './fixtures';
import { blockKitThis } from './blockKitThis';

// Issue #15: the formatter's output to the next node does not carry the raw Stripe object (default level).
const PLANTED = ['742 Evergreen Terrace', 'SW1A 1AA', '123-45-6789', 'Jane Plantedname', 'planted.person@example.com'];

function plant(event: Record<string, unknown>): Record<string, unknown> {
	const e = structuredClone(event) as { data: { object: Record<string, unknown> } };
	const o = e.data.object;
	o.metadata = { ship_to: `${PLANTED[0]}, London ${PLANTED[1]}`, ssn_note: PLANTED[2], [PLANTED[3]]: PLANTED[4] };
	o.description = `Ship to ${PLANTED[3]}, ${PLANTED[0]}, ${PLANTED[1]}, SSN ${PLANTED[2]}`;
	o.shipping = { name: PLANTED[3], address: { line1: PLANTED[0], postal_code: PLANTED[1], city: 'London', country: 'GB' } };
	return e as unknown as Record<string, unknown>;
}

describe('Stripe Block Kit output carries no raw Stripe object at the default level', () => {
	const events = fixtureEvents().map((f) => plant(f.event as unknown as Record<string, unknown>));

	it('the planted values are in the input (the check can fail)', () => {
		const input = JSON.stringify(events);
		for (const p of PLANTED) expect(input).toContain(p);
	});

	it('no planted value in any output (messages, below minimum, attention), and no data.object', async () => {
		const items = events.map((e) => ({ json: e as IDataObject }));
		items.push({ json: { not: 'an event', description: PLANTED[0] } as IDataObject });
		const outputs = await new StripeBlockKit().execute.call(
			blockKitThis(items, { operation: 'formatEach', channel: '#payments', options: { minimumAmounts: 'USD:5.00' } }, true),
		);
		const all = outputs.flat();
		expect(all.length).toBeGreaterThan(events.length);
		const text = JSON.stringify(all.map((o) => o.json));
		for (const p of PLANTED) expect(text).not.toContain(p);
		for (const o of all) {
			expect(o.json).not.toHaveProperty('data');
			expect(o.json).not.toHaveProperty('event');
		}
	});

	it('carries the raw event only when "Include Raw Event" is on', async () => {
		const items = events.map((e) => ({ json: e as IDataObject }));
		const [messages] = await new StripeBlockKit().execute.call(blockKitThis(items, { operation: 'formatEach', options: { includeRawEvent: true } }));
		expect(messages).toHaveLength(events.length);
		messages.forEach((m, i) => expect(m.json.event).toEqual(events[i]));
		expect(JSON.stringify(messages[0].json)).toContain(PLANTED[0]);
	});

	// Once a known leak: a person's name as a metadata KEY was printed as the key (`Jane Plantedname: [hidden]`), and a
	// name inside a description passed the scanners. The event's own typed names are now masked in free text (known.ts).
	it('a shipping name planted in a metadata key or a description stays out of the output, and is masked in place', async () => {
		const outputs = await new StripeBlockKit().execute.call(blockKitThis(events.map((e) => ({ json: e as IDataObject })), { operation: 'formatEach' }));
		const text = JSON.stringify(outputs.flat().map((o) => o.json));
		expect(text).not.toContain(PLANTED[3]);
		expect(text).not.toContain('Plantedname');
		expect(text).toContain('[name hidden]: [hidden]');
		expect(text).toContain('Ship to [name hidden]');
	});
});
