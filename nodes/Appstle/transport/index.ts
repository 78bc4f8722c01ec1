import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	APPSTLE_BASE_URLS,
	DEFAULT_BURST,
	DEFAULT_REQUESTS_PER_SECOND,
} from '../../../credentials/AppstleApi.credentials';
import { asNodeError, type FailedExchange, redact, toNodeApiError } from './errors';
import { reserveRequestSlot } from './pacing';
import { stringifyJson } from './json';
import type { Query } from './query';
import { API_PREFIX, requestUrl } from './url';

export { parseApiDateTime, toApiDateTime, type Query, type QueryValue } from './query';
export { asNodeError, redact } from './errors';
export { JsonInteger, parseJsonText, stringifyJson } from './json';
export { API_PREFIX, MAX_URL_BYTES, requestUrl } from './url';

export const CREDENTIAL_TYPE = 'appstleApi';

export type AppstleContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;
export type HttpMethod = Extract<IHttpRequestMethods, 'GET' | 'POST' | 'PUT' | 'DELETE'>;
export type RequestBody = IDataObject | unknown[];

export interface AppstleCredentials {
	apiKey: string;
	environment?: 'subscriptions' | 'memberships' | 'custom';
	baseUrl?: string;
	requestsPerSecond?: number;
	burst?: number;
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

/**
 * Retry policy. 429s are always safe to repeat: Appstle refused them before doing anything.
 * A plain object, so the test suite can shorten the delays it would otherwise sit through.
 */
export const RETRY_POLICY = {
	maxRateLimitRetries: 5,
	rateLimitBaseDelayMs: 2_000,
	maxServerErrorRetries: 3,
	serverErrorBaseDelayMs: 1_000,
	maxDelayMs: 30_000,
	/** A longer Retry-After than this is reported instead of waited for. */
	maxRetryAfterMs: 60_000,
	timeoutMs: 60_000,
};

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

export function resolveBaseUrl(credentials: AppstleCredentials): string {
	if (credentials.environment === 'custom') {
		return (credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	}
	return credentials.environment === 'memberships'
		? APPSTLE_BASE_URLS.memberships
		: APPSTLE_BASE_URLS.subscriptions;
}

function backoffMs(baseMs: number, attempt: number): number {
	return Math.min(RETRY_POLICY.maxDelayMs, baseMs * 2 ** attempt);
}

function parseRetryAfter(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function normalizeHeaders(headers: IDataObject | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value === undefined || value === null) continue;
		out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** Appstle answers JSON, a bare `true`, a plain string, or nothing; only broken JSON is an error. */
function parseBody(text: string, contentType: string): ParsedBody {
	const trimmed = text.trim();
	if (!trimmed) return { ok: true, value: undefined };
	const claimsJson = /json/i.test(contentType);
	const looksJson = /^[[{"]/.test(trimmed) || /^(true|false|null|-?\d[\d.eE+-]*)$/.test(trimmed);
	if (claimsJson || looksJson) {
		try {
			return { ok: true, value: JSON.parse(trimmed) };
		} catch {
			if (/^[[{]/.test(trimmed)) return { ok: false };
		}
	}
	return { ok: true, value: text };
}

/** The cause n8n's request helper wraps; only its code and message are kept. */
function networkErrorOf(error: unknown): string {
	const err = error as { cause?: { code?: string; message?: string }; code?: string; message?: string };
	const cause = err?.cause ?? err;
	return cause?.code ?? cause?.message ?? err?.message ?? 'unknown network error';
}

function isCancellation(error: unknown): boolean {
	const err = error as { cause?: { code?: string; name?: string }; code?: string; name?: string };
	const codes = [err?.code, err?.cause?.code, err?.name, err?.cause?.name];
	return codes.some((c) => c === 'ERR_CANCELED' || c === 'AbortError' || c === 'CanceledError');
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
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE, request.itemIndex)) as unknown as AppstleCredentials;
	const secrets = [credentials.apiKey];
	const baseUrl = resolveBaseUrl(credentials);
	if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Appstle credential has no valid Base URL',
			{ description: 'Set "Base URL" to the scheme and host, e.g. http://127.0.0.1:8787', itemIndex: request.itemIndex },
		);
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
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: RETRY_POLICY.timeoutMs,
	};
	const exchange: FailedExchange = {
		method: request.method,
		path: `${API_PREFIX}${request.path}`,
		idempotent: request.idempotent,
		itemIndex: request.itemIndex,
	};
	const rate = Number(credentials.requestsPerSecond) > 0 ? Number(credentials.requestsPerSecond) : DEFAULT_REQUESTS_PER_SECOND;
	const burst = Number(credentials.burst) >= 1 ? Number(credentials.burst) : DEFAULT_BURST;

	let rateLimitRetries = 0;
	let serverErrorRetries = 0;
	for (;;) {
		const wait = reserveRequestSlot(credentials.apiKey, rate, burst);
		if (wait > 0) await sleep(wait);

		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (error instanceof NodeOperationError || isCancellation(error)) throw asNodeError(this.getNode(), error, request.itemIndex);
			if (request.idempotent && serverErrorRetries < RETRY_POLICY.maxServerErrorRetries) {
				await sleep(backoffMs(RETRY_POLICY.serverErrorBaseDelayMs, serverErrorRetries++));
				continue;
			}
			throw toNodeApiError(this.getNode(), { ...exchange, networkError: redact(networkErrorOf(error), secrets) }, secrets);
		}

		const status = response.statusCode;
		const headers = normalizeHeaders(response.headers as IDataObject);
		const text = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
		const failed: FailedExchange = { ...exchange, status, contentType: headers['content-type'], text };
		this.logger?.debug(`Appstle ${request.method} ${exchange.path} answered ${status}`);

		if (status === 429) {
			const retryAfterMs = parseRetryAfter(headers['retry-after']);
			const delay = retryAfterMs ?? backoffMs(RETRY_POLICY.rateLimitBaseDelayMs, rateLimitRetries);
			if (rateLimitRetries < RETRY_POLICY.maxRateLimitRetries && delay <= RETRY_POLICY.maxRetryAfterMs) {
				rateLimitRetries++;
				await sleep(delay);
				continue;
			}
			throw toNodeApiError(this.getNode(), { ...failed, retryAfterMs }, secrets);
		}

		if (status >= 400) {
			if (RETRYABLE_STATUSES.has(status) && request.idempotent && serverErrorRetries < RETRY_POLICY.maxServerErrorRetries) {
				await sleep(backoffMs(RETRY_POLICY.serverErrorBaseDelayMs, serverErrorRetries++));
				continue;
			}
			throw toNodeApiError(this.getNode(), failed, secrets);
		}

		const parsed = parseBody(text, headers['content-type'] ?? '');
		if (!parsed.ok) {
			if (request.idempotent && serverErrorRetries < RETRY_POLICY.maxServerErrorRetries) {
				await sleep(backoffMs(RETRY_POLICY.serverErrorBaseDelayMs, serverErrorRetries++));
				continue;
			}
			throw toNodeApiError(
				this.getNode(),
				{ ...failed, status, text: `Appstle answered ${status} with a body that is not valid JSON` },
				secrets,
			);
		}
		return { status, headers, body: parsed.value as T };
	}
}

export interface Page<T> {
	items: T[];
	page: number;
	/** From `X-Total-Count`, when Appstle sends it. */
	total?: number;
	hasMore: boolean;
}

/**
 * Walks a Spring page list (`page`, `size`, `sort`; bare-array bodies with `X-Total-Count`
 * and `Link`). Callers that need to stop early (a poll budget) iterate it themselves.
 */
export async function* appstleApiPages<T>(
	this: AppstleContext,
	request: AppstleRequest,
	pageSize: number,
	firstPage = 0,
): AsyncGenerator<Page<T>> {
	for (let page = firstPage; ; page++) {
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
		yield { items, page, total, hasMore };
		if (!hasMore) return;
	}
}

/** Return All / Limit over a Spring page list. */
export async function appstleApiRequestAllItems<T>(
	this: AppstleContext,
	request: AppstleRequest,
	options: { limit?: number; maxPageSize: number },
): Promise<T[]> {
	const pageSize = options.limit !== undefined ? Math.min(options.limit, options.maxPageSize) : options.maxPageSize;
	const all: T[] = [];
	for await (const { items } of appstleApiPages.call(this, request, pageSize) as AsyncGenerator<Page<T>>) {
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
		cursorParameter: string;
		read: (body: unknown) => { items: T[]; nextCursor?: string };
	},
): Promise<T[]> {
	const all: T[] = [];
	let cursor: string | undefined;
	do {
		const response = await appstleApiRequest.call(this, {
			...request,
			query: { ...request.query, ...(cursor ? { [options.cursorParameter]: cursor } : {}) },
		});
		const { items, nextCursor } = options.read(response.body);
		all.push(...items);
		if (options.limit !== undefined && all.length >= options.limit) return all.slice(0, options.limit);
		cursor = nextCursor && nextCursor !== cursor ? nextCursor : undefined;
	} while (cursor);
	return all;
}
