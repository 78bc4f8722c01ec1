/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * In-process benchmarks of the Appstle nodes against the local sandbox (n8n-core's harness, no
 * n8n server). These are not tests: nothing here asserts a timing. The script measures, prints a
 * summary and writes test/bench/inprocess-report.md (gitignored). The committed report,
 * test/bench/report.md, comes from `npm run bench` (test/bench/real-n8n.js, a real n8n).
 *
 *   npm run bench:inprocess    (node -r ts-node/register/transpile-only test/bench/run.ts)
 *
 * Every measured run gets its own sandbox on 127.0.0.1 with its own API key, so neither the
 * node's pacing bucket (one per key and process) nor the sandbox's rate limiter carries state
 * from one run into the next. All loops are bounded; a run takes about two and a half minutes.
 */
import { writeFileSync } from 'fs';
import { arch, cpus, platform } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { DEFAULT_BURST, DEFAULT_REQUESTS_PER_SECOND } from '../../credentials/AppstleApi.credentials';
import { executeNode, runPoll } from '../harness';
import type { CredentialsFixture, NodeRunResult } from '../harness';
import { byId } from '../operations/types';
import { SandboxAdmin } from '../sandbox/client';
import { startSandbox } from '../sandbox/server';
import type { RateLimitConfig, Sandbox } from '../sandbox/server';
import { ACTIVITY_LOGS, burst as pausedEvents } from '../trigger/helpers';

const REPORT = join(__dirname, 'inprocess-report.md');
const V2 = '/api/external/v2';

/** Added by the sandbox to every API request in scenarios 1–4: a realistic Appstle round-trip. */
const LATENCY_MS = 80;
/** The sandbox's Appstle-shaped limiter: 2 req/s, burst 5, then 10 s of 429s. */
const APPSTLE_LIMIT: RateLimitConfig = { ratePerSecond: 2, burst: 5, cooldownMs: 10_000, retryAfter: true };

type Pacing = { customRateLimits?: boolean; requestsPerSecond?: number; burst?: number };
/** Rate and burst omitted: the credential's defaults apply, as for a user who never touches them. */
const DEFAULT_PACING: Pacing = {};
const NO_PACING: Pacing = { customRateLimits: true, requestsPerSecond: 1000, burst: 1000 };
/** 10 % under the sandbox limiter's rate, for comparison. */
const MARGIN_PACING: Pacing = { customRateLimits: true, requestsPerSecond: 1.8, burst: 5 };
const DEFAULT_PACING_LABEL = `${DEFAULT_REQUESTS_PER_SECOND} req/s, burst ${DEFAULT_BURST}`;

const RETURN_ALL_REPEATS = 5;
const RETURN_ALL_RUNS = 4;
const BATCH_SIZE = 50;
const TRIGGER_EVENTS = 1_000;
const OVERHEAD_SAMPLES = 200;
const OVERHEAD_WARMUP = 20;

// ---------------------------------------------------------------------------------------------
// Helpers

interface Env {
	sandbox: Sandbox;
	admin: SandboxAdmin;
	credentials: CredentialsFixture;
}

interface EnvSetup {
	pacing: Pacing;
	latency?: boolean;
	rateLimit?: RateLimitConfig;
}

let keyCounter = 0;

/** A fresh sandbox (and API key, hence a fresh pacing bucket) for one measured run. */
async function withSandbox<T>(setup: EnvSetup, fn: (env: Env) => Promise<T>): Promise<T> {
	const sandbox = await startSandbox({ port: 0, apiKey: `bench-key-${++keyCounter}`, rateLimit: setup.rateLimit ?? false });
	const admin = new SandboxAdmin(sandbox.url);
	if (setup.latency) await admin.addFault({ path: '*', latencyMs: LATENCY_MS, times: 0 });
	const credentials = {
		appstleApi: { apiKey: sandbox.apiKey, environment: 'custom', baseUrl: sandbox.url, ...setup.pacing },
	};
	try {
		return await fn({ sandbox, admin, credentials });
	} finally {
		await sandbox.close();
	}
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await fn();
	return { ms: performance.now() - start, value };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function succeeded(result: NodeRunResult): NodeRunResult {
	if (result.status !== 'success') throw new Error(`node run failed: ${result.error?.message ?? result.status}`);
	return result;
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const median = (values: number[]) => percentile(values, 50);

function ms(value: number): string {
	if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
	return value >= 10 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
}

const perSecond = (count: number, elapsedMs: number) => (count / (elapsedMs / 1000)).toFixed(0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function table(header: string[], rows: Array<Array<string | number>>): string {
	const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

interface Section {
	title: string;
	setup: string;
	table: string;
	interpretation: string;
}

async function statuses(admin: SandboxAdmin, route?: string): Promise<number[]> {
	return (await admin.requests(route ? { route } : {})).map((r) => r.status);
}

const count429 = (list: number[]) => list.filter((s) => s === 429).length;

const getManyParameters = (simplify: boolean): INodeParameters => ({
	resource: 'subscription',
	operation: 'getMany',
	returnAll: true,
	simplify,
});

// ---------------------------------------------------------------------------------------------
// 1. Return All, Simplify on vs off

async function returnAllSimplify(): Promise<Section> {
	const rows: Array<Array<string | number>> = [];
	const medians: Record<string, { wall: number; bytes: number; min: number; max: number }> = {};
	let requests = 0;
	for (const simplify of [true, false]) {
		const walls: number[] = [];
		let items = 0;
		let bytes = 0;
		for (let i = 0; i < RETURN_ALL_REPEATS; i++) {
			await withSandbox({ pacing: DEFAULT_PACING, latency: true }, async ({ admin, credentials }) => {
				const { ms: wall, value } = await timed(() => executeNode({ parameters: getManyParameters(simplify), credentials }));
				succeeded(value);
				walls.push(wall);
				items = value.output.length;
				bytes = Buffer.byteLength(JSON.stringify(value.output.map((item) => item.json)));
				requests = (await statuses(admin)).length;
			});
		}
		const wall = median(walls);
		medians[String(simplify)] = { wall, bytes, min: Math.min(...walls), max: Math.max(...walls) };
		rows.push([simplify ? 'on' : 'off', items, requests, ms(wall), `${ms(Math.min(...walls))} – ${ms(Math.max(...walls))}`, perSecond(items, wall), kb(bytes)]);
	}
	const on = medians.true;
	const off = medians.false;
	return {
		title: '1. Action node: Subscription → Get Many, Return All',
		setup: `All seeded contracts, ${LATENCY_MS} ms added by the sandbox to every request, default pacing (${DEFAULT_PACING_LABEL}; the pages fit in the burst), no server rate limit. Median of ${RETURN_ALL_REPEATS} runs, each in a fresh workflow execution.`,
		table: table(['Simplify', 'Items', 'Requests', 'Wall (median)', 'Wall (min – max)', 'Items/s', 'Output JSON'], rows),
		interpretation: `Wall time is ${requests} sequential round-trips of ≥ ${LATENCY_MS} ms plus the node's work; Simplify shrinks the output from ${kb(off.bytes)} to ${kb(on.bytes)}, and its median wall time differs by ${ms(Math.abs(off.wall - on.wall))} (${on.wall <= off.wall ? 'faster' : 'slower'} with Simplify on${on.min <= off.max && off.min <= on.max ? ', within the run-to-run spread' : ''}).`,
	};
}

// ---------------------------------------------------------------------------------------------
// 2. Pacing vs Appstle's rate limiter

async function pacingVsLimiter(): Promise<Section> {
	const configs = [
		{ label: `paced (credential default, ${DEFAULT_PACING_LABEL})`, pacing: DEFAULT_PACING, rateLimit: APPSTLE_LIMIT },
		{ label: `paced 10 % under the limit (${MARGIN_PACING.requestsPerSecond} req/s, burst ${MARGIN_PACING.burst})`, pacing: MARGIN_PACING, rateLimit: APPSTLE_LIMIT },
		{ label: 'un-paced (1000 req/s), limiter sends Retry-After', pacing: NO_PACING, rateLimit: APPSTLE_LIMIT },
		{ label: 'un-paced (1000 req/s), no Retry-After (exponential back-off)', pacing: NO_PACING, rateLimit: { ...APPSTLE_LIMIT, retryAfter: false } },
	];
	const rows: Array<Array<string | number>> = [];
	const walls: number[] = [];
	const rejected: number[] = [];
	for (const config of configs) {
		await withSandbox({ pacing: config.pacing, latency: true, rateLimit: config.rateLimit }, async ({ admin, credentials }) => {
			const outcomes: string[] = [];
			const { ms: wall } = await timed(async () => {
				for (let run = 0; run < RETURN_ALL_RUNS; run++) {
					const result = await executeNode({ parameters: getManyParameters(true), credentials });
					outcomes.push(result.status === 'success' ? `${result.output.length} items` : `error: ${result.error?.message ?? result.status}`);
				}
			});
			const list = await statuses(admin);
			const ok = outcomes.filter((o) => !o.startsWith('error')).length;
			const outcome = ok === RETURN_ALL_RUNS ? `${ok}/${RETURN_ALL_RUNS} runs OK (${outcomes[0]} each)` : `${ok}/${RETURN_ALL_RUNS} runs OK; ${outcomes.find((o) => o.startsWith('error'))}`;
			rows.push([config.label, ms(wall), list.length, count429(list), outcome]);
			walls.push(wall);
			rejected.push(count429(list));
		});
	}
	const [paced, margin, retryAfter, backoff] = walls;
	const verdict =
		rejected[0] > 0 && rejected[1] === 0
			? `Pacing at exactly the limiter's rate leaves no margin: a request that reaches the server a few ms before its token (client-side jitter) costs a whole cooldown, so default pacing gains little over none here, while pacing 10 % under the limit avoids every 429.`
			: rejected[0] === 0
				? `Pacing avoids every 429 and is ${(retryAfter / paced).toFixed(1)}× faster than no pacing with Retry-After, ${(backoff / paced).toFixed(1)}× faster with back-off alone.`
				: `Even 10 % under the limit some requests were rejected.`;
	return {
		title: '2. Pacing against an Appstle-shaped rate limiter',
		setup: `The Return All of scenario 1 (Simplify on) run ${RETURN_ALL_RUNS} times back to back with one credential, as repeated executions would; the sandbox limits the key to ${APPSTLE_LIMIT.ratePerSecond} req/s, burst ${APPSTLE_LIMIT.burst}, then ${APPSTLE_LIMIT.cooldownMs / 1000} s of 429 (cooldown), and adds ${LATENCY_MS} ms per request. The node's real retry policy applies. Default pacing equals the limiter's rate, so whether a paced request arrives a few ms before its token (and gets a 429 and a cooldown) varies from run to run; the 10 % row is the control.`,
		table: table(['Client', 'Wall', 'Requests', '429s', 'Outcome'], rows),
		interpretation: `Default pacing: ${ms(paced)} with ${rejected[0]} × 429; 10 % under the limit: ${ms(margin)} with ${rejected[1]} × 429; un-paced: ${ms(retryAfter)} (Retry-After) and ${ms(backoff)} (back-off only) with ${rejected[2]} and ${rejected[3]} × 429. ${verdict}`,
	};
}

// ---------------------------------------------------------------------------------------------
// 3. A batch of writes at default pacing

async function batchOfWrites(): Promise<Section> {
	return await withSandbox({ pacing: DEFAULT_PACING, latency: true, rateLimit: APPSTLE_LIMIT }, async ({ sandbox, admin, credentials }) => {
		const input = sandbox.state.contracts
			.filter((c) => c.status === 'active')
			.slice(0, BATCH_SIZE)
			.map((c) => ({ id: String(c.contractId) }));
		if (input.length < BATCH_SIZE) throw new Error(`the seed has only ${input.length} active contracts`);
		const { ms: wall, value } = await timed(() =>
			executeNode({
				parameters: { resource: 'subscription', operation: 'pause', contractId: byId('={{ $json.id }}') },
				input,
				credentials,
			}),
		);
		succeeded(value);
		const paused = value.output.filter((item) => item.json.status === 'PAUSED').length;
		const list = await statuses(admin);
		const minimum = ((BATCH_SIZE - DEFAULT_BURST) / DEFAULT_REQUESTS_PER_SECOND) * 1000;
		const rejected = count429(list);
		const refillMs = (DEFAULT_BURST / DEFAULT_REQUESTS_PER_SECOND) * 1000;
		const cooldownCost = APPSTLE_LIMIT.cooldownMs - refillMs;
		return {
			title: `3. Batch of ${BATCH_SIZE} writes: Subscription → Pause`,
			setup: `${BATCH_SIZE} input items, contract ID from an expression (\`{{ $json.id }}\`), default pacing (${DEFAULT_PACING_LABEL}), the Appstle-shaped limiter on, ${LATENCY_MS} ms per request. Theoretical minimum: the first ${DEFAULT_BURST} requests go at once, the other ${BATCH_SIZE - DEFAULT_BURST} one every ${1000 / DEFAULT_REQUESTS_PER_SECOND} ms.`,
			table: table(
				['Items', 'Paused', 'Requests', '429s', 'Wall', 'Pacing minimum', 'Above minimum', 'Items/s'],
				[[BATCH_SIZE, paused, list.length, rejected, ms(wall), ms(minimum), `${ms(wall - minimum)} (${(((wall - minimum) / minimum) * 100).toFixed(1)}%)`, (BATCH_SIZE / (wall / 1000)).toFixed(2)]],
			),
			interpretation:
				rejected > 0
					? `It takes ${(wall / minimum).toFixed(2)}× the pacing minimum; ${rejected} × 429 (default pacing equals the limiter's rate, no margin), each costing about the ${APPSTLE_LIMIT.cooldownMs / 1000} s cooldown less the ${ms(refillMs)} of burst refilled meanwhile (≈ ${ms(rejected * cooldownCost)}), explain most of the ${ms(wall - minimum)} above it; the rest is the node, n8n and the round-trips.`
					: `The batch is rate-bound: ${(wall / minimum).toFixed(2)}× the pacing minimum, with no 429; the node, n8n and the ${LATENCY_MS} ms round-trips add ${ms(wall - minimum)} in all.`,
		};
	});
}

// ---------------------------------------------------------------------------------------------
// 4. Trigger polls

interface PollMeasure {
	wall: number;
	requests: number;
	rejected: number;
	emitted: number;
}

async function triggerPolls(): Promise<Section> {
	const parameters: INodeParameters = { events: ['subscriptionPaused'] };
	const configs = [
		{ label: `default pacing (${DEFAULT_PACING_LABEL}), limiter on`, pacing: DEFAULT_PACING, rateLimit: APPSTLE_LIMIT as RateLimitConfig | undefined, refillMs: (DEFAULT_BURST / DEFAULT_REQUESTS_PER_SECOND) * 1000 },
		{ label: 'pacing off (1000 req/s), limiter off', pacing: NO_PACING, rateLimit: undefined, refillMs: 0 },
	];
	const rows: Array<Array<string | number>> = [];
	const delivered: PollMeasure[] = [];
	const idleQuiet: PollMeasure[] = [];
	const idleAfter: PollMeasure[] = [];
	for (const config of configs) {
		await withSandbox({ pacing: config.pacing, latency: true, rateLimit: config.rateLimit }, async ({ admin, credentials }) => {
			const staticData: IDataObject = {};
			// Real polls are minutes apart: each one starts with a full pacing bucket and limiter.
			const poll = async (): Promise<PollMeasure> => {
				await sleep(config.refillMs);
				await admin.clearRequests();
				const { ms: wall, value } = await timed(() => runPoll({ parameters, credentials, staticData }));
				const list = await statuses(admin, ACTIVITY_LOGS);
				return { wall, requests: list.length, rejected: count429(list), emitted: value.output?.[0].length ?? 0 };
			};
			const row = (name: string, m: PollMeasure) =>
				rows.push([config.label, name, ms(m.wall), m.requests, m.rejected, m.emitted, m.emitted > 0 ? perSecond(m.emitted, m.wall) : '–']);

			row('baseline (activation)', await poll());
			const quiet = await poll();
			row('idle, quiet log', quiet);
			await admin.insertEvents(pausedEvents(TRIGGER_EVENTS));
			const delivery = await poll();
			row(`${TRIGGER_EVENTS.toLocaleString('en-US')} new events`, delivery);
			const after = await poll();
			row('idle, right after the burst', after);
			delivered.push(delivery);
			idleQuiet.push(quiet);
			idleAfter.push(after);
		});
	}
	const [paced, unpaced] = delivered;
	return {
		title: '4. Trigger: activity-log polls',
		setup: `Trigger on "Subscription Paused", default options (overlap window 300 s), ${LATENCY_MS} ms per request, ${TRIGGER_EVENTS.toLocaleString('en-US')} matching events inserted after the baseline; pages of 100. Requests = activity-log pages read (incl. any 429). Each poll starts with a full pacing bucket, as polls minutes apart would.`,
		table: table(['Setup', 'Poll', 'Wall', 'Requests', '429s', 'Emitted', 'Events/s'], rows),
		interpretation: `One poll delivers ${paced.emitted} events from ${paced.requests} pages in ${ms(paced.wall)} (${perSecond(paced.emitted, paced.wall)} events/s) at default pacing${paced.rejected > 0 ? ` (${paced.rejected} × 429 and their cooldowns included)` : ''} vs ${ms(unpaced.wall)} (${perSecond(unpaced.emitted, unpaced.wall)} events/s) with no pacing or limiter, so the rate limit, not the node, bounds it; an idle poll costs ${idleQuiet[0].requests} request(s) (${ms(idleQuiet[0].wall)}), but right after a burst it re-reads the overlap window (${idleAfter[0].requests} pages, ${ms(idleAfter[0].wall)}).`,
	};
}

// ---------------------------------------------------------------------------------------------
// 5. Transport overhead

async function transportOverhead(): Promise<Section> {
	return await withSandbox({ pacing: NO_PACING }, async ({ sandbox, credentials }) => {
		const contractId = String(sandbox.state.contracts.find((c) => c.status === 'active')?.contractId);
		const url = `${sandbox.url}${V2}/subscription-contracts/contract-external/${contractId}`;
		const parameters: INodeParameters = { resource: 'subscription', operation: 'get', contractId: byId(contractId) };
		const nodeCall = async () => {
			succeeded(await executeNode({ parameters, credentials }));
		};
		const rawCall = async () => {
			const res = await request(url, { headers: { 'X-API-Key': sandbox.apiKey, Accept: 'application/json' } });
			if (res.statusCode !== 200) throw new Error(`raw GET answered ${res.statusCode}`);
			await res.body.json();
		};
		for (let i = 0; i < OVERHEAD_WARMUP; i++) {
			await nodeCall();
			await rawCall();
		}
		// Interleaved, so drift (GC, JIT, the OS) hits both sides alike.
		const node: number[] = [];
		const raw: number[] = [];
		for (let i = 0; i < OVERHEAD_SAMPLES; i++) {
			node.push((await timed(nodeCall)).ms);
			raw.push((await timed(rawCall)).ms);
		}
		const row = (label: string, values: number[]) => [label, values.length, ms(median(values)), ms(percentile(values, 95)), ms(Math.max(...values))];
		const overhead = median(node) - median(raw);
		return {
			title: '5. Transport overhead: one GET, node vs raw HTTP',
			setup: `${OVERHEAD_SAMPLES} sequential Subscription → Get calls of one contract (after ${OVERHEAD_WARMUP} warm-up calls), pacing off (1000 req/s), no added latency, no rate limit. Node = a whole \`executeNode\` (n8n workflow run, credential, transport, axios, output); raw = undici \`request\` + JSON parse of the same URL. Interleaved.`,
			table: table(['Client', 'Calls', 'p50', 'p95', 'max'], [row('node (executeNode)', node), row('raw HTTP (undici)', raw)]),
			interpretation: `The node costs ${ms(overhead)} more than the raw round-trip at p50 (${ms(percentile(node, 95) - percentile(raw, 95))} at p95): noise next to a ${LATENCY_MS} ms+ Appstle round-trip and the ${1000 / DEFAULT_REQUESTS_PER_SECOND} ms pacing slot.`,
		};
	});
}

// ---------------------------------------------------------------------------------------------

async function warmUp(): Promise<void> {
	// Loads the node types (TypeScript sources) and n8n-core once, outside any measurement.
	await withSandbox({ pacing: NO_PACING }, async ({ credentials }) => {
		succeeded(await executeNode({ parameters: { ...getManyParameters(true), returnAll: false, limit: 1 }, credentials }));
		const staticData: IDataObject = {};
		await runPoll({ parameters: { events: ['subscriptionPaused'] }, credentials, staticData });
	});
}

async function main(): Promise<void> {
	const started = performance.now();
	const date = new Date().toISOString();
	await warmUp();
	const scenarios = [returnAllSimplify, pacingVsLimiter, batchOfWrites, triggerPolls, transportOverhead];
	const sections: Section[] = [];
	for (const scenario of scenarios) {
		const t = performance.now();
		const section = await scenario();
		sections.push(section);
		process.stdout.write(`${section.title} (${ms(performance.now() - t)})\n  ${section.interpretation}\n`);
	}
	const cpu = cpus();
	const report = [
		'# Benchmarks: n8n-nodes-appstle against the local sandbox',
		'',
		'Generated by `npm run bench` (test/bench/run.ts). Measurements, not tests: numbers vary with the machine and its load.',
		'',
		table(
			['Date', 'Node.js', 'CPUs', 'Platform', 'Total run time'],
			[[date, process.version, `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`, `${platform()} ${arch()}`, ms(performance.now() - started)]],
		),
		'',
		...sections.flatMap((s) => [`## ${s.title}`, '', s.setup, '', s.table, '', `**Interpretation:** ${s.interpretation}`, '']),
	].join('\n');
	writeFileSync(REPORT, report);
	process.stdout.write(`\nReport written to ${REPORT} (${ms(performance.now() - started)} in all)\n`);
}

main().then(
	// n8n-core may leave keep-alive sockets or timers behind; the benchmark is done either way.
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
