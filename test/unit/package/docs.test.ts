/**
 * Every relative link in README.md and docs/*.md points at a file or folder that exists, and a link with a
 * #fragment into a Markdown page points at a heading of that page (GitHub's anchors).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function pages(): string[] {
	const docs = fs
		.readdirSync(path.join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`);
	return ['README.md', ...docs.sort()];
}

/** The page's text outside fenced code blocks and inline code. */
function prose(md: string): string {
	return md
		.replace(/^```[\s\S]*?^```/gm, '')
		.split('\n')
		.map((l) => l.replace(/`[^`]*`/g, ''))
		.join('\n');
}

/** Markdown links and images: [text](target) and ![alt](target), with an optional "title". */
export function linksOf(md: string): string[] {
	const out: string[] = [];
	for (const m of prose(md).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]);
	return out;
}

export { anchorsOf } from './markdown';
import { anchorsOf } from './markdown';

function isExternal(target: string): boolean {
	return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

describe('documentation links', () => {
	it('finds the pages, and links in them', () => {
		const all = pages();
		expect(all).toEqual(expect.arrayContaining(['README.md', 'docs/nodes.md', 'docs/security.md', 'docs/layout.md']));
		const count = all.reduce((n, p) => n + linksOf(fs.readFileSync(path.join(ROOT, p), 'utf8')).filter((t) => !isExternal(t)).length, 0);
		expect(count).toBeGreaterThan(50);
	});

	it('reads GitHub anchors and links the way GitHub does', () => {
		const md = '# Top\n## The local runner: `npm start`\n## Options\n## Options\n```\n## not a heading\n```\n';
		expect([...anchorsOf(md)]).toEqual(['top', 'the-local-runner-npm-start', 'options', 'options-1']);
		expect(linksOf('see [a](docs/a.md#x) and ![b](b.png "t"), not `[c](c.md)`')).toEqual(['docs/a.md#x', 'b.png']);
	});

	it.each(pages())('%s: every relative link resolves', (page) => {
		const md = fs.readFileSync(path.join(ROOT, page), 'utf8');
		const broken: string[] = [];
		for (const target of linksOf(md)) {
			if (isExternal(target)) continue;
			const [file, fragment] = target.split('#', 2);
			const resolved = file ? path.normalize(path.join(path.dirname(page), decodeURIComponent(file))) : page;
			const abs = path.join(ROOT, resolved);
			if (!fs.existsSync(abs)) {
				broken.push(`${target} (no ${resolved})`);
				continue;
			}
			if (fragment && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(abs, 'utf8')).has(fragment)) {
				broken.push(`${target} (no heading #${fragment} in ${resolved})`);
			}
		}
		expect(broken).toEqual([]);
	});
});
