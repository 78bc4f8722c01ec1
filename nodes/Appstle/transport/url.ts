import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BASE_URL_PATTERN } from '../../../credentials/AppstleApi.credentials';
import { buildQueryString, type Query } from './query';

/**
 * The one URL rule: every request goes to a path under /api/external/v2/ that is exactly the
 * path the operation meant. Nothing a user, an expression or an AI agent types can move it
 * (dot segments in any spelling, backslashes, absolute URLs, `//host`), and nothing over 8 KB
 * leaves: Appstle's gateway would answer 431 after the key was already sent.
 */

export const API_PREFIX = '/api/external/v2';
/** Longest URL sent, in bytes (base URL, path and query string). */
export const MAX_URL_BYTES = 8 * 1024;

/** A refusal; `field` is the wire name (path or query key) the reason is about, when known. */
export class UrlRuleError extends Error {
	constructor(
		message: string,
		readonly field?: { in: 'path' | 'query'; name: string },
	) {
		super(message);
	}
}

/** C0 control characters and DEL: line breaks, tabs, NUL and the like. */
function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}
const DOT_SEGMENT = /^\.{1,2}$/;

/** Every spelling a server or proxy might decode to: the text itself, then decoded until stable. */
function decodings(text: string): string[] {
	const forms = [text];
	let current = text;
	for (let i = 0; i < 4; i++) {
		const next = decodeOnce(current);
		if (next === undefined) throw new UrlRuleError('it holds a "%" that is not a valid percent-encoding');
		if (next === current) return forms;
		forms.push(next);
		current = next;
	}
	throw new UrlRuleError('it is encoded more than three times over');
}

/** Why a free-text path parameter value cannot be one path segment, or undefined when it can. */
export function pathSegmentProblem(value: string): string | undefined {
	if (value.trim() === '') return 'it is empty';
	let forms: string[];
	try {
		forms = decodings(value);
	} catch (error) {
		return (error as Error).message;
	}
	for (const form of forms) {
		if (hasControlCharacter(form)) return 'it contains a control character';
		if (DOT_SEGMENT.test(form.trim())) return `"${value}" would move the request to another path ("." and ".." are not allowed)`;
		if (/[/\\]/.test(form)) return 'it contains "/" or "\\", which would change the path';
	}
	return undefined;
}

/**
 * Checks Custom API Call's Path and returns it as a path under /api/external/v2 (the prefix may
 * be given or left out). Throws a UrlRuleError saying why it cannot be sent.
 */
export function checkCustomPath(input: string): string {
	if (hasControlCharacter(input)) throw new UrlRuleError('it contains a control character (a line break, a tab or similar)');
	const text = input.trim();
	if (/^[a-z][a-z0-9+.-]*:/i.test(text)) throw new UrlRuleError('give a path, not a full URL: the host comes from the credential');
	if (/^[/\\]{2}/.test(text)) throw new UrlRuleError('it starts with "//", which names another host');
	const path = text.replace(/^\/?api\/external\/v2(?=\/|$)/i, '');
	if (!path.startsWith('/')) throw new UrlRuleError('it must start with "/", e.g. /subscription-groups');
	if (/^\/*$/.test(path)) throw new UrlRuleError('it names no endpoint, e.g. /subscription-groups');
	for (const form of decodings(path)) {
		if (hasControlCharacter(form)) throw new UrlRuleError('it contains an encoded control character');
		if (form.includes('\\')) throw new UrlRuleError('it contains a backslash');
		if (form.includes('?') || form.includes('#')) {
			throw new UrlRuleError('"?" and "#" are not allowed in the path: put query parameters in "Query Parameters"');
		}
		if (form.includes('//')) throw new UrlRuleError('it contains an empty segment ("//")');
		if (form.split('/').some((segment) => DOT_SEGMENT.test(segment.trim()))) {
			throw new UrlRuleError('"." and ".." segments are not allowed, in any spelling');
		}
	}
	return path;
}

/** Fills `{name}` placeholders with encoded values, refusing values that would not stay one segment. */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined || String(value).trim() === '') {
			throw new UrlRuleError('it is missing', { in: 'path', name });
		}
		const problem = pathSegmentProblem(String(value));
		if (problem) throw new UrlRuleError(problem, { in: 'path', name });
		return encodeURIComponent(String(value));
	});
}

function decodeOnce(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

function decodedPath(path: string): string {
	return decodeOnce(path) ?? path;
}

function parseUrl(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/**
 * The final guard: the URL as a WHATWG parser (and so the HTTP client) resolves it must keep
 * the exact path built, under the prefix. Catches whatever slipped past the checks above.
 */
function assertSamePath(baseUrl: string, url: string, path: string): void {
	const parsed = parseUrl(url);
	const base = parseUrl(baseUrl);
	if (!parsed || !base) throw new UrlRuleError('the request URL would not be valid');
	const basePath = base.pathname.replace(/\/+$/, '');
	const wanted = `${basePath}${API_PREFIX}${path}`;
	if (parsed.pathname !== wanted || !decodedPath(parsed.pathname).startsWith(`${basePath}${API_PREFIX}/`)) {
		throw new UrlRuleError('the request would leave its endpoint');
	}
}

/** Each segment of a checked custom path, encoded the one way the HTTP client keeps as it is. */
function encodeSegments(path: string): string {
	return path
		.split('/')
		.map((segment) => encodeURIComponent(decodedPath(segment)))
		.join('/');
}

export interface UrlParts {
	/** Path under the prefix, with `{name}` placeholders. */
	path: string;
	pathParams?: Record<string, string | number>;
	query?: Query;
	/** Custom API Call: `path` is the user's own and is checked as such. */
	userPath?: boolean;
}

/** The request's URL: base URL, prefix, filled path and query string; throws UrlRuleError. */
export function buildApiUrl(baseUrl: string, parts: UrlParts, apiKeyInQuery?: string): string {
	const path = parts.userPath ? encodeSegments(checkCustomPath(parts.path)) : fillPath(parts.path, parts.pathParams);
	const query: Query = { ...parts.query };
	if (apiKeyInQuery !== undefined) query.api_key = apiKeyInQuery;
	const queryString = buildQueryString(query);
	const url = `${baseUrl}${API_PREFIX}${path}${queryString ? `?${queryString}` : ''}`;
	assertSamePath(baseUrl, url, path);
	const bytes = Buffer.byteLength(url, 'utf8');
	if (bytes > MAX_URL_BYTES) {
		throw new UrlRuleError(
			`the request URL would be ${bytes} bytes, over the ${MAX_URL_BYTES}-byte limit Appstle's gateway accepts`,
			largestPart(parts),
		);
	}
	return url;
}

/** The path parameter or query key that takes most room in the URL: the one to shorten. */
function largestPart(parts: UrlParts): UrlRuleError['field'] {
	let best: UrlRuleError['field'];
	let size = -1;
	for (const [name, value] of Object.entries(parts.pathParams ?? {})) {
		const length = encodeURIComponent(String(value)).length;
		if (length > size) [best, size] = [{ in: 'path', name }, length];
	}
	for (const [name, value] of Object.entries(parts.query ?? {})) {
		const length = buildQueryString({ [name]: value }).length;
		if (length > size) [best, size] = [{ in: 'query', name }, length];
	}
	return best;
}

/** Names the field (by its label when the caller knows it) and the item in the refusal. */
export function urlRuleNodeError(
	node: INode,
	error: UrlRuleError,
	options: { itemIndex?: number; labels?: Record<string, string>; pathLabel?: string },
): NodeOperationError {
	const fieldName = error.field ? (options.labels?.[`${error.field.in}:${error.field.name}`] ?? error.field.name) : (options.pathLabel ?? 'Path');
	const item = options.itemIndex !== undefined ? `Item ${options.itemIndex}, parameter "${fieldName}".` : `Parameter "${fieldName}".`;
	return new NodeOperationError(node, `Invalid value for "${fieldName}": ${error.message}`, {
		itemIndex: options.itemIndex,
		description: `${item} Every request must stay on its endpoint under ${API_PREFIX}/.`,
	});
}

/** What `requestUrl` reads of a request (structurally the transport's AppstleRequest). */
export interface UrlRequest extends UrlParts {
	apiKeyInQuery?: boolean;
	itemIndex?: number;
	labels?: Record<string, string>;
}

/**
 * The request's URL under the one URL rule, or a NodeOperationError naming the field and the
 * item. The node runs it for every item before sending anything; the transport again when sending.
 */
export function requestUrl(node: INode, baseUrl: string, apiKey: string, request: UrlRequest): string {
	try {
		return buildApiUrl(baseUrl, request, request.apiKeyInQuery ? apiKey : undefined);
	} catch (error) {
		if (error instanceof UrlRuleError) throw urlRuleNodeError(node, error, { itemIndex: request.itemIndex, labels: request.labels });
		throw new NodeOperationError(node, error as Error, { itemIndex: request.itemIndex });
	}
}

const BASE_URL_EXAMPLE = 'e.g. https://subscription-admin.appstle.com or http://127.0.0.1:8787';

/** What is wrong with a Base URL and what to remove, or undefined when it follows the rule. */
export function baseUrlProblem(baseUrl: string): string | undefined {
	const text = baseUrl.trim();
	if (!text) return `is empty: give the scheme and host, ${BASE_URL_EXAMPLE}`;
	if (text.includes('\\')) return 'contains a backslash: remove it';
	if ([...text].some((c) => c.trim() === '' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
		return 'contains spaces or control characters: remove them';
	}
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
	if (!scheme) return `must start with https://, ${BASE_URL_EXAMPLE}`;
	if (!/^https?$/i.test(scheme[1])) return `must use https://, not ${scheme[1]}://`;
	const rest = text.slice(scheme[0].length);
	const authority = /^[^/?#]*/.exec(rest)![0];
	if (authority.includes('@')) return 'contains a user name or password (the part before "@"): remove it';
	const after = rest.slice(authority.length);
	if (after.includes('#')) return 'has a fragment ("#…"): remove it';
	if (after.includes('?')) return 'has a query ("?…"): remove it';
	if (after !== '' && after !== '/') return 'has a path: remove everything after the host and port (the node adds /api/external/v2/…)';
	const port = /:(\d+)$/.exec(authority);
	if (port && (Number(port[1]) < 1 || Number(port[1]) > 65535)) return `has port ${port[1]}, which does not exist`;
	if (!BASE_URL_PATTERN.test(text)) {
		return /^http:/i.test(text)
			? 'must use https://: plain http is allowed only for this machine (localhost, 127.x.x.x) or a private network (10.x, 172.16–31.x, 192.168.x)'
			: `has a host that is not a plain host name or IP address, ${BASE_URL_EXAMPLE}`;
	}
	return undefined;
}
