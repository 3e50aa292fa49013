/**
 * What n8n's checks (issue #30) need of the tree, without running them (`npm run lint`, `npm run scan` do):
 *  - every node has a codex file naming it, with documentation links into this repository that resolve;
 *  - every node and credential has a light and a dark icon, and the build copies both and the codex file;
 *  - every exemption names an existing file, a reason, and is explained in docs/n8n-checks.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { anchorsOf } from './links';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const REPO = 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/';
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** The declared nodes and credentials: source file, and the icons its description names. */
const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((p: string) => {
	const src = p.replace(/^dist\//, '').replace(/\.js$/, '.ts');
	const text = read(src);
	const icon = /icon\s*[:=]\s*\{\s*light:\s*'file:([^']+)',\s*dark:\s*'file:([^']+)'\s*\}/.exec(text);
	return { dist: p, src, folder: path.dirname(src), light: icon?.[1], dark: icon?.[2] };
});

describe('codex files', () => {
	const nodes = declared.filter((d) => d.src.endsWith('.node.ts'));

	it('finds the nodes', () => expect(nodes.length).toBeGreaterThanOrEqual(11));

	it.each(nodes.map((n) => [n.src, n]))('%s has a codex file that names it and links to its documentation', (_src, n) => {
		const codexFile = n.src.replace(/\.ts$/, '.json');
		const codex = JSON.parse(read(codexFile));
		const name = /\n\t\tname: '([A-Za-z]+)',/.exec(read(n.src))?.[1];
		expect(codex).toMatchObject({ node: `${pkg.name}.${name}`, nodeVersion: '1.0', codexVersion: '1.0' });
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(codex.alias.length).toBeGreaterThan(0);
		const urls = [...codex.resources.primaryDocumentation, ...(codex.resources.credentialDocumentation ?? [])].map((r: { url: string }) => r.url);
		expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) {
			// Into this repository (package.json's), at a heading that exists.
			expect(url.startsWith(REPO)).toBe(true);
			expect(pkg.repository.url).toContain('github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack');
			const [file, anchor] = url.slice(REPO.length).split('#');
			expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
			expect({ url, anchored: anchorsOf(read(file)).has(anchor) }).toEqual({ url, anchored: true });
		}
	});
});

describe('icons', () => {
	it.each(declared.map((d) => [d.src, d]))('%s has a light and a dark icon', (_src, d) => {
		expect(d.light).toMatch(/^[A-Za-z0-9]+\.svg$/);
		expect(d.dark).toBe(d.light!.replace(/\.svg$/, '.dark.svg'));
		const light = read(path.join(d.folder, d.light!));
		const dark = read(path.join(d.folder, d.dark!));
		expect(light).toMatch(/^<svg /);
		expect(dark).toMatch(/^<svg /);
		// A real dark variant: other colours, the same drawing.
		expect(dark).not.toEqual(light);
		expect(dark.replace(/#[0-9A-Fa-f]{3,6}/g, '#')).toEqual(light.replace(/#[0-9A-Fa-f]{3,6}/g, '#'));
	});

	it('are in dist/ with the codex files after a build', () => {
		if (!fs.existsSync(path.join(ROOT, 'dist', pkg.n8n.nodes[0].replace(/^dist\//, '')))) return; // not built: nothing to check
		for (const d of declared) {
			const out = path.join(ROOT, 'dist', d.folder);
			expect({ d: d.dist, light: fs.existsSync(path.join(out, d.light!)), dark: fs.existsSync(path.join(out, d.dark!)) }).toEqual({ d: d.dist, light: true, dark: true });
			if (d.src.endsWith('.node.ts')) expect(fs.existsSync(path.join(ROOT, d.dist.replace(/\.js$/, '.json')))).toBe(true);
		}
	});
});

describe('exemptions (n8n-exemptions.json)', () => {
	const { exemptions } = JSON.parse(read('n8n-exemptions.json')) as {
		exemptions: Array<{ files: string[]; rules: Record<string, string[] | true>; reason: string }>;
	};
	const doc = read('docs/n8n-checks.md');

	it('name existing files, rules of the checks, and a reason, and docs/n8n-checks.md explains each file', () => {
		expect(exemptions.length).toBeGreaterThan(5);
		for (const e of exemptions) {
			expect(e.reason.length).toBeGreaterThan(40);
			for (const rule of Object.keys(e.rules)) expect(rule).toMatch(/^(@n8n\/community-nodes|@typescript-eslint)\//);
			for (const f of e.files) {
				expect({ f, exists: fs.existsSync(path.join(ROOT, f)) }).toEqual({ f, exists: true });
				expect({ f, documented: doc.includes(`\`${f}\``) }).toEqual({ f, documented: true });
			}
		}
	});

	it('exempt no node file and no credential: self-hosted-only code lives in named modules under nodes/shared', () => {
		const files = exemptions.flatMap((e) => e.files);
		expect(files.filter((f) => f !== 'package.json' && !f.startsWith('nodes/shared/'))).toEqual([]);
	});
});
