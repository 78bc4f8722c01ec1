import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { resolveBaseUrl, RETRY_POLICY } from '../nodes/Appstle/transport';
import { forgetPacing } from '../nodes/Appstle/transport/pacing';
import { executeNode, testCredential } from './harness';
import { factsFrom } from './operations/facts';
import type { Facts } from './operations/types';
import { byId } from './operations/types';
import type { SandboxAdmin } from './sandbox/client';
import { startTestSandbox, type TestSandbox } from './support';

/** A key that is easy to spot anywhere it must not be. */
const API_KEY = 'apst_DummySecretKey_9f8e7d6c5b4a';
const V2 = '/api/external/v2';

let env: TestSandbox;
let admin: SandboxAdmin;
let facts: Facts;

const credentials = (overrides: IDataObject = {}) => env.credentials(overrides);

async function apiRequests(route?: string) {
	const all = await admin.requests();
	return route ? all.filter((r) => r.route === `${V2}${route}`) : all;
}

beforeAll(async () => {
	env = await startTestSandbox({ apiKey: API_KEY });
	admin = env.admin;
	facts = factsFrom(env.sandbox.state);
});

afterAll(async () => {
	await env?.stop();
});

beforeEach(async () => {
	await admin.reset();
	// Each test starts with the key's pacing unlearned, as after a restart of n8n: otherwise a
	// 429 test slows the key down for every later test (about 0.3 s per request).
	forgetPacing();
});

const getContract = () => ({
	parameters: { resource: 'subscription', operation: 'get', contractId: byId(facts.activeContractId) },
	credentials: credentials(),
});

const billNow = () => ({
	parameters: { resource: 'order', operation: 'billNow', billingAttemptId: facts.upcomingAttemptId },
	credentials: credentials(),
});

describe('pagination', () => {
	it('Return All walks every page of the contract list', async () => {
		const result = await executeNode({
			parameters: { resource: 'subscription', operation: 'getMany', returnAll: true, simplify: true },
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(facts.contractCount);
		const pages = (await apiRequests('/subscription-contract-details')).map((r) => r.query.page);
		expect(pages).toEqual([...Array(Math.ceil(facts.contractCount / 100)).keys()].map(String));
	});

	it('Limit stops after the records it needs', async () => {
		const result = await executeNode({
			parameters: { resource: 'subscription', operation: 'getMany', returnAll: false, limit: 3 },
			credentials: credentials(),
		});
		expect(result.output).toHaveLength(3);
		expect(await apiRequests('/subscription-contract-details')).toHaveLength(1);
	});
});

describe('rate limits', () => {
	afterEach(async () => {
		await admin.setRateLimit(false);
	});

	it('waits out a 429 with Retry-After and then succeeds', async () => {
		await admin.addFault({ path: `${V2}/subscription-contracts/contract-external/{contractId}`, status: 429, headers: { 'Retry-After': '1' }, times: 1 });
		const result = await executeNode(getContract());
		expect(result.status).toBe('success');
		expect(result.output[0].json.id).toBe(`gid://shopify/SubscriptionContract/${facts.activeContractId}`);
		const calls = await apiRequests('/subscription-contracts/contract-external/{contractId}');
		expect(calls.map((c) => c.status)).toEqual([429, 200]);
	});

	it('backs off on a 429 without Retry-After, even for a billing attempt', async () => {
		await admin.addFault({ path: `${V2}/subscription-billing-attempts/attempt-billing/{id}`, status: 429, times: 2 });
		const result = await executeNode(billNow());
		expect(result.error?.message ?? '').toBe('');
		expect((await apiRequests('/subscription-billing-attempts/attempt-billing/{id}')).map((c) => c.status)).toEqual([429, 429, 200]);
	});

	it('paces requests per key so Appstle’s limiter never answers 429', async () => {
		await admin.setRateLimit({ ratePerSecond: 8, burst: 3, cooldownMs: 5_000, retryAfter: false });
		const result = await executeNode({
			parameters: { resource: 'subscription', operation: 'getMany', returnAll: true },
			credentials: credentials({ requestsPerSecond: 4, burst: 2 }),
		});
		expect(result.status).toBe('success');
		const statuses = (await apiRequests()).map((r) => r.status);
		expect(statuses.length).toBeGreaterThanOrEqual(3);
		expect(statuses).not.toContain(429);
	});

	it('reports a 429 that outlasts the credential’s Max Wait, with a hint and the status', async () => {
		await admin.addFault({ path: `${V2}/subscription-contracts/contract-external/{contractId}`, status: 429, times: 100 });
		const result = await executeNode({ ...getContract(), credentials: credentials({ maxRateLimitWait: 0.5 }) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('rate-limiting this API key (429)');
		expect(result.error?.description).toContain('Max Wait on Rate Limit');
		expect(JSON.stringify(result.error)).not.toContain(API_KEY);
		// The first 429 and the probes spaced out within the half second it may wait.
		const calls = await apiRequests();
		expect(calls.length).toBeGreaterThanOrEqual(2);
		expect(calls.every((c) => c.status === 429)).toBe(true);
	});
});

describe('server errors', () => {
	it('retries a 503 on a read', async () => {
		await admin.addFault({ path: `${V2}/subscription-contracts/contract-external/{contractId}`, status: 503, times: 1 });
		const result = await executeNode(getContract());
		expect(result.status).toBe('success');
		expect((await apiRequests()).map((r) => r.status)).toEqual([503, 200]);
	});

	it('retries a dropped connection and an HTML 502 on a read', async () => {
		await admin.addFault({ path: `${V2}/subscription-contracts/contract-external/{contractId}`, drop: true, times: 1 });
		await admin.addFault({ path: `${V2}/subscription-contracts/contract-external/{contractId}`, status: 502, kind: 'html', times: 1 });
		const result = await executeNode(getContract());
		expect(result.status).toBe('success');
		expect(await apiRequests()).toHaveLength(3);
	});

	it('never repeats a billing attempt after a 503, and says why', async () => {
		await admin.addFault({ path: `${V2}/subscription-billing-attempts/attempt-billing/{id}`, status: 503, times: 1 });
		const result = await executeNode(billNow());
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('503');
		expect(result.error?.description).toContain('not retried');
		expect(await apiRequests('/subscription-billing-attempts/attempt-billing/{id}')).toHaveLength(1);
	});

	it('says "probably already applied" when a repeated write finds its own earlier success', async () => {
		// The first attempt removes the line, but its answer is lost (gateway timeout after the work).
		await admin.addFault({ path: `${V2}/subscription-contracts-remove-line-item`, status: 504, kind: 'html', afterHandler: true, times: 1 });
		const result = await executeNode({
			parameters: { resource: 'lineItem', operation: 'remove', contractId: byId(facts.activeContractId), lineId: facts.secondLineId },
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Probably already applied: Appstle answered 400 \("Line item .* not found/);
		expect(result.error?.description).toContain('usually means the first one succeeded');
		const calls = await apiRequests('/subscription-contracts-remove-line-item');
		expect(calls.map((c) => c.status)).toEqual([504, 400]);
		const contract = (await admin.state('contracts', facts.activeContractId)) as { lines: Array<{ id: string }> };
		expect(contract.lines.map((l) => l.id)).not.toContain(facts.secondLineId);
	});

	it('a plain "not found" without a lost answer stays a plain failure', async () => {
		const result = await executeNode({
			parameters: { resource: 'lineItem', operation: 'remove', contractId: byId(facts.activeContractId), lineId: 'gid://shopify/SubscriptionLine/nope' },
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Appstle answered 400: Line item .* not found/);
	});

	it('never repeats a billing attempt after a dropped connection', async () => {
		await admin.addFault({ path: `${V2}/subscription-billing-attempts/attempt-billing/{id}`, drop: true, times: 1 });
		const result = await executeNode(billNow());
		expect(result.status).toBe('error');
		// n8n's NodeApiError would swap a message mentioning ECONNRESET for "You can retry the request immediately".
		expect(result.error?.message).toMatch(/^Not confirmed, check Appstle before retrying/);
		expect(result.error?.message).not.toMatch(/retry the request immediately/i);
		expect(result.error?.description).toContain('not retried automatically');
		expect(await apiRequests('/subscription-billing-attempts/attempt-billing/{id}')).toHaveLength(1);
	});
});

describe('errors', () => {
	it('carries Appstle’s own message, the status and the request', async () => {
		const result = await executeNode({
			parameters: { resource: 'subscription', operation: 'get', contractId: byId('1') },
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Appstle answered 4\d\d: \S/);
		expect((result.error as unknown as IDataObject).httpCode).toMatch(/^4\d\d$/);
		expect(result.error?.description).toContain(`GET ${V2}/subscription-contracts/contract-external/{contractId}`);
	});

	it('explains an HTML gateway page and an empty body', async () => {
		await admin.addFault({ path: `${V2}/subscription-billing-attempts/attempt-billing/{id}`, status: 502, kind: 'html', times: 1 });
		const html = await executeNode(billNow());
		expect(html.error?.message).toBe("Appstle answered 502: Appstle's gateway answered 502 with an HTML error page instead of JSON");

		await admin.addFault({ path: `${V2}/subscription-contracts/contract-external/{contractId}`, status: 404, kind: 'empty', times: 1 });
		const empty = await executeNode(getContract());
		expect(empty.error?.message).toBe('Appstle answered 404: Appstle answered 404 with an empty body');
		expect(empty.error?.description).toContain('Check the ID');
	});

	it('reports malformed JSON after retrying a read', async () => {
		await admin.addFault({ path: `${V2}/subscription-contracts/contract-external/{contractId}`, status: 200, kind: 'malformed', times: 100 });
		const result = await executeNode(getContract());
		expect(result.error?.message).toContain('not valid JSON');
		expect(await apiRequests()).toHaveLength(RETRY_POLICY.maxServerErrorRetries + 1);
	});

	it('never lets the API key into an error, a description or an output item', async () => {
		const runs = [];
		// Activity logs carry the key in the query string: the riskiest route.
		await admin.addFault({ path: `${V2}/activity-logs`, status: 500, times: 100 });
		runs.push(await executeNode({ parameters: { resource: 'activityLog', operation: 'getMany', returnAll: false, limit: 5 }, credentials: credentials() }));
		runs.push(await executeNode({ parameters: { resource: 'activityLog', operation: 'getMany', returnAll: false, limit: 5 }, credentials: credentials(), continueOnFail: true }));
		await admin.clearFaults();
		await admin.addFault({ path: `${V2}/activity-logs`, drop: true, times: 100 });
		runs.push(await executeNode({ parameters: { resource: 'activityLog', operation: 'getMany', returnAll: false, limit: 5 }, credentials: credentials() }));
		await admin.clearFaults();
		await admin.addFault({ path: `${V2}/subscription-billing-attempts/attempt-billing/{id}`, status: 400, body: { title: `bad key ${API_KEY}`, status: 400 }, times: 1 });
		runs.push(await executeNode(billNow()));
		runs.push(await executeNode({ ...getContract(), credentials: credentials({ apiKey: `${API_KEY}-wrong` }) }));
		runs.push(await executeNode({ ...getContract(), credentials: credentials({ baseUrl: 'http://127.0.0.1:1' }) }));

		for (const run of runs) {
			expect(run.status === 'error' || run.output.some((item) => item.json.error)).toBe(true);
			const everything = JSON.stringify({ error: run.error, output: run.output, run: run.run.data.resultData });
			expect(everything).not.toContain(API_KEY);
			expect(everything).not.toContain(encodeURIComponent(API_KEY));
		}
	});
});

describe('key redaction', () => {
	/** Every run of 8 characters of the key, in the spellings a body or URL can carry it. */
	function fragments(key: string): string[] {
		const out = new Set<string>();
		for (const form of [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)]) {
			for (let i = 0; i + 8 <= form.length; i++) out.add(form.slice(i, i + 8));
		}
		return [...out];
	}

	it('redacts before cutting, in raw, URL-encoded and JSON-escaped form, and any 8-character run of the key', async () => {
		// Faults answer before the sandbox checks the key, so any key reaches the error path.
		const key = 'apst_Top/Secret+Key"9f8e7d6c 5b4a';
		const attempt = '/subscription-billing-attempts/attempt-billing/{id}';
		const bodies: unknown[] = [
			`${'x'.repeat(290)}${key}`, // a plain-text body cut at 300 characters, right through the key
			{ title: 'echo', detail: `raw ${key} url ${encodeURIComponent(key)} form ${encodeURIComponent(key).replace(/%20/g, '+')}` },
			{ title: 'part', detail: `fragment ${key.slice(3, 15)} and ${key.slice(-9)}`, fieldErrors: [{ field: 'k', message: key }] },
		];
		const runs = [];
		for (const body of bodies) {
			await admin.addFault({ path: `${V2}${attempt}`, status: 400, body, times: 1 });
			runs.push(await executeNode({ ...billNow(), credentials: credentials({ apiKey: key }) }));
			await admin.addFault({ path: `${V2}${attempt}`, status: 400, body, times: 1 });
			runs.push(await executeNode({ ...billNow(), credentials: credentials({ apiKey: key }), continueOnFail: true }));
		}
		for (const run of runs) {
			expect(run.status === 'error' || run.output.some((item) => item.json.error)).toBe(true);
			const everything = JSON.stringify({ error: run.error, output: run.output, run: run.run.data.resultData });
			expect(fragments(key).filter((fragment) => everything.includes(fragment))).toEqual([]);
			expect(everything).toContain('***');
		}
	});
});

describe('credential', () => {
	it('passes the credential test with the right key', async () => {
		const result = await testCredential('appstleApi', credentials().appstleApi);
		expect(result).toEqual({ status: 'OK', message: expect.any(String) });
	});

	it('fails the credential test with a clear message for a wrong key', async () => {
		const result = await testCredential('appstleApi', credentials({ apiKey: 'apst_wrong' }).appstleApi);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Appstle rejected the API key (401)');
	});

	it('resolves each environment to its base URL', () => {
		expect(resolveBaseUrl({ apiKey: 'k', environment: 'subscriptions' })).toBe('https://subscription-admin.appstle.com');
		expect(resolveBaseUrl({ apiKey: 'k', environment: 'memberships' })).toBe('https://membership-admin.appstle.com');
		expect(resolveBaseUrl({ apiKey: 'k', environment: 'custom', baseUrl: 'http://127.0.0.1:8787/' })).toBe('http://127.0.0.1:8787');
	});
});

describe('input checks', () => {
	it('stops before any request when one item has a bad ID, naming the field and the item', async () => {
		const result = await executeNode({
			parameters: { resource: 'subscription', operation: 'pause', contractId: byId('={{ $json.id }}') },
			input: [{ id: facts.activeContractId }, { id: 'not-a-number' }],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Invalid value for "Subscription": "not-a-number" is not a numeric ID or a Shopify GID like gid://shopify/SubscriptionContract/123');
		expect(result.error?.description).toContain('Item 1');
		expect(await apiRequests()).toEqual([]);
	});

	it('rejects a GID of the wrong type and an empty required value', async () => {
		const wrongType = await executeNode({
			parameters: { resource: 'subscription', operation: 'pause', contractId: byId('={{ "gid://shopify/Customer/5" }}') },
			credentials: credentials(),
		});
		expect(wrongType.error?.message).toContain('is a Customer GID, but a SubscriptionContract ID is needed');
		const empty = await executeNode({
			parameters: { resource: 'subscription', operation: 'updateOrderNote', contractId: byId(facts.activeContractId), orderNote: '={{ "" }}' },
			credentials: credentials(),
		});
		expect(empty.error?.message).toBe('"Order Note" is required');
		expect(await apiRequests()).toEqual([]);
	});

	it('sends a date from an expression (a Luxon DateTime) as ISO-8601 UTC', async () => {
		const result = await executeNode({
			parameters: {
				resource: 'subscription',
				operation: 'updateNextBillingDate',
				contractId: byId(facts.activeContractId),
				nextBillingDate: "={{ DateTime.fromISO('2031-01-15T10:00:00+02:00') }}",
			},
			credentials: credentials(),
		});
		expect(result.error?.message ?? '').toBe('');
		const [sent] = await apiRequests('/subscription-contracts-update-billing-date');
		expect(sent.query.nextBillingDate).toBe('2031-01-15T08:00:00.000Z');
	});

	it('with Continue On Fail, turns each bad item into an error item and carries on', async () => {
		const result = await executeNode({
			parameters: { resource: 'subscription', operation: 'pause', contractId: byId('={{ $json.id }}') },
			input: [{ id: facts.activeContractId }, { id: 'abc' }, { id: '1' }],
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output[0].json).toEqual({ success: true, contractId: facts.activeContractId, status: 'PAUSED' });
		expect(String(result.output[1].json.error)).toContain('not a numeric ID');
		expect(String(result.output[2].json.error)).toMatch(/^Appstle answered 4\d\d/);
		expect((await apiRequests()).length).toBe(2);
	});
});

describe('partner app key', () => {
	const APP_KEY = 'apst_app_DummyPartnerKey_7a6b5c4d3e2f';

	it('is sent as X-App-Key when set, and no such header goes out otherwise', async () => {
		await executeNode({ ...getContract(), credentials: credentials({ appApiKey: APP_KEY }) });
		await executeNode(getContract());
		const [withKey, without] = await apiRequests('/subscription-contracts/contract-external/{contractId}');
		expect(withKey.appKeyHeader).toBe(true);
		expect(withKey.apiKeyHeader).toBe(true);
		expect(without.appKeyHeader).toBe(false);
	});

	it('never appears in an error, even when Appstle echoes it', async () => {
		await admin.addFault({
			path: `${V2}/subscription-contracts/contract-external/{contractId}`,
			status: 400,
			body: { title: `bad app key ${APP_KEY}`, status: 400 },
			times: 1,
		});
		const result = await executeNode({ ...getContract(), credentials: credentials({ appApiKey: APP_KEY }), continueOnFail: true });
		const everything = JSON.stringify({ error: result.error, output: result.output });
		expect(everything).toContain('bad app key');
		expect(everything).not.toContain(APP_KEY);
		expect(everything).not.toContain(APP_KEY.slice(8, 20));
	});
});

describe('execution hints', () => {
	const hintsOf = (run: Awaited<ReturnType<typeof executeNode>>) =>
		(run.run.data.resultData.runData.Appstle?.[0]?.hints ?? []).map((h) => h.message);

	it('after a Return All over several pages: how many requests it took', async () => {
		const result = await executeNode({
			parameters: { resource: 'subscription', operation: 'getMany', returnAll: true },
			credentials: credentials(),
		});
		const pages = (await apiRequests('/subscription-contract-details')).length;
		expect(pages).toBeGreaterThan(1);
		expect(hintsOf(result)).toEqual([
			`Return All read ${result.output.length} records in ${pages} requests to Appstle, one page at a time. Filters shrink the list before it is sent and take fewer requests.`,
		]);
	});

	it('after waiting out a rate limit: how often and how long', async () => {
		await admin.addFault({ path: `${V2}/subscription-contracts/contract-external/{contractId}`, status: 429, headers: { 'Retry-After': '1' }, times: 1 });
		const result = await executeNode(getContract());
		expect(result.status).toBe('success');
		const [hint] = hintsOf(result);
		expect(hint).toMatch(/^Appstle's rate limit slowed this run: 1 of 2 requests were answered 429 .* waited [\d.]+ s in all/);
	});

	it('none for a plain run', async () => {
		expect(hintsOf(await executeNode(getContract()))).toEqual([]);
	});
});

describe('hints for Appstle’s "not found" answers (a 400 as often as a 404)', () => {
	const run = (parameters: INodeParameters) => executeNode({ parameters, credentials: credentials() });
	const picked = (value: string) => ({ __rl: true, mode: 'list', value });

	it('a wrong subscription names the Subscription field and where its IDs come from', async () => {
		const result = await run({ resource: 'subscription', operation: 'get', contractId: byId('1') });
		expect(result.error?.message).toMatch(/^Appstle answered 400: .*not found/i);
		expect(result.error?.description).toBe(
			`Check Subscription: pick it from the list, or map the subscriptionContractId field of Subscription → Get Many (not its id). (GET ${V2}/subscription-contracts/contract-external/{contractId})`,
		);
	});

	it('an order Appstle only calls an "Invalid id" is named by the request path: Order, from Get Upcoming', async () => {
		const result = await run({ resource: 'order', operation: 'skip', billingAttemptId: picked('1') });
		expect(result.status).toBe('error');
		expect(result.error?.description).toMatch(/^Check Order: pick it from the subscription’s upcoming orders, or get IDs with Order → Get Upcoming\./);
	});

	it('a wrong line of a right subscription names Product Line, not Subscription', async () => {
		const result = await run({
			resource: 'lineItem',
			operation: 'updateQuantity',
			contractId: picked(facts.activeContractId),
			lineId: picked('gid://shopify/SubscriptionLine/00000000-0000-0000-0000-000000000000'),
			quantity: 2,
		});
		expect(result.error?.message).toMatch(/Line item .* not found/);
		expect(result.error?.description).toMatch(/^Check Product Line: /);
	});

	it('a wrong variant and a wrong selling plan name their own fields', async () => {
		const variant = await run({
			resource: 'lineItem',
			operation: 'add',
			contractId: picked(facts.activeContractId),
			variantId: picked('1'),
			quantity: 1,
		});
		expect(variant.error?.message).toMatch(/variant .* not found/i);
		expect(variant.error?.description).toMatch(/^Check Product Variant: pick it from the list/);

		const plan = await run({
			resource: 'subscription',
			operation: 'updateFrequencyBySellingPlan',
			contractId: picked(facts.activeContractId),
			sellingPlanId: picked('1'),
		});
		expect(plan.error?.message).toMatch(/selling plan .* not found/i);
		expect(plan.error?.description).toMatch(/^Check Selling Plan: pick it from the list, or get IDs with Subscription Plan → Get Many Selling Plans\./);
	});

	it('a 400 that is not about a missing record gets no field hint', async () => {
		const result = await run({ resource: 'order', operation: 'skip', billingAttemptId: picked(facts.pastAttemptId) });
		expect(result.error?.message).toMatch(/^Appstle answered 400: /);
		expect(result.error?.description).not.toMatch(/^Check /);
	});
});
