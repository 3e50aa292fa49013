/**
 * No import cycles (issue #30, item 6) in nodes/, credentials/, sandbox/ and scripts/: a depth-first search
 * over the relative imports of every .ts file, `import type` and `export … from` included (a type-only
 * cycle still ties two modules together), reporting each cycle as the chain of files it runs through.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FOLDERS = ['nodes', 'credentials', 'sandbox', 'scripts'];

/** The module specifiers a source imports: static imports and re-exports (type-only too), import() and require(). */
export function specifiersOf(src: string): string[] {
	const out: string[] = [];
	const patterns = [
		/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
		/^\s*import\s*['"]([^'"]+)['"]/gm,
		/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g,
	];
	for (const re of patterns) for (const m of src.matchAll(re)) out.push(m[1]);
	return out;
}

/** The file a relative specifier names, among `files` (paths relative to the root, with /). */
export function resolveRelative(from: string, spec: string, files: Set<string>): string | null {
	if (!spec.startsWith('.')) return null;
	const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
	for (const candidate of [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')]) {
		if (files.has(candidate)) return candidate;
	}
	return null;
}

/** Every cycle of the import graph of `sources` (file -> text), each once, starting at its smallest file. */
export function findCycles(sources: Map<string, string>): string[][] {
	const files = new Set(sources.keys());
	const graph = new Map<string, string[]>();
	for (const [file, src] of sources) {
		const targets = specifiersOf(src)
			.map((s) => resolveRelative(file, s, files))
			.filter((t): t is string => t !== null);
		graph.set(file, [...new Set(targets)].sort());
	}
	const cycles = new Map<string, string[]>();
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string): void => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') {
				const cycle = stack.slice(stack.indexOf(next));
				const start = cycle.indexOf([...cycle].sort()[0]);
				const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
				cycles.set(rotated.join(' -> '), rotated);
			} else if (!state.has(next)) {
				visit(next);
			}
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of [...files].sort()) if (!state.has(file)) visit(file);
	return [...cycles.values()];
}

function sourcesUnder(folders: string[]): Map<string, string> {
	const out = new Map<string, string>();
	const walk = (rel: string): void => {
		for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
			const child = `${rel}/${entry.name}`;
			if (entry.isDirectory()) {
				if (entry.name !== 'node_modules') walk(child);
			} else if (entry.name.endsWith('.ts')) {
				out.set(child, fs.readFileSync(path.join(ROOT, child), 'utf8'));
			}
		}
	};
	for (const folder of folders) if (fs.existsSync(path.join(ROOT, folder))) walk(folder);
	return out;
}

describe('import cycles', () => {
	it('reads imports the way TypeScript writes them', () => {
		const src = [
			"import type { A } from './a';",
			'import {',
			'\tB,',
			"\ttype C,",
			"} from '../b';",
			"export { D } from './d';",
			"export type { E } from './e';",
			"import './side-effect';",
			"const f = require('./f');",
			"import * as fs from 'fs';",
			" * see import('./not-a-comment-match') in docs", // import() in a comment counts: harmless, and rare
		].join('\n');
		expect(specifiersOf(src)).toEqual(['./a', '../b', './d', './e', 'fs', './side-effect', './f', './not-a-comment-match']);
	});

	it('finds a type-only cycle and a longer one, and nothing in a tree', () => {
		const graph = new Map([
			['nodes/a.ts', "import type { B } from './b';"],
			['nodes/b.ts', "import { a } from './a';"],
			['sandbox/x.ts', "import { y } from './y';"],
			['sandbox/y.ts', "import { z } from './z';"],
			['sandbox/z.ts', "import type { X } from './x';"],
			['scripts/t.ts', "import { x } from '../sandbox/x';\nimport { a } from '../nodes/a';"],
		]);
		expect(findCycles(graph)).toEqual([
			['nodes/a.ts', 'nodes/b.ts'],
			['sandbox/x.ts', 'sandbox/y.ts', 'sandbox/z.ts'],
		]);
		expect(findCycles(new Map([['a.ts', "import './b';"], ['b.ts', "import { c } from './c';"], ['c.ts', '']]))).toEqual([]);
	});

	it('has none in nodes/, credentials/, sandbox/ and scripts/', () => {
		const sources = sourcesUnder(FOLDERS);
		expect(sources.size).toBeGreaterThan(100);
		// the graph is really built: the trigger's core imports the desk's part
		expect(specifiersOf(sources.get('nodes/shared/slack/click.ts')!)).toContain('../desk/incoming');
		expect(findCycles(sources).map((c) => [...c, c[0]].join(' -> '))).toEqual([]);
	});
});
