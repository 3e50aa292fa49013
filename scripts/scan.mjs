/**
 * `npm run scan`: n8n's community-package scanner (@n8n/scan-community-package) on this package, offline.
 *
 * The scanner's CLI only takes a package published on npm (it checks provenance, then lints the attested source
 * and the downloaded tarball). This runs the same analysis with its own exported configuration (`buildScanConfig`)
 * and its own file patterns, the way its `analyzePackage` does (inline eslint-disable comments off), on:
 *   - the source: package.json, nodes/ and credentials/ (`SOURCE_FILE_PATTERNS`);
 *   - the packed tarball: `npm pack` of the built package into a temporary folder, unpacked; every `.js` file and
 *     package.json, as the scanner lints a published package.
 * It prints the findings by rule (errors and warnings), the exempt ones apart (n8n-exemptions.json, applied as
 * `npm run lint` applies them), and exits 1 on any finding that is not exempt, or on an exemption that no
 * longer matches anything. Run `npm run build` first: the tarball is packed from dist/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
import { ROOT, exemptionFor, loadExemptions } from './lib/exemptions.mjs';

/** The scanner's analyzePackage, returning the findings instead of a formatted report. */
async function analyze(dir, patterns) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const findings = results.flatMap((r) =>
		r.messages.map((m) => ({ file: relative(dir, r.filePath), line: m.line, rule: m.ruleId ?? '(parse error)', severity: m.severity, message: m.message })),
	);
	return { files: files.length, findings };
}

function packTarball() {
	if (!existsSync(join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const tmp = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	execFileSync('npm', ['pack', '--pack-destination', tmp, '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	const dir = join(tmp, 'package');
	mkdirSync(dir);
	execFileSync('tar', ['-xzf', join(tmp, tarball), '-C', dir, '--strip-components=1']);
	return { tmp, dir, tarball };
}

function report(label, { files, findings }, exemptions, used) {
	const counts = new Map();
	const open = [];
	for (const f of findings) {
		const exemption = f.rule.startsWith('(') ? undefined : exemptionFor(exemptions, f.file, f.rule, f.message);
		if (exemption) used.add(exemption);
		else open.push(f);
		const c = counts.get(f.rule) ?? { findings: 0, exempt: 0 };
		c.findings++;
		if (exemption) c.exempt++;
		counts.set(f.rule, c);
	}
	console.log(`\n${label}: ${files} files, ${findings.length} findings, ${findings.length - open.length} exempt, ${open.length} not exempt`);
	for (const [rule, c] of [...counts].sort((a, b) => b[1].findings - a[1].findings)) {
		console.log(`  ${String(c.findings).padStart(4)}  ${rule}${c.exempt ? `  (${c.exempt === c.findings ? 'all' : c.exempt} exempt)` : ''}`);
	}
	for (const f of open) console.log(`  ${f.severity === 2 ? 'error' : 'warning'}  ${f.file}:${f.line}  ${f.rule}  ${f.message}`);
	return open.length;
}

const exemptions = loadExemptions();
const used = new Set();
let open = report('Source (package.json, nodes/, credentials/)', await analyze(ROOT, SOURCE_FILE_PATTERNS), exemptions, used);
const packed = packTarball();
try {
	open += report(`Packed tarball (${packed.tarball}: *.js and package.json)`, await analyze(packed.dir, ['**/*.js', 'package.json']), exemptions, used);
} finally {
	rmSync(packed.tmp, { recursive: true, force: true });
}
// An exemption of a rule the scanner runs must match a finding (lint-only rules, such as typescript-eslint's, are not checked here).
const scanRules = new Set((await buildScanConfig()).flatMap((c) => Object.keys(c.rules ?? {})));
const stale = exemptions.filter((e) => scanRules.has(e.rule) && !used.has(e));
for (const e of stale) console.log(`\nexemption matches nothing (remove it from n8n-exemptions.json): ${e.file} ${e.rule} ${JSON.stringify(e.names)}`);
console.log(open || stale.length ? `\nscan: ${open} finding(s) outside the exemptions, ${stale.length} stale exemption(s)` : '\nscan: no finding outside the documented exemptions (docs/n8n-checks.md)');
process.exit(open || stale.length ? 1 : 0);
