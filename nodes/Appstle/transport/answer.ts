import type { IDataObject } from 'n8n-workflow';

/** What one attempt brought back: an HTTP answer, or none at all (refused, reset, timed out). */
export type Answer =
	| { kind: 'http'; status: number; headers: Record<string, string>; text: string }
	| { kind: 'lost'; networkError: string };

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
