'use strict';
// Refuses a release while the owner's details are still placeholders: run by
// .github/workflows/publish.yml before anything is installed, and by hand as
// `node dev/release-check.js <owner>/<repository>`.
//
// npm's provenance names the GitHub repository that built the package, and npm refuses a
// provenance publish whose package.json `repository.url` names another one. The links in the
// nodes' codex files, the credential's documentation link and the changelog point users at the
// same repository. README.md, Development, "Releasing" lists every place.

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const repository = process.argv[2] || process.env.GITHUB_REPOSITORY || '';

/** Every file that names the repository, and what in it must be the owner's. */
const PLACES = [
	'package.json',
	'LICENSE',
	'CHANGELOG.md',
	'credentials/AppstleApi.credentials.ts',
	'nodes/Appstle/Appstle.node.json',
	'nodes/Appstle/AppstleTrigger.node.json',
	'nodes/Appstle/AppstleWebhookTrigger.node.json',
];

const PLACEHOLDER_REPOSITORY = 'n8n-nodes-appstle/n8n-nodes-appstle';

const problems = [];
if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
	problems.push('Name the GitHub repository as <owner>/<repository> (argument or GITHUB_REPOSITORY).');
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const expectedUrl = `git+https://github.com/${repository}.git`;
if (pkg.repository?.url !== expectedUrl) {
	problems.push(`package.json repository.url is "${pkg.repository?.url}"; a provenance publish from ${repository} needs "${expectedUrl}".`);
}
if (!String(pkg.homepage ?? '').startsWith(`https://github.com/${repository}`)) {
	problems.push(`package.json homepage is "${pkg.homepage}"; expected https://github.com/${repository}#readme.`);
}
if (/\.invalid$/.test(pkg.author?.email ?? '') || pkg.author?.name === 'n8n-nodes-appstle developers') {
	problems.push(`package.json author is the placeholder ${JSON.stringify(pkg.author)}; set the maintainer's name and email.`);
}
if (repository.toLowerCase() !== PLACEHOLDER_REPOSITORY) {
	for (const file of PLACES) {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		if (text.includes(`github.com/${PLACEHOLDER_REPOSITORY}`)) problems.push(`${file} still links to github.com/${PLACEHOLDER_REPOSITORY}.`);
	}
}
if (fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8').includes('n8n-nodes-appstle developers')) {
	problems.push('LICENSE names the placeholder copyright holder "n8n-nodes-appstle developers".');
}

if (problems.length) {
	console.error(`Not releasing: the owner's details are placeholders (README.md, Development, "Releasing").\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(`Release details name ${repository}.`);
