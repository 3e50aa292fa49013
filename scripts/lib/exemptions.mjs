/**
 * The exemptions of n8n's community-node rules (n8n-exemptions.json), as `npm run lint` and `npm run scan` apply
 * them: a finding is exempt when its file, its rule and the import or global it names are listed. Nothing else is.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** [{ file, rule, names: string[] | true, reason }], one per file and rule. */
export function loadExemptions(root = ROOT) {
	const { exemptions } = JSON.parse(readFileSync(join(root, 'n8n-exemptions.json'), 'utf8'));
	return exemptions.flatMap((e) =>
		e.files.flatMap((file) => Object.entries(e.rules).map(([rule, names]) => ({ file, rule, names, reason: e.reason }))),
	);
}

/** The import or global a finding names ('stripe' in "Import of 'stripe' is not allowed…"), if any. */
export function nameOf(message) {
	return /'([^']+)'/.exec(message)?.[1];
}

/** The source file a linted file stands for: itself, or for `dist/<x>.js` in the package, `<x>.ts`. */
export function sourceOf(relPath) {
	const p = relPath.split(sep).join('/');
	const m = /^dist\/(.+)\.js$/.exec(p);
	return m ? `${m[1]}.ts` : p;
}

/** The exemption that covers this finding (file relative to the package root), or undefined. */
export function exemptionFor(exemptions, relPath, ruleId, message) {
	const file = sourceOf(relPath);
	const name = nameOf(message);
	return exemptions.find((e) => e.file === file && e.rule === ruleId && (e.names === true || e.names.includes(name)));
}

/**
 * An ESLint processor that drops exempt findings (and keeps everything else), for eslint.config.mjs. Inline
 * `eslint-disable` comments are switched off there, as n8n's scanner switches them off.
 */
export function exemptionsProcessor(root = ROOT) {
	const exemptions = loadExemptions(root);
	return {
		meta: { name: 'n8n-exemptions' },
		supportsAutofix: true,
		preprocess: (text) => [text],
		postprocess: (lists, filename) =>
			lists.flat().filter((m) => !m.ruleId || !exemptionFor(exemptions, relative(root, filename), m.ruleId, m.message)),
	};
}
