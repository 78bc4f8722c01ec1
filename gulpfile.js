const path = require('path');
const { task, src, dest } = require('gulp');

// n8n resolves `file:` icons relative to the compiled node and credential files, so the SVGs
// must sit in dist/ beside them, at the same relative place as in the source tree.
function copyIcons() {
	return src(['icons/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	);
}

task('build:icons', copyIcons);
