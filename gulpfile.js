const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc copies neither the icons (light and dark SVGs) nor the codex files (`<Node>.node.json`: categories, aliases,
// documentation links), so they go to dist/ here, beside the compiled node or credential, as n8n-nodes-starter's
// build does.
function copy(folder, pattern) {
	const fn = () =>
		src(path.resolve(folder, '**', pattern), { encoding: false }).pipe(dest(path.resolve('dist', folder)));
	fn.displayName = `copy:${folder}/${pattern}`;
	return fn;
}

task(
	'build:assets',
	parallel(copy('nodes', '*.{png,svg}'), copy('credentials', '*.{png,svg}'), copy('nodes', '*.node.json')),
);
