/** The trigger's sample events ship with the node; they must stay the fixtures they were copied from. */
import * as fs from 'fs';
import * as path from 'path';
import { SAMPLE_EVENTS } from '../../../nodes/shared/stripe/sampleEvents';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'stripe');

describe('sample events', () => {
	it('are the 12 current-shape fixture events, unchanged', () => {
		const fixtureTypes = fs
			.readdirSync(FIXTURES)
			.filter((f) => f.endsWith('.json') && !f.startsWith('_'))
			.map((f) => f.replace(/\.json$/, ''))
			.sort();
		expect(SAMPLE_EVENTS.map((e) => e.type).sort()).toEqual(fixtureTypes);
		for (const e of SAMPLE_EVENTS) {
			expect(e).toEqual(JSON.parse(fs.readFileSync(path.join(FIXTURES, `${e.type}.json`), 'utf8')));
		}
	});
});
