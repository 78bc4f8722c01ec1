import type { IDataObject } from 'n8n-workflow';

/** What one attempt brought back: an HTTP answer, or none at all (refused, reset, timed out). */
export type Answer =
	| { kind: 'http'; status: number; headers: Record<string, string>; text: string }
	| { kind: 'lost'; networkError: string; timedOut?: boolean };

export function normalizeHeaders(headers: IDataObject | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value === undefined || value === null) continue;
		out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

export function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	return body === undefined ? '' : JSON.stringify(body);
}

interface BodyStream extends AsyncIterable<unknown> {
	destroy(error?: Error): void;
}

function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as BodyStream).destroy === 'function' &&
		typeof (body as BodyStream)[Symbol.asyncIterator] === 'function'
	);
}

/**
 * Reads a streamed answer to its end, or cuts it off when one of `stops` fires (the request's
 * deadline, a cancelled execution): a server that drips its body never holds the run.
 */
export async function readBody(body: unknown, stops: Array<AbortSignal | undefined>): Promise<string> {
	if (!isBodyStream(body)) return bodyText(body);
	const signals = stops.filter((s): s is AbortSignal => s !== undefined);
	const stop = () => body.destroy(new Error('The answer was cut off'));
	for (const signal of signals) signal.addEventListener('abort', stop, { once: true });
	try {
		if (signals.some((s) => s.aborted)) stop();
		const chunks: Buffer[] = [];
		for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
		return Buffer.concat(chunks).toString('utf8');
	} finally {
		for (const signal of signals) signal.removeEventListener('abort', stop);
	}
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** Appstle answers JSON, a bare `true`, a plain string, or nothing; only broken JSON is an error. */
export function parseBody(text: string, contentType: string): ParsedBody {
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
export function networkErrorOf(error: unknown): string {
	const err = error as { cause?: { code?: string; message?: string }; code?: string; message?: string };
	const cause = err?.cause ?? err;
	return cause?.code ?? cause?.message ?? err?.message ?? 'unknown network error';
}

export function isCancellation(error: unknown): boolean {
	const err = error as { cause?: { code?: string; name?: string }; code?: string; name?: string };
	const codes = [err?.code, err?.cause?.code, err?.name, err?.cause?.name];
	return codes.some((c) => c === 'ERR_CANCELED' || c === 'AbortError' || c === 'CanceledError');
}
