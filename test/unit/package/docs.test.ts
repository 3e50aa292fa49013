/**
 * Every link in README.md and docs/*.md that leads into this repository resolves: a relative link to a
 * file or folder that exists, an absolute link to the repository (github.com/<repo>/blob/main/…,
 * /tree/main/…, raw.githubusercontent.com/<repo>/main/…, as the README uses so that it works on the npm
 * package page) to a file or folder of the working tree, and a #fragment into a Markdown page to one of
 * its headings (GitHub's anchors). The packed README is checked again in packed.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { anchorsOf, brokenLink, isExternal, linksOf, REPO, repositoryPath, ROOT } from './links';

function pages(): string[] {
	const docs = fs
		.readdirSync(path.join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`);
	return ['README.md', ...docs.sort()];
}

const read = (page: string) => fs.readFileSync(path.join(ROOT, page), 'utf8');

describe('documentation links', () => {
	it('finds the pages, and links in them', () => {
		const all = pages();
		expect(all).toEqual(expect.arrayContaining(['README.md', 'docs/nodes.md', 'docs/security.md', 'docs/layout.md']));
		const count = all.reduce((n, p) => n + linksOf(read(p)).filter((t) => !isExternal(t) || repositoryPath(t)).length, 0);
		expect(count).toBeGreaterThan(50);
		expect(REPO).toBe('n8n-nodes-stripe-slack/n8n-nodes-stripe-slack');
	});

	it('reads GitHub anchors and links the way GitHub does', () => {
		const md = '# Top\n## The local runner: `npm start`\n## Options\n## Options\n```\n## not a heading\n```\n';
		expect([...anchorsOf(md)]).toEqual(['top', 'the-local-runner-npm-start', 'options', 'options-1']);
		expect(linksOf('see [a](docs/a.md#x) and ![b](b.png "t"), not `[c](c.md)`')).toEqual(['docs/a.md#x', 'b.png']);
	});

	it('maps repository links to the working tree, and catches the ones that rot', () => {
		const gh = `https://github.com/${REPO}`;
		expect(repositoryPath(`${gh}/blob/main/docs/nodes.md#stripe-action-stripeaction`)).toEqual({ path: 'docs/nodes.md', kind: 'file', fragment: 'stripe-action-stripeaction' });
		expect(repositoryPath(`${gh}/tree/main/workflows`)).toEqual({ path: 'workflows', kind: 'folder', fragment: undefined });
		expect(repositoryPath(`https://raw.githubusercontent.com/${REPO}/main/docs/screenshots/sandbox.png`)).toMatchObject({ path: 'docs/screenshots/sandbox.png' });
		expect(repositoryPath('https://github.com/n8n-io/n8n/blob/master/README.md')).toBeNull();
		expect(() => repositoryPath(`${gh}/blob/dev/README.md`)).toThrow(/blob\/main/);
		expect(brokenLink(ROOT, 'README.md', `${gh}/blob/main/docs/nodes.md#stripe-action-stripeaction`)).toBeNull();
		expect(brokenLink(ROOT, 'README.md', `${gh}/blob/main/docs/gone.md`)).toMatch(/no docs\/gone.md/);
		expect(brokenLink(ROOT, 'README.md', `${gh}/blob/main/docs/nodes.md#no-such-heading`)).toMatch(/no heading/);
		expect(brokenLink(ROOT, 'README.md', `${gh}/blob/main/workflows`)).toMatch(/is a folder/);
		expect(brokenLink(ROOT, 'README.md', `${gh}/tree/main/workflows/payments.json`)).toMatch(/is a file/);
		expect(brokenLink(ROOT, 'docs/nodes.md', '../workflows/')).toBeNull();
		expect(brokenLink(ROOT, 'docs/nodes.md', 'nodes.md#nope')).toMatch(/no heading #nope/);
	});

	it.each(pages())('%s: every relative and repository link resolves', (page) => {
		const broken = linksOf(read(page))
			.map((target) => brokenLink(ROOT, page, target))
			.filter(Boolean);
		expect(broken).toEqual([]);
	});

	it('README.md links files and images by absolute repository URLs, so they work on the npm package page', () => {
		const relative = linksOf(read('README.md')).filter((t) => !isExternal(t) && !t.startsWith('#'));
		expect(relative).toEqual([]);
		const images = [...read('README.md').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
		expect(images.length).toBeGreaterThanOrEqual(8);
		for (const src of images) expect(src).toMatch(new RegExp(`^https://raw\\.githubusercontent\\.com/${REPO}/main/`));
	});
});
