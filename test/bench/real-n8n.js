'use strict';
// `npm run bench`: rate-limit pacing in a real n8n 2.41.1, side by side in one run. Not a test:
// it measures and writes test/bench/report.md; nothing here asserts a timing.
//
// For each sandbox limiter (2 and 4 requests per second, burst 5, then a 30 s cooldown of 429s;
// without and with Retry-After) it runs ITEMS × Subscription → Update Order Note, each variant
// in its own execution started by a webhook, all in one `n8n start` (regular mode):
//   - this node, credential defaults
//   - this node, ceiling 50 % above the limit: a first execution, then a second in the same process
//   - n8n's HTTP Request node with the Appstle credential: defaults
//   - the HTTP Request node tuned by hand: batching 1 item per 550 ms + Retry On Fail 5 × 5 s
// and then, in n8n's queue mode (Redis, Postgres, main + 2 workers), two concurrent executions of
// ITEMS / 2 each on one key, credential defaults.
//
// Each (limiter, variant) gets a sandbox and an API key of its own, so neither the node's gate
// (one per key per n8n process) nor the limiter carries state from one variant into the next;
// the two ceiling executions share theirs on purpose. Every request gets 80 ms of added latency.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const rt = require('../n8n/runtime');
const queue = require('../n8n/queue');

const DIR = path.join(rt.REPO_ROOT, '.bench');
const REPORT = path.join(__dirname, 'report.md');
const ITEMS = Number(process.env.APPSTLE_BENCH_ITEMS || 60);
const LIMITS = (process.env.APPSTLE_BENCH_LIMITS || '2,4').split(',').map(Number);
const COOLDOWN_MS = 30000;
const BURST = 5;
const LATENCY_MS = 80;
const WITH_QUEUE = process.env.APPSTLE_BENCH_QUEUE !== '0';
const EXECUTION_TIMEOUT_MS = 15 * 60 * 1000;
const PKG = rt.PACKAGE_NAME;
const OWNER = { email: 'bench@example.com', password: 'Appstle-bench-1', firstName: 'Bench', lastName: 'Owner' };
const ROUTE = '/api/external/v2/subscription-contracts-update-order-note/{contractId}';

// ---------------------------------------------------------------------------------------------
// Workflows: Webhook (body = [{id}, …]) → Split Out → the variant's node

let nodeId = 0;
const uuid = () => `b0000000-0000-4000-8000-${String(++nodeId).padStart(12, '0')}`;

function workflow(id, variant, credentialId, sandboxUrl) {
	const webhook = {
		id: uuid(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: uuid(),
		position: [0, 0],
		parameters: { httpMethod: 'POST', path: id, responseMode: 'onReceived', options: {} },
	};
	const split = {
		id: uuid(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [220, 0],
		parameters: { fieldToSplitOut: 'body', include: 'noOtherFields', options: {} },
	};
	const credentials = { appstleApi: { id: credentialId, name: credentialId } };
	const work =
		variant === 'node'
			? {
					id: uuid(),
					name: 'Update',
					type: `${PKG}.appstle`,
					typeVersion: 1,
					position: [440, 0],
					parameters: {
						resource: 'subscription',
						operation: 'updateOrderNote',
						contractId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						orderNote: 'bench',
					},
					credentials,
				}
			: {
					id: uuid(),
					name: 'Update',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [440, 0],
					parameters: {
						method: 'PUT',
						url: `=${sandboxUrl}/api/external/v2/subscription-contracts-update-order-note/{{ $json.id }}`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'appstleApi',
						sendQuery: true,
						queryParameters: { parameters: [{ name: 'orderNote', value: 'bench' }] },
						options: variant === 'httpTuned' ? { batching: { batch: { batchSize: 1, batchInterval: 550 } } } : {},
					},
					...(variant === 'httpTuned' ? { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 } : {}),
					credentials,
				};
	return {
		id,
		name: `Bench ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [webhook, split, work],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Update', type: 'main', index: 0 }]] },
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Sandboxes

function sandboxClient(url) {
	const call = rt.sandboxAdminCall(url, 30000);
	return {
		url,
		/** Seeded state, no faults, empty log and limiter buckets; then latency and the limiter. */
		async prepare(limit) {
			await call('POST', '/reset', {});
			await call('POST', '/rate-limit', limit);
			await call('POST', '/faults', { path: '*', latencyMs: LATENCY_MS, times: 0 });
		},
		clearRequests: () => call('DELETE', '/requests'),
		requests: () => call('GET', '/requests'),
		contractIds: async (count) => {
			const contracts = await call('GET', '/state/contracts');
			return contracts.filter((c) => c.status === 'active').slice(0, count).map((c) => ({ id: String(c.contractId) }));
		},
	};
}

async function startSandboxes(count, logDir) {
	return await Promise.all(
		Array.from({ length: count }, async (_, i) => {
			const port = await rt.freePort();
			const apiKey = `bench-key-${i + 1}-${Date.now()}`;
			await rt.startSandbox({ port, apiKey, logFile: path.join(logDir, `sandbox-${i + 1}.log`), timeoutMs: 90000 });
			return { ...sandboxClient(`http://127.0.0.1:${port}`), apiKey, credentialId: `bench${i + 1}` };
		}),
	);
}

function credentialFor(sandbox, extra = {}) {
	return {
		id: sandbox.credentialId,
		name: sandbox.credentialId,
		type: 'appstleApi',
		data: { apiKey: sandbox.apiKey, environment: 'custom', baseUrl: sandbox.url, ...extra },
	};
}

// ---------------------------------------------------------------------------------------------
// Running one measured execution (or several at once)

async function activate(rest, workflowId) {
	const { data } = await rest.requestOk('GET', `/rest/workflows/${workflowId}`);
	await rest.requestOk('POST', `/rest/workflows/${workflowId}/activate`, { versionId: data.versionId });
}

async function postWebhook(baseUrl, pathName, body) {
	const deadline = Date.now() + 30000;
	for (;;) {
		const answer = await fetch(`${baseUrl}/webhook/${pathName}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(30000),
		});
		if (answer.ok) return;
		// Activation registers the webhook shortly after it answers.
		if (answer.status !== 404 || Date.now() > deadline) throw new Error(`webhook ${pathName} answered ${answer.status}`);
		await rt.sleep(250);
	}
}

/** Starts the executions at once and waits for all; returns their records (startedAt, stoppedAt, status). */
async function runExecutions(rest, baseUrl, runs) {
	const before = new Map();
	for (const run of runs) before.set(run.workflowId, new Set((await rest.listExecutions(run.workflowId)).map((e) => String(e.id))));
	const clientStart = Date.now();
	await Promise.all(runs.map((run) => postWebhook(baseUrl, run.workflowId, run.body)));
	const deadline = Date.now() + EXECUTION_TIMEOUT_MS;
	const records = [];
	for (const run of runs) {
		for (;;) {
			const fresh = (await rest.listExecutions(run.workflowId)).filter((e) => !before.get(run.workflowId).has(String(e.id)));
			const record = fresh[0];
			if (record && rt.EXECUTION_DONE.has(record.status)) {
				records.push(record);
				break;
			}
			if (Date.now() > deadline) throw new Error(`${run.workflowId}: no finished execution within ${EXECUTION_TIMEOUT_MS / 1000} s`);
			await rt.sleep(250);
		}
	}
	const start = Math.min(...records.map((r) => Date.parse(r.startedAt)));
	const stop = Math.max(...records.map((r) => Date.parse(r.stoppedAt)));
	return { records, wallMs: Number.isFinite(stop - start) && stop > start ? stop - start : Date.now() - clientStart };
}

async function measure(rest, baseUrl, sandbox, runs, limit) {
	await sandbox.clearRequests();
	const { records, wallMs } = await runExecutions(rest, baseUrl, runs);
	const log = (await sandbox.requests()).filter((r) => r.route === ROUTE);
	const ok = log.filter((r) => r.status === 200).length;
	const rejected = log.filter((r) => r.status === 429).length;
	const items = runs.reduce((n, run) => n + run.body.length, 0);
	const status = records.map((r) => r.status).join(' + ');
	return {
		result: `${ok}/${items}${status.split(' + ').every((s) => s === 'success') ? '' : `, workflow ${status}`}`,
		ok,
		items,
		rejected,
		wallMs,
		goodput: ok === items ? ok / (wallMs / 1000) / limit : undefined,
	};
}

// ---------------------------------------------------------------------------------------------

function table(header, rows) {
	const line = (cells) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const fmtRow = (label, m) => [label, m.result, m.rejected, `${(m.wallMs / 1000).toFixed(1)} s`, m.goodput === undefined ? '—' : m.goodput.toFixed(2)];

async function singleProcess(logDir) {
	const configs = [];
	for (const limit of LIMITS) for (const retryAfter of [false, true]) configs.push({ limit, retryAfter });
	// Per config: [defaults + both HTTP variants] and [the ceiling pair].
	const sandboxes = await startSandboxes(configs.length * 2, logDir);
	rt.log(`${sandboxes.length} sandboxes up.`);
	const credentials = [];
	const workflows = [];
	configs.forEach((config, i) => {
		config.shared = sandboxes[2 * i];
		config.ceilingBox = sandboxes[2 * i + 1];
		credentials.push(credentialFor(config.shared));
		credentials.push(credentialFor(config.ceilingBox, { customRateLimits: true, requestsPerSecond: config.limit * 1.5 }));
		config.workflows = {
			node: `bench-${i}-node`,
			httpDefaults: `bench-${i}-http`,
			httpTuned: `bench-${i}-httptuned`,
			ceiling: `bench-${i}-ceiling`,
		};
		workflows.push(workflow(config.workflows.node, 'node', config.shared.credentialId, config.shared.url));
		workflows.push(workflow(config.workflows.httpDefaults, 'httpDefaults', config.shared.credentialId, config.shared.url));
		workflows.push(workflow(config.workflows.httpTuned, 'httpTuned', config.shared.credentialId, config.shared.url));
		workflows.push(workflow(config.workflows.ceiling, 'node', config.ceilingBox.credentialId, config.ceilingBox.url));
	});

	const userFolder = rt.scratchUserFolder('bench');
	await rt.installPackedPackage(userFolder);
	const env = rt.n8nEnv({ userFolder, port: await rt.freePort(), brokerPort: await rt.freePort() });
	await rt.importCredentials(credentials, env);
	await rt.importWorkflows(workflows, env);
	const n8n = await rt.startN8n({ env, logFile: path.join(logDir, 'n8n.log') });
	const rest = new rt.N8nRest(n8n.baseUrl);
	await rest.setupOwnerOrLogin(OWNER);
	for (const wf of workflows) await activate(rest, wf.id);
	await rt.sleep(2000);
	rt.log(`n8n ready on ${n8n.baseUrl}; ${workflows.length} workflows active.`);

	const sections = [];
	for (const config of configs) {
		const limiter = { ratePerSecond: config.limit, burst: BURST, cooldownMs: COOLDOWN_MS, retryAfter: config.retryAfter };
		const title = `Limit ${config.limit}/s, burst ${BURST}, cooldown ${COOLDOWN_MS / 1000} s, ${config.retryAfter ? 'with' : 'without'} Retry-After`;
		rt.log(title);
		const rows = [];
		const ids = await config.shared.contractIds(ITEMS);
		const one = async (label, sandbox, workflowId) => {
			const m = await measure(rest, n8n.baseUrl, sandbox, [{ workflowId, body: ids }], config.limit);
			rows.push(fmtRow(label, m));
			rt.log(`  ${label}: ${m.result}, ${m.rejected} × 429, ${(m.wallMs / 1000).toFixed(1)} s`);
		};
		await config.shared.prepare(limiter);
		await one('this node, credential defaults (ceiling 1.9/s)', config.shared, config.workflows.node);
		await config.shared.prepare(limiter);
		await one('HTTP Request node, defaults', config.shared, config.workflows.httpDefaults);
		await config.shared.prepare(limiter);
		await one('HTTP Request node, batching 1 per 550 ms + Retry On Fail 5 × 5 s', config.shared, config.workflows.httpTuned);
		await config.ceilingBox.prepare(limiter);
		const ceiling = config.limit * 1.5;
		await one(`this node, ceiling ${ceiling}/s (50 % above): first execution`, config.ceilingBox, config.workflows.ceiling);
		await one(`this node, ceiling ${ceiling}/s: second execution, same n8n process`, config.ceilingBox, config.workflows.ceiling);
		sections.push({ title, rows });
	}
	await n8n.stop();
	return sections;
}

async function queueMode(logDir) {
	const limit = 2;
	const sandboxes = await startSandboxes(2, logDir);
	const configs = [false, true].map((retryAfter, i) => ({ retryAfter, sandbox: sandboxes[i], a: `bench-q${i}-a`, b: `bench-q${i}-b` }));
	const userFolder = rt.scratchUserFolder('bench-queue');
	await rt.installPackedPackage(userFolder);
	const baseEnv = rt.n8nEnv({ userFolder, port: await rt.freePort(), brokerPort: await rt.freePort() });
	const workflows = configs.flatMap((c) => [
		workflow(c.a, 'node', c.sandbox.credentialId, c.sandbox.url),
		workflow(c.b, 'node', c.sandbox.credentialId, c.sandbox.url),
	]);
	const cluster = await queue.startQueueMode({
		baseEnv,
		dataDir: path.join(DIR, 'queue-data'),
		logDir,
		workers: 2,
		concurrency: 1,
		beforeMain: async (env) => {
			await rt.importCredentials(configs.map((c) => credentialFor(c.sandbox)), env);
			await rt.importWorkflows(workflows, env);
		},
	});
	const rest = new rt.N8nRest(cluster.main.baseUrl);
	await rest.setupOwnerOrLogin(OWNER);
	for (const wf of workflows) await activate(rest, wf.id);
	await rt.sleep(2000);
	const rows = [];
	for (const c of configs) {
		await c.sandbox.prepare({ ratePerSecond: limit, burst: BURST, cooldownMs: COOLDOWN_MS, retryAfter: c.retryAfter });
		const ids = await c.sandbox.contractIds(ITEMS);
		const half = Math.floor(ITEMS / 2);
		const m = await measure(rest, cluster.main.baseUrl, c.sandbox, [
			{ workflowId: c.a, body: ids.slice(0, half) },
			{ workflowId: c.b, body: ids.slice(half) },
		], limit);
		const label = `queue mode, 2 workers, 2 concurrent executions of ${half} on one key, defaults, ${c.retryAfter ? 'with' : 'without'} Retry-After`;
		rows.push(fmtRow(label, m));
		rt.log(`  ${label}: ${m.result}, ${m.rejected} × 429, ${(m.wallMs / 1000).toFixed(1)} s`);
	}
	await rt.stopAllProcesses();
	return { title: `Queue mode: limit ${limit}/s, burst ${BURST}, cooldown ${COOLDOWN_MS / 1000} s`, rows };
}

/** How to read the rows; true of the mechanism, whatever the figures of a run. */
const NOTES = `## Reading the rows

- **Defaults** pace at the credential's ceiling of 1.9 requests per second with a burst of 3, under Appstle's assumed 2 per second and burst 5, so against the 2/s limiter they should see no 429 at all; against the 4/s limiter they leave half the limit unused (raise the ceiling for such a store).
- **Ceiling 50 % above the limit, first execution**: the node runs into the limiter, pauses every request on the key for one cooldown (${COOLDOWN_MS / 1000} s, from \`Retry-After\` or, without it, the node's first guess of 30 s), halves its rate, and climbs back towards 80 % of the rate Appstle refused; it typically overshoots once more (a second cooldown) before it settles under the limit. Most of its wall time is those cooldowns.
- **Second execution**: it starts from what the first one learned, so it runs just under the limit without a 429.
- **HTTP Request node, defaults** sends the items at once and fails the workflow on the first 429; **tuned** (1 item per 550 ms, Retry On Fail 5 × 5 s) stays under 2/s by construction but cannot go faster when the limit is higher, and its retries (25 s in all) could not outlast a 30 s cooldown.
- **Queue mode**: each worker has its own gate, so two workers at the default ceiling together exceed a 2/s limit; each sees the limiter's 429s, halves its own rate, and the two settle under the limit after a cooldown or two. The 429s counted are those of both workers.
`;

async function main() {
	const started = Date.now();
	const date = new Date().toISOString();
	await rt.ensureRuntime();
	if (WITH_QUEUE) await queue.ensureQueueDependencies();
	fs.rmSync(DIR, { recursive: true, force: true });
	const logDir = path.join(DIR, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	process.on('SIGINT', () => rt.stopAllProcesses().then(() => process.exit(130)));
	process.on('SIGTERM', () => rt.stopAllProcesses().then(() => process.exit(143)));

	const sections = [];
	try {
		sections.push(...(await singleProcess(logDir)));
		await rt.stopAllProcesses();
		if (WITH_QUEUE) sections.push(await queueMode(logDir));
	} finally {
		await rt.stopAllProcesses();
	}

	const cpu = os.cpus();
	const header = ['Variant', 'Items succeeded', '429s', 'Wall', 'Goodput / limit'];
	const report = [
		'# Benchmark: pacing against an Appstle-shaped rate limiter, in a real n8n',
		'',
		'Generated by `npm run bench` (`test/bench/real-n8n.js`). Measurements, not tests: the figures vary with the machine and its load.',
		'',
		table(
			['Date', 'n8n', 'Node.js (n8n)', 'CPUs', 'Load when started', 'Total run time'],
			[[date, '2.41.1', '24 (dev/n8n)', `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`, os.loadavg().map((l) => l.toFixed(1)).join(' / '), `${((Date.now() - started) / 1000 / 60).toFixed(1)} min`]],
		),
		'',
		`Each row: ${ITEMS} items (fewer than the issue's 120, to keep the whole run short) through Webhook → Split Out → Subscription → Update Order Note (this node) or a \`PUT\` of the same endpoint with the Appstle credential (HTTP Request node), each execution started by its webhook in one \`n8n start\` (regular mode, SQLite). The sandbox adds ${LATENCY_MS} ms to every request, allows the limit with a burst of ${BURST}, and once the burst is spent refuses every call for ${COOLDOWN_MS / 1000} s. Every variant has a sandbox and API key of its own; the two "ceiling" rows share theirs, so the second execution starts from what the first one taught the node. *Items succeeded* counts the updates the sandbox applied; *429s* the refusals it sent; *Wall* runs from the first execution's start to the last one's end (n8n's own timestamps); *Goodput / limit* is items per second divided by the limit, shown only when every item succeeded (the burst lets a short run exceed 1.00).`,
		'',
		...sections.flatMap((s) => [`## ${s.title}`, '', table(header, s.rows), '']),
		NOTES,
	].join('\n');
	fs.writeFileSync(REPORT, report);
	rt.log(`Report written to ${path.relative(rt.REPO_ROOT, REPORT)} (${((Date.now() - started) / 1000).toFixed(0)} s in all).`);
}

main().catch(async (error) => {
	console.error(`[appstle bench] ${error.stack || error.message}`);
	await rt.stopAllProcesses();
	process.exitCode = 1;
});
