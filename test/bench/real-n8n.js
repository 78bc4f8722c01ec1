'use strict';
// `npm run bench`: rate-limit pacing in a real n8n 2.41.1, side by side in one run. Not a test:
// it measures and writes test/bench/report.md; nothing here asserts a timing.
//
// Against a sandbox limiter shaped like Appstle (2 requests per second, burst 5, then a 30 s
// cooldown of 429s, no Retry-After; 80 ms added to every request), Subscription → Update Order
// Note for each item, every execution started by its webhook:
//   - one `n8n start` (regular mode): this node with credential defaults, 120 and 600 items; this
//     node with the ceiling 50 % above the limit, a first and a second execution of 120; n8n's
//     HTTP Request node with the Appstle credential, defaults and tuned by hand (batching 1 item
//     per 550 ms + Retry On Fail 5 × 5 s), 120 and 600 items. Variants with sandboxes of their
//     own run at the same time (one execution each, a few requests per second in all).
//   - n8n's queue mode (Redis, Postgres, main + 2 workers of concurrency 1): two concurrent
//     executions of 60 on one key, with credential defaults, with "N8n Processes Sharing This
//     Key" = 2, and the HTTP Request node tuned for two workers (1 item per 1100 ms each).
//
// Each variant gets a sandbox and an API key of its own, so neither the node's gate (one per key
// per n8n process) nor the limiter carries state from one variant into the next; the two ceiling
// executions share theirs on purpose.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const rt = require('../n8n/runtime');
const queue = require('../n8n/queue');

const DIR = path.join(rt.REPO_ROOT, '.bench');
const REPORT = path.join(__dirname, 'report.md');
const ITEMS = Number(process.env.APPSTLE_BENCH_ITEMS || 120);
const LONG_ITEMS = Number(process.env.APPSTLE_BENCH_LONG_ITEMS || 600);
const QUEUE_ITEMS = Number(process.env.APPSTLE_BENCH_QUEUE_ITEMS || 60);
const LIMIT = Number(process.env.APPSTLE_BENCH_LIMIT || 2);
const RETRY_AFTER = process.env.APPSTLE_BENCH_RETRY_AFTER === '1';
const COOLDOWN_MS = 30000;
const BURST = 5;
const LATENCY_MS = 80;
const WITH_QUEUE = process.env.APPSTLE_BENCH_QUEUE !== '0';
const WITH_SINGLE = process.env.APPSTLE_BENCH_SINGLE !== '0';
const EXECUTION_TIMEOUT_MS = 15 * 60 * 1000;
const PKG = rt.PACKAGE_NAME;
const OWNER = { email: 'bench@example.com', password: 'Appstle-bench-1', firstName: 'Bench', lastName: 'Owner' };
const ROUTE = '/api/external/v2/subscription-contracts-update-order-note/{contractId}';

// ---------------------------------------------------------------------------------------------
// Workflows: Webhook (body = [{id}, …]) → Split Out → the variant's node

let nodeId = 0;
const uuid = () => `b0000000-0000-4000-8000-${String(++nodeId).padStart(12, '0')}`;

function workflow(id, variant, credentialId, sandboxUrl, batchIntervalMs = 550) {
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
						options: variant === 'httpTuned' ? { batching: { batch: { batchSize: 1, batchInterval: batchIntervalMs } } } : {},
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

const LIMITER = { ratePerSecond: LIMIT, burst: BURST, cooldownMs: COOLDOWN_MS, retryAfter: RETRY_AFTER };
const TUNED = 'HTTP Request node, batching 1 per 550 ms + Retry On Fail 5 × 5 s';

/** Measures several variants at once, each on its own sandbox; returns rows in the given order. */
async function concurrently(rest, baseUrl, variants) {
	for (const v of variants) await v.sandbox.prepare(LIMITER);
	const measured = await Promise.all(variants.map((v) => measure(rest, baseUrl, v.sandbox, v.runs, LIMIT)));
	return measured.map((m, i) => {
		const label = variants[i].label;
		rt.log(`  ${label}: ${m.result}, ${m.rejected} × 429, ${(m.wallMs / 1000).toFixed(1)} s`);
		return fmtRow(label, m);
	});
}

async function singleProcess(logDir) {
	const names = ['defaults', 'httpDefaults', 'httpTuned', 'ceiling', 'longDefaults', 'longTuned'];
	const sandboxes = await startSandboxes(names.length, logDir);
	const box = Object.fromEntries(names.map((n, i) => [n, sandboxes[i]]));
	rt.log(`${sandboxes.length} sandboxes up.`);
	const ceiling = LIMIT * 1.5;
	const credentials = names.map((n) => credentialFor(box[n], n === 'ceiling' ? { customRateLimits: true, requestsPerSecond: ceiling } : {}));
	const kind = { defaults: 'node', httpDefaults: 'httpDefaults', httpTuned: 'httpTuned', ceiling: 'node', longDefaults: 'node', longTuned: 'httpTuned' };
	const workflows = names.map((n) => workflow(`bench-${n}`, kind[n], box[n].credentialId, box[n].url));

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

	// The seeded shop has fewer active contracts than a long run has items: each one's note is set several times.
	const active = await box.defaults.contractIds(LONG_ITEMS);
	const ids = Array.from({ length: LONG_ITEMS }, (_, i) => active[i % active.length]);
	const short = ids.slice(0, ITEMS);
	const one = (name, label, body = short) => ({ label, sandbox: box[name], runs: [{ workflowId: `bench-${name}`, body }] });
	const rows = [];
	rt.log(`${ITEMS} items, at once on separate keys`);
	rows.push(
		...(await concurrently(rest, n8n.baseUrl, [
			one('defaults', `this node, credential defaults (ceiling 1.9/s), ${ITEMS} items`),
			one('httpDefaults', `HTTP Request node, defaults, ${ITEMS} items`),
			one('httpTuned', `${TUNED}, ${ITEMS} items`),
			one('ceiling', `this node, ceiling ${ceiling}/s (50 % above): first execution of ${ITEMS}`),
		])),
	);
	// The second ceiling execution keeps the limiter's state too: it starts where the first one left the key.
	const second = one('ceiling', `this node, ceiling ${ceiling}/s: second execution of ${ITEMS}, same n8n process`);
	rows.push(...(await concurrently(rest, n8n.baseUrl, [{ ...second, sandbox: { ...box.ceiling, prepare: async () => {} } }])));
	rt.log(`${LONG_ITEMS} items, at once on separate keys`);
	rows.push(
		...(await concurrently(rest, n8n.baseUrl, [
			one('longDefaults', `this node, credential defaults, ${LONG_ITEMS} items`, ids),
			one('longTuned', `${TUNED}, ${LONG_ITEMS} items`, ids),
		])),
	);
	await n8n.stop();
	return { title: `One n8n process: limit ${LIMIT}/s, burst ${BURST}, cooldown ${COOLDOWN_MS / 1000} s, ${RETRY_AFTER ? 'with' : 'without'} Retry-After`, rows };
}

async function queueMode(logDir) {
	const names = ['qDefaults', 'qShared', 'qTuned'];
	const sandboxes = await startSandboxes(names.length, logDir);
	const box = Object.fromEntries(names.map((n, i) => [n, sandboxes[i]]));
	const credentials = [
		credentialFor(box.qDefaults),
		credentialFor(box.qShared, { customRateLimits: true, sharingProcesses: 2 }),
		credentialFor(box.qTuned),
	];
	const workflows = [
		...['a', 'b'].map((x) => workflow(`bench-qDefaults-${x}`, 'node', box.qDefaults.credentialId, box.qDefaults.url)),
		...['a', 'b'].map((x) => workflow(`bench-qShared-${x}`, 'node', box.qShared.credentialId, box.qShared.url)),
		...['a', 'b'].map((x) => workflow(`bench-qTuned-${x}`, 'httpTuned', box.qTuned.credentialId, box.qTuned.url, 1100)),
	];
	const userFolder = rt.scratchUserFolder('bench-queue');
	await rt.installPackedPackage(userFolder);
	const baseEnv = rt.n8nEnv({ userFolder, port: await rt.freePort(), brokerPort: await rt.freePort() });
	const cluster = await queue.startQueueMode({
		baseEnv,
		dataDir: path.join(DIR, 'queue-data'),
		logDir,
		workers: 2,
		// One execution per worker at a time: the two executions of a row run in two processes.
		concurrency: 1,
		beforeMain: async (env) => {
			await rt.importCredentials(credentials, env);
			await rt.importWorkflows(workflows, env);
		},
	});
	const rest = new rt.N8nRest(cluster.main.baseUrl);
	await rest.setupOwnerOrLogin(OWNER);
	for (const wf of workflows) await activate(rest, wf.id);
	await rt.sleep(2000);
	const rows = [];
	const pair = async (name, label) => {
		const ids = await box[name].contractIds(2 * QUEUE_ITEMS);
		const runs = [
			{ workflowId: `bench-${name}-a`, body: ids.slice(0, QUEUE_ITEMS) },
			{ workflowId: `bench-${name}-b`, body: ids.slice(QUEUE_ITEMS) },
		];
		rows.push(...(await concurrently(rest, cluster.main.baseUrl, [{ label, sandbox: box[name], runs }])));
	};
	const what = `2 workers, 2 concurrent executions of ${QUEUE_ITEMS} on one key`;
	await pair('qDefaults', `this node, ${what}, credential defaults`);
	await pair('qShared', `this node, ${what}, Processes Sharing This Key = 2`);
	await pair('qTuned', `HTTP Request node, ${what}, batching 1 per 1100 ms each + Retry On Fail 5 × 5 s`);
	await rt.stopAllProcesses();
	return { title: `Queue mode (main + 2 workers): limit ${LIMIT}/s, burst ${BURST}, cooldown ${COOLDOWN_MS / 1000} s, ${RETRY_AFTER ? 'with' : 'without'} Retry-After`, rows };
}

/** How to read the rows; true of the mechanism, whatever the figures of a run. */
const NOTES = `## Reading the rows

- **Defaults** pace at the credential's ceiling of 1.9 requests per second with a burst of 3, under the limiter's 2 per second and burst 5: no 429, about 95 % of the limit however long the run.
- **Ceiling 50 % above the limit**: the node starts at the rate Appstle usually allows (1.9 per second) and climbs above it only slowly (0.05 % of that rate per answer), so the first execution of ${ITEMS} stays under the limit and sees no 429. The climb goes on in the second execution, which meets the limit once, just above it: every request on the key pauses for one cooldown (${COOLDOWN_MS / 1000} s, the node's first guess without \`Retry-After\`), and the node continues at once at 0.85 × the rate it was sending at, under the limit, and stays there. One cooldown costs ${COOLDOWN_MS / 1000} s out of a run that takes about ${Math.round(ITEMS / LIMIT)} s at the limit, so the execution that pays it cannot reach much more than 0.70 of the limit.
- **HTTP Request node, defaults** sends the items at once and fails the workflow on the first 429; **tuned** (1 item per 550 ms, Retry On Fail 5 × 5 s) stays under 2 per second by construction, and its retries (25 s in all) could not outlast a ${COOLDOWN_MS / 1000} s cooldown if it met one.
- **Queue mode, defaults**: each worker has its own gate at the full default rate, so together they are twice over the limit from the first request; both get a 429 at the rate the key normally allows, read it as another process sharing the key, and each continues at half (0.95 per second), together under the limit. The one cooldown at the start is what the row pays for not being told.
- **Queue mode, Processes Sharing This Key = 2**: each worker paces at half the ceiling and burst (0.95 per second, burst 1) from the first request: no 429.
- **Queue mode, HTTP Request node tuned for two workers** (1 item per 1100 ms in each execution): under the limit by construction, at half the rate each; it cannot go faster when one execution runs alone.
`;

/** Measured by a jest test (request counts, not time), kept here so that a new bench run keeps it. */
const DETAILS_COST = `## Include Subscription Details: requests per busy poll (measured by a jest test, not by this bench)

Not measured in a real n8n: these figures are the request counts asserted by the jest test "Include Subscription Details on a busy poll" in \`test/trigger.test.ts\` (\`npx jest test/trigger.test.ts -t "busy poll"\`), which polls the sandbox through the in-process harness and counts the requests the sandbox received. 75 matching events about 30 subscriptions (two or three in a row about each, as on a billing day) are waiting when the polls start:

| Poll | Events delivered | Activity-log requests | Detail requests | Requests in all |
| --- | --- | --- | --- | --- |
| 1 | 50 | 1 | 20 | 21 |
| 2 | 25 | 1 | 10 | 11 |
| 3 (idle) | 0 | 1 | 0 | 1 |

A poll makes one detail request per distinct subscription and never more than \`MAX_DETAIL_REQUESTS_PER_POLL\` (20, \`nodes/Appstle/trigger/poll.ts\`); the events after the 20th subscription wait for the next poll, in order, and each is delivered once. So a busy poll with the option on costs at most its activity-log pages (100 events each) plus 20; with it off, only the pages.
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
		if (WITH_SINGLE) sections.push(await singleProcess(logDir));
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
		`Subscription → Update Order Note for each item, through Webhook → Split Out → this node, or a \`PUT\` of the same endpoint with the Appstle credential (HTTP Request node). The sandbox adds ${LATENCY_MS} ms to every request, allows ${LIMIT} per second with a burst of ${BURST}, and once the burst is spent refuses every call for ${COOLDOWN_MS / 1000} s${RETRY_AFTER ? ' (with Retry-After)' : ', without Retry-After'}. Every variant has a sandbox and API key of its own (variants on different keys ran at the same time); the two "ceiling" rows share theirs, so the second execution starts from what the first one taught the node. *Items succeeded* counts the updates the sandbox applied; *429s* the refusals it sent; *Wall* runs from the first execution's start to the last one's end (n8n's own timestamps); *Goodput / limit* is items per second divided by the limit, shown only when every item succeeded (the burst lets a short run exceed 1.00).`,
		'',
		...sections.flatMap((s) => [`## ${s.title}`, '', table(header, s.rows), '']),
		NOTES,
		DETAILS_COST,
	].join('\n');
	fs.writeFileSync(REPORT, report);
	rt.log(`Report written to ${path.relative(rt.REPO_ROOT, REPORT)} (${((Date.now() - started) / 1000).toFixed(0)} s in all).`);
}

main().catch(async (error) => {
	console.error(`[appstle bench] ${error.stack || error.message}`);
	await rt.stopAllProcesses();
	process.exitCode = 1;
});
