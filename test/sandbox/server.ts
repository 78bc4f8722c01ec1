/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * A local, stateful, strict Appstle External API v2 sandbox (node:http, no framework).
 *
 * Every request under /api/external/v2 is matched against contract.json (derived from
 * Appstle's endpoint catalog), authenticated, optionally rate limited or faulted,
 * validated strictly, and answered from an in-memory, deterministically seeded shop.
 * Admin endpoints under /__sandbox control it (see admin.ts).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { appendLog } from './activity-log';
import { handleAdmin } from './admin';
import { loadContract } from './contract-schema';
import type { EndpointSpec } from './contract-schema';
import { FaultInjector, isLatencyOnly, MALFORMED_JSON, nginxErrorPage } from './faults';
import type { StoredFault } from './faults';
import { Args } from './handlers/common';
import type { HandlerResult } from './handlers/common';
import { handlers, missingHandlerStep } from './handlers';
import { DEFAULT_BULK_JOB_MS } from './handlers/settings';
import { ApiError, httpProblem, reasonPhrase } from './problem';
import type { ProblemBody } from './problem';
import { RateLimiter } from './rate-limit';
import type { RateLimitConfig } from './rate-limit';
import { maskQuery, RequestLog } from './request-log';
import { matchRoute } from './router';
import { type ActivityLog, createState, DEFAULT_SEED, type SandboxState } from './state';
import { validateBody, validateHeaders, validatePaging, validatePath, validateQuery } from './validate';
import type { ParsedParams } from './validate';
import type { LogInput } from './activity-log';
import { WebhookDispatcher } from './webhooks';

export type { RateLimitConfig } from './rate-limit';
export type { SandboxState } from './state';
export type { FaultRule } from './faults';
export type { RequestLogEntry } from './request-log';

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	host?: '127.0.0.1' | string;
	/** Default 'sandbox-key'. */
	apiKey?: string;
	/** Seed of the generated shop (default 20240122). */
	seed?: number;
	/** Rate limiting; default false (off). */
	rateLimit?: RateLimitConfig | false;
	/** The seed's reference time (default: start time, rounded down to the second). */
	now?: Date | number | string;
	/** How long a bulk automation counts as running (default 2000 ms). */
	bulkJobMs?: number;
	/** Max request-log entries kept (default 20 000). */
	requestLogLimit?: number;
}

export interface Sandbox {
	/** e.g. http://127.0.0.1:54321 */
	url: string;
	apiKey: string;
	port: number;
	close(): Promise<void>;
	/** Direct in-process access to the shop (the same object for the sandbox's lifetime). */
	state: SandboxState;
}

const BASE = '/api/external/v2';
const MAX_BODY = 5 * 1024 * 1024;

/** Internal engine shared by the HTTP layer and the admin endpoints. */
export class SandboxCore {
	readonly faults = new FaultInjector();
	readonly limiter = new RateLimiter();
	/** Appstle's webhooks (Svix): registered endpoints, signed deliveries, retries. */
	readonly webhooks = new WebhookDispatcher();
	readonly requests: RequestLog;
	readonly state: SandboxState;
	private readonly pristine = new Map<number, string>();
	private seed: number;
	readonly epoch: number;
	readonly bulkJobMs: number;

	constructor(readonly options: SandboxOptions & { apiKey: string }) {
		// An endpoint of contract.json without a handler answers 501 naming the missing step
		// (see the request path below), so one new endpoint fails its own test, not every test.
		loadContract();
		this.seed = options.seed ?? DEFAULT_SEED;
		const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
		this.epoch = Math.floor(now / 1000) * 1000;
		this.bulkJobMs = options.bulkJobMs ?? DEFAULT_BULK_JOB_MS;
		this.requests = new RequestLog(options.requestLogLimit);
		this.state = this.seeded(this.seed);
		this.limiter.configure(options.rateLimit ?? false);
	}

	/** The seeded shop for a seed; generated once, then re-parsed from JSON (faster than seeding again). */
	private seeded(seed: number): SandboxState {
		const cached = this.pristine.get(seed);
		if (cached !== undefined) return JSON.parse(cached) as SandboxState;
		const fresh = createState({ seed, epoch: this.epoch });
		this.pristine.set(seed, JSON.stringify(fresh));
		return fresh;
	}

	/** Restores the seeded shop (same object), and clears faults, request log and rate-limit state. */
	reset(seed?: number): void {
		if (seed !== undefined) this.seed = seed;
		const fresh = this.seeded(this.seed);
		const target = this.state as unknown as Record<string, unknown>;
		for (const key of Object.keys(target)) delete target[key];
		Object.assign(target, fresh);
		this.faults.clear();
		this.requests.clear();
		this.limiter.reset();
		this.webhooks.reset();
	}

	/** Appends an activity-log entry and sends the webhook Appstle sends for it, if any. */
	record(input: LogInput, nowMs = Date.now()): ActivityLog {
		const entry = appendLog(this.state, input, nowMs);
		this.webhooks.onActivity(this.state, entry);
		return entry;
	}

	currentSeed(): number {
		return this.seed;
	}
}

interface Parsed {
	pathname: string;
	rawQuery: string;
	query: Record<string, string[]>;
}

function parseUrl(url: string): Parsed {
	const q = url.indexOf('?');
	const pathname = q < 0 ? url : url.slice(0, q);
	const rawQuery = q < 0 ? '' : url.slice(q + 1);
	const query: Record<string, string[]> = {};
	for (const pair of rawQuery.split('&')) {
		if (pair === '') continue;
		const eq = pair.indexOf('=');
		const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
		const name = decode(eq < 0 ? pair : pair.slice(0, eq));
		const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
		(query[name] ??= []).push(value);
	}
	return { pathname, rawQuery, query };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(new ApiError(413, 'Payload too large', { detail: `Request body larger than ${MAX_BODY} bytes`, title: 'Payload Too Large' }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Answer {
	status: number;
	headers: Record<string, string>;
	body: string | undefined;
}

function problemAnswer(problem: ProblemBody, headers: Record<string, string> = {}): Answer {
	return { status: problem.status, headers: { 'Content-Type': 'application/problem+json', ...headers }, body: JSON.stringify(problem) };
}

function errorAnswer(err: ApiError, path: string): Answer {
	if (err.options.empty) return { status: err.status, headers: { ...(err.options.headers ?? {}) }, body: undefined };
	return problemAnswer(err.toProblem(path), { ...err.alertHeaders(), ...(err.options.headers ?? {}) });
}

function resultAnswer(result: HandlerResult, endpoint: EndpointSpec): Answer {
	const status = result.status ?? endpoint.response.status;
	const headers = { ...(result.headers ?? {}) };
	if (result.kind === 'json') {
		return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(result.body) };
	}
	if (result.kind === 'text') return { status, headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers }, body: result.body };
	return { status, headers, body: undefined };
}

function faultAnswer(rule: StoredFault, path: string): Answer {
	const kind = rule.kind ?? 'json';
	const status = rule.status ?? (kind === 'html' ? 502 : 500);
	const extra = rule.headers ?? {};
	switch (kind) {
		case 'html':
			return { status, headers: { 'Content-Type': 'text/html', Server: 'nginx', ...extra }, body: nginxErrorPage(status, reasonPhrase(status)) };
		case 'malformed':
			return { status, headers: { 'Content-Type': 'application/json', ...extra }, body: MALFORMED_JSON };
		case 'empty':
			return { status, headers: { ...extra }, body: undefined };
		case 'json':
			if (rule.body !== undefined) return { status, headers: { 'Content-Type': 'application/json', ...extra }, body: JSON.stringify(rule.body) };
			return problemAnswer(httpProblem(status, path, 'Injected fault'), extra);
	}
}

function send(res: ServerResponse, answer: Answer): void {
	const headers: Record<string, string | number> = { ...answer.headers };
	headers['Content-Length'] = answer.body === undefined ? 0 : Buffer.byteLength(answer.body);
	res.writeHead(answer.status, headers);
	res.end(answer.body);
}

function isJsonContentType(value: string | undefined): boolean {
	if (!value) return false;
	const type = value.split(';')[0].trim().toLowerCase();
	return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

async function handleApi(core: SandboxCore, req: IncomingMessage, res: ServerResponse, parsed: Parsed, rawBody: Buffer): Promise<void> {
	const method = (req.method ?? 'GET').toUpperCase();
	const { pathname, query } = parsed;
	const headerKey = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined;
	const queryKeys = query.api_key ?? [];
	const present = rawBody.length > 0;
	let loggedBody: unknown = null;
	if (present) {
		const textBody = rawBody.toString('utf8');
		try {
			loggedBody = JSON.parse(textBody);
		} catch {
			loggedBody = textBody;
		}
	}
	const route = pathname.startsWith(`${BASE}/`) ? matchRoute(method, pathname) : ({ kind: 'none' } as const);
	const template = route.kind === 'none' ? undefined : route.template;
	let fault = false;
	const finish = (answer: Answer) => {
		core.requests.add({
			method,
			path: pathname,
			route: template ?? null,
			query: maskQuery(query),
			body: loggedBody,
			rawBody: present ? rawBody.toString('utf8') : null,
			status: answer.status,
			fault,
			apiKeyHeader: headerKey !== undefined,
			appKeyHeader: req.headers['x-app-key'] !== undefined,
			apiKeyQuery: queryKeys.length > 0,
		});
		send(res, answer);
	};

	// 1. Injected faults (before anything else, like a broken gateway in front).
	const rule = core.faults.take(method, template, pathname);
	const lateRule = rule?.afterHandler && !isLatencyOnly(rule) ? rule : undefined;
	const lose = (r: StoredFault) => {
		fault = true;
		if (r.drop) {
			core.requests.add({
				method,
				path: pathname,
				route: template ?? null,
				query: maskQuery(query),
				body: loggedBody,
				rawBody: present ? rawBody.toString('utf8') : null,
				status: 0,
				fault: true,
				apiKeyHeader: headerKey !== undefined,
				appKeyHeader: req.headers['x-app-key'] !== undefined,
				apiKeyQuery: queryKeys.length > 0,
			});
			req.socket.destroy();
			return;
		}
		finish(faultAnswer(r, pathname));
	};
	if (rule && !lateRule) {
		if (rule.latencyMs) await sleep(rule.latencyMs);
		if (!isLatencyOnly(rule)) {
			lose(rule);
			return;
		}
	}

	// 2. Rate limit, per presented key.
	const decision = core.limiter.check(headerKey ?? queryKeys[0] ?? '(anonymous)', Date.now());
	if (!decision.ok) {
		const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
		const problem = httpProblem(429, pathname, `Rate limit exceeded for this API key; retry in ${seconds} s`, 'Too Many Requests');
		finish(problemAnswer(problem, decision.sendRetryAfter ? { 'Retry-After': String(seconds) } : {}));
		return;
	}

	// 3. Authentication.
	const key = core.options.apiKey;
	const queryValid = queryKeys.includes(key);
	if (headerKey !== key && !queryValid) {
		finish(problemAnswer(httpProblem(401, pathname, 'Full authentication is required to access this resource', 'Unauthorized')));
		return;
	}

	// 4. Routing.
	if (route.kind === 'none') {
		finish(problemAnswer(httpProblem(404, pathname, `No endpoint ${method} ${pathname}`)));
		return;
	}
	if (route.kind === 'method') {
		const problem = httpProblem(405, pathname, `Request method '${method}' is not supported; this path supports ${route.allowed.join(', ')}`);
		finish(problemAnswer(problem, { Allow: route.allowed.join(', ') }));
		return;
	}
	const endpoint = route.endpoint;
	if (endpoint.apiKeyQueryRequired && !queryValid) {
		const detail =
			queryKeys.length === 0
				? `The api_key query parameter is required for ${endpoint.path} (the X-API-Key header alone is not enough here)`
				: 'The api_key query parameter is not a valid API key';
		finish(problemAnswer(httpProblem(401, pathname, detail, 'Unauthorized')));
		return;
	}

	// 5. Validation and the handler. Handlers check everything before they mutate,
	// so a request answered with an error leaves the state untouched.
	try {
		const pathValues = validatePath(endpoint, route.pathValues);
		const headerValues = validateHeaders(endpoint, req.headers);
		const rest: Record<string, string[]> = {};
		for (const [k, v] of Object.entries(query)) {
			if (k === 'api_key') continue;
			if (endpoint.pagination === 'page' && (k === 'page' || k === 'size' || k === 'sort')) continue;
			rest[k] = v;
		}
		const paging = endpoint.pagination === 'page' ? validatePaging(endpoint, query) : undefined;
		const queryValues = validateQuery(endpoint, rest);
		let body: unknown;
		if (present && endpoint.body) {
			if (!isJsonContentType(req.headers['content-type'])) {
				throw new ApiError(415, 'unsupported', {
					detail: `Content-Type '${req.headers['content-type'] ?? '(none)'}' is not supported; send application/json`,
				});
			}
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch (e) {
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the sandbox is a server, not a node: ApiError becomes its HTTP answer
				throw new ApiError(400, 'parse', { detail: `JSON parse error: ${(e as Error).message}` });
			}
		}
		body = validateBody(endpoint, present, body);
		const all: ParsedParams = { ...queryValues, ...pathValues, ...headerValues };
		const handler = handlers[endpoint.operationId];
		if (!handler) {
			finish(problemAnswer(httpProblem(501, pathname, missingHandlerStep(endpoint, loadContract().endpoints), 'Not Implemented')));
			return;
		}
		const nowMs = Date.now();
		const result = handler({
			state: core.state,
			endpoint,
			args: new Args(all),
			query: queryValues,
			paging,
			body,
			nowMs,
			bulkJobMs: core.bulkJobMs,
			baseUrl: `http://${req.headers.host ?? `127.0.0.1`}`,
			pathname,
			rawQuery: parsed.rawQuery,
			log: (input) => core.record(input, nowMs),
		});
		if (lateRule) {
			lose(lateRule);
			return;
		}
		finish(resultAnswer(result, endpoint));
	} catch (err) {
		if (err instanceof ApiError) {
			finish(errorAnswer(err, pathname));
			return;
		}
		const detail = err instanceof Error ? err.message : String(err);
		finish(problemAnswer(httpProblem(500, pathname, `Sandbox error: ${detail}`)));
	}
}

/** Starts the sandbox on 127.0.0.1 (a random port unless told). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const apiKey = options.apiKey ?? 'sandbox-key';
	const core = new SandboxCore({ ...options, apiKey });
	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		// A socket destroyed under a pending answer (drop fault, close()) must not crash the process.
		res.on('error', () => undefined);
		req.on('error', () => undefined);
		void (async () => {
			let parsed: Parsed;
			try {
				parsed = parseUrl(req.url ?? '/');
			} catch {
				send(res, problemAnswer(httpProblem(400, (req.url ?? '/').split('?')[0], 'Malformed percent-encoding in the query string')));
				return;
			}
			let rawBody: Buffer;
			try {
				rawBody = await readBody(req);
			} catch (err) {
				if (err instanceof ApiError && !res.headersSent) send(res, errorAnswer(err, parsed.pathname));
				return;
			}
			if (parsed.pathname === '/__sandbox' || parsed.pathname.startsWith('/__sandbox/')) {
				handleAdmin(core, req, res, parsed.pathname, parsed.query, rawBody);
				return;
			}
			await handleApi(core, req, res, parsed, rawBody);
		})().catch((err: unknown) => {
			if (!res.headersSent) {
				send(res, problemAnswer(httpProblem(500, req.url ?? '/', `Sandbox error: ${err instanceof Error ? err.message : String(err)}`)));
			}
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://${host}:${port}`,
		apiKey,
		port,
		state: core.state,
		close: () =>
			new Promise<void>((resolve, reject) => {
				core.webhooks.close();
				server.close((err) => (err ? reject(err) : resolve()));
				for (const s of sockets) s.destroy();
			}),
	};
}
