import type { Failure, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What an Appstle error body looks like: JHipster's problem+json, sometimes with field errors. */
export interface AppstleProblem {
	type?: string;
	title?: string;
	status?: number;
	detail?: string;
	path?: string;
	message?: string;
	params?: string;
	fieldErrors?: Array<{ objectName?: string; field?: string; message?: string }>;
}

export interface FailedExchange {
	status?: number;
	contentType?: string;
	text?: string;
	retryAfterMs?: number;
	/** Set when no HTTP answer arrived at all (refused, reset, timed out). */
	networkError?: string;
	method: string;
	/** The path template (no query string), so no secret can ride along. */
	path: string;
	idempotent: boolean;
	itemIndex?: number;
}

const REDACTED = '***';

/** Removes every spelling of each secret from a text: raw, URL-encoded and form-encoded. */
export function redact(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		for (const form of new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')])) {
			out = out.split(form).join(REDACTED);
		}
	}
	return out;
}

function parseProblem(text: string): AppstleProblem | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as AppstleProblem) : undefined;
	} catch {
		return undefined;
	}
}

/** Appstle's own words, in the order its bodies carry them best: detail, title, message, raw text. */
export function appstleMessage(exchange: FailedExchange): string {
	const text = (exchange.text ?? '').trim();
	if (!text) return `Appstle answered ${exchange.status} with an empty body`;
	const looksHtml = /html/i.test(exchange.contentType ?? '') || text.startsWith('<');
	if (looksHtml) {
		return `Appstle's gateway answered ${exchange.status} with an HTML error page instead of JSON`;
	}
	const problem = parseProblem(text);
	if (problem) {
		const humanMessage = problem.message && !/^error\./.test(problem.message) ? problem.message : undefined;
		const main = problem.detail || problem.title || humanMessage;
		const fields = (problem.fieldErrors ?? [])
			.map((f) => `${f.field ?? '?'}: ${f.message ?? 'invalid'}`)
			.join('; ');
		if (main) return fields ? `${main} (${fields})` : main;
	}
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function hintFor(exchange: FailedExchange): string | undefined {
	const status = exchange.status;
	if (exchange.networkError || (status !== undefined && status >= 500)) {
		return exchange.idempotent
			? 'Appstle did not handle the request, even after automatic retries. Try again later.'
			: 'Appstle did not confirm the request. It was not retried automatically, because sending it twice could charge or change something twice: check in Appstle whether it took effect before running it again.';
	}
	switch (status) {
		case 401:
			return 'Check the API key in the Appstle credential, and that the store’s Appstle plan includes External API access.';
		case 403:
			return 'The API key is valid but not allowed to do this. Check the store’s Appstle plan and the key’s permissions.';
		case 404:
			return 'Check the ID. Billing attempt IDs change after an order is skipped or rescheduled: fetch the upcoming orders again to get the current one.';
		case 429:
			return 'Appstle is rate-limiting this API key. Lower "Max Requests per Second" in the credential, or spread the work over time.';
		default:
			return undefined;
	}
}

function failureFor(exchange: FailedExchange): Failure | undefined {
	const status = exchange.status;
	if (status === 429) return { cause: 'rate-limited', retryAfterMs: exchange.retryAfterMs };
	if (status === 401) return { cause: 'credential-invalid' };
	if (exchange.networkError || (status !== undefined && status >= 500)) return { cause: 'temporarily-unavailable' };
	return undefined;
}

/**
 * Builds the error from what Appstle answered, never from the HTTP client's error object:
 * that one carries the request config, including the `X-API-Key` header and any `api_key`
 * in the URL.
 */
export function toNodeApiError(node: INode, exchange: FailedExchange, secrets: string[]): NodeApiError {
	const where = `${exchange.method} ${exchange.path}`;
	const message = redact(
		exchange.networkError
			? `Could not reach Appstle: ${exchange.networkError}`
			: `Appstle answered ${exchange.status}: ${appstleMessage(exchange)}`,
		secrets,
	);
	const hint = hintFor(exchange);
	const description = redact(hint ? `${hint} (${where})` : where, secrets);
	const httpCode = exchange.status !== undefined ? String(exchange.status) : undefined;
	const problem = exchange.text ? parseProblem(exchange.text) : undefined;
	const errorResponse: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	if (problem) errorResponse.appstle = JSON.parse(redact(JSON.stringify(problem), secrets)) as JsonObject;
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode,
		itemIndex: exchange.itemIndex,
		failure: failureFor(exchange),
	});
}

/** Keeps n8n's own errors as they are and wraps anything else, so the UI always gets node context. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}
