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
	/** The answer did not arrive in full within the deadline of one request. */
	timedOut?: boolean;
	/** A redirect's `Location` header, as sent (only its host is ever shown). */
	location?: string;
	/** Scheme, host and port the request went to (no path, no query). */
	baseUrl?: string;
	/** Custom API Call: the path is the user's own, so no hint about a particular resource fits. */
	customPath?: boolean;
	method: string;
	/** The path template (no query string), so no secret can ride along. */
	path: string;
	idempotent: boolean;
	itemIndex?: number;
}

const REDACTED = '***';

/** Shortest run of a secret's characters that counts as a leak. */
export const MIN_FRAGMENT = 8;

/**
 * The secret's base64 as it sits inside any longer base64 text: for each of the three byte
 * offsets it can start at, the characters that encode its bytes alone (standard and URL-safe).
 */
function base64Cores(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const start = Math.ceil(offset / 3) * 4;
		const end = Math.floor((offset + bytes.length) / 3) * 4;
		if (end - start < 4) continue;
		const core = encoded.slice(start, end);
		cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

const hex4 = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * The spellings a secret can take in a body, a URL or a log: raw, URL-, form- and JSON-encoded,
 * base64 (standard and URL-safe), `\u` escapes and HTML character references.
 */
function spellingsOf(secret: string): string[] {
	const url = encodeURIComponent(secret);
	const json = JSON.stringify(secret).slice(1, -1);
	const chars = [...secret];
	return [
		...new Set([
			secret,
			url,
			url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
			url.replace(/%20/g, '+'),
			encodeURIComponent(url),
			json,
			json.replace(/\//g, '\\/'),
			...base64Cores(secret),
			chars.map((c) => `\\u${hex4(c)}`).join(''),
			chars.map((c) => `\\u${hex4(c).toUpperCase()}`).join(''),
			chars.map((c) => `&#${c.charCodeAt(0)};`).join(''),
			chars.map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
			chars.map((c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`).join(''),
		]),
	];
}

/** `\uXXXX` escapes and HTML character references turned back into characters. */
function decodeEscapes(text: string): string {
	return text
		.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		.replace(/&#[xX]([0-9a-fA-F]{1,6});/g, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
		.replace(/&#(\d{1,7});/g, (_, dec: string) => String.fromCodePoint(Math.min(Number(dec), 0x10ffff)))
		.replace(/&(quot|amp|lt|gt|apos);/g, (_, name: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" })[name as 'quot']);
}

function redactOnce(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		for (const form of spellingsOf(secret)) out = out.split(form).join(REDACTED);
		out = redactFragments(out, secret);
	}
	return out;
}

/**
 * Removes each secret from a text: every spelling of it, and any run of 8 or more of its
 * characters in a row (a key cut by a length limit or echoed in part is still a leak). A text
 * that mixes escaped and plain characters is redacted in its decoded form.
 */
export function redact(text: string, secrets: string[]): string {
	const out = redactOnce(text, secrets);
	const decoded = decodeEscapes(out);
	if (decoded === out) return out;
	const redactedDecoded = redactOnce(decoded, secrets);
	return redactedDecoded === decoded ? out : redactedDecoded;
}

function redactFragments(text: string, secret: string): string {
	const size = Math.min(MIN_FRAGMENT, secret.length);
	const grams = new Set<string>();
	for (const form of spellingsOf(secret)) {
		for (let i = 0; i + size <= form.length; i++) grams.add(form.slice(i, i + size));
	}
	const covered = new Uint8Array(text.length);
	let any = false;
	for (let i = 0; i + size <= text.length; i++) {
		if (grams.has(text.slice(i, i + size))) {
			covered.fill(1, i, i + size);
			any = true;
		}
	}
	if (!any) return text;
	let out = '';
	for (let i = 0; i < text.length; i++) {
		if (!covered[i]) out += text[i];
		else if (i === 0 || !covered[i - 1]) out += REDACTED;
	}
	return out;
}

/** Every string (values and keys) of a parsed body, redacted. */
function redactDeep(value: unknown, secrets: string[]): unknown {
	if (typeof value === 'string') return redact(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [redact(key, secrets), redactDeep(entry, secrets)]));
	}
	return value;
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
	// The text was redacted before it got here (toNodeApiError), so the cut cannot leave part of a key.
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Where a builder finds the right ID for each field that Appstle reports as not found. */
const FIELD_HINTS = {
	order:
		'Check Order: pick it from the subscription’s upcoming orders, or get IDs with Order → Get Upcoming. An order’s ID changes after it is skipped or rescheduled.',
	line: 'Check Product Line: pick it from the subscription’s products in the list, or get the line IDs from Subscription → Get (its lines).',
	variant: 'Check Product Variant: pick it from the list, or copy the variant ID from the product in Shopify.',
	product: 'Check the product IDs: copy them from the products in Shopify.',
	sellingPlan: 'Check Selling Plan: pick it from the list, or get IDs with Subscription Plan → Get Many Selling Plans.',
	plan: 'Check Subscription Plan: pick it from the list, or get IDs with Subscription Plan → Get Many.',
	customer: 'Check Customer: pick it from the list, or get IDs with Customer → Get Many.',
	paymentMethod: 'Check Payment Method: get the customer’s payment methods with Payment Method → Get Many.',
	discount: 'Check the discount: get the subscription’s discounts with Subscription → Get (its discounts).',
	swap: 'Check the product swap: get IDs with Product Swap → Get Many.',
	bundle: 'Check the bundle: get IDs and handles with Bundle → Get Many.',
	subscription: 'Check Subscription: pick it from the list, or map the subscriptionContractId field of Subscription → Get Many (not its id).',
} as const;

type HintField = keyof typeof FIELD_HINTS;

/** Words of Appstle's answer, most specific first: "Line item … not found in contract …" is about the line. */
const MESSAGE_FIELDS: Array<[RegExp, HintField]> = [
	[/billing attempt|\border\b|attempt/i, 'order'],
	[/line ?item|subscription ?line|\bline\b/i, 'line'],
	[/variant/i, 'variant'],
	[/\bproduct\b/i, 'product'],
	[/selling ?plan/i, 'sellingPlan'],
	[/subscription ?group|plan group/i, 'plan'],
	[/payment ?method/i, 'paymentMethod'],
	[/discount/i, 'discount'],
	[/swap/i, 'swap'],
	[/bundle|build-a-box/i, 'bundle'],
	[/customer/i, 'customer'],
	[/contract|subscription/i, 'subscription'],
];

/** When the answer only says "Invalid id" or "Not found": what the request path is about. */
const PATH_FIELDS: Array<[RegExp, HintField]> = [
	[/billing-attempt|one-offs/, 'order'],
	[/line-item|replace-variants/, 'line'],
	[/selling-plan/, 'sellingPlan'],
	[/subscription-groups/, 'plan'],
	[/payment-method/, 'paymentMethod'],
	[/discount/, 'discount'],
	[/product-swap/, 'swap'],
	[/build-a-box|bundle/, 'bundle'],
	[/customer/, 'customer'],
	[/subscription-contract/, 'subscription'],
];

/** Appstle says "not found" with a 400 as often as with a 404, in its detail, title or alert. */
function saysNotFound(exchange: FailedExchange): boolean {
	if (exchange.status !== 400 && exchange.status !== 404) return false;
	return /not found|not exist|no such|invalid id|idinvalid|notfound/i.test(exchange.text ?? '');
}

/** The field to check when Appstle cannot find something, from its words first and the request path second. */
function notFoundHint(exchange: FailedExchange): string | undefined {
	const message = appstleMessage(exchange);
	const byMessage = MESSAGE_FIELDS.find(([pattern]) => pattern.test(message) && !/^invalid id$/i.test(message.trim()));
	const byPath = PATH_FIELDS.find(([pattern]) => pattern.test(exchange.path));
	const field = /not found|not exist|no such/i.test(message) ? (byMessage ?? byPath) : (byPath ?? byMessage);
	return field ? FIELD_HINTS[field[1]] : undefined;
}

function hintFor(exchange: FailedExchange): string | undefined {
	const status = exchange.status;
	if (exchange.customPath && (status === 404 || saysNotFound(exchange))) {
		return 'Check the path and any IDs in it or in the body: Appstle found nothing there.';
	}
	if (saysNotFound(exchange)) {
		const hint = notFoundHint(exchange);
		if (hint) return hint;
	}
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
	// Redact everything that came from outside before anything is cut or quoted.
	const clean: FailedExchange = {
		...exchange,
		path: redact(exchange.path, secrets),
		text: exchange.text === undefined ? undefined : redact(exchange.text, secrets),
		networkError: exchange.networkError === undefined ? undefined : redact(exchange.networkError, secrets),
	};
	const where = `${clean.method} ${clean.path}`;
	const message = redact(headline(clean), secrets);
	const hint = hintFor(clean);
	const base = hint ? `${hint} (${where})` : where;
	const description = redact(clean.networkError ? `Connection error: ${clean.networkError}. ${base}` : base, secrets);
	const httpCode = clean.status !== undefined ? String(clean.status) : undefined;
	const problem = clean.text ? parseProblem(clean.text) : undefined;
	const errorResponse: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	if (problem) errorResponse.appstle = redactDeep(problem, secrets) as JsonObject;
	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode,
		itemIndex: clean.itemIndex,
		failure: failureFor(clean),
	});
	// NodeApiError swaps a message that mentions a Node.js error code (ECONNRESET, ENOENT, ...)
	// for n8n's generic text, e.g. "You can retry the request immediately": keep ours.
	error.message = message;
	error.description = description;
	return error;
}

/** The error's first line: Appstle's own words, or what happened to the connection. */
function headline(exchange: FailedExchange): string {
	if (exchange.timedOut) {
		return exchange.idempotent
			? 'Appstle’s answer did not arrive in full within the deadline of one request, even after automatic retries'
			: 'Not confirmed, check Appstle before retrying: Appstle’s answer did not arrive in full within the deadline of one request';
	}
	if (exchange.networkError) {
		return exchange.idempotent
			? 'Could not reach Appstle: the connection failed, even after automatic retries'
			: 'Not confirmed, check Appstle before retrying: the connection was lost before Appstle answered';
	}
	return `Appstle answered ${exchange.status}: ${appstleMessage(exchange)}`;
}

/** Keeps n8n's own errors as they are and wraps anything else, so the UI always gets node context. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number, secrets: string[] = []): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	// Only the message is kept: the error object itself (an HTTP client's, say) may hold the
	// request config with the key header, and n8n would keep it as the cause.
	const message = redact(error instanceof Error ? error.message : String(error), secrets);
	return new NodeOperationError(node, message || 'Unknown error', { itemIndex });
}
