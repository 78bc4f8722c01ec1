// `npm run verify`: the checks n8n's verification runs on a community package, done locally.
//
// n8n's scanner (@n8n/scan-community-package, pinned in devDependencies) only scans packages
// already on npm: it checks provenance, downloads the attested source and the tarball, and
// lints both. Its module exports the pieces, so this script runs the same two legs offline:
//   1. source leg: `analyzePackage(dir, SOURCE_FILE_PATTERNS)` over the files git tracks (plus
//      new, not-ignored ones), as they are in the working tree: on a clean clone that is exactly
//      `git archive HEAD`, the tree a provenance attestation points at;
//   2. dist leg: `analyzePackage(dir, ['**/*.js', 'package.json'])` over the unpacked
//      `npm pack` tarball (after `npm run build`).
// Provenance itself can only exist for a package published from CI (see
// .github/workflows/publish.yml); here we check that package.json asks for it.
// It also checks what the tarball holds and what package.json declares, since n8n verifies
// only packages with no runtime dependencies.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const scannerPackage = require('@n8n/scan-community-package/package.json');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);
const glob = require('fast-glob');

const failures = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'appstle-verify-'));

function report(leg, result, fileCount) {
	const status = result.passed ? 'passed' : 'FAILED';
	console.log(`${leg}: ${status} (${fileCount} files linted)${result.message ? ` ${result.message}` : ''}`);
	if (result.details) console.log(result.details);
	if (!result.passed) failures.push(leg);
}

function git(args) {
	return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
}

// 1. Source leg.
const sourceDir = path.join(work, 'source');
const tracked = git(['ls-files', '--cached', '--others', '--exclude-standard', '-z'])
	.split('\0')
	.filter((file) => file && fs.existsSync(path.join(ROOT, file)));
for (const file of tracked) {
	fs.mkdirSync(path.join(sourceDir, path.dirname(file)), { recursive: true });
	fs.copyFileSync(path.join(ROOT, file), path.join(sourceDir, file));
}
const sourceFiles = glob.sync(SOURCE_FILE_PATTERNS, { cwd: sourceDir, ignore: ['node_modules/**'] });
report('source leg', await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS), sourceFiles.length);

// 2. Dist leg: the tarball npm would publish.
const packDir = path.join(work, 'pack');
fs.mkdirSync(packDir);
const packed = JSON.parse(
	execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
		cwd: ROOT,
		encoding: 'utf8',
		env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_'))),
	}),
)[0];
const packageDir = path.join(work, 'package');
fs.mkdirSync(packageDir);
execFileSync('tar', ['-xzf', path.join(packDir, packed.filename), '-C', packageDir, '--strip-components=1']);
const distFiles = glob.sync(['**/*.js', 'package.json'], { cwd: packageDir, ignore: ['node_modules/**'] });
report('dist leg', await analyzePackage(packageDir, ['**/*.js', 'package.json']), distFiles.length);

// 3. What the tarball holds: package.json, README.md, LICENSE and dist/ files built from this
// package's own sources (nodes/, credentials/, icons/, package.json), nothing else.
const ownSources = new Set(tracked.map((file) => file.replace(/\.ts$/, '')));
const stray = packed.files
	.map((f) => f.path)
	.filter((file) => {
		if (['package.json', 'README.md', 'LICENSE'].includes(file)) return false;
		if (!file.startsWith('dist/')) return true;
		const source = file.slice('dist/'.length).replace(/\.(js|js\.map|d\.ts)$/, '');
		return !ownSources.has(source);
	});
if (stray.length) {
	console.log(`tarball: FAILED, files that are not this package's: ${stray.join(', ')}`);
	failures.push('tarball');
} else {
	console.log(`tarball: passed (${packed.files.length} files, ${packed.size} bytes packed)`);
}

// 4. package.json as n8n verifies it.
const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const manifestProblems = [];
if (Object.keys(manifest.dependencies ?? {}).length) manifestProblems.push('"dependencies" must be empty');
if (JSON.stringify(manifest.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
	manifestProblems.push('"peerDependencies" must be exactly {"n8n-workflow": "*"}');
}
if (manifest.publishConfig?.provenance !== true) manifestProblems.push('"publishConfig.provenance" must be true');
if (manifest.license !== 'MIT') manifestProblems.push('"license" must be MIT');
if (manifestProblems.length) {
	console.log(`package.json: FAILED, ${manifestProblems.join('; ')}`);
	failures.push('package.json');
} else {
	console.log('package.json: passed (no dependencies, n8n-workflow the only peer, provenance on publish)');
}

fs.rmSync(work, { recursive: true, force: true });
console.log(
	`verify with @n8n/scan-community-package ${scannerPackage.version}: ${failures.length ? `FAILED (${failures.join(', ')})` : 'passed'}`,
);
process.exit(failures.length ? 1 : 0);
