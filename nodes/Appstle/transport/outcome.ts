import type { INode, NodeApiError } from 'n8n-workflow';

import { appstleMessage, type FailedExchange, redact, toNodeApiError } from './errors';
import type { RateLimitWaitExceeded } from './pacing';
import type { Verdict } from './retry';

type FailReason = Extract<Verdict, { action: 'fail' }>['reason'];

function restate(error: NodeApiError, message: string, description: string, secrets: string[]): NodeApiError {
	error.message = redact(message, secrets);
	error.description = redact(description, secrets);
	return error;
}

/**
 * Where a redirect pointed, by host (and port) only: its path or query could carry anything,
 * a token or the key itself.
 */
export function redirectTarget(location: string | undefined, baseUrl: string | undefined): string {
	if (!location) return 'nowhere (no Location header)';
	let target: URL;
	try {
		target = new URL(location, baseUrl);
	} catch {
		return 'an unreadable Location';
	}
	let sameHost = false;
	try {
		sameHost = baseUrl !== undefined && new URL(baseUrl).host === target.host;
	} catch {
		sameHost = false;
	}
	return sameHost ? `another path on ${target.host}` : `host ${target.host || '(none)'}`;
}

/** The error for a request the retry policy gave up on. */
export function failureOf(node: INode, reason: FailReason, exchange: FailedExchange, secrets: string[]): NodeApiError {
	if (reason === 'redirect') {
		const error = toNodeApiError(node, { ...exchange, text: undefined }, secrets);
		return restate(
			error,
			`Appstle answered ${exchange.status}, a redirect to ${redirectTarget(exchange.location, exchange.baseUrl)}: the node does not follow redirects`,
			`A redirect would send the API key to wherever it points, so the request was not sent there (nor repeated). If the Appstle API moved, check the credential's Environment or Base URL. (${exchange.method} ${exchange.path})`,
			secrets,
		);
	}
	if (reason === 'malformed') {
		return toNodeApiError(node, { ...exchange, text: `Appstle answered ${exchange.status} with a body that is not valid JSON` }, secrets);
	}
	const error = toNodeApiError(node, exchange, secrets);
	if (reason !== 'probably-applied') return error;
	// The first attempt's answer was lost, and the repeat is told the thing is gone or done:
	// most likely the first attempt did the work. Said as such, not as a plain failure.
	return restate(
		error,
		`Probably already applied: Appstle answered ${exchange.status} ("${appstleMessage(exchange)}") to a repeat of this request after the answer to the first attempt was lost`,
		`The first ${exchange.method} reached Appstle but its answer did not come back, so the node sent it again; the repeat found nothing left to do, which usually means the first one succeeded. Check the record in Appstle if it matters. (${exchange.method} ${exchange.path})`,
		secrets,
	);
}

/** The error for a request whose rate-limit cooldown would outlast the credential's Max Wait. */
export function rateLimitError(
	node: INode,
	exchange: FailedExchange,
	secrets: string[],
	exceeded: RateLimitWaitExceeded,
	maxWaitMs: number,
): NodeApiError {
	const error = toNodeApiError(node, exchange, secrets);
	const s = (ms: number) => `${Math.round(ms / 1000)} s`;
	return restate(
		error,
		`Appstle is rate-limiting this API key (429): the cooldown would exceed the ${s(maxWaitMs)} this request may wait`,
		`Waited ${s(exceeded.waitedMs)} already; the next wait would be ${s(exceeded.neededMs)}. Raise "Max Wait on Rate Limit (Seconds)" in the Appstle credential, lower "Max Requests per Second", or spread the work over time. (${exchange.method} ${exchange.path})`,
		secrets,
	);
}
