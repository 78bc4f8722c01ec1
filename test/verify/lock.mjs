// `npm run check:lock` (part of `npm test`): the committed package-lock.json is a fixed point of
// `npm install`, so a fresh clone's install follows it and rewrites nothing.
//
// npm keeps a locked tree as it is unless an edge in it is broken. A broken edge, even an
// *optional peer* edge whose package happens to sit in the tree at a version outside the range
// (a dev tool's `openai` wanting `@aws-sdk/credential-provider-node >=3.972` while n8n-core's
// S3 client brings 3.808), makes every `npm install` re-resolve that range against the
// registry as it is that day; the newest match then drags its own newer dependencies into the
// lock (`@smithy/core` 3.41.0 → 3.41.1 in December 2026), and CI's "the run changed tracked
// files" check fails through no change of ours. So no edge may be broken: a dev dependency
// that satisfies the range (package.json pins those exactly, see README → Development) keeps
// the tree valid, and this check names any new one the moment a dependency update adds it.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let tree;
try {
	tree = execFileSync('npm', ['ls', '--all', '--package-lock-only'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
} catch (error) {
	// npm ls exits 1 when it finds problems; its tree is still on stdout.
	tree = String(error.stdout ?? '');
	if (tree === '') throw error;
}

// `pkg@1.2.3 deduped invalid: "^2" from node_modules/a, …` and `UNMET DEPENDENCY pkg@^2`
// (a missing optional dependency, `UNMET OPTIONAL DEPENDENCY`, is fine: npm leaves it out).
const broken = new Set();
for (const line of tree.split('\n')) {
	const invalid = /([^\s]+@[^\s]+) (?:deduped )?invalid: (.*)$/.exec(line);
	if (invalid) broken.add(`${invalid[1]} does not satisfy ${invalid[2]}`);
	const unmet = /UNMET DEPENDENCY ([^\s]+)/.exec(line);
	if (unmet) broken.add(`${unmet[1]} is missing`);
}

if (broken.size > 0) {
	console.error('package-lock.json has broken edges, so `npm install` would re-resolve them and rewrite the lock:');
	for (const problem of [...broken].sort()) console.error(`  ${problem}`);
	console.error(
		'Add a devDependency, pinned exactly, that satisfies the range (README → Development, "Why some dev dependencies are pinned"), then `npm install` and commit the lock.',
	);
	process.exit(1);
}
console.log('lock: no broken edge, `npm install` follows package-lock.json as committed');
