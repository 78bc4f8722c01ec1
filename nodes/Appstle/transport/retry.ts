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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
/** The three date forms HTTP allows (RFC 9110 §5.6.7): IMF-fixdate, obsolete RFC 850, asctime. */
const HTTP_DATES = [
	new RegExp(`^${DAY}, (\\d{2}) ([a-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) gmt$`),
	new RegExp(`^${DAY}[a-z]*, (\\d{2})-([a-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) gmt$`),
	new RegExp(`^${DAY} ([a-z]{3}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`),
];

/** An HTTP date as epoch milliseconds, or undefined when it is not one (or not a real date). */
function parseHttpDate(text: string): number | undefined {
	const lower = text.toLowerCase();
	let day: string, month: string, year: string, hh: string, mm: string, ss: string;
	let match = HTTP_DATES[0].exec(lower) ?? HTTP_DATES[1].exec(lower);
	if (match) {
		[, day, month, year, hh, mm, ss] = match;
		// RFC 850's two-digit year: one that looks more than 50 years ahead is in the past century.
		if (year.length === 2) year = String(Number(year) + (Number(year) >= 70 ? 1900 : 2000));
	} else if ((match = HTTP_DATES[2].exec(lower))) {
		[, month, day, hh, mm, ss, year] = match;
	} else {
		return undefined;
	}
	const monthIndex = MONTHS.indexOf(month);
	const parts = [Number(year), monthIndex, Number(day), Number(hh), Number(mm), Number(ss)] as const;
	const ms = Date.UTC(...parts);
	const back = new Date(ms);
	const real =
		monthIndex >= 0 &&
		back.getUTCFullYear() === parts[0] &&
		back.getUTCMonth() === parts[1] &&
		back.getUTCDate() === parts[2] &&
		parts[3] < 24 &&
		parts[4] < 60 &&
		parts[5] < 61;
	return real ? ms : undefined;
}

/**
 * `Retry-After` read strictly, in milliseconds from `now`: delta-seconds as plain digits, or an
 * HTTP date. Anything else (`0x10`, `1e10`, `-5`, `1.5`, text) is not a Retry-After at all, so the
 * gate's own cooldown applies; how long the gate may actually close is its caller's cap.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	const text = (value ?? '').trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = parseHttpDate(text);
	return date === undefined ? undefined : Math.max(0, date - now);
}
