import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	APPSTLE_BASE_URLS,
	DEFAULT_BURST,
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_REQUESTS_PER_SECOND,
} from '../../../credentials/AppstleApi.credentials';
import { DEFAULT_MAX_PAGES } from '../shared/parameters';
import { type Answer, isCancellation, networkErrorOf, normalizeHeaders, readBody } from './answer';
import { asNodeError, type FailedExchange } from './errors';
import { stringifyJson } from './json';
import { failureOf, rateLimitError } from './outcome';
import { type AdaptiveGate, gateFor, type GateWait, passGate, RateLimitWaitExceeded, type Ticket } from './pacing';
import type { Query } from './query';
import { type Attempts, judge, parseRetryAfter, RETRY_POLICY } from './retry';
import { requestStatsOf } from './stats';
import { API_PREFIX, baseUrlProblem, requestUrl } from './url';

export { parseApiDateTime, toApiDateTime, type Query, type QueryValue } from './query';
export { asNodeError, redact } from './errors';
export { JsonInteger, JsonNumber, parseJsonText, stringifyJson } from './json';
export { API_PREFIX, MAX_URL_BYTES, requestUrl } from './url';
export { RETRY_POLICY } from './retry';
export { PACING_POLICY } from './pacing';

export { requestStatsOf, type RequestStats } from './stats';

export const CREDENTIAL_TYPE = 'appstleApi';

export type AppstleContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;
export type HttpMethod = Extract<IHttpRequestMethods, 'GET' | 'POST' | 'PUT' | 'DELETE'>;
export type RequestBody = IDataObject | unknown[];

export interface AppstleCredentials {
	apiKey: string;
	/** Appstle partner apps only: sent as `X-App-Key`, and kept out of every error like the API key. */
	appApiKey?: string;
	environment?: 'subscriptions' | 'memberships' | 'custom';
	baseUrl?: string;
	/** Off: the rate settings below are hidden in the credential and their defaults apply. */
	customRateLimits?: boolean;
	/** The ceiling of the adaptive rate. */
	requestsPerSecond?: number;
	burst?: number;
	/** Seconds one request may wait for Appstle's rate-limit cooldowns before it fails. */
	maxRateLimitWait?: number;
	/** How many n8n processes (queue-mode workers) use this key at once: the ceiling and burst are shared among them. */
	sharingProcesses?: number;
}

export interface AppstleRequest {
	method: HttpMethod;
	/** Path under /api/external/v2, with `{name}` placeholders, e.g. `/subscription-groups/{id}`. */
	path: string;
	pathParams?: Record<string, string | number>;
	query?: Query;
	body?: RequestBody;
	/**
	 * Whether sending the request twice is harmless. Only such requests are repeated after a
	 * 5xx or a lost connection; a billing attempt, a new contract, an email or a bulk job never is.
	 */
	idempotent: boolean;
	/** Appstle's docs still require `api_key` in the query for the activity log and bulk automations. */
	apiKeyInQuery?: boolean;
	itemIndex?: number;
	/** Custom API Call: `path` is the user's own, checked by the URL rule and never filled. */
	userPath?: boolean;
	/** Field labels by `path:<name>` / `query:<name>`, so a refused URL names the field. */
	labels?: Record<string, string>;
}

export interface AppstleResponse<T> {
	status: number;
	headers: Record<string, string>;
	body: T;
}

/** Why the credential's Base URL cannot be used (the Base URL rule), or undefined. */
function baseUrlProblemOf(credentials: AppstleCredentials): string | undefined {
	return credentials.environment === 'custom' ? baseUrlProblem(String(credentials.baseUrl ?? '')) : undefined;
}

export function resolveBaseUrl(credentials: AppstleCredentials): string {
	if (credentials.environment === 'custom') {
		return String(credentials.baseUrl ?? '').trim().replace(/\/$/, '');
	}
	return credentials.environment === 'memberships'
		? APPSTLE_BASE_URLS.memberships
		: APPSTLE_BASE_URLS.subscriptions;
}

/** The credential as requests use it: its keys, and its Base URL resolved and checked by the Base URL rule. */
export interface AppstleTarget {
	credentials: AppstleCredentials;
	baseUrl: string;
	/** Why the Base URL cannot be used, or undefined when it can. */
	baseUrlProblem: string | undefined;
}

/** Reads the credential and resolves its Base URL: the one place either happens. */
export async function appstleTarget(this: AppstleContext, itemIndex?: number): Promise<AppstleTarget> {
	const credentials = await this.getCredentials<AppstleCredentials>(CREDENTIAL_TYPE, itemIndex);
	return { credentials, baseUrl: resolveBaseUrl(credentials), baseUrlProblem: baseUrlProblemOf(credentials) };
}

/**
 * The one way this package talks to Appstle: the credential's auth through n8n's request
 * helper (proxy, allow-list), per-key pacing, retries that respect idempotency, and errors
 * that carry Appstle's own message but never the API key.
 */
export async function appstleApiRequest<T = unknown>(
	this: AppstleContext,
	request: AppstleRequest,
): Promise<AppstleResponse<T>> {
	const { credentials, baseUrl, baseUrlProblem: problem } = await appstleTarget.call(this, request.itemIndex);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `The Appstle credential's Base URL ${problem}`, {
			description:
				'The Base URL is the scheme, host and optional port only, e.g. https://api.example.com or http://127.0.0.1:8787 (plain http only for this machine or a private network). Nothing was sent.',
			itemIndex: request.itemIndex,
		});
	}

	const url = requestUrl(this.getNode(), baseUrl, credentials.apiKey, request);

	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers: {
			Accept: 'application/json',
			...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
		},
		body: request.body !== undefined ? stringifyJson(request.body) : undefined,
		json: false,
		// Read by `send` itself, so that the deadline covers the body too.
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect could carry the key headers anywhere: a 3xx is an answer, turned into an error.
		disableFollowRedirect: true,
		timeout: RETRY_POLICY.timeoutMs,
	};
	const exchange: FailedExchange = {
		method: request.method,
		path: `${API_PREFIX}${request.path}`,
		baseUrl,
		customPath: request.userPath,
		idempotent: request.idempotent,
		itemIndex: request.itemIndex,
	};
	return (await exchangeWithAppstle.call(this, request, options, exchange, credentials)) as AppstleResponse<T>;
}

function rateSettings(credentials: AppstleCredentials) {
	const custom = credentials.customRateLimits !== false;
	const number = (value: unknown, min: number, fallback: number) =>
		custom && value !== undefined && value !== '' && Number(value) >= min ? Number(value) : fallback;
	const processes = Math.floor(number(credentials.sharingProcesses, 1, 1));
	return {
		gate: {
			ceiling: number(credentials.requestsPerSecond, 0.01, DEFAULT_REQUESTS_PER_SECOND) / processes,
			burst: Math.max(1, Math.floor(number(credentials.burst, 1, DEFAULT_BURST) / processes)),
			usualRate: DEFAULT_REQUESTS_PER_SECOND / processes,
		},
		maxWaitMs: number(credentials.maxRateLimitWait, 0, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS) * 1000,
	};
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The execution's own cancel signal, where n8n gives the context one. */
function cancelSignalOf(context: AppstleContext): AbortSignal | undefined {
	const withSignal = context as Partial<Pick<IExecuteFunctions, 'getExecutionCancelSignal'>>;
	return typeof withSignal.getExecutionCancelSignal === 'function' ? withSignal.getExecutionCancelSignal() : undefined;
}

/**
 * A cancelled run ends with this error alone: n8n's own error for it wraps the HTTP client's,
 * which holds the request config and so the key headers, and n8n hands errors to its ErrorReporter.
 */
function cancelledError(node: INode, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled while waiting for Appstle', { itemIndex, level: 'warning' });
}

/**
 * Sends one request and reads its answer; only cancellation and n8n's own errors escape.
 * Redirects are never followed (a 3xx comes back as an answer), and the whole exchange,
 * headers and body, must end within the deadline or it counts as lost.
 */
async function send(this: AppstleContext, options: IHttpRequestOptions, itemIndex?: number): Promise<Answer> {
	const deadline = AbortSignal.timeout(RETRY_POLICY.deadlineMs);
	const cancel = cancelSignalOf(this);
	const timedOut = (): Answer => ({
		kind: 'lost',
		networkError: `no complete answer within ${seconds(RETRY_POLICY.deadlineMs)}, the deadline of one request`,
		timedOut: true,
	});
	try {
		// A fresh copy: n8n replaces `abortSignal` in what it is given with the execution's cancel
		// signal, where there is one; the body read below keeps the deadline in every context.
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			...options,
			abortSignal: deadline,
		})) as IN8nHttpFullResponse;
		const text = await readBody(response.body, [deadline, cancel]);
		return {
			kind: 'http',
			status: response.statusCode,
			headers: normalizeHeaders(response.headers as IDataObject),
			text,
		};
	} catch (error) {
		if (cancel?.aborted) throw cancelledError(this.getNode(), itemIndex);
		if (deadline.aborted) return timedOut();
		if (isCancellation(error)) throw cancelledError(this.getNode(), itemIndex);
		if (error instanceof NodeOperationError) throw asNodeError(this.getNode(), error, itemIndex);
		return { kind: 'lost', networkError: networkErrorOf(error) };
	}
}

/**
 * The request loop: wait for the key's gate, send, tell the gate how it went, and let the
 * retry policy decide what happens next.
 */
async function exchangeWithAppstle(
	this: AppstleContext,
	request: AppstleRequest,
	options: IHttpRequestOptions,
	exchange: FailedExchange,
	credentials: AppstleCredentials,
): Promise<AppstleResponse<unknown>> {
	const secrets = [credentials.apiKey, ...(credentials.appApiKey ? [credentials.appApiKey] : [])];
	const settings = rateSettings(credentials);
	const gate = gateFor(credentials.apiKey, settings.gate);
	const where = `${request.method} ${exchange.path}`;
	const wait: GateWait = {
		waitedMs: 0,
		maxWaitMs: settings.maxWaitMs,
		sleep,
		onCooldown: (ms) => this.logger?.info(`Appstle: ${where} waits ${seconds(ms)} for the API key's rate-limit cooldown`),
	};
	const attempts: Attempts = { rateLimited: 0, transient: 0, answerLost: false };
	const stats = requestStatsOf(this);
	let last: Answer | undefined;
	for (;;) {
		let ticket: Ticket;
		const waitedBefore = wait.waitedMs;
		try {
			ticket = await passGate(gate, wait);
			stats.cooldownWaitMs += wait.waitedMs - waitedBefore;
		} catch (error) {
			if (!(error instanceof RateLimitWaitExceeded)) throw asNodeError(this.getNode(), error, request.itemIndex);
			const failure = rateLimitError(this.getNode(), { ...exchange, ...httpPart(last), status: 429 }, secrets, error, settings.maxWaitMs);
			cooldownWaitErrors.add(failure);
			throw failure;
		}

		let answer: Answer;
		try {
			answer = await send.call(this, options, request.itemIndex);
		} catch (error) {
			gate.release(ticket);
			throw asNodeError(this.getNode(), error, request.itemIndex);
		}
		last = answer;
		stats.requests++;
		if (answer.kind === 'http' && answer.status === 429) stats.rateLimited++;
		this.logger?.debug(`Appstle ${where} answered ${answer.kind === 'http' ? answer.status : answer.networkError}`);

		tellGate.call(this, gate, ticket, answer, where, settings.maxWaitMs);

		const verdict = judge(answer, request, attempts);
		switch (verdict.action) {
			case 'return': {
				const http = answer as Extract<Answer, { kind: 'http' }>;
				stats.succeeded++;
				return { status: http.status, headers: http.headers, body: verdict.value };
			}
			case 'wait-for-gate':
				continue;
			case 'retry':
				await sleep(verdict.delayMs);
				continue;
			case 'fail':
				throw failureOf(this.getNode(), verdict.reason, { ...exchange, ...httpPart(answer) }, secrets);
		}
	}
}

/** What the gate learns from an answer: a 429 (and its Retry-After) or anything else. */
function tellGate(this: AppstleContext, gate: AdaptiveGate, ticket: Ticket, answer: Answer, where: string, maxWaitMs: number): void {
	if (answer.kind !== 'http' || answer.status !== 429) {
		gate.onAnswer(ticket);
		return;
	}
	const retryAfterMs = parseRetryAfter(answer.headers['retry-after'], Date.now());
	// No answer closes the key for longer than this request's Max Wait: a later request can always probe.
	const { startedCooldown, waitMs } = gate.onRateLimited(ticket, retryAfterMs, maxWaitMs);
	if (!startedCooldown) return;
	const source = retryAfterMs === undefined ? 'no usable Retry-After; learned or guessed cooldown' : 'Retry-After, at most Max Wait';
	const state = gate.snapshot();
	const shared = state.shared ? ' (refused at a rate the key normally allows: something else uses this API key too)' : '';
	this.logger?.warn(
		`Appstle answered 429 (rate limit) to ${where}: every request on this API key pauses for ${seconds(waitMs)} (${source}), then continues at ${state.rate.toFixed(2)} requests per second${shared}`,
	);
}

const cooldownWaitErrors = new WeakSet<object>();

/** Whether an error is a rate-limit cooldown that outlasted what the request may wait (it sent nothing more). */
export function isCooldownWaitError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && cooldownWaitErrors.has(error);
}

function httpPart(answer: Answer | undefined): Partial<FailedExchange> {
	if (!answer) return {};
	if (answer.kind === 'lost') return { networkError: answer.networkError, timedOut: answer.timedOut };
	return {
		status: answer.status,
		location: answer.headers.location,
		contentType: answer.headers['content-type'],
		text: answer.text,
		retryAfterMs: parseRetryAfter(answer.headers['retry-after'], Date.now()),
	};
}

export interface Page<T> {
	items: T[];
	page: number;
	/** From `X-Total-Count`, when Appstle sends it. */
	total?: number;
	hasMore: boolean;
}

/**
 * Bounds on every paging loop (Return All, the trigger's reads). A plain object, so the test
 * suite can lower the ceiling instead of serving ten thousand pages.
 */
export const PAGING_POLICY = {
	/** Pages one list read may take unless the caller sets its own (Max Pages); at Appstle's ~2 requests per second about 80 minutes. */
	maxPages: DEFAULT_MAX_PAGES,
};

/**
 * Watches one paging loop and refuses to go on when the answers cannot be a finite list: a page
 * that repeats the previous one (the server ignores `page`), a cursor seen before, more pages
 * than the first reported total could need, or the hard ceiling. Failing beats returning a
 * partial list that looks complete.
 */
class PagingGuard {
	private pagesRead = 0;
	private previous?: string;
	private firstTotal?: number;
	private readonly cursors = new Set<string>();

	/** `userMaxPages`: the node's Max Pages, when the user's setting bounds this read. */
	constructor(
		private readonly node: INode,
		private readonly request: AppstleRequest,
		private readonly pageSize: number,
		private readonly userMaxPages?: number,
	) {}

	private fail(reason: string, description?: string): never {
		const where = `${this.request.method} ${API_PREFIX}${this.request.path}`;
		throw new NodeOperationError(this.node, `Stopped reading the list: ${reason}`, {
			itemIndex: this.request.itemIndex,
			description: `${description ?? `Appstle's answers would have kept the node paging without end, so it stopped after ${this.pagesRead} pages and output nothing of this list rather than a part that looks whole. Try again later, or narrow the list with filters.`} (${where})`,
		});
	}

	/** After each page: its records, its reported total (page lists) and the cursor it came from. */
	check(items: unknown[], total?: number): void {
		this.pagesRead++;
		const fingerprint = items.length > 0 ? stringifyJson(items) : undefined;
		if (fingerprint !== undefined && fingerprint === this.previous) {
			this.fail(`page ${this.pagesRead} repeats the page before it (the server seems to ignore the page or cursor asked for)`);
		}
		this.previous = fingerprint;
		if (this.firstTotal === undefined && total !== undefined && Number.isFinite(total)) this.firstTotal = total;
		// One page of slack: records added while the list is read push others onto a further page.
		if (this.firstTotal !== undefined && this.pagesRead > Math.ceil(this.firstTotal / this.pageSize) + 1) {
			this.fail(`${this.pagesRead} pages of ${this.pageSize} exceed what the ${this.firstTotal} records Appstle reported could need`);
		}
	}

	/** Before asking for another page: the ceiling, and for cursor lists a cursor seen before. */
	next(cursor?: string): void {
		if (this.userMaxPages !== undefined && this.pagesRead >= this.userMaxPages) {
			this.fail(
				`the list goes on past ${this.userMaxPages} pages, the Max Pages set for this item`,
				`Return All stops at Max Pages (${this.userMaxPages}) and outputs nothing of this list rather than a part that looks whole. To read further, raise Max Pages (shown under Return All), or narrow the list with filters.`,
			);
		}
		if (this.userMaxPages === undefined && this.pagesRead >= PAGING_POLICY.maxPages) {
			this.fail(`the list goes on past ${PAGING_POLICY.maxPages} pages, the most one run reads`);
		}
		if (cursor === undefined) return;
		if (this.cursors.has(cursor)) this.fail(`Appstle gave a cursor it had given before (page ${this.pagesRead + 1} would repeat an earlier one)`);
		this.cursors.add(cursor);
	}
}

/**
 * Walks a Spring page list (`page`, `size`, `sort`; bare-array bodies with `X-Total-Count`
 * and `Link`). Callers that need to stop early (a poll budget) iterate it themselves.
 * Fails (PagingGuard) rather than loop when the answers do not end.
 */
export async function* appstleApiPages<T>(
	this: AppstleContext,
	request: AppstleRequest,
	pageSize: number,
	firstPage = 0,
	maxPages?: number,
): AsyncGenerator<Page<T>> {
	const guard = new PagingGuard(this.getNode(), request, pageSize, maxPages);
	for (let page = firstPage; ; page++) {
		guard.next();
		const response = await appstleApiRequest.call(this, {
			...request,
			query: { ...request.query, page, size: pageSize },
		});
		const items = Array.isArray(response.body) ? (response.body as T[]) : [];
		const totalHeader = response.headers['x-total-count'];
		const total = totalHeader !== undefined && totalHeader !== '' ? Number(totalHeader) : undefined;
		const link = response.headers.link;
		const hasMore =
			items.length >= pageSize &&
			(total === undefined || !Number.isFinite(total) || (page + 1) * pageSize < total) &&
			(link === undefined || /rel="next"/.test(link));
		if (hasMore) guard.check(items, total);
		yield { items, page, total, hasMore };
		if (!hasMore) return;
	}
}

/** Return All / Limit over a Spring page list. */
export async function appstleApiRequestAllItems<T>(
	this: AppstleContext,
	request: AppstleRequest,
	options: { limit?: number; maxPageSize: number; maxPages?: number },
): Promise<T[]> {
	const pageSize = options.limit !== undefined ? Math.min(options.limit, options.maxPageSize) : options.maxPageSize;
	const all: T[] = [];
	for await (const { items } of appstleApiPages.call(this, request, pageSize, 0, options.maxPages) as AsyncGenerator<Page<T>>) {
		all.push(...items);
		if (options.limit !== undefined && all.length >= options.limit) return all.slice(0, options.limit);
	}
	return all;
}

/** Return All / Limit over a Shopify cursor list (`cursor` query parameter, `pageInfo.endCursor`). */
export async function appstleApiRequestAllByCursor<T>(
	this: AppstleContext,
	request: AppstleRequest,
	options: {
		limit?: number;
		/** The node's Max Pages (Return All); the transport's own ceiling otherwise. */
		maxPages?: number;
		cursorParameter: string;
		read: (body: unknown) => { items: T[]; nextCursor?: string };
	},
): Promise<T[]> {
	const guard = new PagingGuard(this.getNode(), request, 0, options.maxPages);
	const all: T[] = [];
	let cursor: string | undefined;
	do {
		guard.next(cursor);
		const response = await appstleApiRequest.call(this, {
			...request,
			query: { ...request.query, ...(cursor ? { [options.cursorParameter]: cursor } : {}) },
		});
		const { items, nextCursor } = options.read(response.body);
		all.push(...items);
		if (options.limit !== undefined && all.length >= options.limit) return all.slice(0, options.limit);
		if (nextCursor) guard.check(items);
		cursor = nextCursor || undefined;
	} while (cursor);
	return all;
}
