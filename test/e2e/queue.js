'use strict';
// `npm run test:e2e:queue` (= `npm run build && exec node test/e2e/queue.js`): this package in n8n's
// queue mode, as users scale n8n: Redis, Postgres, `n8n start` (main) and 2 `n8n worker`
// processes (test/n8n/queue.js), against the Appstle sandbox.
//
//  1. The polling trigger polls on main and emits each new event once: activation records a
//     baseline, the next scheduled poll starts exactly one execution (run by a worker), the poll
//     after it starts none.
//  2. Two bulk executions at once on one API key (webhook → Get Many → Update Order Note for each
//     contract) run on the workers, under a limiter of 2 requests per second that the two
//     workers together exceed (each paces at the default 1.9), and finish with no failed item.
//
// Everything it writes stays in .e2e-queue/ (gitignored): logs, Postgres' and Redis' data.
// Every wait is bounded; every process it starts is stopped at the end.

const fs = require('node:fs');
const path = require('node:path');
const rt = require('../n8n/runtime');
const queue = require('../n8n/queue');

const DIR = path.join(rt.REPO_ROOT, '.e2e-queue');
const LOG_DIR = path.join(DIR, 'logs');
const DATA_DIR = path.join(DIR, 'data');
const SANDBOX_API_KEY = 'e2e-queue-key';
const CREDENTIAL = { id: 'appstleSandbox', name: 'Appstle Sandbox', type: 'appstleApi' };
const CREDENTIALS = { appstleApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
const OWNER = { email: 'e2e@example.com', password: 'Appstle-e2e-1', firstName: 'E2E', lastName: 'Owner' };
const PKG = rt.PACKAGE_NAME;

/** Contracts per bulk execution (each is one Update Order Note request). */
const BULK_ITEMS = Number(process.env.APPSTLE_QUEUE_BULK_ITEMS || 30);
/** The sandbox limiter during the bulk part: 2/s like Appstle, a short cooldown to keep the run short. */
const BULK_LIMIT = { ratePerSecond: 2, burst: 5, cooldownMs: 5000, retryAfter: true };
const RUN_TIMEOUT_MS = Number(process.env.APPSTLE_E2E_QUEUE_TIMEOUT_MS || 10 * 60 * 1000);
const POLL_GAP_S = 20;

const results = [];

async function check(name, fn) {
	const start = Date.now();
	let problems;
	try {
		problems = (await fn()) ?? [];
	} catch (error) {
		problems = [error.message];
	}
	results.push({ name, problems });
	console.log(`  ${problems.length === 0 ? '✓' : '✗'} ${name} (${rt.seconds(start)})`);
	for (const problem of problems) console.log(`      ${problem}`);
	return problems.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Workflows

const TRIGGER_WORKFLOW = {
	id: 'queue-trigger',
	name: 'Queue: Subscription Paused',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'q0000000-0000-4000-8000-000000000001',
			name: 'Appstle Trigger',
			type: `${PKG}.appstleTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { events: ['subscriptionPaused'] },
			credentials: CREDENTIALS,
		},
	],
	connections: {},
};

function bulkWorkflow(letter) {
	return {
		id: `queue-bulk-${letter}`,
		name: `Queue: bulk order notes ${letter.toUpperCase()}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `q0000000-0000-4000-8000-0000000001${letter === 'a' ? '1' : '2'}0`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: `q0000000-0000-4000-8000-0000000002${letter === 'a' ? '1' : '2'}0`,
				position: [0, 0],
				parameters: { httpMethod: 'POST', path: `appstle-queue-bulk-${letter}`, responseMode: 'onReceived', options: {} },
			},
			{
				id: `q0000000-0000-4000-8000-0000000003${letter === 'a' ? '1' : '2'}0`,
				name: 'Get Many',
				type: `${PKG}.appstle`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'subscription', operation: 'getMany', limit: BULK_ITEMS, filters: { status: 'active' } },
				credentials: CREDENTIALS,
			},
			{
				id: `q0000000-0000-4000-8000-0000000004${letter === 'a' ? '1' : '2'}0`,
				name: 'Update Order Note',
				type: `${PKG}.appstle`,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'subscription',
					operation: 'updateOrderNote',
					contractId: { __rl: true, mode: 'id', value: '={{ $json.subscriptionContractId }}' },
					orderNote: `Queue bulk ${letter.toUpperCase()}`,
				},
				credentials: CREDENTIALS,
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Get Many', type: 'main', index: 0 }]] },
			'Get Many': { main: [[{ node: 'Update Order Note', type: 'main', index: 0 }]] },
		},
	};
}

// ---------------------------------------------------------------------------------------------
// n8n REST and the sandbox

async function activate(rest, workflowId, patchNodes) {
	const { data: workflow } = await rest.requestOk('GET', `/rest/workflows/${workflowId}`);
	let versionId = workflow.versionId;
	if (patchNodes) {
		const { data: saved } = await rest.requestOk('PATCH', `/rest/workflows/${workflowId}`, {
			nodes: patchNodes(workflow.nodes),
			connections: workflow.connections,
			versionId,
		});
		versionId = saved.versionId;
	}
	await rest.requestOk('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
}

function sandboxClient(url) {
	const call = rt.sandboxAdminCall(url, 15000);
	return {
		reset: () => call('POST', '/reset', {}),
		rateLimit: (config) => call('POST', '/rate-limit', config),
		requests: () => call('GET', '/requests'),
		clearRequests: () => call('DELETE', '/requests'),
		insertEvents: (events) => call('POST', '/activity-logs', { events }),
	};
}

/** Which worker's log says it ran the execution. */
function workerOf(executionId) {
	for (const file of fs.readdirSync(LOG_DIR).filter((f) => f.startsWith('n8n-worker-'))) {
		const text = fs.readFileSync(path.join(LOG_DIR, file), 'utf8');
		if (new RegExp(`Worker started execution ${executionId} \\(`).test(text)) return file.replace(/^n8n-|\.log$/g, '');
	}
	return undefined;
}

async function waitForWorker(executionId, timeoutMs = 10000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const worker = workerOf(executionId);
		if (worker || Date.now() > deadline) return worker;
		await rt.sleep(250);
	}
}

// ---------------------------------------------------------------------------------------------
// 1. The trigger

async function triggerOnMain(rest, sandbox) {
	console.log('\nPolling trigger (polls on main, executions on workers)');
	await sandbox.reset();
	await sandbox.rateLimit({ enabled: false });
	await sandbox.clearRequests();
	const now = new Date();
	const first = (now.getUTCSeconds() + 10) % 60;
	const second = (first + POLL_GAP_S) % 60;
	const third = (second + POLL_GAP_S) % 60;
	const seconds = [first, second, third];
	const pollTimes = { item: seconds.map((s) => ({ mode: 'custom', cronExpression: `${s} * * * * *` })) };
	let ok = await check('activation records a baseline on main and starts no execution', async () => {
		await activate(rest, TRIGGER_WORKFLOW.id, (nodes) => nodes.map((node) => ({ ...node, parameters: { ...node.parameters, pollTimes } })));
		const deadline = Date.now() + 30000;
		while (!(await sandbox.requests()).some((r) => r.path.endsWith('/activity-logs'))) {
			if (Date.now() > deadline) return ['the activation poll never reached the sandbox'];
			await rt.sleep(250);
		}
		await rt.sleep(1000);
		const executions = await rest.listExecutions(TRIGGER_WORKFLOW.id);
		return executions.length === 0 ? [] : [`expected no execution, got ${executions.length}`];
	});
	if (!ok) return;
	const [event] = await sandbox.insertEvents([
		{ entityId: 27510020014, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_PAUSED', eventSource: 'CUSTOMER_PORTAL', status: 'SUCCESS' },
	]).then((r) => r.events);
	let executionId;
	ok = await check(`the next scheduled poll (seconds ${seconds.join(', ')} of each minute) starts exactly one execution with the new event, run by a worker`, async () => {
		const deadline = Date.now() + 90000;
		let executions = [];
		while (executions.length === 0) {
			if (Date.now() > deadline) return ['no execution within 90 s'];
			await rt.sleep(500);
			executions = await rest.listExecutions(TRIGGER_WORKFLOW.id);
		}
		await rt.sleep(3000);
		executions = await rest.listExecutions(TRIGGER_WORKFLOW.id);
		const problems = [];
		if (executions.length !== 1) problems.push(`expected 1 execution, got ${executions.length}`);
		executionId = String(executions[0].id);
		const execution = await rest.waitForExecution(executionId, 60000);
		if (execution.mode !== 'trigger') problems.push(`mode "${execution.mode}", expected "trigger"`);
		if (execution.status !== 'success') problems.push(`status "${execution.status}"`);
		const items = execution.resultData?.runData?.['Appstle Trigger']?.[0]?.data?.main?.[0] ?? [];
		const ids = items.map((item) => Number(item.json.id));
		if (ids.length !== 1 || ids[0] !== event.id) problems.push(`expected the one event ${event.id}, got ${JSON.stringify(ids)}`);
		const worker = await waitForWorker(executionId);
		if (!worker) problems.push(`no worker log says it ran execution ${executionId}`);
		else console.log(`      execution ${executionId} ran on ${worker}`);
		return problems;
	});
	if (!ok) return;
	await check('the poll after it starts no second execution (the event is emitted once)', async () => {
		await sandbox.clearRequests();
		const deadline = Date.now() + 70000;
		while (!(await sandbox.requests()).some((r) => r.path.endsWith('/activity-logs'))) {
			if (Date.now() > deadline) return ['no further poll within 70 s'];
			await rt.sleep(500);
		}
		await rt.sleep(3000);
		const executions = await rest.listExecutions(TRIGGER_WORKFLOW.id);
		return executions.length === 1 ? [] : [`expected still 1 execution, got ${executions.length}`];
	});
	await rest.request('POST', `/rest/workflows/${TRIGGER_WORKFLOW.id}/deactivate`, {}).catch(() => {});
}

// ---------------------------------------------------------------------------------------------
// 2. Two concurrent bulk executions on one key

async function concurrentBulk(rest, sandbox, n8nUrl) {
	console.log(`\nTwo concurrent bulk executions on one key (${BULK_ITEMS} writes each; limiter ${BULK_LIMIT.ratePerSecond}/s, burst ${BULK_LIMIT.burst}, cooldown ${BULK_LIMIT.cooldownMs / 1000} s)`);
	const bulk = ['a', 'b'].map(bulkWorkflow);
	for (const workflow of bulk) await activate(rest, workflow.id);
	await rt.sleep(2000);
	await sandbox.reset();
	await sandbox.rateLimit(BULK_LIMIT);
	await sandbox.clearRequests();
	const started = Date.now();
	const summary = {};
	await check('both run on workers and finish with every item updated, none failed', async () => {
		// Activation registers a webhook shortly after it answers; 404 = not yet (nothing started).
		const call = async (letter) => {
			const deadline = Date.now() + 30000;
			for (;;) {
				const answer = await fetch(`${n8nUrl}/webhook/appstle-queue-bulk-${letter}`, { method: 'POST', signal: AbortSignal.timeout(30000) });
				if (answer.status !== 404 || Date.now() > deadline) return answer;
				await rt.sleep(250);
			}
		};
		const answers = await Promise.all(['a', 'b'].map(call));
		const problems = answers.filter((a) => !a.ok).map((a) => `webhook answered ${a.status}`);
		const ids = [];
		for (const workflow of bulk) {
			const deadline = Date.now() + 30000;
			let executions = [];
			while (executions.length === 0 && Date.now() < deadline) {
				await rt.sleep(250);
				executions = await rest.listExecutions(workflow.id);
			}
			if (executions.length !== 1) problems.push(`${workflow.id}: expected 1 execution, got ${executions.length}`);
			if (executions[0]) ids.push(String(executions[0].id));
		}
		const executions = await Promise.all(ids.map((id) => rest.waitForExecution(id, 6 * 60 * 1000)));
		summary.wallMs = Date.now() - started;
		const workers = [];
		for (const execution of executions) {
			const updated = execution.resultData?.runData?.['Update Order Note']?.[0];
			const items = updated?.data?.main?.[0] ?? [];
			const failed = items.filter((item) => item.json.success !== true);
			if (execution.status !== 'success') problems.push(`execution ${execution.id}: status ${execution.status} ${execution.resultData?.error?.message ?? ''}`);
			if (items.length !== BULK_ITEMS) problems.push(`execution ${execution.id}: ${items.length} items, expected ${BULK_ITEMS}`);
			if (failed.length > 0) problems.push(`execution ${execution.id}: ${failed.length} failed item(s)`);
			const worker = await waitForWorker(execution.id);
			if (!worker) problems.push(`no worker log says it ran execution ${execution.id}`);
			workers.push(`${execution.id} on ${worker}`);
		}
		const log = await sandbox.requests();
		summary.requests = log.length;
		summary.rejected = log.filter((r) => r.status === 429).length;
		summary.ok = log.filter((r) => r.status === 200 && r.method === 'PUT').length;
		summary.workers = workers.join(', ');
		if (summary.ok !== 2 * BULK_ITEMS) problems.push(`the sandbox applied ${summary.ok} order notes, expected ${2 * BULK_ITEMS}`);
		return problems;
	});
	if (summary.wallMs !== undefined) {
		console.log(
			`      executions ${summary.workers}; ${summary.ok} writes in ${(summary.wallMs / 1000).toFixed(1)} s (${((summary.ok + 2) / (summary.wallMs / 1000) / BULK_LIMIT.ratePerSecond).toFixed(2)} × the limit), ${summary.rejected} × 429 of ${summary.requests} requests`,
		);
	}
	return summary;
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const startedAt = Date.now();
	await rt.ensureRuntime();
	await queue.ensureQueueDependencies();
	// Postgres' data belongs to the postgres user when this runs as root: rm as root works.
	fs.rmSync(DIR, { recursive: true, force: true });
	fs.mkdirSync(LOG_DIR, { recursive: true });
	// n8n's user folder lives outside the repository (see rt.scratchUserFolder), emptied per run.
	const userFolder = rt.scratchUserFolder('e2e-queue');
	const packed = await rt.installPackedPackage(userFolder);
	rt.log(`Packed ${PKG}@${packed.version} into ${path.relative(rt.REPO_ROOT, packed.target)}.`);

	const stop = () => rt.stopAllProcesses();
	process.on('SIGINT', () => stop().then(() => process.exit(130)));
	process.on('SIGTERM', () => stop().then(() => process.exit(143)));
	const watchdog = setTimeout(() => {
		console.error(`\n[appstle e2e:queue] the run took longer than ${RUN_TIMEOUT_MS / 1000} s; stopping every process. Logs: ${path.relative(rt.REPO_ROOT, LOG_DIR)}/`);
		stop().then(() => process.exit(1));
	}, RUN_TIMEOUT_MS);
	watchdog.unref();

	try {
		const sandboxPort = await rt.freePort();
		const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
		await rt.startSandbox({ port: sandboxPort, apiKey: SANDBOX_API_KEY, logFile: path.join(LOG_DIR, 'sandbox.log') });
		rt.log(`Sandbox on ${sandboxUrl}.`);
		const sandbox = sandboxClient(sandboxUrl);

		const baseEnv = rt.n8nEnv({ userFolder, port: await rt.freePort(), brokerPort: await rt.freePort() });
		const cluster = await queue.startQueueMode({
			baseEnv,
			dataDir: DATA_DIR,
			logDir: LOG_DIR,
			workers: 2,
			// One job at a time per worker, so the two executions land on different workers.
			concurrency: 1,
			beforeMain: async (env) => {
				await rt.importCredentials([{ ...CREDENTIAL, data: { apiKey: SANDBOX_API_KEY, environment: 'custom', baseUrl: sandboxUrl } }], env);
				await rt.importWorkflows([TRIGGER_WORKFLOW, bulkWorkflow('a'), bulkWorkflow('b')], env);
			},
		});
		const rest = new rt.N8nRest(cluster.main.baseUrl);
		console.log('\nn8n queue mode');
		await check('owner setup over REST', async () => {
			const outcome = await rest.setupOwnerOrLogin(OWNER);
			return outcome === 'created' ? [] : [`expected a fresh instance, got "${outcome}"`];
		});
		await check('main runs in queue mode, on Postgres', async () => {
			const { data: settings } = await rest.requestOk('GET', '/rest/settings');
			const problems = settings.executionMode === 'queue' ? [] : [`executionMode is "${settings.executionMode}"`];
			// n8n's tables live in the Postgres this run started (and no SQLite file appeared).
			const psql = queue.postgresBin('psql') || 'psql';
			const tables = await rt.run(psql, ['-h', '127.0.0.1', '-p', String(cluster.postgresPort), '-U', 'postgres', '-d', 'n8n', '-Atc', "SELECT count(*) FROM information_schema.tables WHERE table_name = 'execution_entity'"]);
			if (tables.stdout.trim() !== '1') problems.push(`no execution_entity table in Postgres (${tables.stderr.trim() || tables.stdout.trim()})`);
			if (fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'))) problems.push('a SQLite database appeared in the user folder');
			return problems;
		});

		await triggerOnMain(rest, sandbox);
		await concurrentBulk(rest, sandbox, cluster.main.baseUrl);
	} finally {
		await stop();
	}
	const failed = results.filter((r) => r.problems.length > 0);
	console.log(`\n${results.length - failed.length} passed, ${failed.length} failed, ${rt.seconds(startedAt)}. Logs: ${path.relative(rt.REPO_ROOT, LOG_DIR)}/`);
	process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error) => {
	console.error(`\n[appstle e2e:queue] ${error.stack || error.message}`);
	rt.stopAllProcesses().finally(() => {
		process.exitCode = 1;
	});
});
