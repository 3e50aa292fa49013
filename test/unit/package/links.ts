/**
 * Reading the links of the Markdown pages the way GitHub renders them, and checking where they lead: a
 * relative link to a file beside the page, or an absolute link into this repository (github.com
 * blob/tree, raw.githubusercontent.com) to a file of the working tree. Used by docs.test.ts (the pages in
 * the repository) and packed.test.ts (the README in the npm package).
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** owner/name from package.json's homepage: https://github.com/<owner>/<name> */
export const REPO = new URL(PKG.homepage).pathname.replace(/^\/|\/$/g, '');

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

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
export function anchorsOf(md: string): Set<string> {
	const seen = new Map<string, number>();
	const out = new Set<string>();
	for (const line of md.replace(/^```[\s\S]*?^```/gm, '').split('\n')) {
		const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!h) continue;
		const text = h[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
		const base = text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/ /g, '-');
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		out.add(n === 0 ? base : `${base}-${n}`);
	}
	return out;
}

export function isExternal(target: string): boolean {
	return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/**
 * A link into this repository, as the path in the working tree it names (with its fragment), or null for
 * any other URL. `/blob/main/` names a file, `/tree/main/` a folder, raw.githubusercontent.com a file.
 * A link to another branch, or of another form, into the repository is an error: it would not be checked.
 */
export function repositoryPath(target: string): { path: string; kind: 'file' | 'folder'; fragment?: string } | null {
	let url: URL;
	try {
		url = new URL(target);
	} catch {
		return null;
	}
	const decode = (p: string) => decodeURIComponent(p).replace(/\/$/, '');
	const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined;
	if (url.hostname === 'github.com' && url.pathname.startsWith(`/${REPO}/`)) {
		const m = /^\/[^/]+\/[^/]+\/(blob|tree)\/main\/(.+)$/.exec(url.pathname);
		if (!m) throw new Error(`${target}: a repository link must be /blob/main/<file> or /tree/main/<folder>`);
		return { path: decode(m[2]), kind: m[1] === 'blob' ? 'file' : 'folder', fragment };
	}
	if (url.hostname === 'raw.githubusercontent.com' && url.pathname.startsWith(`/${REPO}/`)) {
		const m = /^\/[^/]+\/[^/]+\/main\/(.+)$/.exec(url.pathname);
		if (!m) throw new Error(`${target}: a raw link must be raw.githubusercontent.com/${REPO}/main/<file>`);
		return { path: decode(m[1]), kind: 'file', fragment };
	}
	return null;
}

/**
 * What is wrong with one link of `page` (a path relative to `base`, the folder the page's relative links
 * resolve in), or null when it leads somewhere: the file or folder exists and a #fragment into a Markdown
 * page is one of its headings. Repository links are checked against the working tree (ROOT).
 */
export function brokenLink(base: string, page: string, target: string): string | null {
	let resolved: string;
	let root: string;
	let fragment: string | undefined;
	let kind: 'file' | 'folder' | 'any' = 'any';
	if (isExternal(target)) {
		const repo = repositoryPath(target);
		if (!repo) return null; // another site: not checked here
		({ path: resolved, fragment, kind } = repo);
		root = ROOT;
	} else {
		const [file, frag] = target.split('#', 2);
		fragment = frag;
		resolved = file ? path.normalize(path.join(path.dirname(page), decodeURIComponent(file))) : page;
		root = base;
	}
	const abs = path.join(root, resolved);
	if (!fs.existsSync(abs)) return `${target} (no ${resolved})`;
	const isDir = fs.statSync(abs).isDirectory();
	if ((kind === 'file' && isDir) || (kind === 'folder' && !isDir)) return `${target} (${resolved} is a ${isDir ? 'folder' : 'file'})`;
	if (fragment && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(abs, 'utf8')).has(fragment)) {
		return `${target} (no heading #${fragment} in ${resolved})`;
	}
	return null;
}
