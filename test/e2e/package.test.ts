/**
 * The package as n8n loads it: every node and credential that package.json's `n8n` field names
 * must be built into dist/ and be loaded by the real n8n under the installed-package type name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE, ROOT } from '../../scripts/lib/n8n';
import { loggedIn } from './stack';
import type { N8nRest } from '../../scripts/lib/n8n';

function declared(kind: 'nodes' | 'credentials'): Array<{ file: string; name: string }> {
	return PACKAGE.n8n[kind].map((rel) => {
		const file = path.join(ROOT, rel);
		expect(fs.existsSync(file)).toBe(true);
		const mod = require(file);
		// n8n picks the export named like the file (StripeSignedTrigger.node.js -> StripeSignedTrigger)
		const className = path.basename(file).split('.')[0];
		const Cls = mod[className] as new () => { name?: string; description?: { name: string } };
		expect({ rel, className, exported: typeof Cls }).toEqual({ rel, className, exported: 'function' });
		const inst = new Cls();
		return { file: rel, name: kind === 'nodes' ? inst.description!.name : inst.name! };
	});
}

describe('the package inside a real n8n', () => {
	let rest: N8nRest;
	beforeAll(async () => {
		rest = await loggedIn();
	});

	it('declares its nodes and credentials', () => {
		expect(PACKAGE.n8n.nodes.length).toBeGreaterThanOrEqual(1);
		expect(PACKAGE.n8n.credentials).toEqual(
			expect.arrayContaining([
				'dist/credentials/StripeSignedApi.credentials.js',
				'dist/credentials/SlackAppApi.credentials.js',
			]),
		);
	});

	it('n8n loads every declared node type as n8n-nodes-stripe-slack.<node>, with its icon', async () => {
		const types = (await (await rest.fetch('/types/nodes.json')).json()) as Array<{
			name: string;
			icon?: string;
			iconUrl?: string | { light: string };
		}>;
		const byName = new Map(types.map((t) => [t.name, t]));
		for (const { name, file } of declared('nodes')) {
			const loaded = byName.get(`${PACKAGE.name}.${name}`);
			expect({ file, loaded: Boolean(loaded) }).toEqual({ file, loaded: true });
			const iconUrl = typeof loaded!.iconUrl === 'string' ? loaded!.iconUrl : loaded!.iconUrl?.light;
			expect(iconUrl).toBeTruthy();
			const icon = await rest.fetch(iconUrl!);
			expect({ file, iconStatus: icon.status }).toEqual({ file, iconStatus: 200 });
			expect(icon.headers.get('content-type')).toMatch(/svg|png/);
		}
	});

	it('n8n loads every declared credential type', async () => {
		const raw = await (await rest.fetch('/types/credentials.json')).json();
		const list = (Array.isArray(raw) ? raw : Object.values(raw)) as Array<{ name: string }>;
		const names = new Set(list.map((c) => c.name));
		for (const { name, file } of declared('credentials')) {
			expect({ file, loaded: names.has(name) }).toEqual({ file, loaded: true });
		}
	});

	it('ships every icon that a declared node or credential names (file:...) beside it in dist/', () => {
		for (const rel of [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials]) {
			const file = path.join(ROOT, rel);
			const mod = require(file);
			const inst = new (mod[path.basename(file).split('.')[0]] as new () => { icon?: unknown; description?: { icon?: unknown } })();
			const icon = inst.description ? inst.description.icon : inst.icon;
			const icons = typeof icon === 'string' ? [icon] : icon && typeof icon === 'object' ? Object.values(icon) : [];
			expect({ rel, hasIcon: icons.length > 0 }).toEqual({ rel, hasIcon: true });
			for (const i of icons as string[]) {
				expect(i).toMatch(/^file:/);
				const iconFile = path.join(path.dirname(file), i.replace(/^file:/, ''));
				expect({ rel, iconFile, exists: fs.existsSync(iconFile) }).toEqual({ rel, iconFile, exists: true });
			}
		}
	});
});
