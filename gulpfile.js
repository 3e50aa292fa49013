const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// Icons are not TypeScript, so tsc does not copy them: every SVG/PNG beside a node or credential goes to dist/.
function copyIcons(folder) {
	const fn = () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
	fn.displayName = `icons:${folder}`;
	return fn;
}

task('build:icons', parallel(copyIcons('nodes'), copyIcons('credentials')));
