/** The trigger's sample events ship with the node; they must stay the fixtures they were copied from. */
import * as fs from 'fs';
import * as path from 'path';
import { SAMPLE_EVENTS } from '../../../nodes/shared/stripe/sampleEvents';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'stripe');

describe('sample events', () => {
	it('are the 12 current-shape fixture events, unchanged but for client_secret (null: a shipped file carries no secret-shaped value)', () => {
		const fixtureTypes = fs
			.readdirSync(FIXTURES)
			.filter((f) => f.endsWith('.json') && !f.startsWith('_'))
			.map((f) => f.replace(/\.json$/, ''))
			.sort();
		expect(SAMPLE_EVENTS.map((e) => e.type).sort()).toEqual(fixtureTypes);
		let redacted = 0;
		for (const e of SAMPLE_EVENTS) {
			const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${e.type}.json`), 'utf8'));
			const object = fixture.data.object;
			if (typeof object.client_secret === 'string') {
				expect((e.data as { object: Record<string, unknown> }).object.client_secret).toBeNull();
				object.client_secret = null;
				redacted++;
			}
			expect(e).toEqual(fixture);
		}
		expect(redacted).toBe(2);
	});
});
