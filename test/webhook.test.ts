import { createHmac } from 'node:crypto';

import type { ICredentialTestFunctions, IDataObject } from 'n8n-workflow';

import { AppstleWebhookTrigger } from '../nodes/Appstle/AppstleWebhookTrigger.node';
import { TRIGGER_EVENTS } from '../nodes/Appstle/trigger/events';
import { alreadySeen, MAX_SEEN_SVIX_IDS, mergeInto, remember, RETENTION_SECONDS, sameEntries, type Seen } from '../nodes/Appstle/webhook/dedupe';
import { WEBHOOK_EVENTS } from '../nodes/Appstle/webhook/events';
import { toItem } from '../nodes/Appstle/webhook/output';
import { checkSecretForm, computeSignature, decodeSigningSecret, verifySvixSignature } from '../nodes/Appstle/webhook/svix';
import { runWebhook } from './harness';
import { lintRenderedNode } from './lint-rendered';

// Svix's published test vector.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- Svix's published test vector, not a secret
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const MSG_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const vectorHeaders = (extra: Record<string, string> = {}) => ({
	'svix-id': MSG_ID,
	'svix-timestamp': String(TS),
	'svix-signature': SIGNATURE,
	...extra,
});

/** Signs like Svix, independently of the node's code. */
function sign(secret: string, id: string, ts: number, body: string): string {
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	return `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`;
}

describe('Svix signature verification', () => {
	const verify = (over: Partial<Parameters<typeof verifySvixSignature>[0]> = {}) =>
		verifySvixSignature({ secret: SECRET, headers: vectorHeaders(), rawBody: Buffer.from(BODY), nowSeconds: TS, ...over });

	it('accepts Svix’s test vector', () => {
		expect(verify()).toEqual({ ok: true, id: MSG_ID, timestamp: TS, scheme: 'svix' });
		const key = decodeSigningSecret(SECRET);
		expect('key' in key && computeSignature(key.key, MSG_ID, String(TS), BODY)).toBe(SIGNATURE.slice(3));
	});

	it('signs the raw bytes: a tampered or re-serialised body fails', () => {
		expect(verify({ rawBody: Buffer.from('{"test": 2432232315}') })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
		expect(verify({ rawBody: Buffer.from(JSON.stringify(JSON.parse(BODY))) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
		expect(verify({ rawBody: Buffer.from(`${BODY}\n`) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
	});

	it('a tampered header or another secret fails', () => {
		expect(verify({ headers: vectorHeaders({ 'svix-id': 'msg_p5jXN8AQM9LWM0D4loKWxJeK' }) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
		expect(verify({ headers: vectorHeaders({ 'svix-timestamp': String(TS + 1) }) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
		expect(verify({ headers: vectorHeaders({ 'svix-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=' }) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
		// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a one-letter change of Svix's published test vector
		expect(verify({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSX' })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
		// The secret as UTF-8 text instead of base64-decoded bytes: a mistake seen in public code.
		const utf8 = `v1,${createHmac('sha256', SECRET.slice(6)).update(`${MSG_ID}.${TS}.${BODY}`).digest('base64')}`;
		expect(verify({ headers: vectorHeaders({ 'svix-signature': utf8 }) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
		// Hex instead of base64.
		const hex = `v1,${createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64')).update(`${MSG_ID}.${TS}.${BODY}`).digest('hex')}`;
		expect(verify({ headers: vectorHeaders({ 'svix-signature': hex }) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
	});

	it('enforces the 300 s window both ways, with an injected clock', () => {
		expect(verify({ nowSeconds: TS + 300 })).toMatchObject({ ok: true });
		expect(verify({ nowSeconds: TS + 301 })).toMatchObject({ ok: false, reason: 'timestampTooOld' });
		expect(verify({ nowSeconds: TS - 300 })).toMatchObject({ ok: true });
		expect(verify({ nowSeconds: TS - 301 })).toMatchObject({ ok: false, reason: 'timestampTooNew' });
		expect(verify({ nowSeconds: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: false, reason: 'timestampTooOld' });
		for (const bad of ['abc', '1614265330.5', '-1614265330', '1e9', '']) {
			expect(verify({ headers: vectorHeaders({ 'svix-timestamp': bad }) })).toMatchObject({ ok: false });
		}
		expect(verify({ headers: vectorHeaders({ 'svix-timestamp': 'abc' }) })).toMatchObject({ reason: 'invalidTimestamp' });
	});

	it('accepts any of several v1 signatures (secret rotation) and ignores other versions', () => {
		const other = sign('whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB', MSG_ID, TS, BODY);
		expect(verify({ headers: vectorHeaders({ 'svix-signature': `${other} ${SIGNATURE}` }) })).toMatchObject({ ok: true });
		expect(verify({ headers: vectorHeaders({ 'svix-signature': `${SIGNATURE} ${other}` }) })).toMatchObject({ ok: true });
		expect(verify({ headers: vectorHeaders({ 'svix-signature': `v1a,${SIGNATURE.slice(3)} ${other}` }) })).toMatchObject({ ok: false });
		expect(verify({ headers: vectorHeaders({ 'svix-signature': `v2,${SIGNATURE.slice(3)}` }) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
		expect(verify({ headers: vectorHeaders({ 'svix-signature': SIGNATURE.slice(3) }) })).toMatchObject({ ok: false, reason: 'noMatchingSignature' });
	});

	it('reads webhook-* headers as a fallback, header names in any case', () => {
		const plain = { 'webhook-id': MSG_ID, 'webhook-timestamp': String(TS), 'webhook-signature': SIGNATURE };
		expect(verify({ headers: plain })).toMatchObject({ ok: true, scheme: 'webhook' });
		expect(verify({ headers: { 'Svix-Id': MSG_ID, 'SVIX-TIMESTAMP': String(TS), 'svix-Signature': SIGNATURE } })).toMatchObject({ ok: true });
	});

	it('refuses missing headers and a missing or malformed secret', () => {
		for (const name of ['svix-id', 'svix-timestamp', 'svix-signature']) {
			const headers: Record<string, string> = vectorHeaders();
			delete headers[name];
			expect(verify({ headers })).toMatchObject({ ok: false, reason: 'missingHeaders' });
		}
		expect(verify({ headers: {} })).toMatchObject({ ok: false, reason: 'missingHeaders' });
		expect(verify({ secret: '' })).toMatchObject({ ok: false, reason: 'missingSecret' });
		expect(verify({ secret: undefined })).toMatchObject({ ok: false, reason: 'missingSecret' });
		expect(verify({ secret: 'whsec_not base64!' })).toMatchObject({ ok: false, reason: 'invalidSecret' });
		expect(verify({ secret: 'whsec_c2hvcnQ=' })).toMatchObject({ ok: false, reason: 'invalidSecret' });
	});

	it('the credential test checks the whsec_ form', () => {
		expect(checkSecretForm(SECRET)).toBeUndefined();
		expect(checkSecretForm('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toMatch(/starts with "whsec_"/);
		expect(checkSecretForm('')).toMatch(/Enter/);
		expect(checkSecretForm('whsec_!!!')).toMatch(/base64/);
	});

	it('the node’s credentialTest method answers OK or names the problem', async () => {
		const test = new AppstleWebhookTrigger().methods.credentialTest.appstleWebhookSigningSecret;
		const call = (signingSecret: string) =>
			test.call({} as ICredentialTestFunctions, { id: '1', name: 'x', type: 'appstleWebhookSigningApi', data: { signingSecret } });
		await expect(call(SECRET)).resolves.toMatchObject({ status: 'OK' });
		await expect(call('sk_live_123')).resolves.toMatchObject({ status: 'Error', message: expect.stringMatching(/whsec_/) });
	});
});

describe('delivery → item', () => {
	it('uses the polling trigger’s event names where the meaning is the same', () => {
		const pollingNames = new Set(TRIGGER_EVENTS.map((event) => event.name));
		const shared = WEBHOOK_EVENTS.filter((event) => event.eventType !== undefined);
		expect(shared.length).toBe(9);
		for (const event of shared) expect(pollingNames).toContain(event.name);
		for (const event of shared) {
			const polling = TRIGGER_EVENTS.find((candidate) => candidate.name === event.name);
			expect(polling?.eventTypes).toContain(event.eventType);
			expect(polling?.status).toBe(event.status);
		}
	});

	it('a billing attempt: contract ID as a number, the attempt’s time, the payload and svix-id', () => {
		const body = {
			type: 'subscription.billing-failure',
			data: { id: 500148, contractId: 27510270189, status: 'FAILURE', attemptTime: '2026-11-26T07:00:00Z', billingAttemptResponseMessage: 'Declined' },
		};
		const item = toItem(body, 'msg_1', TS);
		// The readable fields come first, as on the polling trigger's items.
		expect(Object.keys(item).slice(0, 6)).toEqual(['event', 'subscriptionId', 'customerId', 'customerName', 'customerEmail', 'occurredAt']);
		expect(item).toEqual({
			event: 'Billing Failed',
			subscriptionId: 27510270189,
			customerName: null,
			customerEmail: null,
			occurredAt: '2026-11-26T07:00:00.000Z',
			webhookEvent: 'subscription.billing-failure',
			eventType: 'BILLING_ATTEMPT_TRIGGERED',
			status: 'FAILURE',
			entityId: 27510270189,
			entityType: 'SUBSCRIPTION_BILLING_ATTEMPT',
			customerId: null,
			createAt: '2026-11-26T07:00:00.000Z',
			svixId: 'msg_1',
			payload: body,
		});
	});

	it('a contract: IDs from its Shopify GIDs; without a time of its own, when Svix signed it', () => {
		const body = {
			type: 'subscription.paused',
			data: {
				__typename: 'SubscriptionContract',
				id: 'gid://shopify/SubscriptionContract/27510010007',
				customer: { id: 'gid://shopify/Customer/7010000001', displayName: 'Olivia Garcia', email: 'olivia@example.com' },
			},
		};
		expect(toItem(body, 'msg_2', TS)).toMatchObject({
			event: 'Subscription Paused',
			eventType: 'CONTRACT_PAUSED',
			subscriptionId: 27510010007,
			customerId: 7010000001,
			customerName: 'Olivia Garcia',
			customerEmail: 'olivia@example.com',
			occurredAt: new Date(TS * 1000).toISOString(),
			entityId: 27510010007,
			entityType: 'SUBSCRIPTION_CONTRACT_DETAILS',
			createAt: new Date(TS * 1000).toISOString(),
		});
		expect(toItem(body, 'msg_2', TS)).not.toHaveProperty('status');
	});

	it('an unknown event keeps its type as the name; a body that is not JSON stays as text', () => {
		expect(toItem({ type: 'membership.created', data: {} }, 'm', TS)).toMatchObject({ event: 'membership.created', entityId: null });
		expect(toItem('not json', 'm', TS)).toMatchObject({ event: 'Unknown Event', webhookEvent: '', payload: { raw: 'not json' } });
	});
});

describe('seen svix-ids', () => {
	it('are remembered for at least 28 hours, then forgotten', () => {
		const seen: Seen = {};
		remember(seen, 'msg_a', 1_000_000);
		expect(alreadySeen(seen, 'msg_a', 1_000_000 + 28 * 3600)).toBe(true);
		expect(alreadySeen(seen, 'msg_a', 1_000_000 + RETENTION_SECONDS)).toBe(false);
		remember(seen, 'msg_b', 1_000_000 + RETENTION_SECONDS);
		expect(Object.keys(seen)).toEqual(['msg_b']);
	});

	it('keep at most MAX_SEEN_SVIX_IDS, dropping the oldest', () => {
		const seen: Seen = {};
		for (let i = 0; i < MAX_SEEN_SVIX_IDS; i++) seen[`msg_${i}`] = 1_000_000 + Math.floor(i / 100);
		remember(seen, `msg_${MAX_SEEN_SVIX_IDS}`, 1_000_000 + MAX_SEEN_SVIX_IDS);
		expect(Object.keys(seen)).toHaveLength(MAX_SEEN_SVIX_IDS);
		expect(seen.msg_0).toBeUndefined();
		expect(seen.msg_1).toBeDefined();
		expect(seen[`msg_${MAX_SEEN_SVIX_IDS}`]).toBeDefined();
	});

	it('merge as a union whatever the order, ignoring malformed entries, and stay bounded', () => {
		const copies: unknown[] = [{ a: 100, b: 101 }, { b: 102, c: 103 }, { d: 'x', e: null, f: 104 }, ['g'], null, 'h'];
		const forward: Seen = {};
		const backward: Seen = {};
		for (const copy of copies) mergeInto(forward, copy, 200);
		for (const copy of [...copies].reverse()) mergeInto(backward, copy, 200);
		expect(forward).toEqual({ a: 100, b: 102, c: 103, f: 104 });
		expect(backward).toEqual(forward);
		expect(sameEntries(forward, { f: 104, c: 103, b: 102, a: 100 })).toBe(true);
		expect(sameEntries(forward, { a: 100, b: 101, c: 103, f: 104 })).toBe(false);
		expect(sameEntries(forward, { a: 100, b: 102, c: 103 })).toBe(false);
		const big: Seen = {};
		const many: Seen = {};
		for (let i = 0; i < MAX_SEEN_SVIX_IDS + 50; i++) many[`m${i}`] = 1_000 + i;
		mergeInto(big, many, 2_000);
		expect(Object.keys(big)).toHaveLength(MAX_SEEN_SVIX_IDS);
		expect(big.m49).toBeUndefined();
		expect(big.m50).toBe(1_050);
		mergeInto(big, { old: 2_000 - RETENTION_SECONDS }, 2_000);
		expect(big.old).toBeUndefined();
	});
});

describe('webhook() through n8n-core’s WebhookContext', () => {
	const credentials = { appstleWebhookSigningApi: { signingSecret: SECRET } };
	const parameters = { events: ['subscription.billing-failure', 'subscription.paused'], options: {} };
	let now = TS;
	beforeEach(() => {
		now = TS;
		jest.spyOn(Date, 'now').mockImplementation(() => now * 1000);
	});
	afterEach(() => jest.restoreAllMocks());

	const delivery = (type: string, id = 'msg_one', ts = TS) => {
		const body = JSON.stringify({ type, data: { contractId: 27510270189, attemptTime: '2021-02-25T15:00:00Z' } });
		return { rawBody: body, headers: { 'svix-id': id, 'svix-timestamp': String(ts), 'svix-signature': sign(SECRET, id, ts, body) } };
	};

	it('the test vector passes verification (not a selected event: 200, nothing starts)', async () => {
		const result = await runWebhook({ parameters, credentials, headers: vectorHeaders(), rawBody: BODY });
		expect(result.status).toBe(200);
		expect(result.items).toBeUndefined();
		expect(result.body).toMatchObject({ started: false });
	});

	it('a signed, selected event starts one execution with the item', async () => {
		const staticData: IDataObject = {};
		const result = await runWebhook({ parameters, credentials, staticData, ...delivery('subscription.billing-failure') });
		// Answered by the node itself, so that n8n saves the static data before it starts the execution.
		expect(result.result.noWebhookResponse).toBe(true);
		expect(result).toMatchObject({ status: 200, body: { received: true, started: true } });
		expect(result.items).toEqual([
			expect.objectContaining({ event: 'Billing Failed', entityId: 27510270189, svixId: 'msg_one', createAt: '2021-02-25T15:00:00.000Z' }),
		]);
		expect(Object.keys((staticData['node:Appstle Webhook Trigger'] as IDataObject).seen as IDataObject)).toEqual(['msg_one']);
	});

	it('bad signatures, stale or future timestamps and missing headers: 401, nothing starts, nothing stored', async () => {
		const staticData: IDataObject = {};
		const good = delivery('subscription.billing-failure');
		const cases: Array<{ rawBody: string; headers: Record<string, string> }> = [
			{ ...good, rawBody: good.rawBody.replace('27510270189', '27510270188') },
			{ ...good, headers: { ...good.headers, 'svix-id': 'msg_other' } },
			{ ...good, headers: { ...good.headers, 'svix-signature': sign('whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB', 'msg_one', TS, good.rawBody) } },
			{ ...good, headers: { 'svix-id': 'msg_one', 'svix-timestamp': String(TS) } },
			{ ...good, headers: {} },
		];
		for (const request of cases) {
			const result = await runWebhook({ parameters, credentials, staticData, ...request });
			expect(result.status).toBe(401);
			expect(result.items).toBeUndefined();
		}
		now = TS + 301;
		expect(await runWebhook({ parameters, credentials, staticData, ...good })).toMatchObject({ status: 401, body: { message: expect.stringMatching(/too old/) } });
		now = TS - 301;
		expect(await runWebhook({ parameters, credentials, staticData, ...good })).toMatchObject({ status: 401, body: { message: expect.stringMatching(/future/) } });
		expect(staticData).toEqual({});
	});

	it('without a signing secret: 401', async () => {
		const result = await runWebhook({ parameters, credentials: { appstleWebhookSigningApi: { signingSecret: '' } }, ...delivery('subscription.paused') });
		expect(result).toMatchObject({ status: 401, items: undefined });
	});

	it('a repeated svix-id: 200 and nothing starts, also with a new timestamp and signature (a Svix retry)', async () => {
		const staticData: IDataObject = {};
		expect((await runWebhook({ parameters, credentials, staticData, ...delivery('subscription.paused') })).items).toHaveLength(1);
		const again = await runWebhook({ parameters, credentials, staticData, ...delivery('subscription.paused') });
		expect(again).toMatchObject({ status: 200, items: undefined, body: { reason: 'duplicate delivery' } });
		now = TS + 5 * 3600;
		const retry = await runWebhook({ parameters, credentials, staticData, ...delivery('subscription.paused', 'msg_one', now) });
		expect(retry).toMatchObject({ status: 200, items: undefined });
		expect((await runWebhook({ parameters, credentials, staticData, ...delivery('subscription.paused', 'msg_two', now) })).items).toHaveLength(1);
	});

	it('a repeat is recognised in the same n8n process even when the stored static data lacks the ID', async () => {
		const workflowId = `wf-${Math.random()}`;
		const first = await runWebhook({ parameters, credentials, workflowId, staticData: {}, ...delivery('subscription.paused', 'msg_mem') });
		expect(first.items).toHaveLength(1);
		// As after n8n's execution wrote back static data it had loaded before the ID was saved.
		const again = await runWebhook({ parameters, credentials, workflowId, staticData: {}, ...delivery('subscription.paused', 'msg_mem') });
		expect(again).toMatchObject({ status: 200, items: undefined, body: { reason: 'duplicate delivery' } });
		// Per workflow: another workflow with the same endpoint message starts.
		const other = await runWebhook({ parameters, credentials, staticData: {}, ...delivery('subscription.paused', 'msg_mem') });
		expect(other.items).toHaveLength(1);
	});

	const storedIds = (staticData: IDataObject) =>
		Object.keys(((staticData['node:Appstle Webhook Trigger'] as IDataObject | undefined)?.seen as IDataObject | undefined) ?? {}).sort();

	/** 20 deliveries at once: every request loads the stored copy before any saves; then saved in `order`. */
	async function concurrentBurst(order: (saves: Array<() => void>) => Array<() => void>) {
		const staticData: IDataObject = {};
		const workflowId = `wf-burst-${Math.random()}`;
		const ids = Array.from({ length: 20 }, (_, i) => `msg_burst_${i}`);
		const results = await Promise.all(
			ids.map((id) => runWebhook({ parameters, credentials, staticData, workflowId, deferSave: true, ...delivery('subscription.paused', id) })),
		);
		for (const save of order(results.map((r) => r.save))) save();
		return { staticData, ids, started: results.filter((r) => r.items?.length === 1).length };
	}

	it.each([
		['in the order they answered', (saves: Array<() => void>) => saves],
		['last answer saved first', (saves: Array<() => void>) => [...saves].reverse()],
		['interleaved', (saves: Array<() => void>) => saves.map((_, i) => saves[(i * 7) % saves.length])],
	])('20 concurrent deliveries, saved %s: every svix-id is stored, and after a restart a re-send starts nothing', async (_label, order) => {
		const { staticData, ids, started } = await concurrentBurst(order);
		expect(started).toBe(20);
		expect(storedIds(staticData)).toEqual([...ids].sort());
		// A restart: a process that has never seen these IDs (a new workflow key for the process
		// memory), with the static data as saved.
		const afterRestart = `wf-restarted-${Math.random()}`;
		const again = await Promise.all(
			ids.map((id) => runWebhook({ parameters, credentials, staticData, workflowId: afterRestart, ...delivery('subscription.paused', id) })),
		);
		expect(again.filter((r) => r.items !== undefined)).toHaveLength(0);
		expect(again.every((r) => r.status === 200 && (r.body as IDataObject).reason === 'duplicate delivery')).toBe(true);
	});

	it('a stale copy saved over the IDs (e.g. by another save) is repaired by the next delivery in the process', async () => {
		const staticData: IDataObject = {};
		const workflowId = `wf-heal-${Math.random()}`;
		for (const id of ['msg_h1', 'msg_h2', 'msg_h3']) {
			await runWebhook({ parameters, credentials, staticData, workflowId, ...delivery('subscription.paused', id) });
		}
		staticData['node:Appstle Webhook Trigger'] = { seen: { msg_h1: TS } };
		// A repeat (a Svix retry) starts nothing but saves the IDs back.
		const retry = await runWebhook({ parameters, credentials, staticData, workflowId, ...delivery('subscription.paused', 'msg_h2') });
		expect(retry.items).toBeUndefined();
		expect(storedIds(staticData)).toEqual(['msg_h1', 'msg_h2', 'msg_h3']);
		// When the stored copy already holds everything, nothing changes, so n8n writes nothing.
		const quiet = await runWebhook({ parameters, credentials, staticData, workflowId, deferSave: true, ...delivery('subscription.paused', 'msg_h3') });
		const before = JSON.stringify(staticData);
		quiet.save();
		expect(JSON.stringify(staticData)).toBe(before);
	});

	it('a signed body with a byte-order mark, blanks around it or in UTF-16 parses as JSON; the signature covers the raw bytes', async () => {
		const json = JSON.stringify({ type: 'subscription.paused', data: { contractId: 27510270189, updatedAt: '2021-02-25T15:00:00Z' } });
		const utf16be = Buffer.from(`\uFEFF${json}`, 'utf16le').swap16();
		const bodies: Array<[string, Buffer]> = [
			['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])],
			['BOM encoded twice', Buffer.from(`\uFEFF\uFEFF${json}`, 'utf8')],
			['blanks around it', Buffer.from(` \r\n\t${json}\n  `)],
			['UTF-16 LE with BOM', Buffer.from(`\uFEFF${json}`, 'utf16le')],
			['UTF-16 BE with BOM', utf16be],
		];
		for (const [label, raw] of bodies) {
			const id = `msg_enc_${label.replace(/\W/g, '')}`;
			const key = Buffer.from(SECRET.slice(6), 'base64');
			const signature = `v1,${createHmac('sha256', key).update(`${id}.${TS}.`).update(raw).digest('base64')}`;
			const headers = { 'svix-id': id, 'svix-timestamp': String(TS), 'svix-signature': signature };
			const result = await runWebhook({ parameters, credentials, headers, rawBody: raw });
			expect([label, result.status, result.items?.[0]]).toEqual([
				label,
				200,
				expect.objectContaining({ event: 'Subscription Paused', subscriptionId: 27510270189, payload: JSON.parse(json) }),
			]);
			// The same text without the mark or blanks is other bytes: its signature does not match.
			const plain = await runWebhook({ parameters, credentials, headers, rawBody: Buffer.from(json) });
			expect([label, plain.status]).toEqual([label, 401]);
		}
	});

	it('test runs ("Execute step" / "Execute workflow" in the editor) check signatures but neither dedupe nor store', async () => {
		const staticData: IDataObject = {};
		for (let i = 0; i < 2; i++) {
			const result = await runWebhook({ parameters, credentials, staticData, mode: 'manual', workflowId: 'wf-manual', ...delivery('subscription.paused') });
			expect(result.items).toHaveLength(1);
		}
		expect(staticData).toEqual({});
		expect((await runWebhook({ parameters, credentials, mode: 'manual', ...delivery('subscription.paused'), rawBody: '{}' })).status).toBe(401);
	});

	it('filters: listed events, Any Event and Other Event Names', async () => {
		const run = (events: string[], type: string, otherEventNames = '') =>
			runWebhook({ parameters: { events, options: { otherEventNames } }, credentials, ...delivery(type, `msg_${Math.random()}`) });
		expect((await run(['subscription.paused'], 'subscription.cancelled')).items).toBeUndefined();
		expect((await run(['*'], 'subscription.cancelled')).items).toHaveLength(1);
		expect((await run(['*'], 'membership.created')).items).toHaveLength(1);
		expect((await run(['subscription.paused'], 'membership.created', 'membership.updated, Membership.Created')).items).toHaveLength(1);
		expect((await run(['subscription.paused'], 'membership.created', 'membership.updated')).items).toBeUndefined();
		expect((await run([], 'subscription.paused')).items).toBeUndefined();
	});
});

describe('node description', () => {
	it('passes the n8n-nodes-base parameter rules', async () => {
		expect(await lintRenderedNode('AppstleWebhookTrigger', new AppstleWebhookTrigger().description)).toEqual([]);
	});
});
