/** The retry policy as a pure function: which answers are repeated, and which end the request how. */
import type { Answer } from '../nodes/Appstle/transport/answer';
import { type Attempts, judge, parseRetryAfter, RETRY_POLICY } from '../nodes/Appstle/transport/retry';

const fresh = (): Attempts => ({ rateLimited: 0, transient: 0, answerLost: false });
const http = (status: number, text = '', headers: Record<string, string> = {}): Answer => ({ kind: 'http', status, headers, text });
const lost: Answer = { kind: 'lost', networkError: 'ECONNRESET' };
const read = { method: 'GET', idempotent: true };
const removeLine = { method: 'PUT', idempotent: true };
const billNow = { method: 'PUT', idempotent: false };

describe('judge', () => {
	it('sends every 429 back to the gate, even for a call that must never be repeated', () => {
		const attempts = fresh();
		expect(judge(http(429), billNow, attempts)).toEqual({ action: 'wait-for-gate' });
		expect(attempts.rateLimited).toBe(1);
	});

	it('repeats 502/503/504, broken JSON and lost connections only for idempotent requests', () => {
		for (const answer of [http(502), http(503), http(504), http(200, '{"broken":', { 'content-type': 'application/json' }), lost]) {
			expect(judge(answer, read, fresh())).toMatchObject({ action: 'retry' });
			expect(judge(answer, billNow, fresh())).toMatchObject({ action: 'fail' });
		}
		expect(judge(http(500), read, fresh())).toEqual({ action: 'fail', reason: 'status' });
	});

	it('stops repeating after the policy’s number of transient failures', () => {
		const attempts = fresh();
		for (let i = 0; i < RETRY_POLICY.maxServerErrorRetries; i++) expect(judge(http(503), read, attempts).action).toBe('retry');
		expect(judge(http(503), read, attempts)).toEqual({ action: 'fail', reason: 'status' });
	});

	it('after a lost answer, a write told "not found" or "already" was probably applied', () => {
		for (const answer of [http(404), http(400, '{"title":"Line item gid://x not found in contract 1"}'), http(400, 'Order already skipped')]) {
			const attempts = fresh();
			expect(judge(lost, removeLine, attempts).action).toBe('retry');
			expect(judge(answer, removeLine, attempts)).toEqual({ action: 'fail', reason: 'probably-applied' });
		}
	});

	it('without a lost answer, or for a read, or for another 400, "not found" stays a plain failure', () => {
		expect(judge(http(404), removeLine, fresh())).toEqual({ action: 'fail', reason: 'status' });
		const readAttempts = fresh();
		judge(lost, read, readAttempts);
		expect(judge(http(404), read, readAttempts)).toEqual({ action: 'fail', reason: 'status' });
		const writeAttempts = fresh();
		judge(http(503), removeLine, writeAttempts);
		expect(judge(http(400, 'quantity must be positive'), removeLine, writeAttempts)).toEqual({ action: 'fail', reason: 'status' });
	});

	it('returns parsed JSON, bare values and empty bodies', () => {
		expect(judge(http(200, '{"a":1}', { 'content-type': 'application/json' }), read, fresh())).toEqual({ action: 'return', value: { a: 1 } });
		expect(judge(http(200, 'true'), read, fresh())).toEqual({ action: 'return', value: true });
		expect(judge(http(204), read, fresh())).toEqual({ action: 'return', value: undefined });
	});
});

describe('parseRetryAfter', () => {
	const now = Date.UTC(2026, 11, 7, 12, 0, 0);

	it('reads delta-seconds written as plain digits', () => {
		expect(parseRetryAfter('0', now)).toBe(0);
		expect(parseRetryAfter('30', now)).toBe(30_000);
		expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
		// Huge, but a number: the gate caps it at the credential's Max Wait.
		expect(parseRetryAfter('99999', now)).toBe(99_999_000);
	});

	it('reads the three HTTP date forms, in milliseconds from now (past dates are 0)', () => {
		expect(parseRetryAfter('Mon, 07 Dec 2026 12:00:45 GMT', now)).toBe(45_000);
		expect(parseRetryAfter('Monday, 07-Dec-26 12:01:00 GMT', now)).toBe(60_000);
		expect(parseRetryAfter('Mon Dec  7 12:00:10 2026', now)).toBe(10_000);
		expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBe(Date.UTC(2100, 0, 1) - now);
		expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(0);
	});

	it('ignores everything else, so the gate’s own cooldown applies', () => {
		for (const value of [
			undefined,
			'',
			'0x10',
			'1e10',
			'-5',
			'+5',
			'1.5',
			'.5',
			'Infinity',
			'NaN',
			'30 s',
			'soon',
			'2026-12-07T12:00:45Z',
			'Mon, 31 Feb 2026 12:00:00 GMT',
			'Mon, 07 Dec 2026 25:00:00 GMT',
			'Mon, 07 Foo 2026 12:00:00 GMT',
			'Mon, 07 Dec 2026 12:00:45 CET',
		]) {
			expect([value, parseRetryAfter(value, now)]).toEqual([value, undefined]);
		}
	});
});
