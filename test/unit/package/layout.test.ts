/**
 * The layout rules of the code (issue #19), checked on the tree itself:
 *  - a node folder holds its *.node.ts, its codex file (*.node.json), an optional description.ts and its icons
 *    (light and dark), nothing else;
 *  - no import from one node folder into another;
 *  - under nodes/shared/, only nodes/shared/n8n/ (the n8n description builders) imports n8n;
 *  - no source file over 400 lines (fixtures and JSON data excepted).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
	.split('\n')
	.filter((f) => f && fs.existsSync(path.join(ROOT, f)));
const nodeFolders = fs.readdirSync(path.join(ROOT, 'nodes')).filter((d) => d !== 'shared' && fs.statSync(path.join(ROOT, 'nodes', d)).isDirectory());

function importsOf(file: string): string[] {
	const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
	return [...src.matchAll(/(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('layout', () => {
	it('finds the node folders and the shared core', () => {
		expect(nodeFolders.length).toBeGreaterThanOrEqual(11);
		expect(tracked.filter((f) => f.startsWith('nodes/shared/')).length).toBeGreaterThan(50);
	});

	it('keeps only the node file, its codex file, its description and its icons in a node folder', () => {
		const stray = tracked.filter((f) => {
			const m = /^nodes\/([^/]+)\/(.+)$/.exec(f);
			if (!m || m[1] === 'shared') return false;
			return !/^[A-Za-z]+\.node\.(ts|json)$/.test(m[2]) && m[2] !== 'description.ts' && !/^[A-Za-z0-9]+(\.dark)?\.(svg|png)$/.test(m[2]);
		});
		expect(stray).toEqual([]);
	});

	it('has no import from one node folder into another', () => {
		const crossing: string[] = [];
		for (const f of tracked.filter((x) => /^nodes\/[^/]+\/.+\.ts$/.test(x) && !x.startsWith('nodes/shared/'))) {
			const own = f.split('/')[1];
			for (const spec of importsOf(f)) {
				if (!spec.startsWith('.')) continue;
				const target = path.relative(path.join(ROOT, 'nodes'), path.resolve(path.dirname(path.join(ROOT, f)), spec)).split(path.sep)[0];
				if (target !== own && target !== 'shared') crossing.push(`${f} -> ${spec}`);
			}
		}
		expect(crossing).toEqual([]);
	});

	it('imports n8n under nodes/shared/ only in nodes/shared/n8n/', () => {
		const n8nImports = tracked.filter(
			(f) => f.startsWith('nodes/shared/') && f.endsWith('.ts') && !f.startsWith('nodes/shared/n8n/') && importsOf(f).some((s) => /^n8n-(workflow|core)$/.test(s)),
		);
		expect(n8nImports).toEqual([]);
		expect(tracked.some((f) => f.startsWith('nodes/shared/n8n/') && importsOf(f).includes('n8n-workflow'))).toBe(true);
	});

	it('has no source file over 400 lines (fixtures and JSON data excepted)', () => {
		const sources = tracked.filter((f) => /\.(ts|js)$/.test(f) && !f.startsWith('test/fixtures/') && !f.includes('/fixtures/'));
		expect(sources.length).toBeGreaterThan(100);
		const long = sources.map((f) => ({ f, lines: fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').length - 1 })).filter((x) => x.lines > 400);
		expect(long).toEqual([]);
	});
});
