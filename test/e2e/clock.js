'use strict';
// `npm run test:e2e:clock`: the cases that count records in a time window, in a real n8n whose
// clock is pinned (libfaketime), at 00:30 and 23:30 UTC on the last day of this month. Every
// process of the run sees the pinned clock: npm, the sandbox (which seeds its shop at that
// instant) and n8n (whose `$now` the workflows use). Expects `npm run build` to have run.
//
// As root it installs Debian's `faketime` package when missing (like the queue-mode suite
// installs Redis and Postgres); otherwise it says what to install.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const rt = require('../n8n/runtime');

/** The e2e cases whose expectations count records in a window that starts at `$now`. */
const WINDOW_CASES = ['example-weekly-digest'];

function onPath(name) {
	return (process.env.PATH || '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, name)));
}

async function ensureFaketime() {
	if (onPath('faketime')) return;
	if (!(typeof process.getuid === 'function' && process.getuid() === 0)) {
		throw new Error('pinning the clock needs libfaketime: sudo apt-get install -y faketime');
	}
	rt.log('Installing faketime with apt-get (first run only)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await rt.runChecked('apt-get', ['update'], { env });
	await rt.runChecked('apt-get', ['install', '-y', 'faketime'], { env });
}

/** 00:30 and 23:30 UTC on the last day of the current month, as faketime reads them (TZ=UTC). */
function pinnedInstants(nowMs = Date.now()) {
	const now = new Date(nowMs);
	const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
	const day = lastDay.toISOString().slice(0, 10);
	return [`${day} 00:30:00`, `${day} 23:30:00`];
}

/** Runs the e2e runner on `cases` under a clock that starts at `instant`; resolves its output. */
function runPinned(instant, cases) {
	return new Promise((resolve) => {
		const child = spawn('faketime', [instant, process.execPath, path.join(__dirname, 'run.js'), ...cases], {
			cwd: rt.REPO_ROOT,
			env: { ...process.env, TZ: 'UTC' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		const echo = (chunk) => {
			output += chunk;
			process.stdout.write(chunk);
		};
		child.stdout.on('data', echo);
		child.stderr.on('data', echo);
		child.on('close', (code) => resolve({ code, output }));
	});
}

async function main() {
	await ensureFaketime();
	let passed = 0;
	let failed = 0;
	for (const instant of pinnedInstants()) {
		console.log(`\nClock pinned to ${instant} UTC`);
		const { code, output } = await runPinned(instant, WINDOW_CASES);
		const summary = /^(\d+) passed, (\d+) failed/m.exec(output);
		if (summary) {
			passed += Number(summary[1]);
			failed += Number(summary[2]);
		}
		if (code !== 0 && (!summary || Number(summary[2]) === 0)) failed += 1;
	}
	console.log(`\n${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
	console.error(`\n[appstle e2e clock] ${error.stack || error.message}`);
	process.exitCode = 1;
});
