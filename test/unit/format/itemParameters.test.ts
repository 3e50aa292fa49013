import { dependsOnItem, itemParameters, jsonPathOf } from '../../../nodes/shared/itemParameters';

describe('itemParameters: n8n expressions evaluated once when they cannot depend on the item', () => {
	test('which raw values may read the item', () => {
		for (const raw of ['={{ $json.channel }}', "={{ $('Format').item.json.x }}", '={{ $binary.data }}', '={{ $itemIndex }}', '={{ $input.item.json }}', { a: ['x', '={{ $json.a }}'] }]) {
			expect(dependsOnItem(raw)).toBe(true);
		}
		for (const raw of ["={{ $('Settings').first().json.settings.channel }}", '#payments', '={{ $vars.channel }}', 12, { minimumAmounts: "={{ $('Settings').first().json.m }}" }, '$json.channel']) {
			expect(dependsOnItem(raw)).toBe(false);
		}
		expect(jsonPathOf('={{ $json.metadata.severity }}')).toEqual(['metadata', 'severity']);
		expect(jsonPathOf('={{ $json.channel || "#x" }}')).toBeUndefined();
	});

	test('item-independent parameters are evaluated once; $json paths are read from the item; the rest per item', () => {
		const calls: string[] = [];
		const parameters = { channel: '={{ $json.channel }}', title: "={{ $('Settings').first().json.t }}", text: '={{ $json.a + $json.b }}', fixed: 'x' };
		const items = [{ channel: 'C1', a: 1, b: 2 }, { channel: 'C2', a: 3, b: 4 }, { a: 5, b: 6 }];
		const ctx = {
			getNode: () => ({ parameters }),
			getNodeParameter: (name: string, i: number, fallback?: unknown) => {
				calls.push(`${name}:${i}`);
				if (name === 'channel') return items[i].channel ?? fallback;
				if (name === 'title') return 'T';
				if (name === 'text') return items[i].a + items[i].b;
				if (name === 'fixed') return 'x';
				return fallback;
			},
		};
		const get = itemParameters(ctx, (i) => items[i]);
		expect([0, 1, 2].map((i) => get('title', i))).toEqual(['T', 'T', 'T']);
		expect([0, 1, 2].map((i) => get('text', i))).toEqual([3, 7, 11]);
		expect([0, 1, 2].map((i) => get('channel', i, ''))).toEqual(['C1', 'C2', '']);
		expect([0, 1].map((i) => get('fixed', i))).toEqual(['x', 'x']);
		expect(get('unset', 0, 'dflt')).toBe('dflt');
		// title and fixed once; text for every item; channel only where the item lacks it
		expect(calls).toEqual(['title:0', 'text:0', 'text:1', 'text:2', 'channel:2', 'fixed:0', 'unset:0']);
	});
});
