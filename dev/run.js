'use strict';
// `npm run dev` (= `npm run build && exec node dev/run.js`): a real n8n on http://localhost:5678 with
// this package, the Appstle sandbox, ready-made credentials and the example workflows in
// dev/workflows. Ctrl-C stops everything. Details and settings: dev/README.md.
// `npm run dev -- --queue`: the same in n8n's queue mode (Redis, Postgres, main + 2 workers; see
// test/n8n/queue.js), with its own data in .n8n-dev-queue/.

const fs = require('node:fs');
const path = require('node:path');
const rt = require('../test/n8n/runtime');
const queue = require('../test/n8n/queue');

const QUEUE_MODE = process.argv.includes('--queue');

// The owner account this script creates on the first run; documented in dev/README.md.
// Local only: the instance listens on localhost and the data lives in .n8n-dev/.
const DEV_OWNER = {
	email: 'dev@example.com',
	password: 'Appstle-dev-1',
	firstName: 'Appstle',
	lastName: 'Developer',
};

const USER_FOLDER = path.join(rt.REPO_ROOT, QUEUE_MODE ? '.n8n-dev-queue' : '.n8n-dev');
const WORKFLOWS_DIR = path.join(__dirname, 'workflows');
// What was imported last time, so unchanged credentials and workflows are not imported again
// (each import boots n8n for ~2 s, and re-importing a workflow would overwrite edits made in the
// editor). Ignored when the database is new.
const IMPORT_STATE = path.join(USER_FOLDER, 'dev-imports.json');
const DATABASE = QUEUE_MODE
	? path.join(USER_FOLDER, 'data', 'postgres', 'PG_VERSION')
	: path.join(USER_FOLDER, '.n8n', 'database.sqlite');

const SANDBOX_PORT = Number(process.env.APPSTLE_SANDBOX_PORT || 8787);
const SANDBOX_API_KEY = process.env.APPSTLE_SANDBOX_API_KEY || 'sandbox-key';

/** Credential ids are fixed so the example workflows can reference them. */
const SANDBOX_CREDENTIAL = { id: 'appstleSandbox', name: 'Appstle Sandbox' };
const LIVE_CREDENTIAL = { id: 'appstleLive', name: 'Appstle (live)' };
/**
 * The signing secret of the webhook endpoints this script registers in the sandbox, and the
 * credential holding it (referenced by the webhook examples). Local only.
 */
const WEBHOOK_CREDENTIAL = { id: 'appstleWebhookSandbox', name: 'Appstle Webhook Sandbox' };
const WEBHOOK_SECRET = 'whsec_YXBwc3RsZS1kZXYtd2ViaG9vay1rZXkh';
const WEBHOOK_TRIGGER_TYPE = `${rt.PACKAGE_NAME}.appstleWebhookTrigger`;

let stopping = false;

/** Stops n8n and the sandbox (also while they are still starting) and exits. */
async function stopAll(exitCode) {
	if (stopping) return;
	stopping = true;
	await rt.stopAllProcesses({ onStop: (name) => rt.log(`Stopping ${name}…`) });
	// n8n rewrites its editor's asset cache on every start; left behind, its ~1,000 JavaScript
	// files would be read by `npm run lint` (n8n's stock eslint config lints the whole tree).
	fs.rmSync(path.join(USER_FOLDER, '.cache'), { recursive: true, force: true });
	process.exit(exitCode);
}

function credentials() {
	const list = [
		{
			...SANDBOX_CREDENTIAL,
			type: 'appstleApi',
			data: {
				apiKey: SANDBOX_API_KEY,
				environment: 'custom',
				baseUrl: `http://127.0.0.1:${SANDBOX_PORT}`,
			},
		},
		{ ...WEBHOOK_CREDENTIAL, type: 'appstleWebhookSigningApi', data: { signingSecret: WEBHOOK_SECRET } },
	];
	if (process.env.APPSTLE_API_KEY) {
		const environment = process.env.APPSTLE_ENVIRONMENT || 'subscriptions';
		list.push({
			...LIVE_CREDENTIAL,
			type: 'appstleApi',
			data: {
				apiKey: process.env.APPSTLE_API_KEY,
				environment,
				...(environment === 'custom' ? { baseUrl: process.env.APPSTLE_BASE_URL || '' } : {}),
			},
		});
	}
	return list;
}

/**
 * dev/workflows/*.json: one workflow object per file, imported inactive. The files say the
 * default ports (sandbox 8787, n8n 5678, e.g. in a sticky note's curl); the imported copies say
 * the ports this run uses.
 */
function exampleWorkflows(n8nPort = 5678) {
	if (!fs.existsSync(WORKFLOWS_DIR)) return [];
	return fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const text = fs
				.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')
				.replace(/\b(127\.0\.0\.1|localhost):8787\b/g, `$1:${SANDBOX_PORT}`)
				.replace(/\b(127\.0\.0\.1|localhost):5678\b/g, `$1:${n8nPort}`);
			return { file, workflow: { active: false, ...JSON.parse(text) } };
		});
}

function readImportState() {
	if (!fs.existsSync(DATABASE) || !fs.existsSync(IMPORT_STATE)) return { workflows: {} };
	return JSON.parse(fs.readFileSync(IMPORT_STATE, 'utf8'));
}

async function importFixtures(env) {
	const state = readImportState();

	const creds = credentials();
	const credsHash = rt.hashJson(creds);
	if (state.credentials !== credsHash) {
		const start = Date.now();
		await rt.importCredentials(creds, env);
		state.credentials = credsHash;
		rt.log(`Imported credentials: ${creds.map((c) => `"${c.name}"`).join(', ')} (${rt.seconds(start)}).`);
	}

	const changed = exampleWorkflows(env.N8N_PORT).filter(
		({ file, workflow }) => state.workflows[file] !== rt.hashJson(workflow),
	);
	if (changed.length > 0) {
		const start = Date.now();
		await rt.importWorkflows(changed.map(({ workflow }) => workflow), env);
		for (const { file, workflow } of changed) state.workflows[file] = rt.hashJson(workflow);
		rt.log(`Imported example workflows: ${changed.map(({ file }) => file).join(', ')} (${rt.seconds(start)}).`);
	}

	fs.writeFileSync(IMPORT_STATE, JSON.stringify(state, null, 2));
}

/**
 * Registers, in the sandbox, the Production URL and the Test URL of every webhook trigger in the
 * example workflows (what a merchant does in the Appstle admin under Settings → Webhooks), with
 * the events the trigger is set to and the "Appstle Webhook Sandbox" secret. With the Test URL
 * registered, the editor's "Execute step" on the trigger receives the next matching change with
 * no curl and no copying of the secret. While nobody listens, n8n answers the Test URL 404 and
 * the sandbox retries on Svix's schedule, as Appstle would. The sandbox forgets endpoints on
 * restart and on POST /__sandbox/reset, so this runs on every start.
 */
async function registerWebhookEndpoints(n8nPort) {
	const sandboxUrl = `http://127.0.0.1:${SANDBOX_PORT}`;
	const registered = [];
	for (const { workflow } of exampleWorkflows(n8nPort)) {
		for (const node of workflow.nodes ?? []) {
			if (node.type !== WEBHOOK_TRIGGER_TYPE || !node.webhookId) continue;
			const events = node.parameters?.events ?? [];
			for (const [kind, prefix] of [['production', 'webhook'], ['test', 'webhook-test']]) {
				const url = `http://127.0.0.1:${n8nPort}/${prefix}/${node.webhookId}/webhook`;
				const response = await fetch(`${sandboxUrl}/__sandbox/webhooks/endpoints`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						url,
						secret: WEBHOOK_SECRET,
						filterTypes: events.includes('*') ? null : events,
						description: `${workflow.name} → ${node.name} (${kind} URL)`,
					}),
					signal: AbortSignal.timeout(10000),
				});
				if (!response.ok) throw new Error(`the sandbox refused the webhook endpoint ${url}: ${response.status} ${await response.text()}`);
				registered.push({ kind, url });
			}
		}
	}
	return registered;
}

async function main() {
	const startedAt = Date.now();
	process.on('SIGINT', () => stopAll(130));
	process.on('SIGTERM', () => stopAll(143));

	await rt.ensureRuntime();

	// The sandbox (~2 s to start) comes up while the package is packed and n8n starts.
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	const sandboxStarted = rt.startSandbox({
		port: SANDBOX_PORT,
		apiKey: SANDBOX_API_KEY,
		logFile: path.join(USER_FOLDER, 'sandbox.log'),
		echo: true,
	});
	// Handled where it is awaited below; this only stops an early failure counting as unhandled.
	sandboxStarted.catch(() => {});

	let start = Date.now();
	const packed = await rt.installPackedPackage(USER_FOLDER);
	rt.log(`Installed ${rt.PACKAGE_NAME}@${packed.version} (packed) into ${path.relative(rt.REPO_ROOT, packed.target)} (${rt.seconds(start)}).`);

	let env = rt.n8nEnv({ userFolder: USER_FOLDER, callerWins: true });
	let n8n;
	if (QUEUE_MODE) {
		rt.log('Starting n8n in queue mode (Redis, Postgres, main + 2 workers)…');
		const cluster = await queue.startQueueMode({
			baseEnv: env,
			dataDir: path.join(USER_FOLDER, 'data'),
			logDir: USER_FOLDER,
			workers: 2,
			beforeMain: importFixtures,
		});
		env = cluster.env;
		n8n = cluster.main;
		for (const worker of cluster.workers) worker.exited.then((code) => stopAll(code));
	} else {
		await importFixtures(env);
		rt.log('Starting n8n…');
		start = Date.now();
		n8n = await rt.startN8n({ env, logFile: path.join(USER_FOLDER, 'n8n.log'), echo: true });
		rt.log(`n8n is up (${rt.seconds(start)}).`);
	}
	// If n8n stops by itself (a crash, or its own signal handling), take the sandbox down too.
	n8n.exited.then((code) => stopAll(code));

	if (await sandboxStarted) {
		rt.log(`Appstle sandbox on http://127.0.0.1:${SANDBOX_PORT} (API key "${SANDBOX_API_KEY}").`);
		for (const { kind, url } of await registerWebhookEndpoints(env.N8N_PORT)) {
			const when = kind === 'production' ? 'publish its workflow to receive' : 'click "Execute step" on the trigger to receive the next matching change';
			rt.log(`Sandbox webhook endpoint: ${url} (${when}; secret in "${WEBHOOK_CREDENTIAL.name}").`);
		}
	} else {
		rt.log(`No sandbox (${path.relative(rt.REPO_ROOT, rt.SANDBOX_ENTRY)} is missing); the "Appstle Sandbox" credential will not connect.`);
	}

	const rest = new rt.N8nRest(n8n.baseUrl);
	let login = `log in as ${DEV_OWNER.email} / ${DEV_OWNER.password}`;
	try {
		const outcome = await rest.setupOwnerOrLogin(DEV_OWNER);
		if (outcome === 'created') rt.log(`Created the owner account ${DEV_OWNER.email}.`);
	} catch (error) {
		// Someone changed the owner's email or password in the editor: their login still works.
		login = `log in with your owner account (the dev default ${DEV_OWNER.email} / ${DEV_OWNER.password} was refused: ${error.message.split('\n')[0]})`;
	}

	const url = `http://localhost:${env.N8N_PORT}`;
	console.log('');
	rt.log(`Ready in ${rt.seconds(startedAt)}: open ${url} and ${login}.`);
	rt.log(`Credentials: "${SANDBOX_CREDENTIAL.name}", "${WEBHOOK_CREDENTIAL.name}"${process.env.APPSTLE_API_KEY ? `, "${LIVE_CREDENTIAL.name}"` : ' (set APPSTLE_API_KEY for a live one)'}. Ctrl-C stops n8n and the sandbox.`);
	console.log('');
}

main().catch(async (error) => {
	// Ctrl-C during a step makes that step fail; that is not worth a stack trace.
	if (stopping) return;
	console.error(`[appstle] ${error.stack || error.message}`);
	await stopAll(1);
});
