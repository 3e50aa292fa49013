/** What the published package contains and depends on (n8n community-package conventions). */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package.json', () => {
	it('follows n8n community-node conventions', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		for (const p of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(p).toMatch(/^dist\/.+\.(node|credentials)\.js$/);
	});

	it('names a source file for every node and credential it declares', () => {
		for (const p of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const src = path.join(ROOT, p.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			expect({ p, exists: fs.existsSync(src) }).toEqual({ p, exists: true });
		}
	});

	it('has n8n itself in no dependency list, and n8n-workflow only as a peer', () => {
		for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
			expect(Object.keys(pkg[field] ?? {})).not.toContain('n8n');
		}
		expect(Object.keys(pkg.dependencies)).not.toContain('n8n-workflow');
		expect(Object.keys(pkg.dependencies)).not.toContain('n8n-core');
		expect(pkg.peerDependencies['n8n-workflow']).toBeDefined();
	});

	it('points "main" at a file the build writes: the pure formatter API', () => {
		expect(pkg.main).toBe('dist/nodes/shared/format/index.js');
		expect(fs.existsSync(path.join(ROOT, pkg.main.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
		const built = path.join(ROOT, pkg.main);
		if (fs.existsSync(built)) {
			// eslint-disable-next-line @typescript-eslint/no-var-requires
			const api = require(built);
			expect(typeof api.formatStripeEvent).toBe('function');
		}
	});

	it('packs only dist/, the templates (workflows/), README, LICENSE and package.json', () => {
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
		const outside = files.filter((f) => !f.startsWith('dist/') && !f.startsWith('workflows/') && !['README.md', 'LICENSE', 'package.json'].includes(f));
		expect(outside).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		const templates = fs.readdirSync(path.join(ROOT, 'workflows')).map((f) => `workflows/${f}`);
		expect(templates).toEqual(expect.arrayContaining(['workflows/payments.json', 'workflows/slack-app-manifest.yml']));
		expect(files).toEqual(expect.arrayContaining(templates));
	});
});
