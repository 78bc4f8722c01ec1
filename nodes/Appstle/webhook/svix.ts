import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Svix signature verification (Appstle delivers its webhooks through Svix), with Node's crypto
 * only. Never throws: every failure is a result with a reason the trigger answers 401 for.
 *
 * - Headers: svix-id, svix-timestamp, svix-signature; webhook-id, webhook-timestamp,
 *   webhook-signature when the svix-* set is absent. Names are matched case-insensitively.
 * - Key: the secret after `whsec_`, base64-decoded.
 * - Signed content: `${id}.${timestamp}.` followed by the raw request bytes.
 * - Signature header: space-separated `v1,<base64 HMAC-SHA256>` entries; any one may match;
 *   other versions are ignored; compared in constant time.
 * - Timestamp: Unix seconds, at most `toleranceSeconds` (300) before or after now.
 */

export const SECRET_PREFIX = 'whsec_';
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Svix secrets are 24 to 64 random bytes; anything shorter is not a Svix signing secret. */
const MIN_SECRET_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface SvixHeaders {
	id?: string;
	timestamp?: string;
	signature?: string;
	/** Which header set was read. */
	scheme?: 'svix' | 'webhook';
}

export type VerifyFailure =
	| 'missingSecret'
	| 'invalidSecret'
	| 'missingHeaders'
	| 'invalidTimestamp'
	| 'timestampTooOld'
	| 'timestampTooNew'
	| 'noMatchingSignature';

export type VerifyResult =
	| { ok: true; id: string; timestamp: number; scheme: 'svix' | 'webhook' }
	| { ok: false; reason: VerifyFailure; message: string };

function header(headers: HeaderBag, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const text = Array.isArray(value) ? value[0] : value;
		if (typeof text === 'string' && text.trim() !== '') return text.trim();
	}
	return undefined;
}

/** The svix-* headers, or the webhook-* ones when no svix-* header is present. */
export function readSvixHeaders(headers: HeaderBag): SvixHeaders {
	const svix = {
		id: header(headers, 'svix-id'),
		timestamp: header(headers, 'svix-timestamp'),
		signature: header(headers, 'svix-signature'),
	};
	if (svix.id !== undefined || svix.timestamp !== undefined || svix.signature !== undefined) {
		return { ...svix, scheme: 'svix' };
	}
	const plain = {
		id: header(headers, 'webhook-id'),
		timestamp: header(headers, 'webhook-timestamp'),
		signature: header(headers, 'webhook-signature'),
	};
	if (plain.id !== undefined || plain.timestamp !== undefined || plain.signature !== undefined) {
		return { ...plain, scheme: 'webhook' };
	}
	return {};
}

/**
 * The HMAC key of a signing secret (`whsec_` + base64), or a reason it is not one. A secret
 * without the prefix is decoded as base64 too, as Svix's own libraries do.
 */
export function decodeSigningSecret(secret: unknown): { key: Buffer } | { error: string } {
	if (typeof secret !== 'string' || secret.trim() === '') return { error: 'No signing secret is set' };
	const text = secret.trim();
	const encoded = text.startsWith(SECRET_PREFIX) ? text.slice(SECRET_PREFIX.length) : text;
	if (!BASE64.test(encoded) || encoded.length % 4 === 1) {
		return { error: 'The signing secret is not "whsec_" followed by base64 text' };
	}
	const key = Buffer.from(encoded, 'base64');
	if (key.length < MIN_SECRET_BYTES) {
		return { error: `The signing secret is too short (${key.length} bytes; Svix secrets have at least 24)` };
	}
	return { key };
}

/** Whether a credential value has the form of an Appstle (Svix) endpoint signing secret. */
export function checkSecretForm(secret: unknown): string | undefined {
	if (typeof secret !== 'string' || secret.trim() === '') return 'Enter the endpoint\'s signing secret';
	if (!secret.trim().startsWith(SECRET_PREFIX)) {
		return 'The signing secret starts with "whsec_": copy it from the endpoint in Appstle (Settings → Webhooks)';
	}
	const decoded = decodeSigningSecret(secret);
	return 'error' in decoded ? decoded.error : undefined;
}

/** base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` over the body's raw bytes. */
export function computeSignature(key: Buffer, id: string, timestamp: string, body: Buffer | string): string {
	const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	return createHmac('sha256', key).update(`${id}.${timestamp}.`, 'utf8').update(raw).digest('base64');
}

function constantTimeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	if (left.length !== right.length) return false;
	return timingSafeEqual(left, right);
}

export interface VerifyInput {
	secret: unknown;
	headers: HeaderBag;
	/** The request body exactly as received. */
	rawBody: Buffer | string | undefined;
	/** Current Unix time in seconds. */
	nowSeconds: number;
	toleranceSeconds?: number;
}

export function verifySvixSignature(input: VerifyInput): VerifyResult {
	const decoded = decodeSigningSecret(input.secret);
	if ('error' in decoded) {
		const missing = typeof input.secret !== 'string' || input.secret.trim() === '';
		return { ok: false, reason: missing ? 'missingSecret' : 'invalidSecret', message: decoded.error };
	}
	const { id, timestamp, signature, scheme } = readSvixHeaders(input.headers);
	if (id === undefined || timestamp === undefined || signature === undefined || scheme === undefined) {
		return {
			ok: false,
			reason: 'missingHeaders',
			message: 'The request lacks the svix-id, svix-timestamp and svix-signature headers',
		};
	}
	if (!/^\d{1,15}$/.test(timestamp)) {
		return { ok: false, reason: 'invalidTimestamp', message: 'The signature timestamp is not a number of seconds' };
	}
	const seconds = Number(timestamp);
	const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (seconds < input.nowSeconds - tolerance) {
		return { ok: false, reason: 'timestampTooOld', message: 'The signature timestamp is too old' };
	}
	if (seconds > input.nowSeconds + tolerance) {
		return { ok: false, reason: 'timestampTooNew', message: 'The signature timestamp is in the future' };
	}
	const expected = computeSignature(decoded.key, id, timestamp, input.rawBody ?? Buffer.alloc(0));
	let matched = false;
	for (const entry of signature.split(' ')) {
		const comma = entry.indexOf(',');
		if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
		// No early exit: every v1 entry is compared.
		if (constantTimeEqual(entry.slice(comma + 1), expected)) matched = true;
	}
	if (!matched) return { ok: false, reason: 'noMatchingSignature', message: 'No signature matches the request' };
	return { ok: true, id, timestamp: seconds, scheme };
}
