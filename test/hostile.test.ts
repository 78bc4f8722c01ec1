/**
 * A hostile Appstle: a server that redirects, drips, repeats pages and cursors, echoes the keys in
 * every encoding and answers odd JSON. Every case runs a real workflow (or list search, trigger
 * poll, credential test) through n8n-core against a local server; nothing here asserts a timing.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest) and is never published; see README, Development. */
import { inspect } from 'node:util';

import { WorkflowExecute } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INode, INodeParameters, INodeType, IWorkflowBase } from 'n8n-workflow';
import { sleep, Workflow } from 'n8n-workflow';

import { PAGING_POLICY, RETRY_POLICY } from '../nodes/Appstle/transport';
import { Appstle } from '../nodes/Appstle/Appstle.node';
import { executeNode, registerNodeType, runListSearch, runPoll, testCredential } from './harness';
import { credentialReferences } from './harness/execute';
import { createAdditionalData, createHooks, nextExecutionId } from './harness/additional-data';
import { MANUAL_TRIGGER_TYPE, nodeTypes } from './harness/node-types';
import { drip, dripHeaders, type Handler, HostileServer, json } from './hostile/server';

// Made-up keys, built from parts so they read as what they are: test values, not secrets.
const API_KEY = ['hostileApiKey', '4f9c2a7b1e'].join('-');
const APP_KEY = ['hostileAppKey', '8d3e6f0a2c'].join('-');

const appstle = new HostileServer();
const elsewhere = new HostileServer();
const savedRetry = { ...RETRY_POLICY };
const savedPaging = { ...PAGING_POLICY };

beforeAll(async () => {
	await appstle.start();
	await elsewhere.start();
	elsewhere.reset((_hit, res) => json(res, { stolen: true }));
	Object.assign(RETRY_POLICY, { serverErrorBaseDelayMs: 5, maxDelayMs: 20, timeoutMs: 10_000 });
});

afterAll(async () => {
	Object.assign(RETRY_POLICY, savedRetry);
	Object.assign(PAGING_POLICY, savedPaging);
	await appstle.close();
	await elsewhere.close();
});

function credentials(overrides: IDataObject = {}) {
	return {
		appstleApi: {
			apiKey: API_KEY,
			appApiKey: APP_KEY,
			environment: 'custom',
			baseUrl: appstle.url,
			customRateLimits: true,
			requestsPerSecond: 1000,
			burst: 1000,
			maxRateLimitWait: 2,
			...overrides,
		},
	};
}

const id = (value: string) => ({ __rl: true, mode: 'id', value });

/** One of each kind: a list read, an idempotent write, a charge (never repeated). */
const OPERATIONS: Array<[string, INodeParameters, { idempotent: boolean }]> = [
	['a GET list', { resource: 'subscription', operation: 'getMany', returnAll: false, limit: 5 }, { idempotent: true }],
	['a write', { resource: 'subscription', operation: 'updateStatus', contractId: id('123'), status: 'PAUSED' }, { idempotent: true }],
	['a charge (Bill Now)', { resource: 'order', operation: 'billNow', billingAttemptId: id('456') }, { idempotent: false }],
];

/** Everything a run left behind that a user or a log could see. */
function visible(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? { message: v.message, description: (v as unknown as IDataObject).description } : v));
}

async function failureOf(run: () => Promise<unknown>): Promise<string> {
	try {
		const result = await run();
		const error = (result as { error?: IDataObject; status?: string; message?: string }) ?? {};
		if (error.status === 'Error') return String(error.message);
		if (error.error) return `${String(error.error.message)} | ${String(error.error.description)}`;
		return `no failure: ${visible(result)}`;
	} catch (error) {
		return `${(error as Error).message} | ${String((error as IDataObject).description)}`;
	}
}

/** The runs every rule is checked against: operations, a list search, the trigger's first read, the credential test. */
const RUNS: Array<[string, () => Promise<unknown>]> = [
	...OPERATIONS.map(([name, parameters]) => [name, () => executeNode({ parameters, credentials: credentials() })] as [string, () => Promise<unknown>]),
	['a list search', () => runListSearch('searchSubscriptionContracts', { credentials: credentials() })],
	['the trigger poll', () => runPoll({ parameters: { events: ['anyEvent'] }, credentials: credentials(), staticData: {}, mode: 'trigger' })],
	['the credential test', () => testCredential('appstleApi', credentials().appstleApi)],
];

describe('redirects are never followed', () => {
	const targets: Array<[string, () => string]> = [
		['another origin', () => `${elsewhere.url}/steal/path?token=leaky-query-value`],
		['another path', () => '/api/external/v2/somewhere-else?token=leaky-query-value'],
	];
	for (const [targetName, location] of targets) {
		for (const status of [301, 302, 307, 308]) {
			it.each(RUNS)(`${status} to ${targetName}: %s fails naming the status, sends nothing there`, async (_name, run) => {
				appstle.reset((_hit, res) => res.writeHead(status, { location: location() }).end());
				elsewhere.hits.length = 0;
				const message = await failureOf(run);
				expect(elsewhere.hits).toEqual([]);
				expect(appstle.hits.map((h) => h.url).filter((u) => u.includes('somewhere-else'))).toEqual([]);
				expect(appstle.hits).toHaveLength(1);
				expect(message).toContain(String(status));
				expect(message).toMatch(/redirect/i);
				expect(message).not.toContain('leaky-query-value');
				expect(message).not.toContain('/steal');
				expect(message).not.toContain('somewhere-else');
				expect(message).not.toContain(API_KEY);
			});
		}
	}

	it('names the redirect target by host only, and says the node does not follow redirects', async () => {
		appstle.reset((_hit, res) => res.writeHead(302, { location: `${elsewhere.url}/steal?token=leaky-query-value` }).end());
		const message = await failureOf(RUNS[2][1]);
		expect(message).toContain(`host ${elsewhere.host}`);
		expect(message).toContain('does not follow redirects');
	});
});

describe('a total deadline per request', () => {
	beforeAll(() => {
		RETRY_POLICY.deadlineMs = 400;
	});
	afterAll(() => {
		RETRY_POLICY.deadlineMs = savedRetry.deadlineMs;
	});

	// 200 bytes at one every 100 ms: the connection is never idle, the answer never ends in time.
	const slowBody = JSON.stringify([{ id: 1, note: 'x'.repeat(180) }]);

	it.each(OPERATIONS)('a dripping answer to %s ends with a deadline error', async (_name, parameters, { idempotent }) => {
		appstle.reset((_hit, res) => drip(res, slowBody, 100));
		const message = await failureOf(() => executeNode({ parameters, credentials: credentials() }));
		expect(message).toMatch(/deadline/);
		if (idempotent) {
			expect(appstle.hits).toHaveLength(1 + RETRY_POLICY.maxServerErrorRetries);
		} else {
			expect(appstle.hits).toHaveLength(1);
			expect(message).toContain('Not confirmed, check Appstle before retrying');
		}
	});

	it.each(OPERATIONS)('dripping headers to %s end the request too', async (_name, parameters, { idempotent }) => {
		// n8n's timeout is the knob for the wait for headers (with redirects off, a wall clock in the HTTP client).
		const savedTimeout = RETRY_POLICY.timeoutMs;
		RETRY_POLICY.timeoutMs = 400;
		try {
			appstle.reset((_hit, res) => dripHeaders(res, 50));
			const message = await failureOf(() => executeNode({ parameters, credentials: credentials() }));
			if (idempotent) {
				expect(message).toMatch(/even after automatic retries/);
				expect(appstle.hits).toHaveLength(1 + RETRY_POLICY.maxServerErrorRetries);
			} else {
				expect(message).toMatch(/^Not confirmed, check Appstle before retrying/);
				expect(appstle.hits).toHaveLength(1);
			}
		} finally {
			RETRY_POLICY.timeoutMs = savedTimeout;
		}
	});

	it('dripping headers to the trigger poll and a list search end with a deadline error', async () => {
		appstle.reset((_hit, res) => dripHeaders(res, 50));
		expect(await failureOf(RUNS[3][1])).toMatch(/deadline/);
		expect(await failureOf(RUNS[4][1])).toMatch(/deadline/);
	});

	it('a dripping answer to the trigger poll and a list search ends too', async () => {
		appstle.reset((_hit, res) => drip(res, slowBody, 100));
		expect(await failureOf(RUNS[3][1])).toMatch(/deadline/);
		expect(await failureOf(RUNS[4][1])).toMatch(/deadline/);
	});
});

describe('paging always ends', () => {
	/** As many records as the page size asked for: a full page, so the node would ask for the next. */
	const fullPage = (url: string) =>
		Array.from({ length: Number(new URL(url, 'http://x').searchParams.get('size')) }, (_, i) => ({ id: i + 1, subscriptionContractId: i + 1 }));

	it.each([
		['subscription', 'getMany'],
		['order', 'getPast'],
		['order', 'getReport'],
		['customer', 'getMany'],
		['activityLog', 'getMany'],
	])('Return All on %s %s fails when the server ignores the page asked for', async (resource, operation) => {
		appstle.reset((hit, res) => json(res, fullPage(hit.url)));
		const message = await failureOf(() =>
			executeNode({ parameters: { resource, operation, returnAll: true, status: 'FAILURE' }, credentials: credentials() }),
		);
		expect(message).toContain('Stopped reading the list');
		expect(message).toContain('repeats the page before it');
		expect(appstle.hits).toHaveLength(2);
	});

	it('Return All fails when the pages outrun the total Appstle reported', async () => {
		let n = 0;
		appstle.reset((_hit, res) => json(res, Array.from({ length: 250 }, (_, i) => ({ id: ++n + i * 0 })), { 'x-total-count': String(250 * (n / 250 + 2)) }));
		const message = await failureOf(() =>
			executeNode({ parameters: { resource: 'subscription', operation: 'getMany', returnAll: true }, credentials: credentials() }),
		);
		expect(message).toContain('Stopped reading the list');
		expect(message).toMatch(/exceed what the \d+ records Appstle reported could need/);
	});

	const cursorPage = (cursor: string, n: number) => ({
		subscriptionContracts: { nodes: [{ id: `gid://shopify/SubscriptionContract/${n}` }], pageInfo: { hasNextPage: true, endCursor: cursor } },
	});

	/** A list that never ends: every page full and new, no total. */
	const endless = () => {
		let n = 0;
		appstle.reset((_hit, res) => json(res, Array.from({ length: 250 }, () => ({ id: ++n }))));
	};

	it('Return All stops at the Max Pages the user set, naming the ceiling and how to raise it', async () => {
		endless();
		const message = await failureOf(() =>
			executeNode({ parameters: { resource: 'subscription', operation: 'getMany', returnAll: true, maxPages: 3 }, credentials: credentials() }),
		);
		expect(message).toContain('Stopped reading the list: the list goes on past 3 pages, the Max Pages set for this item');
		expect(message).toContain('raise Max Pages');
		expect(appstle.hits).toHaveLength(3);
	});

	it('Max Pages also bounds a cursor list that never ends', async () => {
		let n = 0;
		appstle.reset((_hit, res) => {
			n++;
			json(res, cursorPage(`C${n}`, n));
		});
		const message = await failureOf(() =>
			executeNode({
				parameters: { resource: 'customer', operation: 'getSubscriptions', customerId: id('77'), returnAll: true, maxPages: 3 },
				credentials: credentials(),
			}),
		);
		expect(message).toContain('past 3 pages, the Max Pages set for this item');
		expect(appstle.hits).toHaveLength(3);
	});

	it('a user can raise Max Pages above the built-in ceiling', async () => {
		PAGING_POLICY.maxPages = 2;
		try {
			endless();
			const message = await failureOf(() =>
				executeNode({ parameters: { resource: 'subscription', operation: 'getMany', returnAll: true, maxPages: 5 }, credentials: credentials() }),
			);
			expect(message).toContain('past 5 pages');
			expect(appstle.hits).toHaveLength(5);
		} finally {
			PAGING_POLICY.maxPages = savedPaging.maxPages;
		}
	});

	it.each([[0], [2.5], [''], ['ten']])('Max Pages %p is refused naming the field and the item, before any request', async (maxPages) => {
		endless();
		const message = await failureOf(() =>
			executeNode({ parameters: { resource: 'subscription', operation: 'getMany', returnAll: true, maxPages }, credentials: credentials() }),
		);
		expect(message).toContain('Max Pages');
		expect(message).toContain('Item 0');
		expect(appstle.hits).toHaveLength(0);
	});

	it('the trigger’s reads stop at the built-in page ceiling', async () => {
		PAGING_POLICY.maxPages = 4;
		let n = 0;
		try {
			appstle.reset((_hit, res) =>
				json(res, Array.from({ length: 100 }, () => ({ id: ++n, createAt: '2030-01-01T00:00:00Z', activityType: 'CONTRACT_PAUSED' }))),
			);
			const message = await failureOf(RUNS[4][1]);
			expect(message).toContain('past 4 pages, the most one run reads');
			expect(appstle.hits).toHaveLength(4);
		} finally {
			PAGING_POLICY.maxPages = savedPaging.maxPages;
		}
	});

	it.each([
		['repeats the same cursor', () => 'A'],
		['alternates two cursors', (n: number) => (n % 2 ? 'A' : 'B')],
	])('Return All over a cursor list fails when the server %s', async (_name, cursorOf) => {
		let n = 0;
		appstle.reset((_hit, res) => {
			n++;
			json(res, cursorPage(cursorOf(n), n));
		});
		const message = await failureOf(() =>
			executeNode({ parameters: { resource: 'customer', operation: 'getSubscriptions', customerId: id('77'), returnAll: true }, credentials: credentials() }),
		);
		expect(message).toContain('Stopped reading the list');
		expect(message).toContain('cursor it had given before');
		expect(appstle.hits.length).toBeLessThanOrEqual(3);
	});

	it('the trigger’s first read fails when the activity log repeats its page', async () => {
		appstle.reset((hit, res) =>
			json(res, fullPage(hit.url).map((entry) => ({ ...entry, createAt: '2030-01-01T00:00:00Z', activityType: 'CONTRACT_PAUSED' }))),
		);
		const message = await failureOf(RUNS[4][1]);
		expect(message).toContain('Stopped reading the list');
		expect(appstle.hits).toHaveLength(2);
	});
});

describe('free JSON reaches the wire exactly as written, or is refused naming the field', () => {
	const custom = (body: string, more: IDataObject = {}): INodeParameters => ({
		resource: 'customApiCall',
		operation: 'call',
		httpMethod: 'POST',
		endpointPath: '/echo',
		additionalFields: { body, ...more },
	});
	const extra = (extraBody: string): INodeParameters => ({
		resource: 'bundle',
		operation: 'update',
		bundleId: '1',
		shop: 'shop.myshopify.com',
		updateFields: { extraBody },
	});

	beforeEach(() => appstle.reset((_hit, res) => json(res, { ok: true })));

	it.each([
		['{"id": 9007199254740993.0}', '{"id":9007199254740993.0}'],
		['{"big": 1e400, "small": -1e-400}', '{"big":1e400,"small":-1e-400}'],
		['{"precise": 0.30000000000000000001, "plain": 0.1, "id": 12345678901234567890}', '{"precise":0.30000000000000000001,"plain":0.1,"id":12345678901234567890}'],
		['[9007199254740993, 2.50]', '[9007199254740993,2.5]'],
	])('Custom API Call body %s goes out as %s', async (body, wire) => {
		const result = await executeNode({ parameters: custom(body), credentials: credentials() });
		expect(result.status).toBe('success');
		expect(appstle.hits.map((h) => h.body)).toEqual([wire]);
	});

	it('dates from expressions go out as their ISO text', async () => {
		const body = '={{ { at: DateTime.fromISO("2030-01-02T03:04:05.000Z", { zone: "utc" }), on: new Date("2030-01-02T03:04:05Z") } }}';
		const result = await executeNode({ parameters: custom(body), credentials: credentials() });
		expect(result.status).toBe('success');
		expect(appstle.hits[0].body).toBe('{"at":"2030-01-02T03:04:05.000Z","on":"2030-01-02T03:04:05.000Z"}');
	});

	it('Extra Body Fields keep exact numbers too', async () => {
		const result = await executeNode({ parameters: extra('{"price": 19.990000000000000001, "ref": 90071992547409931}'), credentials: credentials() });
		expect(result.status).toBe('success');
		expect(appstle.hits[0].body).toContain('"price":19.990000000000000001,"ref":90071992547409931');
	});

	it.each([
		['NaN', '={{ { a: NaN } }}', /NaN, which JSON cannot carry/],
		['Infinity', '={{ { a: { b: 1 / 0 } } }}', /\("a", "b"\): it holds Infinity/],
		['an invalid Date', '={{ { when: new Date("not a date") } }}', /invalid date/],
		['undefined', '={{ { a: 1, b: undefined } }}', /\("b"\): it holds an undefined value/],
		['a sparse array', '={{ { list: [1, , 3] } }}', /gap at position 2/],
		['a __proto__ key', '{"__proto__": {"admin": true}}', /"__proto__" is not allowed/],
		['a constructor key', '{"a": {"constructor": 1}}', /"constructor" is not allowed/],
		['a prototype key', '={{ { prototype: 1 } }}', /"prototype" is not allowed/],
		['a too large expression number', '={{ { id: 2 ** 60 } }}', /too large to be exact/],
	])('Custom API Call refuses %s before any request', async (_name, body, reason) => {
		const message = await failureOf(() => executeNode({ parameters: custom(body), credentials: credentials() }));
		expect(message).toContain('Invalid value for "Body (JSON)"');
		expect(message).toMatch(reason);
		expect(appstle.hits).toEqual([]);
	});

	it.each([
		['an array', '[{"a": 1}, {"b": 2}]'],
		['an expression array', '={{ [1, 2] }}'],
	])('Extra Body Fields refuses %s: it must be an object', async (_name, extraBody) => {
		const message = await failureOf(() => executeNode({ parameters: extra(extraBody), credentials: credentials() }));
		expect(message).toContain('Invalid value for "Extra Body Fields (JSON)"');
		expect(message).toContain('must be a JSON object');
		expect(appstle.hits).toEqual([]);
	});

	it('a Custom API Call query key __proto__ is refused, not dropped', async () => {
		const message = await failureOf(() =>
			executeNode({
				parameters: { ...custom('{}', { queryParameters: { pairs: [{ key: '__proto__', value: 'x' }] } }), httpMethod: 'GET' },
				credentials: credentials(),
			}),
		);
		expect(message).toContain('"__proto__" is not allowed');
		expect(appstle.hits).toEqual([]);
	});
});

describe('the Base URL can only name a host', () => {
	const at = () => new URL(elsewhere.url);
	const port = (server: HostileServer) => new URL(server.url).port;
	const refused: Array<[string, () => string, RegExp]> = [
		['userinfo that hides another host', () => `http://127.0.0.1:${port(elsewhere)}@127.0.0.1:${port(appstle)}`, /user name or password.*remove it/],
		['a backslash before "@"', () => `http://127.0.0.1:${port(appstle)}\\@127.0.0.1:${port(elsewhere)}`, /backslash: remove it/],
		['a path', () => `${appstle.url}/proxy`, /has a path: remove everything after the host and port/],
		['a query', () => `${appstle.url}?x=1`, /has a query/],
		['a fragment', () => `${appstle.url}#x`, /has a fragment/],
		['plain http to a public host', () => 'http://example.com', /must use https:\/\//],
		['another scheme', () => `ftp://${at().host}`, /must use https:\/\//],
	];

	it.each(refused)('refuses %s, naming what to remove, before any request', async (_name, baseUrl, reason) => {
		appstle.reset((_hit, res) => json(res, []));
		elsewhere.hits.length = 0;
		const run = await executeNode({
			parameters: { resource: 'subscription', operation: 'getMany', returnAll: false, limit: 1 },
			credentials: credentials({ baseUrl: baseUrl() }),
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^The Appstle credential's Base URL /);
		expect(run.error?.message).toMatch(reason);
		const test = await testCredential('appstleApi', credentials({ baseUrl: baseUrl() }).appstleApi);
		expect(test.status).toBe('Error');
		expect(appstle.hits).toEqual([]);
		expect(elsewhere.hits).toEqual([]);
	});

	it.each([
		['a loopback host and port', () => appstle.url],
		['a trailing slash', () => `${appstle.url}/`],
	])('accepts %s, for the node and the credential test', async (_name, baseUrl) => {
		appstle.reset((_hit, res) => json(res, []));
		const run = await executeNode({
			parameters: { resource: 'subscription', operation: 'getMany', returnAll: false, limit: 1 },
			credentials: credentials({ baseUrl: baseUrl() }),
		});
		expect(run.status).toBe('success');
		expect(await testCredential('appstleApi', credentials({ baseUrl: baseUrl() }).appstleApi)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(appstle.hits.map((h) => h.url.split('?')[0])).toEqual([
			'/api/external/v2/subscription-contract-details',
			'/api/external/v2/subscription-contract-details',
		]);
	});
});

describe('keys echoed in any encoding never reach an error', () => {
	const b64 = (text: string) => Buffer.from(text).toString('base64');
	const urlSafe = (text: string) => b64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	const uEscape = (text: string, upper = false) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`).join('');
	const htmlDec = (text: string) => [...text].map((c) => `&#${c.charCodeAt(0)};`).join('');
	const htmlHex = (text: string) => [...text].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');
	const half = (text: string) => text.slice(0, 12) + uEscape(text.slice(12));

	/** The forms a leak could take in what the run left behind, each checked on its own. */
	function leaks(output: string): string[] {
		const found: string[] = [];
		const decoded = output
			.replace(/\\\\/g, '\\')
			.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
			.replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
			.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)));
		for (const key of [API_KEY, APP_KEY]) {
			for (let i = 0; i + 8 <= key.length; i++) {
				if (decoded.includes(key.slice(i, i + 8))) found.push(`fragment ${key.slice(i, i + 8)}`);
			}
			for (let offset = 0; offset < 3; offset++) {
				for (const encoded of [b64('x'.repeat(offset) + key), urlSafe('x'.repeat(offset) + key)]) {
					const core = encoded.slice(4, 16);
					if (output.includes(core)) found.push(`base64 ${core}`);
				}
			}
		}
		return found;
	}

	const echoes: Array<[string, (key: string) => string, string]> = [
		['raw, in a JSON detail', (key) => JSON.stringify({ title: 'Bad Request', detail: `key ${key} is not allowed` }), 'application/json'],
		['base64', (key) => `invalid token ${b64(key)}`, 'text/plain'],
		['base64 after a prefix (another alignment)', (key) => `token=${b64(`Bearer:${key}`)}`, 'text/plain'],
		['URL-safe base64', (key) => `token=${urlSafe(`a${key}`)}`, 'text/plain'],
		['\\u escapes (lower case)', (key) => `{"detail": "${uEscape(key)}"`, 'text/plain'],
		['\\u escapes (upper case) in a JSON body', (key) => `{"detail": "key ${uEscape(key, true)}"}`, 'application/json'],
		['HTML decimal entities', (key) => `key: ${htmlDec(key)}`, 'text/plain'],
		['HTML hex entities', (key) => `key: ${htmlHex(key)}`, 'text/plain'],
		['half plain, half escaped', (key) => `key: ${half(key)}`, 'text/plain'],
	];

	it.each(echoes)('a 400 that echoes both keys %s', async (_name, echo, contentType) => {
		appstle.reset((_hit, res) => res.writeHead(400, { 'content-type': contentType }).end(`${echo(API_KEY)} / ${echo(APP_KEY)}`));
		const run = await executeNode({ parameters: OPERATIONS[0][1], credentials: credentials() });
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('Appstle answered 400');
		expect(leaks(visible(run))).toEqual([]);
	});
});

describe('hints only when they fit', () => {
	it.each([
		['a bare 404', 404, ''],
		['a 404 that names an order', 404, '{"title":"Billing attempt not found"}'],
		['a 400 that says not found', 400, '{"detail":"Subscription contract not found"}'],
	])('a Custom API Call answered with %s gets no resource-specific hint', async (_name, status, body) => {
		appstle.reset((_hit, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
		const run = await executeNode({
			parameters: { resource: 'customApiCall', operation: 'call', httpMethod: 'GET', endpointPath: '/subscription-billing-attempts/1' },
			credentials: credentials(),
		});
		expect(run.error?.description).toMatch(/^Check the path and any IDs in it or in the body: Appstle found nothing there\./);
		expect(run.error?.description).not.toMatch(/Billing attempt IDs|Order|Subscription:/);
	});

	it('an operation’s 404 keeps its own hint', async () => {
		appstle.reset((_hit, res) => res.writeHead(404).end());
		const run = await executeNode({ parameters: OPERATIONS[2][1], credentials: credentials() });
		expect(run.error?.description).toMatch(/^Check Order|^Check the ID/);
	});
});

describe('a cancelled run’s error carries no key', () => {
	// n8n hands a node's error and its cause to the ErrorReporter; a cancelled run's error used to
	// wrap the HTTP client's, which holds the request config with the key headers. n8n-core drops
	// the error of a node it has already cancelled, so a wrapper node records what the node threw.
	const RECORDER = 'hostile-fixtures.appstleRecorder';
	let thrown: unknown;
	beforeAll(() => {
		const appstleNode = new Appstle();
		registerNodeType(RECORDER, {
			description: { ...appstleNode.description, name: 'appstleRecorder' },
			methods: appstleNode.methods,
			async execute(this: IExecuteFunctions) {
				try {
					return await appstleNode.execute.call(this);
				} catch (error) {
					thrown = error;
					// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a test wrapper passes on the node's own error untouched
					throw error;
				}
			},
		} as INodeType);
	});

	/** Starts the recorder as n8n's manual run does, and gives back the cancelable run. */
	function startRun(parameters: INodeParameters) {
		const nodes: INode[] = [
			{ id: 't', name: 'Manual Trigger', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n',
				name: 'Appstle',
				type: RECORDER,
				typeVersion: nodeTypes.latestVersion(RECORDER),
				position: [200, 0],
				parameters,
				credentials: credentialReferences(credentials()),
			},
		];
		const connections = { 'Manual Trigger': { main: [[{ node: 'Appstle', type: 'main' as const, index: 0 }]] } };
		const settings = { executionOrder: 'v1' as const };
		const workflow = new Workflow({ id: 'hostile-cancel', nodes, connections, nodeTypes, settings, active: false });
		const executionId = nextExecutionId();
		const data = { id: 'hostile-cancel', name: 'cancel', active: false, isArchived: false, activeVersionId: null, createdAt: new Date(), updatedAt: new Date(), nodes, connections, settings } as IWorkflowBase;
		const { hooks, finished } = createHooks('manual', executionId, data);
		const additionalData = createAdditionalData({ credentials: credentials(), executionId, hooks, workflowId: workflow.id });
		return { running: new WorkflowExecute(additionalData, 'manual').run({ workflow }), finished };
	}

	it.each([
		['before the answer starts', () => undefined],
		['while the body drips', (res: Parameters<Handler>[1]) => drip(res, JSON.stringify([{ id: 1, note: 'x'.repeat(500) }]), 20)],
	])('cancelled %s', async (_name, answer: (res: Parameters<Handler>[1]) => void) => {
		thrown = undefined;
		appstle.reset((_hit, res) => answer(res));
		const { running, finished } = startRun(OPERATIONS[2][1]);
		while (appstle.hits.length === 0) await sleep(5);
		running.cancel();
		expect((await finished).status).toBe('canceled');
		while (thrown === undefined) await sleep(5);
		expect((thrown as Error).message).toBe('The execution was cancelled while waiting for Appstle');
		// Everything in the error, to any depth (its cause included), is free of both keys.
		const everything = inspect(thrown, { depth: 10, showHidden: true });
		expect(everything).not.toContain(API_KEY);
		expect(everything).not.toContain(APP_KEY);
		expect(appstle.hits).toHaveLength(1);
	});
});

describe('list searches page within the ceiling', () => {
	it('offers no page past the ceiling, however often the server says there is more', async () => {
		PAGING_POLICY.maxPages = 3;
		try {
			appstle.reset((hit, res) => json(res, Array.from({ length: Number(new URL(hit.url, 'http://x').searchParams.get('size')) }, (_, i) => ({ subscriptionContractId: i + 1 }))));
			const first = await runListSearch('searchSubscriptionContracts', { credentials: credentials() });
			expect(first.paginationToken).toBe('1');
			const last = await runListSearch('searchSubscriptionContracts', { credentials: credentials(), paginationToken: '2' });
			expect(last.results.length).toBeGreaterThan(0);
			expect(last.paginationToken).toBeUndefined();
		} finally {
			PAGING_POLICY.maxPages = savedPaging.maxPages;
		}
	});
});

describe('a string in free JSON stays a string', () => {
	it('however much it looks like the parser’s own marker', async () => {
		appstle.reset((_hit, res) => json(res, { ok: true }));
		const body = '{"note": "\\u0000int:123", "n": 9007199254740993}';
		const result = await executeNode({
			parameters: { resource: 'customApiCall', operation: 'call', httpMethod: 'POST', endpointPath: '/echo', additionalFields: { body } },
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(appstle.hits[0].body).toBe('{"note":"\\u0000int:123","n":9007199254740993}');
	});
});
