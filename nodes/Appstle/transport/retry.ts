import type { Answer } from './answer';
import { parseBody } from './answer';

/**
 * Retry policy. 429s are always safe to repeat: Appstle refused them before doing anything,
 * and the pacing gate decides when the repeat goes. 502/503/504, broken JSON and lost
 * connections are repeated only for requests that are harmless to send twice.
 * A plain object, so the test suite can shorten the delays it would otherwise sit through.
 */
export const RETRY_POLICY = {
	/** A safety stop; the credential's "Max Wait on Rate Limit" is the limit that normally applies. */
	maxRateLimitRetries: 50,
	maxServerErrorRetries: 3,
	serverErrorBaseDelayMs: 1_000,
	maxDelayMs: 30_000,
	/** n8n's `timeout`: how long the connection may stay idle (and, with redirects off, wait for the headers). */
	timeoutMs: 60_000,
	/** The whole exchange, headers and body: an answer still arriving after this is cut off as lost. */
	deadlineMs: 120_000,
};

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** How a retry that follows a lost answer can tell that the first attempt did the work. */
const ALREADY_DONE = /not\s*found|already|does\s*not\s*exist|doesn't\s*exist|no\s*longer|not\s*exist/i;

export interface Attempts {
	rateLimited: number;
	transient: number;
	/** An earlier attempt of this request may have been applied, but its answer was lost. */
	answerLost: boolean;
}

export type Verdict =
	| { action: 'return'; value: unknown }
	/** 429: go back to the gate, which holds every caller of the key until the cooldown ends. */
	| { action: 'wait-for-gate' }
	| { action: 'retry'; delayMs: number }
	| { action: 'fail'; reason: 'lost' | 'status' | 'rate-limited' | 'malformed' | 'probably-applied' | 'redirect' };

export interface RetryTarget {
	method: string;
	idempotent: boolean;
}

function backoffMs(attempt: number): number {
	return Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.serverErrorBaseDelayMs * 2 ** attempt);
}

/** One more try of a transient failure, if the request may be repeated and tries remain. */
function retryTransient(request: RetryTarget, attempts: Attempts): Verdict | undefined {
	if (!request.idempotent || attempts.transient >= RETRY_POLICY.maxServerErrorRetries) return undefined;
	attempts.answerLost = true;
	return { action: 'retry', delayMs: backoffMs(attempts.transient++) };
}

/**
 * After a lost answer, a repeated write that Appstle answers with "not found" or "already …"
 * (it uses 404, and 400 with such text) most likely hit its own earlier success.
 */
function probablyApplied(request: RetryTarget, attempts: Attempts, status: number, text: string): boolean {
	if (!attempts.answerLost || request.method === 'GET') return false;
	return status === 404 || ((status === 400 || status === 409) && ALREADY_DONE.test(text));
}

/** What to do with one attempt's answer. Updates `attempts`. */
export function judge(answer: Answer, request: RetryTarget, attempts: Attempts): Verdict {
	if (answer.kind === 'lost') return retryTransient(request, attempts) ?? { action: 'fail', reason: 'lost' };
	const { status, headers, text } = answer;
	if (status === 429) {
		if (attempts.rateLimited++ < RETRY_POLICY.maxRateLimitRetries) return { action: 'wait-for-gate' };
		return { action: 'fail', reason: 'rate-limited' };
	}
	// Never followed, never repeated: a redirect would carry the API key wherever it points.
	if (status >= 300 && status < 400) return { action: 'fail', reason: 'redirect' };
	if (status >= 400) {
		if (RETRYABLE_STATUSES.has(status)) return retryTransient(request, attempts) ?? { action: 'fail', reason: 'status' };
		return { action: 'fail', reason: probablyApplied(request, attempts, status, text) ? 'probably-applied' : 'status' };
	}
	const parsed = parseBody(text, headers['content-type'] ?? '');
	if (!parsed.ok) return retryTransient(request, attempts) ?? { action: 'fail', reason: 'malformed' };
	return { action: 'return', value: parsed.value };
}
