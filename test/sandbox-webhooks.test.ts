/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { verifySvixSignature } from '../nodes/Appstle/webhook/svix';
import { executeNode, runWebhook } from './harness';
import type { DeliveryAttempt, WebhookEndpoint } from './sandbox/webhooks';
import { svixSign } from './sandbox/webhooks';
import { startTestSandbox, type TestSandbox } from './support';

const CONTRACT = '27510010007';
/** Seeded: Lucas Rossi's card is declined; upcoming attempt 500148 of contract 27510270189. */
const FAILING_CONTRACT = 27510270189;

interface Received {
	headers: Record<string, string>;
	body: string;
}

/** A receiver on 127.0.0.1 that records each request and answers with `answer(request)`. */
async function startReceiver(answer: (request: Received, res: ServerResponse) => Promise<void> | void) {
	const received: Received[] = [];
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request = { headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') };
			received.push(request);
			void Promise.resolve(answer(request, res)).catch(() => {
				res.statusCode = 500;
				res.end();
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function reply(res: ServerResponse, status: number, body: unknown = { ok: status < 300 }, headers: Record<string, string> = {}) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

async function admin<T>(env: TestSandbox, method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${env.sandbox.url}${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
	return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Waits until the sandbox has no delivery scheduled or on the wire. */
async function settled(env: TestSandbox, timeoutMs = 10_000): Promise<DeliveryAttempt[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { pending } = await admin<{ pending: number }>(env, 'GET', '/__sandbox/webhooks');
		if (pending === 0) return admin<DeliveryAttempt[]>(env, 'GET', '/__sandbox/webhooks/deliveries');
		if (Date.now() > deadline) throw new Error(`${pending} deliveries still pending`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

const verify = (secret: string, request: Received) =>
	verifySvixSignature({ secret, headers: request.headers, rawBody: Buffer.from(request.body), nowSeconds: Math.floor(Date.now() / 1000) });

describe('sandbox: Appstle webhooks delivered like Svix', () => {
	let env: TestSandbox;
	beforeAll(async () => {
		env = await startTestSandbox();
	});
	afterAll(async () => {
		await env.stop();
	});
	beforeEach(async () => {
		await env.admin.reset();
		await admin(env, 'POST', '/__sandbox/webhooks/config', { retryDelaysMs: [30, 30, 30, 30, 30, 30, 30] });
	});

	it('signs like Svix (the published test vector)', () => {
		expect(svixSign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
			'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
		);
	});

	it('a pause made with the action node reaches subscribed endpoints, signed; filters hold', async () => {
		const receiver = await startReceiver((_request, res) => reply(res, 200));
		const billingOnly = await startReceiver((_request, res) => reply(res, 200));
		try {
			const endpoint = await admin<WebhookEndpoint>(env, 'POST', '/__sandbox/webhooks/endpoints', {
				url: receiver.url,
				filterTypes: ['subscription.paused', 'subscription.billing-failure'],
			});
			expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
			await admin(env, 'POST', '/__sandbox/webhooks/endpoints', { url: billingOnly.url, filterTypes: ['subscription.billing-failure'] });
			const run = await executeNode({
				parameters: { resource: 'subscription', operation: 'pause', contractId: { __rl: true, mode: 'id', value: CONTRACT } },
				credentials: env.credentials(),
			});
			expect(run.status).toBe('success');
			const attempts = await settled(env);
			expect(attempts).toEqual([expect.objectContaining({ endpointId: endpoint.id, eventType: 'subscription.paused', attempt: 1, status: 200, ok: true })]);
			expect(billingOnly.received).toHaveLength(0);
			expect(receiver.received).toHaveLength(1);
			const [delivery] = receiver.received;
			expect(verify(endpoint.secret, delivery)).toMatchObject({ ok: true, id: attempts[0].messageId });
			expect(JSON.parse(delivery.body)).toMatchObject({
				type: 'subscription.paused',
				data: { __typename: 'SubscriptionContract', id: `gid://shopify/SubscriptionContract/${CONTRACT}`, status: 'PAUSED' },
			});
		} finally {
			await receiver.close();
			await billingOnly.close();
		}
	});

	it('retries failures on Svix’s schedule with the same svix-id, until a 2xx; 3xx counts as failure', async () => {
		const statuses = [500, 302, 200];
		const receiver = await startReceiver((_request, res) => reply(res, statuses.shift() ?? 200));
		try {
			await admin(env, 'POST', '/__sandbox/webhooks/endpoints', { url: receiver.url });
			await admin(env, 'POST', '/__sandbox/webhooks/messages', { eventType: 'subscription.paused', contractId: Number(CONTRACT) });
			const attempts = await settled(env);
			expect(attempts.map((a) => [a.attempt, a.status, a.ok])).toEqual([
				[1, 500, false],
				[2, 302, false],
				[3, 200, true],
			]);
			expect(new Set(receiver.received.map((r) => r.headers['svix-id'])).size).toBe(1);
		} finally {
			await receiver.close();
		}
	});

	it('gives up after 8 attempts, or at once on webhook-delivery: abort-message', async () => {
		const receiver = await startReceiver((request, res) =>
			JSON.parse(request.body).type === 'subscription.cancelled' ? reply(res, 410, {}, { 'webhook-delivery': 'abort-message' }) : reply(res, 503),
		);
		try {
			await admin(env, 'POST', '/__sandbox/webhooks/endpoints', { url: receiver.url });
			await admin(env, 'POST', '/__sandbox/webhooks/messages', { eventType: 'subscription.paused', contractId: Number(CONTRACT) });
			await admin(env, 'POST', '/__sandbox/webhooks/messages', { eventType: 'subscription.cancelled', contractId: Number(CONTRACT) });
			const attempts = await settled(env);
			expect(attempts.filter((a) => a.eventType === 'subscription.paused').map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
			expect(attempts.filter((a) => a.eventType === 'subscription.cancelled').map((a) => a.attempt)).toEqual([1]);
		} finally {
			await receiver.close();
		}
	});

	it('fault knobs: wrong secret, stale and future timestamps, tampered body, duplicates', async () => {
		const receiver = await startReceiver((_request, res) => reply(res, 200));
		try {
			const endpoint = await admin<WebhookEndpoint>(env, 'POST', '/__sandbox/webhooks/endpoints', { url: receiver.url });
			const send = async (kind: string | undefined) => {
				if (kind) await admin(env, 'POST', '/__sandbox/webhooks/faults', { kind });
				receiver.received.length = 0;
				await admin(env, 'POST', '/__sandbox/webhooks/messages', { eventType: 'subscription.paused', contractId: Number(CONTRACT) });
				await settled(env);
				return receiver.received.map((request) => verify(endpoint.secret, request));
			};
			expect(await send(undefined)).toEqual([expect.objectContaining({ ok: true })]);
			expect(await send('wrongSecret')).toEqual([expect.objectContaining({ ok: false, reason: 'noMatchingSignature' })]);
			expect(await send('staleTimestamp')).toEqual([expect.objectContaining({ ok: false, reason: 'timestampTooOld' })]);
			expect(await send('futureTimestamp')).toEqual([expect.objectContaining({ ok: false, reason: 'timestampTooNew' })]);
			expect(await send('tamperBody')).toEqual([expect.objectContaining({ ok: false, reason: 'noMatchingSignature' })]);
			const duplicates = await send('duplicate');
			expect(duplicates).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
			expect(receiver.received[0].headers['svix-id']).toBe(receiver.received[1].headers['svix-id']);
			// Faults are used up: the next message is clean again.
			expect(await send(undefined)).toEqual([expect.objectContaining({ ok: true })]);
		} finally {
			await receiver.close();
		}
	});

	it('simulated billing runs send billing-failure / billing-success with the billing attempt; upcoming-order notifications', async () => {
		const receiver = await startReceiver((_request, res) => reply(res, 200));
		try {
			await admin(env, 'POST', '/__sandbox/webhooks/endpoints', { url: receiver.url });
			const { billed } = await admin<{ billed: Array<{ status: string }> }>(env, 'POST', '/__sandbox/billing/run', {
				contractIds: [FAILING_CONTRACT, Number(CONTRACT)],
			});
			expect(billed.map((b) => b.status).sort()).toEqual(['FAILURE', 'SUCCESS']);
			await settled(env);
			const bodies = receiver.received.map((r) => JSON.parse(r.body) as IDataObject);
			expect(bodies).toEqual(
				expect.arrayContaining([
					expect.objectContaining({
						type: 'subscription.billing-failure',
						data: expect.objectContaining({ contractId: FAILING_CONTRACT, status: 'FAILURE', billingAttemptResponseMessage: 'Your card was declined.' }),
					}),
					expect.objectContaining({ type: 'subscription.billing-success', data: expect.objectContaining({ contractId: Number(CONTRACT), status: 'SUCCESS' }) }),
				]),
			);
			const { notified } = await admin<{ notified: unknown[] }>(env, 'POST', '/__sandbox/billing/notify-upcoming', { withinDays: 7 });
			expect(notified.length).toBeGreaterThan(0);
			await settled(env);
			expect(receiver.received.filter((r) => JSON.parse(r.body).type === 'subscription.upcoming-order-notification')).toHaveLength(notified.length);
		} finally {
			await receiver.close();
		}
	});

	it('into the trigger’s webhook(): a change made with the action node starts it once; the duplicate and a forgery start nothing', async () => {
		// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- Svix's published test vector, not a secret
		const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
		const staticData: IDataObject = {};
		const started: IDataObject[] = [];
		const receiver = await startReceiver(async (request, res) => {
			const result = await runWebhook({
				parameters: { events: ['subscription.paused'], options: {} },
				credentials: { appstleWebhookSigningApi: { signingSecret: secret } },
				headers: request.headers,
				rawBody: request.body,
				staticData,
			});
			started.push(...(result.items ?? []));
			reply(res, result.status, result.body);
		});
		try {
			await admin(env, 'POST', '/__sandbox/webhooks/endpoints', { url: receiver.url, secret });
			await admin(env, 'POST', '/__sandbox/webhooks/faults', { kind: 'duplicate' });
			await executeNode({
				parameters: { resource: 'subscription', operation: 'pause', contractId: { __rl: true, mode: 'id', value: CONTRACT } },
				credentials: env.credentials(),
			});
			let attempts = await settled(env);
			expect(attempts.map((a) => [a.status, a.duplicate])).toEqual([
				[200, false],
				[200, true],
			]);
			expect(started).toEqual([expect.objectContaining({ event: 'Subscription Paused', entityId: Number(CONTRACT), svixId: attempts[0].messageId })]);

			await admin(env, 'DELETE', '/__sandbox/webhooks/deliveries');
			await admin(env, 'POST', '/__sandbox/webhooks/config', { retryDelaysMs: [10] });
			await admin(env, 'POST', '/__sandbox/webhooks/faults', { kind: 'wrongSecret' });
			await admin(env, 'POST', '/__sandbox/webhooks/messages', { eventType: 'subscription.paused', contractId: Number(CONTRACT) });
			attempts = await settled(env);
			expect(attempts.map((a) => a.status)).toEqual([401, 401]);
			expect(started).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});
});
