'use strict';
// `npm run test:e2e` (= `npm run build && exec node test/e2e/run.js [name filter…]`): this package,
// packed as users get it, in a real n8n 2.41.1 against the Appstle sandbox.
//
//  1. fresh user folder .e2e/n8n, packed package in its nodes folder, sandbox on a free port
//  2. import the "Appstle Sandbox" credential and every case's workflow
//  3. cases with `execute` checks: `n8n execute --id … --rawOutput`
//  4. cases with `activation` checks: `n8n publish:workflow`, so `n8n start` polls them once
//  5. `n8n start` on free ports, owner setup over REST, smoke checks (our node and credential
//     types are loaded), `activation` and `manual` (REST run) checks
//  6. `webhook` checks: a published webhook trigger gets the sandbox's signed deliveries
//  7. `scheduled` checks: a polling trigger activated over REST and left to n8n's scheduler
//  8. no n8n log line complains about our package
//
// Every wait is bounded (see the timeouts below), and every process this run starts is stopped
// at the end, also when a check or the run fails.
//
// Cases are data: test/e2e/cases/*.json, described in test/e2e/README.md. Everything a run
// writes stays in .e2e/ (gitignored) for inspection; the next run starts from scratch.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const rt = require('../n8n/runtime');
const { checkExecution, match } = require('./checks');

const E2E_DIR = path.join(rt.REPO_ROOT, '.e2e');
const LOG_DIR = path.join(E2E_DIR, 'logs');
/** Every checked execution's node outputs, for reading when a case fails or is being written. */
const OUTPUT_DIR = path.join(E2E_DIR, 'outputs');
const CASES_DIR = path.join(__dirname, 'cases');

const SANDBOX_API_KEY = 'e2e-sandbox-key';
/** Case workflows reference this credential; the same id and name as in `npm run dev`. */
const SANDBOX_CREDENTIAL = { id: 'appstleSandbox', name: 'Appstle Sandbox', type: 'appstleApi' };
/** The signing secret of the webhook endpoints cases register in the sandbox (`__WEBHOOK_SECRET__`). */
const WEBHOOK_SECRET = 'whsec_YXBwc3RsZS1lMmUtd2ViaG9vay1rZXkh';
/** Webhook trigger nodes reference this credential; the same id and name as in `npm run dev`. */
/**
 * The same sandbox and key with Max Wait 2 s (custom rate limits): a case picks it with
 * `"credential": "shortRateLimitWait"` to meet a 429 cooldown longer than a request may wait
 * without waiting minutes for it.
 */
const SHORT_WAIT_CREDENTIAL = { id: 'appstleSandboxShortWait', name: 'Appstle Sandbox (Max Wait 2 s)', type: 'appstleApi' };
const SHORT_WAIT_SECONDS = 2;
const WEBHOOK_CREDENTIAL = { id: 'appstleWebhookSandbox', name: 'Appstle Webhook Sandbox', type: 'appstleWebhookSigningApi' };
const OWNER = { email: 'e2e@example.com', password: 'Appstle-e2e-1', firstName: 'E2E', lastName: 'Owner' };

/** How long `n8n start` gets to run a published workflow's activation poll. */
const ACTIVATION_TIMEOUT_MS = 30000;
/** How long a case expecting no activation execution waits to be sure. */
const NO_ACTIVATION_WAIT_MS = 5000;
const MANUAL_RUN_TIMEOUT_MS = 60000;
/** One `n8n execute` (a fresh n8n process, ~3-5 s here) is stopped after this. */
const EXECUTE_TIMEOUT_MS = 120000;
/** A request to the sandbox's admin API. */
const SANDBOX_REQUEST_TIMEOUT_MS = 15000;
/**
 * `scheduled` cases: the trigger polls at two fixed seconds of every minute, this far apart, the
 * first about SCHEDULE_FIRST_POLL_S after activation. n8n refuses a poll time that fires more than
 * once a minute (`isSubMinuteCron`), but takes several poll times, each once a minute.
 */
const SCHEDULE_GAP_S = 20;
const SCHEDULE_FIRST_POLL_S = 8;
/** How long a `scheduled` step waits for the poll that should emit its events. */
const SCHEDULED_POLL_TIMEOUT_MS = 90000;
/** After a `quietAfterFaults` poll met its faults, how long to watch for an execution it should not create. */
const QUIET_POLL_WAIT_MS = 10000;
/** After a poll's execution shows up, how long to watch for a second, unexpected one. */
const SCHEDULED_SETTLE_MS = 1500;
/** How long a `webhook` step waits for the sandbox to finish its deliveries (retries included). */
const WEBHOOK_DELIVERY_TIMEOUT_MS = 30000;
/** After the deliveries, how long a `webhook` step waits for (further) executions to show up. */
const WEBHOOK_SETTLE_MS = 3000;
/** The whole run (after the one-time n8n install) is stopped after this, whatever hangs. */
const RUN_TIMEOUT_MS = Number(process.env.APPSTLE_E2E_TIMEOUT_MS || 8 * 60 * 1000);

// ---------------------------------------------------------------------------------------------
// Results

const results = [];

function record(name, problems, startMs) {
	results.push({ name, problems });
	const took = rt.seconds(startMs);
	if (problems.length === 0) {
		console.log(`  ✓ ${name} (${took})`);
	} else {
		console.log(`  ✗ ${name} (${took})`);
		for (const problem of problems) console.log(`      ${problem}`);
	}
}

/** Runs one check; an exception counts as a failure of that check, not of the whole run. */
async function check(name, fn) {
	const start = Date.now();
	try {
		record(name, (await fn()) ?? [], start);
	} catch (error) {
		record(name, [error.message], start);
	}
}

// ---------------------------------------------------------------------------------------------
// Cases

const CREDENTIALS = { appstleApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } };
/** What a case's `credential` may name (default: the sandbox credential). */
const CASE_CREDENTIALS = {
	sandbox: CREDENTIALS,
	shortRateLimitWait: { appstleApi: { id: SHORT_WAIT_CREDENTIAL.id, name: SHORT_WAIT_CREDENTIAL.name } },
};
const START = {
	id: 'e2e00000-0000-4000-8000-000000000001',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * The workflow a case runs, from one of (test/e2e/README.md):
 *   "appstle": {parameters}          Start (Manual Trigger) → "Appstle" (our action node)
 *   "appstleTrigger": {parameters}   "Appstle Trigger" alone (our polling trigger)
 *   "workflowFile": "dev/workflows/x.json"   a workflow file, e.g. an example of `npm run dev`
 *   "workflow": {nodes, connections, …}      a workflow inline, e.g. exported from the editor
 * The shorthands use the sandbox credential; the id defaults to one derived from the file name.
 */
function caseWorkflow(spec, name) {
	// n8n 2.41 keeps a workflow's static data (a trigger's cursor, seen IDs) only for ids of at
	// most 21 characters (isWorkflowIdValid), so the id is short: a readable start and a hash.
	const id = `e2e-${name.slice(0, 8)}-${crypto.createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
	const credentials = CASE_CREDENTIALS[spec.credential ?? 'sandbox'];
	if (!credentials) throw new Error(`${name}: unknown credential "${spec.credential}" (one of ${Object.keys(CASE_CREDENTIALS).join(', ')})`);
	if (spec.appstle) {
		const node = {
			id: 'e2e00000-0000-4000-8000-000000000002',
			name: 'Appstle',
			type: `${rt.PACKAGE_NAME}.appstle`,
			typeVersion: 1,
			position: [220, 0],
			parameters: spec.appstle,
			credentials,
		};
		return {
			workflow: {
				id,
				name: `E2E ${name}`,
				nodes: [START, node],
				connections: { Start: { main: [[{ node: 'Appstle', type: 'main', index: 0 }]] } },
			},
			trigger: 'Start',
		};
	}
	if (spec.appstleTrigger) {
		const node = {
			id: 'e2e00000-0000-4000-8000-000000000003',
			name: 'Appstle Trigger',
			type: `${rt.PACKAGE_NAME}.appstleTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: spec.appstleTrigger,
			credentials,
		};
		return { workflow: { id, name: `E2E ${name}`, nodes: [node], connections: {} }, trigger: 'Appstle Trigger' };
	}
	if (spec.workflowFile) {
		const workflow = JSON.parse(fs.readFileSync(path.join(rt.REPO_ROOT, spec.workflowFile), 'utf8'));
		return { workflow: { id, ...workflow }, trigger: spec.trigger };
	}
	return { workflow: { id, ...spec.workflow }, trigger: spec.trigger };
}

/**
 * test/e2e/cases/<name>.json:
 *   { description, <workflow>, trigger?, sandbox?, expect: { execute?, activation?, manual? } }
 * `__SANDBOX_URL__` anywhere in a case becomes the sandbox's URL (its port is random),
 * `__SANDBOX_API_KEY__` its API key (for `sandbox` steps that call the API itself), `__N8N_URL__`
 * the base URL of the n8n that `n8n start` runs (for webhook endpoints registered in the
 * sandbox) and `__WEBHOOK_SECRET__` the signing secret of the "Appstle Webhook Sandbox" credential.
 * Command-line arguments filter cases by substring of their file name.
 */
function loadCases(filters, sandboxUrl, n8nUrl) {
	if (!fs.existsSync(CASES_DIR)) return [];
	const cases = fs
		.readdirSync(CASES_DIR)
		.filter((file) => file.endsWith('.json'))
		.filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
		.sort()
		.map((file) => {
			const text = fs
				.readFileSync(path.join(CASES_DIR, file), 'utf8')
				.replaceAll('__SANDBOX_URL__', sandboxUrl)
				.replaceAll('__SANDBOX_API_KEY__', SANDBOX_API_KEY)
				.replaceAll('__N8N_URL__', n8nUrl)
				.replaceAll('__WEBHOOK_SECRET__', WEBHOOK_SECRET);
			const spec = JSON.parse(text);
			const name = file.replace(/\.json$/, '');
			const { workflow, trigger } = caseWorkflow(spec, name);
			if (!spec.expect || Object.keys(spec.expect).length === 0) {
				throw new Error(`${file}: expect needs at least one of execute, activation, manual, scheduled, webhook, listSearch, mcp`);
			}
			if ((spec.expect.activation || spec.expect.manual || spec.expect.scheduled) && !trigger) {
				throw new Error(`${file}: activation, manual and scheduled checks need "trigger" (the start node's name)`);
			}
			if (spec.expect.webhook && !(spec.expect.webhook.steps?.length > 0)) {
				throw new Error(`${file}: webhook needs "steps", one per delivery scenario`);
			}
			if (spec.expect.mcp && !(spec.expect.mcp.path && spec.expect.mcp.steps?.length > 0)) {
				throw new Error(`${file}: mcp needs "path" (the MCP Server Trigger's) and "steps"`);
			}
			if (spec.expect.scheduled && !(spec.expect.scheduled.polls?.length > 0)) {
				throw new Error(`${file}: scheduled needs "polls", one expectation block per poll`);
			}
			return {
				...spec,
				name,
				trigger,
				workflow: { active: false, settings: { executionOrder: 'v1' }, ...workflow },
			};
		});
	const ids = cases.map((c) => c.workflow.id);
	const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
	if (duplicate) throw new Error(`two cases use the workflow id "${duplicate}"`);
	return cases;
}

/**
 * The node and credential types package.json declares, read from the built classes (so a new
 * node is smoke-checked without touching this file). Files that do not load are reported.
 */
function declaredTypes() {
	const pkg = require(path.join(rt.REPO_ROOT, 'package.json'));
	const types = { nodes: [], credentials: [], files: [...pkg.n8n.nodes, ...pkg.n8n.credentials], loadErrors: [] };
	const instances = (file) => {
		try {
			// The classes a file exports (it may export constants too), as n8n's loader finds them.
			return Object.values(require(path.join(rt.REPO_ROOT, file)))
				.filter((value) => typeof value === 'function')
				.map((Class) => new Class());
		} catch (error) {
			types.loadErrors.push(`${file}: ${error.message.split('\n')[0]}`);
			return [];
		}
	};
	for (const file of pkg.n8n.nodes) {
		for (const node of instances(file)) types.nodes.push(`${pkg.name}.${node.description.name}`);
	}
	for (const file of pkg.n8n.credentials) {
		for (const credential of instances(file)) types.credentials.push(credential.name);
	}
	return types;
}

// ---------------------------------------------------------------------------------------------
// Sandbox

/**
 * Restores the sandbox's seeded shop (and clears its faults, request log and rate-limit state),
 * then sends a case's `sandbox` setup requests to the admin API (test/sandbox/README.md), e.g.
 * {"method": "POST", "path": "/__sandbox/activity-logs", "body": {"events": [...]}}.
 */
async function prepareSandbox(sandboxUrl, steps) {
	await sandboxRequests(sandboxUrl, [{ method: 'POST', path: '/__sandbox/reset', body: {} }, ...steps]);
}

/** Sends requests to the sandbox in order (no reset); `method` defaults to POST. */
async function sandboxRequests(sandboxUrl, steps) {
	for (const step of steps) {
		const method = step.method ?? 'POST';
		const response = await fetch(`${sandboxUrl}${step.path}`, {
			method,
			headers: step.body === undefined ? {} : { 'content-type': 'application/json' },
			body: step.body === undefined ? undefined : JSON.stringify(step.body),
			signal: AbortSignal.timeout(SANDBOX_REQUEST_TIMEOUT_MS),
		});
		if (!response.ok) {
			throw new Error(`sandbox ${method} ${step.path.split('?')[0]} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Executions

/** `n8n execute` processes still running, so a failed or interrupted run can stop them. */
const executeChildren = new Set();

/**
 * Runs one n8n CLI command like rt.n8nCommand, but stops it (SIGTERM, SIGKILL 5 s later) when
 * it takes longer than `timeoutMs`. Resolves {code, stdout, stderr, timedOut}.
 */
function n8nCommandBounded(args, env, timeoutMs) {
	return new Promise((resolve, reject) => {
		const child = spawn(rt.NODE24, [rt.N8N_BIN, ...args], { cwd: rt.REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		executeChildren.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		let killTimer;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGTERM');
			killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
		}, timeoutMs);
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		child.on('error', (error) => {
			clearTimeout(timer);
			executeChildren.delete(child);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			clearTimeout(killTimer);
			executeChildren.delete(child);
			resolve({ code: code ?? 1, stdout, stderr, timedOut });
		});
	});
}

/** Stops every process this run started: `n8n execute` children, then n8n, the sandbox, commands. */
async function stopEverything() {
	const running = [...executeChildren];
	for (const child of running) child.kill('SIGTERM');
	const deadline = Date.now() + 5000;
	while (executeChildren.size > 0 && Date.now() < deadline) await rt.sleep(100);
	for (const child of executeChildren) child.kill('SIGKILL');
	await rt.stopAllProcesses();
}

/** `n8n execute` prints the run as JSON: {status, data: {resultData}}. */
async function executeCli(workflowId, env) {
	const result = await n8nCommandBounded(['execute', `--id=${workflowId}`, '--rawOutput'], env, EXECUTE_TIMEOUT_MS);
	appendLog(`execute-${workflowId}.log`, result);
	if (result.timedOut) {
		throw new Error(`n8n execute --id=${workflowId} did not finish within ${EXECUTE_TIMEOUT_MS / 1000} s (stopped; output in ${path.relative(rt.REPO_ROOT, LOG_DIR)}/execute-${workflowId}.log)`);
	}
	const run = rt.parseExecuteOutput(result.stdout);
	if (!run) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
		throw new Error(`n8n execute (exit ${result.code}) printed no execution JSON:\n${tail}`);
	}
	return { status: run.status, resultData: run.data?.resultData };
}

/** The execution the activation poll created (mode "trigger"), or undefined after the wait. */
async function waitForActivationExecution(rest, workflowId, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = (await rest.listExecutions(workflowId)).find((execution) => execution.mode === 'trigger');
		if (found) return rest.waitForExecution(found.id, Math.max(deadline - Date.now(), 1000));
		if (Date.now() > deadline) return undefined;
		await rt.sleep(250);
	}
}

/**
 * A manual run, as the editor's "Execute workflow" / "Fetch test event" does: for a polling
 * trigger `poll()` then sees getMode() === 'manual'.
 */
async function runManually(rest, workflowId, triggerName) {
	const { data } = await rest.requestOk('POST', `/rest/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: triggerName },
	});
	if (!data?.executionId) throw new Error(`no executionId in the run response: ${JSON.stringify(data)}`);
	return rest.waitForExecution(data.executionId, MANUAL_RUN_TIMEOUT_MS);
}

// ---------------------------------------------------------------------------------------------
// Scheduled polls

/**
 * The poll times a `scheduled` case runs with: two custom crons, each firing once a minute at a
 * fixed second (what n8n accepts for a polling trigger), SCHEDULE_GAP_S apart, the first about
 * SCHEDULE_FIRST_POLL_S from now.
 */
function schedulePollTimes(nowMs = Date.now()) {
	const first = (new Date(nowMs).getUTCSeconds() + SCHEDULE_FIRST_POLL_S) % 60;
	const second = (first + SCHEDULE_GAP_S) % 60;
	return {
		seconds: [first, second].sort((a, b) => a - b),
		pollTimes: {
			item: [
				{ mode: 'custom', cronExpression: `${first} * * * * *` },
				{ mode: 'custom', cronExpression: `${second} * * * * *` },
			],
		},
	};
}

/**
 * Sets the trigger node's poll times (PATCH, as the editor saves) and activates the workflow
 * over REST (the editor's "Publish"), which runs the trigger's first poll (the baseline) before
 * it answers. Returns the seconds of each minute at which n8n then polls.
 */
async function activateWithPollTimes(rest, workflowId, triggerName) {
	const { data: workflow } = await rest.requestOk('GET', `/rest/workflows/${workflowId}`);
	if (!workflow.nodes.some((node) => node.name === triggerName)) {
		throw new Error(`the workflow has no node "${triggerName}"`);
	}
	const { seconds, pollTimes } = schedulePollTimes();
	const nodes = workflow.nodes.map((node) =>
		node.name === triggerName ? { ...node, parameters: { ...node.parameters, pollTimes } } : node,
	);
	const { data: saved } = await rest.requestOk('PATCH', `/rest/workflows/${workflowId}`, {
		nodes,
		connections: workflow.connections,
		versionId: workflow.versionId,
	});
	await rest.requestOk('POST', `/rest/workflows/${workflowId}/activate`, { versionId: saved.versionId });
	const { data: active } = await rest.requestOk('GET', `/rest/workflows/${workflowId}`);
	if (!active.active && !active.activeVersionId) throw new Error('the workflow is not active after POST /activate');
	return seconds;
}

/**
 * Activation returns before n8n has run the trigger's first poll (a publication outbox applies
 * it shortly after), so this waits until the sandbox has answered the activity-log request(s)
 * of that poll and then stayed quiet for a second: events added afterwards are new to it.
 * Expects the sandbox's request log to have been cleared before the activation.
 */
async function waitForBaselinePoll(sandboxUrl, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let count = 0;
	let lastChange = Date.now();
	for (;;) {
		const response = await fetch(`${sandboxUrl}/__sandbox/requests`, { signal: AbortSignal.timeout(SANDBOX_REQUEST_TIMEOUT_MS) });
		const requests = await response.json();
		if (requests.length !== count) {
			count = requests.length;
			lastChange = Date.now();
		}
		const polled = requests.some((request) => request.path === '/api/external/v2/activity-logs');
		if (polled && Date.now() - lastChange >= 1000) return;
		if (Date.now() > deadline) {
			throw new Error(`the trigger's activation poll did not reach the sandbox within ${timeoutMs / 1000} s (requests seen: ${requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'})`);
		}
		await rt.sleep(200);
	}
}

/**
 * Waits for executions of `workflowId` that are not in `seen`: resolves with all of them once at
 * least one has appeared and SCHEDULED_SETTLE_MS passed without another, or [] after `timeoutMs`.
 */
async function waitForNewExecutions(rest, workflowId, seen, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let fresh = [];
	let lastChange = 0;
	for (;;) {
		const now = (await rest.listExecutions(workflowId)).filter((execution) => !seen.has(String(execution.id)));
		if (now.length !== fresh.length) {
			fresh = now;
			lastChange = Date.now();
		}
		if (fresh.length > 0 && Date.now() - lastChange >= SCHEDULED_SETTLE_MS) return fresh;
		if (Date.now() > deadline) return fresh;
		await rt.sleep(250);
	}
}

/** GET from the sandbox's admin API, as JSON. */
async function sandboxGet(sandboxUrl, pathAndQuery) {
	const response = await fetch(`${sandboxUrl}${pathAndQuery}`, { signal: AbortSignal.timeout(SANDBOX_REQUEST_TIMEOUT_MS) });
	return response.json();
}

/**
 * A poll step with `"quietAfterFaults": true`: its `sandbox` requests inject faults (e.g. 429s with
 * a long Retry-After, `POST /__sandbox/faults` with a `times`) and add nothing to read. The next
 * scheduled poll must meet every one of them (the sandbox drops a rule once it has fired `times`
 * times; its request log marks faulted answers) and end without an execution: n8n records a failed
 * `trigger` execution when a poll throws and none when it returns nothing. (The following poll step
 * then shows the trigger still polls and delivers.)
 */
async function checkQuietPoll(rest, workflowId, seen, sandboxUrl, steps) {
	const faultSteps = steps.filter((step) => (step.method ?? 'POST') === 'POST' && step.path === '/__sandbox/faults');
	if (faultSteps.length === 0 || faultSteps.some((step) => (step.body?.times ?? 1) === 0)) {
		return ['"quietAfterFaults" needs fault rules with a limited "times" in the step\'s "sandbox" requests'];
	}
	const expected = faultSteps.reduce((sum, step) => sum + (step.body.times ?? 1), 0);
	await sandboxRequests(sandboxUrl, [{ method: 'DELETE', path: '/__sandbox/requests' }, ...steps]);
	const deadline = Date.now() + SCHEDULED_POLL_TIMEOUT_MS;
	let pending = await sandboxGet(sandboxUrl, '/__sandbox/faults');
	while (pending.length > 0 && Date.now() < deadline) {
		await rt.sleep(250);
		pending = await sandboxGet(sandboxUrl, '/__sandbox/faults');
	}
	if (pending.length > 0) {
		await sandboxRequests(sandboxUrl, [{ method: 'DELETE', path: '/__sandbox/faults' }]);
		return [`the poll did not meet every fault within ${SCHEDULED_POLL_TIMEOUT_MS / 1000} s: ${pending.map((r) => `${r.path} fired ${r.fired} of ${r.times ?? 1}`).join(', ')}`];
	}
	// The poll has met its last fault; give it time to end and n8n to record whatever it would.
	const fresh = await waitForNewExecutions(rest, workflowId, seen, QUIET_POLL_WAIT_MS);
	for (const execution of fresh) seen.add(String(execution.id));
	const requests = await sandboxGet(sandboxUrl, '/__sandbox/requests');
	const faulted = requests.filter((request) => request.fault);
	const problems = [];
	if (faulted.length !== expected) {
		problems.push(`expected ${expected} faulted answers, the sandbox logged ${faulted.length}: ${requests.map((r) => `${r.method} ${r.path} ${r.status}${r.fault ? ' (fault)' : ''}`).join(', ')}`);
	}
	if (fresh.length > 0) {
		problems.push(`expected no execution from the poll that met the faults, got ${fresh.map((e) => `${e.id} (${e.mode}, ${e.status})`).join(', ')}`);
	}
	rt.log(`quiet poll: ${faulted.length} faulted answers (${faulted.map((r) => r.status).join(', ')}) of ${requests.length} requests; ${fresh.length} executions.`);
	return problems;
}

/**
 * A `scheduled` case: a polling trigger left to n8n's real scheduler. The sandbox is reset and
 * gets the case's `sandbox` requests (history the trigger must not replay); the workflow is
 * activated with two poll times a minute; activation must create no execution (a baseline, no
 * Start From). Then for each entry of `polls`: its `sandbox` requests go out (no reset), and the
 * next scheduled poll must create exactly one `mode: "trigger"` execution matching the entry.
 */
async function runScheduled(testCase, rest, sandboxUrl) {
	const name = `${testCase.name}: scheduled`;
	const workflowId = testCase.workflow.id;
	const seen = new Set();
	let seconds;
	let ok = true;
	await check(`${name}: activation records a baseline and emits nothing`, async () => {
		try {
			await prepareSandbox(sandboxUrl, [...(testCase.sandbox ?? []), { method: 'DELETE', path: '/__sandbox/requests' }]);
			seconds = await activateWithPollTimes(rest, workflowId, testCase.trigger);
			await waitForBaselinePoll(sandboxUrl, 30000);
			const executions = await rest.listExecutions(workflowId);
			for (const execution of executions) seen.add(String(execution.id));
			return executions.length === 0
				? []
				: [`expected no execution after activation, got ${executions.map((e) => `${e.id} (${e.mode}, ${e.status})`).join(', ')}`];
		} catch (error) {
			ok = false;
			throw error;
		}
	});
	for (const [index, poll] of testCase.expect.scheduled.polls.entries()) {
		if (!ok) {
			record(`${name}: poll ${index + 1}`, ['skipped: an earlier step failed'], Date.now());
			continue;
		}
		const label = poll.description ?? `poll ${index + 1}`;
		if (poll.quietAfterFaults) {
			await check(`${name}: ${label}`, async () => {
				const problems = await checkQuietPoll(rest, workflowId, seen, sandboxUrl, poll.sandbox ?? []);
				if (problems.length > 0) ok = false;
				return problems;
			});
			continue;
		}
		await check(`${name}: ${label}`, async () => {
			await sandboxRequests(sandboxUrl, poll.sandbox ?? []);
			const fresh = await waitForNewExecutions(rest, workflowId, seen, SCHEDULED_POLL_TIMEOUT_MS);
			for (const execution of fresh) seen.add(String(execution.id));
			if (fresh.length === 0) {
				ok = false;
				return [
					`no execution within ${SCHEDULED_POLL_TIMEOUT_MS / 1000} s although n8n polls at seconds ${seconds.join(' and ')} of every minute (see ${path.relative(rt.REPO_ROOT, LOG_DIR)}/n8n-start.log)`,
				];
			}
			const problems = [];
			if (fresh.length > 1) {
				problems.push(`expected one new execution, got ${fresh.length}: ${fresh.map((e) => `${e.id} (${e.mode})`).join(', ')}`);
			}
			const execution = await rest.waitForExecution(fresh[0].id, MANUAL_RUN_TIMEOUT_MS);
			if (execution.mode !== 'trigger') problems.push(`expected mode "trigger", got "${execution.mode}"`);
			problems.push(...(await checkAndSave(testCase.name, `scheduled-${index + 1}`, execution, poll, sandboxUrl)));
			return problems;
		});
	}
	// Stop polling; a failure here only matters for the log.
	await rest.request('POST', `/rest/workflows/${workflowId}/deactivate`, {}).catch(() => {});
}

// ---------------------------------------------------------------------------------------------
// Webhook deliveries

/** Waits until the sandbox has no webhook delivery scheduled or on the wire. */
async function waitForDeliveries(sandboxUrl, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${sandboxUrl}/__sandbox/webhooks`, { signal: AbortSignal.timeout(SANDBOX_REQUEST_TIMEOUT_MS) });
		const { pending } = await response.json();
		if (pending === 0) return;
		if (Date.now() > deadline) throw new Error(`the sandbox still had ${pending} webhook deliveries pending after ${timeoutMs / 1000} s`);
		await rt.sleep(100);
	}
}

/**
 * Executions of the workflow in `mode` (`webhook` for the Production URL, `manual` for the Test
 * URL) not in `seen`, once their number has settled.
 */
async function webhookExecutionsAfter(rest, workflowId, seen, expected, mode = 'webhook') {
	const deadline = Date.now() + WEBHOOK_DELIVERY_TIMEOUT_MS;
	const fresh = async () =>
		(await rest.listExecutions(workflowId)).filter((e) => e.mode === mode && !seen.has(String(e.id)));
	let found = await fresh();
	while (found.length < expected && Date.now() < deadline) {
		await rt.sleep(250);
		found = await fresh();
	}
	// Long enough for one more (unexpected) execution to show up.
	await rt.sleep(WEBHOOK_SETTLE_MS);
	return fresh();
}

/**
 * Svix's signature, written here from Svix's documentation (not from the node's code): `v1,` and
 * the base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed with the secret's base64 part.
 */
function svixSignature(secret, id, timestamp, body) {
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	return `v1,${crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * A step's `deliver`: {count, eventType, contractId, bom?, again?}. Sends `count` signed deliveries of new
 * messages (or, with `again`, the messages of the case's previous `deliver`, same svix-ids and
 * bodies, newly timestamped and signed, as a Svix retry) to the trigger's Production URL, all at
 * once. Returns the messages and every answer ({status, body}).
 */
async function deliverAtOnce(spec, url, previous) {
	let messages;
	if (spec.again) {
		if (!previous) throw new Error('deliver.again: no earlier "deliver" step in this case');
		messages = previous;
	} else {
		messages = Array.from({ length: spec.count }, (_, index) => ({
			id: `msg_e2e${crypto.randomBytes(12).toString('hex')}`,
			// `bom`: a UTF-8 byte-order mark in front, signed with the rest.
			body: (spec.bom ? '\uFEFF' : '') + JSON.stringify({
				type: spec.eventType,
				data: {
					__typename: 'SubscriptionContract',
					id: `gid://shopify/SubscriptionContract/${spec.contractId}`,
					status: 'PAUSED',
					note: `e2e concurrent delivery ${index + 1}`,
				},
			}),
		}));
	}
	const timestamp = Math.floor(Date.now() / 1000);
	const answers = await Promise.all(
		messages.map(async (message) => {
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'svix-id': message.id,
					'svix-timestamp': String(timestamp),
					'svix-signature': svixSignature(WEBHOOK_SECRET, message.id, timestamp, message.body),
				},
				body: message.body,
				signal: AbortSignal.timeout(SANDBOX_REQUEST_TIMEOUT_MS),
			});
			const text = await response.text();
			let body;
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}
			return { status: response.status, body };
		}),
	);
	return { messages, answers };
}

/**
 * A `webhook` case: the workflow was published before `n8n start`, so its webhook trigger
 * listens on its production URL. The sandbox is reset and gets the case's `sandbox` requests
 * (register the endpoint: `__N8N_URL__/webhook/<webhookId>/webhook`, compress retries). Then for
 * each step: its `sandbox` requests (no reset), optionally a manual run over REST from `run` (e.g.
 * Start → the action node changes a subscription, which makes the sandbox send a webhook), a wait
 * until the sandbox has finished delivering, and then exactly `executions` new `mode: "webhook"`
 * executions must exist (with `listen`, the trigger's name: the step first starts listening as the
 * editor's "Execute step" does, and counts `mode: "manual"` executions from the Test URL); the first is checked against `check` (an expectation block), and
 * `sandboxAfter` is checked either way (e.g. the delivery log's statuses). `storedSvixIds`
 * ({node, count}) counts the svix-ids n8n has saved in the trigger node's static data.
 * `restartN8n: true` stops n8n (SIGTERM, as a deploy does) and starts it again before the step;
 * `deliver` ({count, eventType, contractId, url, again?}) sends signed deliveries from here, all at
 * once (see deliverAtOnce), and `answers` ({status, started}) checks how many were answered
 * `status` and how many said they started a workflow.
 */
async function runWebhookCase(testCase, n8nControl, sandboxUrl) {
	const workflowId = testCase.workflow.id;
	const seen = new Set();
	let ok = true;
	let lastDelivered;
	let rest = n8nControl.rest();
	await check(`${testCase.name}: webhook: published, endpoint registered in the sandbox`, async () => {
		try {
			const { data: workflow } = await rest.requestOk('GET', `/rest/workflows/${workflowId}`);
			if (!workflow.active && !workflow.activeVersionId) {
				ok = false;
				return [`the workflow is not active after n8n start (see ${path.relative(rt.REPO_ROOT, LOG_DIR)}/n8n-start.log)`];
			}
			await prepareSandbox(sandboxUrl, testCase.sandbox ?? []);
			for (const execution of await rest.listExecutions(workflowId)) seen.add(String(execution.id));
			return [];
		} catch (error) {
			ok = false;
			throw error;
		}
	});
	for (const [index, step] of testCase.expect.webhook.steps.entries()) {
		const label = `${testCase.name}: webhook: ${step.description ?? `step ${index + 1}`}`;
		if (!ok) {
			record(label, ['skipped: an earlier step failed'], Date.now());
			continue;
		}
		await check(label, async () => {
			const problems = [];
			if (step.restartN8n) rest = await n8nControl.restart();
			if (step.listen) {
				// The editor's "Execute step" on a webhook trigger: n8n registers its Test URL and waits.
				const { data } = await rest.requestOk('POST', `/rest/workflows/${workflowId}/run`, {
					triggerToStartFrom: { name: step.listen },
				});
				if (!data?.waitingForWebhook) problems.push(`"${step.listen}" is not waiting for a test event: ${JSON.stringify(data)}`);
			}
			await sandboxRequests(sandboxUrl, step.sandbox ?? []);
			if (step.deliver) {
				const { messages, answers } = await deliverAtOnce(step.deliver, step.deliver.url, lastDelivered);
				lastDelivered = messages;
				const expected = step.answers ?? {};
				const withStatus = answers.filter((answer) => answer.status === (expected.status ?? 200)).length;
				const started = answers.filter((answer) => answer.body?.started === true).length;
				if (withStatus !== answers.length) {
					problems.push(`expected every answer to be ${expected.status ?? 200}, got ${answers.map((a) => a.status).join(', ')}`);
				}
				if (expected.started !== undefined && started !== expected.started) {
					problems.push(`expected ${expected.started} answer(s) saying the workflow started, got ${started}: ${JSON.stringify(answers.slice(0, 3).map((a) => a.body))}…`);
				}
			}
			if (step.run) {
				const run = await runManually(rest, workflowId, step.run);
				if (run.status !== 'success') {
					problems.push(`the manual run from "${step.run}" ended "${run.status}": ${run.resultData?.error?.message ?? ''}`);
				}
			}
			await waitForDeliveries(sandboxUrl, WEBHOOK_DELIVERY_TIMEOUT_MS);
			const expected = step.executions ?? 0;
			const mode = step.listen ? 'manual' : 'webhook';
			const fresh = await webhookExecutionsAfter(rest, workflowId, seen, expected, mode);
			for (const execution of fresh) seen.add(String(execution.id));
			if (fresh.length !== expected) {
				problems.push(`expected ${expected} new ${mode} execution(s), got ${fresh.length}: ${fresh.map((e) => `${e.id} (${e.status})`).join(', ') || 'none'}`);
			}
			if (fresh.length > 0 && step.check) {
				const execution = await rest.waitForExecution(fresh[0].id, MANUAL_RUN_TIMEOUT_MS);
				problems.push(...(await checkAndSave(testCase.name, `webhook-${index + 1}`, execution, step.check, sandboxUrl)));
			}
			problems.push(...(await checkSandboxAfter(step.sandboxAfter, sandboxUrl)));
			if (step.storedSvixIds) {
				// What n8n saved in the database for the trigger node (getWorkflowStaticData('node')).
				const { node, count } = step.storedSvixIds;
				const { data: workflow } = await rest.requestOk('GET', `/rest/workflows/${workflowId}`);
				const seen = Object.keys(workflow.staticData?.[`node:${node}`]?.seen ?? {});
				if (seen.length !== count) problems.push(`expected ${count} svix-id(s) in the stored static data of "${node}", got ${seen.length}`);
			}
			return problems;
		});
	}
	await rest.request('POST', `/rest/workflows/${workflowId}/deactivate`, {}).catch(() => {});
}

/**
 * The official MCP client (`@modelcontextprotocol/sdk`), from the n8n runtime: n8n 2.41.1 ships
 * it for its own MCP nodes, so the client and n8n's server speak the same protocol version.
 */
function mcpClientSdk() {
	const sdk = path.join(rt.REPO_ROOT, '.n8n-runtime', 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'cjs');
	return {
		Client: require(path.join(sdk, 'client', 'index.js')).Client,
		StreamableHTTPClientTransport: require(path.join(sdk, 'client', 'streamableHttp.js')).StreamableHTTPClientTransport,
		version: require(path.join(sdk, '..', '..', 'package.json')).version,
	};
}

function saveOutput(caseName, kind, data) {
	fs.writeFileSync(path.join(OUTPUT_DIR, `${caseName}.${kind}.json`), JSON.stringify(data, null, 2));
}

/** The text of a tools/call result (its text parts joined), whether it is an answer or an error. */
function mcpText(result) {
	return (result?.content ?? [])
		.filter((part) => part.type === 'text')
		.map((part) => part.text)
		.join('\n');
}

/**
 * An `mcp` case: the workflow (an MCP Server Trigger with Appstle tools on its ai_tool input) was
 * published before `n8n start`. The official MCP client connects to `<n8n>/mcp/<path>` over
 * streamable HTTP, then each step either lists the tools (`list`: tool name → strings its
 * description must contain) or calls one (`call`, `arguments`), matches the text of the
 * answer or error against `textMatches`, expects `isError` exactly when the step says so, and
 * refuses any answer that contains the API key.
 */
async function runMcpCase(testCase, n8nUrl, sandboxUrl) {
	const { Client, StreamableHTTPClientTransport, version } = mcpClientSdk();
	const url = new URL(`${n8nUrl}/mcp/${testCase.expect.mcp.path}`);
	const client = new Client({ name: 'appstle-e2e', version: '1.0.0' });
	let connected = false;
	await check(`${testCase.name}: the MCP client (@modelcontextprotocol/sdk ${version}) connects to ${url.pathname}`, async () => {
		await prepareSandbox(sandboxUrl, testCase.sandbox ?? []);
		await client.connect(new StreamableHTTPClientTransport(url));
		connected = true;
		return [];
	});
	try {
		for (const [index, step] of testCase.expect.mcp.steps.entries()) {
			const label = `${testCase.name}: ${step.description ?? `step ${index + 1}`}`;
			if (!connected) {
				record(label, ['skipped: the client did not connect'], Date.now());
				continue;
			}
			await check(label, async () => {
				const problems = [];
				if (step.list) {
					const { tools } = await client.listTools();
					saveOutput(testCase.name, `mcp-${index + 1}`, tools);
					for (const [name, fragments] of Object.entries(step.list)) {
						const tool = tools.find((t) => t.name === name);
						if (!tool) {
							problems.push(`no tool "${name}" (got ${tools.map((t) => t.name).join(', ') || 'none'})`);
							continue;
						}
						for (const fragment of fragments) {
							if (!(tool.description ?? '').includes(fragment)) problems.push(`${name}'s description lacks "${fragment}": ${tool.description}`);
						}
					}
				}
				if (step.call) {
					const result = await client.callTool({ name: step.call, arguments: step.arguments ?? {} });
					saveOutput(testCase.name, `mcp-${index + 1}`, result);
					const text = mcpText(result);
					if (step.textMatches && !new RegExp(step.textMatches).test(text)) {
						problems.push(`the answer does not match /${step.textMatches}/: ${text.slice(0, 600)}`);
					}
					if (Boolean(result.isError) !== Boolean(step.isError)) {
						problems.push(`expected ${step.isError ? 'an error (isError: true)' : 'an answer'}, got isError: ${result.isError}`);
					}
					if (text.includes(SANDBOX_API_KEY)) problems.push('the answer contains the API key');
				}
				return problems;
			});
		}
	} finally {
		await client.close().catch(() => {});
	}
}

/**
 * Saves what the nodes returned, then checks the execution and, with `sandboxAfter`
 * ([{path, match}]), what the sandbox holds afterwards, e.g.
 * {"path": "/__sandbox/state/contracts/27510010007", "match": {"status": "paused"}}.
 */
/**
 * One "From List" search as the editor runs it: POST /rest/dynamic-node-parameters/resource-locator-results
 * with the node's current parameters (a dependent picker reads them) and its credential.
 */
async function checkListSearch(rest, testCase, search) {
	const node = testCase.workflow.nodes.find((n) => n.name === (search.node ?? 'Appstle'));
	if (!node) return [`no node "${search.node ?? 'Appstle'}" in the workflow`];
	const { data } = await rest.requestOk('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
		path: `parameters.${search.parameter}`,
		nodeTypeAndVersion: { name: node.type, version: node.typeVersion },
		currentNodeParameters: search.parameters ?? node.parameters,
		methodName: search.method,
		credentials: node.credentials,
		...(search.filter !== undefined ? { filter: search.filter } : {}),
	});
	const results = data?.results ?? [];
	fs.writeFileSync(path.join(OUTPUT_DIR, `${testCase.name}.listSearch-${search.method}.json`), JSON.stringify(data, null, 2));
	const problems = [];
	const min = search.minResults ?? 1;
	if (results.length < min) problems.push(`expected at least ${min} result(s), got ${results.length}: ${JSON.stringify(data).slice(0, 300)}`);
	if (search.first && results.length > 0) problems.push(...match(results[0], search.first, 'results[0]'));
	for (const [index, result] of results.entries()) {
		if (search.every) problems.push(...match(result, search.every, `results[${index}]`));
	}
	return problems;
}

async function checkAndSave(caseName, kind, execution, expect, sandboxUrl) {
	const nodes = Object.fromEntries(
		Object.entries(execution.resultData?.runData ?? {}).map(([node, runs]) => [
			node,
			runs[0]?.error ? { error: runs[0].error } : (runs[0]?.data?.main?.[0] ?? []).map((item) => item.json),
		]),
	);
	const saved = { status: execution.status, error: execution.resultData?.error, nodes };
	fs.writeFileSync(path.join(OUTPUT_DIR, `${caseName}.${kind}.json`), JSON.stringify(saved, null, 2));
	const problems = checkExecution(execution, expect);
	problems.push(...(await checkSandboxAfter(expect.sandboxAfter, sandboxUrl)));
	return problems;
}

/** `sandboxAfter`: [{path, match}], each admin path's answer partially matched. */
async function checkSandboxAfter(checks, sandboxUrl) {
	const problems = [];
	for (const { path: statePath, match: expected } of checks ?? []) {
		const response = await fetch(`${sandboxUrl}${statePath}`, { signal: AbortSignal.timeout(SANDBOX_REQUEST_TIMEOUT_MS) });
		const state = response.ok ? await response.json() : undefined;
		if (!response.ok) problems.push(`sandbox ${statePath} answered ${response.status}`);
		else problems.push(...match(state, expected, `sandbox ${statePath}`));
	}
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Logs

function appendLog(file, { stdout = '', stderr = '' }) {
	fs.appendFileSync(path.join(LOG_DIR, file), `${stdout}${stderr ? `\n--- stderr ---\n${stderr}` : ''}\n`);
}

/**
 * Lines in which n8n complains about this package: they mention it (any of our type names
 * contains "appstle") and say what n8n's loader says when a package, node class or credential
 * type does not load ("Failed to load package …", "Skipping package …", "Class could not be
 * found", "Unknown credential name …"). Stack frames are skipped: a case that expects an API
 * error legitimately logs one that runs through our files.
 */
function complaintsAboutUs(text) {
	return text
		.split('\n')
		.filter((line) => /appstle/i.test(line))
		.filter((line) => !/^\s*at |"stack":/.test(line))
		// "failed to", not "fail": our own log lines may name the Billing Failed event.
		.filter((line) => /warn|failed to|skipping|could not|cannot|unknown|unrecogni[sz]ed|invalid|deprecat/i.test(line));
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const startedAt = Date.now();
	const [sandboxPort, n8nPort, brokerPort] = [await rt.freePort(), await rt.freePort(), await rt.freePort()];
	const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
	const cases = loadCases(process.argv.slice(2), sandboxUrl, `http://127.0.0.1:${n8nPort}`);

	await rt.ensureRuntime();

	fs.rmSync(E2E_DIR, { recursive: true, force: true });
	fs.mkdirSync(LOG_DIR, { recursive: true });
	fs.mkdirSync(OUTPUT_DIR, { recursive: true });
	// n8n's user folder lives outside the repository (see rt.scratchUserFolder), emptied per run.
	const userFolder = rt.scratchUserFolder('e2e');
	const packed = await rt.installPackedPackage(userFolder);
	rt.log(`Packed ${rt.PACKAGE_NAME}@${packed.version} (${packed.files.length} files) into ${path.relative(rt.REPO_ROOT, packed.target)}.`);

	const types = declaredTypes();
	console.log('\nPackage');
	await check('the packed package contains every file package.json n8n lists', () =>
		types.files.filter((file) => !packed.files.includes(file)).map((file) => `missing: ${file}`),
	);
	await check('every node and credential class in package.json n8n loads', () => types.loadErrors);

	process.on('SIGINT', () => stopEverything().then(() => process.exit(130)));
	process.on('SIGTERM', () => stopEverything().then(() => process.exit(143)));
	// Whatever hangs (an n8n that never gets ready, a command that never returns), CI gets an answer.
	const watchdog = setTimeout(() => {
		console.error(`\n[appstle e2e] the run took longer than ${RUN_TIMEOUT_MS / 1000} s (APPSTLE_E2E_TIMEOUT_MS); stopping every process. Logs: ${path.relative(rt.REPO_ROOT, LOG_DIR)}/`);
		stopEverything().then(() => process.exit(1));
	}, RUN_TIMEOUT_MS);
	watchdog.unref();

	try {
		const sandbox = await rt.startSandbox({
			port: sandboxPort,
			apiKey: SANDBOX_API_KEY,
			logFile: path.join(LOG_DIR, 'sandbox.log'),
		});
		if (sandbox) {
			rt.log(`Sandbox on ${sandboxUrl}.`);
		} else if (cases.length > 0) {
			throw new Error(`${path.relative(rt.REPO_ROOT, rt.SANDBOX_ENTRY)} is missing; the cases need the sandbox`);
		}

		const env = rt.n8nEnv({ userFolder, port: n8nPort, brokerPort });
		let start = Date.now();
		const imported = await rt.importCredentials(
			[
				{
					...SANDBOX_CREDENTIAL,
					data: {
						apiKey: SANDBOX_API_KEY,
						environment: 'custom',
						baseUrl: sandboxUrl,
					},
				},
				{
					...SHORT_WAIT_CREDENTIAL,
					data: {
						apiKey: SANDBOX_API_KEY,
						environment: 'custom',
						baseUrl: sandboxUrl,
						customRateLimits: true,
						maxRateLimitWait: SHORT_WAIT_SECONDS,
					},
				},
				{ ...WEBHOOK_CREDENTIAL, data: { signingSecret: WEBHOOK_SECRET } },
			],
			env,
		);
		appendLog('import-credentials.log', imported);
		if (cases.length > 0) {
			appendLog('import-workflows.log', await rt.importWorkflows(cases.map((c) => c.workflow), env));
		}
		rt.log(`Imported the credential and ${cases.length} workflow(s) in ${rt.seconds(start)}.`);

		const executeCases = cases.filter((c) => c.expect.execute);
		if (executeCases.length > 0) console.log('\nn8n execute');
		for (const testCase of executeCases) {
			await check(`${testCase.name}: ${testCase.description ?? 'execute'}`, async () => {
				await prepareSandbox(sandboxUrl, testCase.sandbox ?? []);
				const execution = await executeCli(testCase.workflow.id, env);
				return checkAndSave(testCase.name, 'execute', execution, testCase.expect.execute, sandboxUrl);
			});
		}

		// Publishing makes `n8n start` activate the workflow, which runs the trigger's poll once.
		// They share one n8n start, so the sandbox gets all their setup requests at once.
		const activationCases = cases.filter((c) => c.expect.activation);
		if (activationCases.length > 0) {
			await prepareSandbox(sandboxUrl, activationCases.flatMap((c) => c.sandbox ?? []));
		}
		// Published webhook triggers listen on their production URL once n8n has started.
		for (const testCase of [...activationCases, ...cases.filter((c) => c.expect.webhook || c.expect.mcp)]) {
			appendLog(
				'publish.log',
				await rt.n8nCommandChecked(['publish:workflow', `--id=${testCase.workflow.id}`], env),
			);
		}

		start = Date.now();
		let n8n = await rt.startN8n({ env, logFile: path.join(LOG_DIR, 'n8n-start.log') });
		const n8nReadyAt = Date.now();
		rt.log(`n8n ready on ${n8n.baseUrl} in ${rt.seconds(start)}.`);

		let rest = new rt.N8nRest(n8n.baseUrl);
		/** For `webhook` steps with `restartN8n`: SIGTERM, wait for the exit, start again, log in. */
		const n8nControl = {
			rest: () => rest,
			async restart() {
				const stoppedAt = Date.now();
				const code = await n8n.stop();
				n8n = await rt.startN8n({ env, logFile: path.join(LOG_DIR, 'n8n-start.log') });
				rest = new rt.N8nRest(n8n.baseUrl);
				const outcome = await rest.setupOwnerOrLogin(OWNER);
				rt.log(`n8n restarted (exit ${code}, ${outcome}) in ${rt.seconds(stoppedAt)}.`);
				return rest;
			},
		};
		console.log('\nn8n start');
		await check('owner setup over REST', async () => {
			const outcome = await rest.setupOwnerOrLogin(OWNER);
			return outcome === 'created' ? [] : [`expected a fresh instance, got "${outcome}"`];
		});
		await check(`node types loaded: ${types.nodes.join(', ')}`, async () => {
			const nodeTypes = await rest.requestOk('GET', '/types/nodes.json');
			const loaded = new Set(nodeTypes.map((type) => type.name));
			return types.nodes.filter((name) => !loaded.has(name)).map((name) => `not in /types/nodes.json: ${name}`);
		});
		await check('the AI-tool variant appstleTool loads with its tool-mode parameters and tool description', async () => {
			const nodeTypes = await rest.requestOk('GET', '/types/nodes.json');
			const tool = nodeTypes.find((type) => type.name === `${rt.PACKAGE_NAME}.appstleTool`);
			if (!tool) return [`not in /types/nodes.json: ${rt.PACKAGE_NAME}.appstleTool`];
			const names = new Set(tool.properties.map((p) => p.name));
			const problems = ['toolFields', 'toolFieldNames', 'toolMaxCharacters', 'toolLimit']
				.filter((name) => !names.has(name))
				.map((name) => `appstleTool has no "${name}" parameter`);
			if (!/charge/.test(tool.description ?? '')) problems.push(`appstleTool's description does not say that some operations charge: ${tool.description}`);
			return problems;
		});
		await check(`credential types loaded: ${types.credentials.join(', ')}`, async () => {
			const credentialTypes = await rest.requestOk('GET', '/types/credentials.json');
			const loaded = new Set(credentialTypes.map((type) => type.name));
			return types.credentials
				.filter((name) => !loaded.has(name))
				.map((name) => `not in /types/credentials.json: ${name}`);
		});
		await check('the webhook signing credential\'s Test (the webhook trigger\'s credentialTest, through testedBy) checks the whsec_ form', async () => {
			const test = async (signingSecret) => {
				const { data } = await rest.requestOk('POST', '/rest/credentials/test', {
					credentials: { ...WEBHOOK_CREDENTIAL, data: { signingSecret } },
				});
				return data;
			};
			const problems = [];
			const good = await test(WEBHOOK_SECRET);
			if (good?.status !== 'OK') problems.push(`the sandbox secret: expected status OK, got ${JSON.stringify(good)}`);
			const bad = await test('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
			if (bad?.status !== 'Error' || !/whsec_/.test(bad?.message ?? '')) {
				problems.push(`a secret without whsec_: expected status Error naming whsec_, got ${JSON.stringify(bad)}`);
			}
			return problems;
		});

		const searchCases = cases.filter((c) => c.expect.listSearch);
		if (searchCases.length > 0) console.log('\nn8n list searches (the editor\'s "From List")');
		for (const testCase of searchCases) {
			for (const search of testCase.expect.listSearch) {
				await check(`${testCase.name}: ${search.description ?? search.method}`, async () => {
					await prepareSandbox(sandboxUrl, testCase.sandbox ?? []);
					return checkListSearch(rest, testCase, search);
				});
			}
		}

		for (const testCase of activationCases) {
			const expected = testCase.expect.activation;
			await check(`${testCase.name}: activation poll`, async () => {
				// A workflow whose activation failed is not active; "none" must not pass because of that.
				const { data: workflow } = await rest.requestOk('GET', `/rest/workflows/${testCase.workflow.id}`);
				if (!workflow.active && !workflow.activeVersionId) {
					return [`the workflow is not active after n8n start (see ${path.relative(rt.REPO_ROOT, LOG_DIR)}/n8n-start.log)`];
				}
				// Activation happens while n8n starts, so the wait counts from when n8n was ready.
				const waitMs = expected.none ? NO_ACTIVATION_WAIT_MS : ACTIVATION_TIMEOUT_MS;
				const remainingMs = Math.max(n8nReadyAt + waitMs - Date.now(), 0);
				const execution = await waitForActivationExecution(rest, testCase.workflow.id, remainingMs);
				if (expected.none) {
					return execution ? [`expected no trigger execution, got ${execution.id} (${execution.status})`] : [];
				}
				if (!execution) return [`no trigger execution within ${waitMs / 1000} s`];
				return checkAndSave(testCase.name, 'activation', execution, expected, sandboxUrl);
			});
			// Checked: stop its polls, so that nothing but the checks below calls the sandbox.
			await rest.request('POST', `/rest/workflows/${testCase.workflow.id}/deactivate`, {}).catch(() => {});
		}

		for (const testCase of cases.filter((c) => c.expect.manual)) {
			await check(`${testCase.name}: manual run over REST`, async () => {
				await prepareSandbox(sandboxUrl, testCase.sandbox ?? []);
				const execution = await runManually(rest, testCase.workflow.id, testCase.trigger);
				return checkAndSave(testCase.name, 'manual', execution, testCase.expect.manual, sandboxUrl);
			});
		}

		const webhookCases = cases.filter((c) => c.expect.webhook);
		if (webhookCases.length > 0) console.log('\nn8n webhooks');
		for (const testCase of webhookCases) await runWebhookCase(testCase, n8nControl, sandboxUrl);

		const mcpCases = cases.filter((c) => c.expect.mcp);
		if (mcpCases.length > 0) console.log('\nMCP (n8n\'s MCP Server Trigger, the official MCP client)');
		for (const testCase of mcpCases) await runMcpCase(testCase, n8n.baseUrl, sandboxUrl);

		// Last: nothing may reset the sandbox while the scheduler polls it.
		const scheduledCases = cases.filter((c) => c.expect.scheduled);
		if (scheduledCases.length > 0) console.log('\nn8n scheduler');
		for (const testCase of scheduledCases) await runScheduled(testCase, rest, sandboxUrl);

		start = Date.now();
		await n8n.stop();
		rt.log(`n8n stopped in ${rt.seconds(start)}.`);

		console.log('\nLogs');
		await check('no n8n log line complains about our package, nodes or credential', () =>
			fs
				.readdirSync(LOG_DIR)
				.filter((file) => file !== 'sandbox.log')
				.flatMap((file) =>
					complaintsAboutUs(fs.readFileSync(path.join(LOG_DIR, file), 'utf8')).map(
						(line) => `${file}: ${line.trim()}`,
					),
				),
		);
	} finally {
		await stopEverything();
	}

	const failed = results.filter((result) => result.problems.length > 0);
	console.log(
		`\n${results.length - failed.length} passed, ${failed.length} failed, ${cases.length} case(s), ${rt.seconds(startedAt)}. Logs: ${path.relative(rt.REPO_ROOT, LOG_DIR)}/, node outputs: ${path.relative(rt.REPO_ROOT, OUTPUT_DIR)}/`,
	);
	process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error) => {
	console.error(`\n[appstle e2e] ${error.stack || error.message}`);
	process.exitCode = 1;
});
