/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * The Appstle sandbox itself: auth, strict contract validation, paging, activity-log
 * queries, state changes, rate limiting, fault injection, reset, and each endpoint of
 * contract.json answering its handler's sample request (test/sandbox/handlers/*.ts).
 */
import { request } from 'undici';
import { SandboxAdmin } from './sandbox/client';
import { loadContract } from './sandbox/contract-schema';
import type { EndpointSpec } from './sandbox/contract-schema';
import { groupOf, HANDLER_GROUPS, missingHandlerStep, samples } from './sandbox/handlers';
import { activeContract, fixtures, future } from './sandbox/samples';
import type { SampleValue } from './sandbox/samples';
import { startSandbox } from './sandbox/server';
import type { Sandbox } from './sandbox/server';
import { DEFAULT_SEED } from './sandbox/state';
import type { Contract } from './sandbox/state';

const BASE = '/api/external/v2';
const PROBLEM_KEYS = ['detail', 'message', 'path', 'status', 'title', 'type'];

let sb: Sandbox;
let admin: SandboxAdmin;

type QueryValue = SampleValue;

interface CallOptions {
	query?: Record<string, QueryValue | undefined>;
	body?: unknown;
	rawBody?: string;
	contentType?: string;
	/** How to send the API key (default: header). */
	auth?: 'header' | 'query' | 'both' | 'none';
	key?: string;
	headers?: Record<string, string>;
}

interface CallResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json<T = unknown>(): T;
}

function qs(query: Record<string, QueryValue | undefined>): string {
	const parts: string[] = [];
	for (const [k, v] of Object.entries(query)) {
		if (v === undefined) continue;
		const values = Array.isArray(v) ? v : [v];
		for (const one of values) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(one))}`);
	}
	return parts.join('&');
}

async function call(method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
	const auth = opts.auth ?? 'header';
	const key = opts.key ?? sb.apiKey;
	const query = { ...(opts.query ?? {}) };
	if (auth === 'query' || auth === 'both') query.api_key = key;
	const q = qs(query);
	const headers: Record<string, string> = { ...(opts.headers ?? {}) };
	if (auth === 'header' || auth === 'both') headers['x-api-key'] = key;
	let body: string | undefined;
	if (opts.rawBody !== undefined) body = opts.rawBody;
	else if (opts.body !== undefined) body = JSON.stringify(opts.body);
	if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
	const res = await request(`${sb.url}${path.startsWith('/') ? path : `${BASE}/${path}`}${q ? `?${q}` : ''}`, {
		method: method as 'GET',
		headers,
		body,
	});
	const text = await res.body.text();
	return {
		status: res.statusCode,
		headers: res.headers,
		text,
		json: <T>() => JSON.parse(text) as T,
	};
}

function expectProblem(res: CallResult, status: number, detail?: RegExp | string): Record<string, unknown> {
	expect(res.status).toBe(status);
	expect(res.headers['content-type']).toBe('application/problem+json');
	const body = res.json<Record<string, unknown>>();
	expect(body.type).toBe('https://www.jhipster.tech/problem/problem-with-message');
	expect(body.status).toBe(status);
	expect(typeof body.title).toBe('string');
	expect(typeof body.path).toBe('string');
	if (detail !== undefined) {
		if (typeof detail === 'string') expect(body.detail).toBe(detail);
		else expect(String(body.detail)).toMatch(detail);
	}
	return body;
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	admin = new SandboxAdmin(sb.url);
});

afterAll(async () => {
	await sb.close();
});

beforeEach(async () => {
	await admin.reset();
});

describe('contract.json', () => {
	it('numbers its endpoints in catalog order, each operationId once', () => {
		const endpoints = loadContract().endpoints;
		expect(endpoints.map((e) => e.index)).toEqual(endpoints.map((_, i) => i + 1));
		expect(new Set(endpoints.map((e) => e.operationId)).size).toBe(endpoints.length);
	});
});

describe('auth', () => {
	it('answers 401 problem without a key, and with a wrong key', async () => {
		const res = await call('GET', 'subscription-groups', { auth: 'none' });
		const body = expectProblem(res, 401, 'Full authentication is required to access this resource');
		expect(Object.keys(body).sort()).toEqual(PROBLEM_KEYS);
		expect(body).toMatchObject({ title: 'Unauthorized', message: 'error.http.401', path: `${BASE}/subscription-groups` });
		expectProblem(await call('GET', 'subscription-groups', { key: 'nope' }), 401);
	});

	it('accepts the X-API-Key header or the deprecated api_key query parameter', async () => {
		expect((await call('GET', 'subscription-groups')).status).toBe(200);
		expect((await call('GET', 'subscription-groups', { auth: 'query' })).status).toBe(200);
	});

	it('requires api_key in the query for /activity-logs and /bulk-automations/*', async () => {
		const res = await call('GET', 'activity-logs', { auth: 'header' });
		expectProblem(res, 401, /api_key query parameter is required/);
		expect((await call('GET', 'activity-logs', { auth: 'both' })).status).toBe(200);
		expect((await call('GET', 'activity-logs', { auth: 'query' })).status).toBe(200);
		const bulk = await call('POST', 'bulk-automations/hide-subscriptions', { auth: 'header', query: { allSubscriptions: true } });
		expectProblem(bulk, 401, /api_key/);
	});
});

describe('contract strictness', () => {
	it('rejects a missing required query parameter in Spring wording', async () => {
		const res = await call('PUT', 'subscription-contracts-update-status', { query: { status: 'PAUSED' } });
		const body = expectProblem(res, 400, "Required request parameter 'contractId' for method parameter type Long is not present");
		expect(body).toMatchObject({ title: 'Bad Request', message: 'error.http.400' });
		expect(Object.keys(body).sort()).toEqual(PROBLEM_KEYS);
	});

	it('rejects unknown and wrongly typed query parameters, without changing state', async () => {
		const c = activeContract(sb.state);
		expectProblem(
			await call('PUT', 'subscription-contracts-update-status', { query: { contractId: c.contractId, status: 'PAUSED', foo: 1 } }),
			400,
			"Unknown query parameter 'foo'",
		);
		expectProblem(await call('PUT', 'subscription-contracts-update-status', { query: { contractId: 'abc', status: 'PAUSED' } }), 400, /'contractId'.*int64.*'abc'/);
		expectProblem(await call('PUT', 'subscription-contracts-update-status', { query: { contractId: c.contractId, status: 'paused' } }), 400, /one of ACTIVE, PAUSED, CANCELLED/);
		expectProblem(
			await call('PUT', 'subscription-contracts-remove-line-item', { query: { contractId: c.contractId, lineId: c.lines[0].id, removeDiscount: 'yes' } }),
			400,
			/'removeDiscount'.*'true' or 'false'/,
		);
		expectProblem(await call('PUT', 'subscription-contracts-update-delivery-price', { query: { contractId: c.contractId, deliveryPrice: 'NaN' } }), 400, /finite number/);
		expect(sb.state.contracts.find((x) => x.contractId === c.contractId)?.status).toBe('active');
	});

	it('checks date-times: zone required, unencoded + detected', async () => {
		expectProblem(await call('GET', 'subscription-contract-details', { query: { fromCreatedDate: '2024-01-01T00:00:00' } }), 400, /no zone offset/);
		expectProblem(await call('GET', 'subscription-contract-details', { query: { fromCreatedDate: '2024-01-01' } }), 400, /fromCreatedDate/);
		const raw = await request(`${sb.url}${BASE}/subscription-contract-details?fromCreatedDate=2024-01-01T00:00:00+02:00`, {
			headers: { 'x-api-key': sb.apiKey },
		});
		const body = (await raw.body.json()) as { detail: string };
		expect(raw.statusCode).toBe(400);
		expect(body.detail).toMatch(/%2B/);
		expect((await call('GET', 'subscription-contract-details', { query: { fromCreatedDate: '2024-01-01T00:00:00+02:00' } })).status).toBe(200);
		expect((await call('GET', 'subscription-contract-details', { query: { fromCreatedDate: '2024-01-01T00:00:00.123Z' } })).status).toBe(200);
	});

	it('type-checks every element of list parameters and path variables', async () => {
		const group = sb.state.subscriptionGroups[0];
		expectProblem(await call('PUT', `subscription-groups/${group.id}/add-products`, { query: { productIds: '1,abc' } }), 400, /'productIds' element 1/);
		expectProblem(await call('GET', 'subscription-groups/abc'), 400, /Path variable 'id'.*int64/);
		expectProblem(await call('GET', 'subscription-contracts/contract-external/12x'), 400, /contractId/);
	});

	it('enforces paging parameters per route', async () => {
		expectProblem(await call('GET', 'subscription-groups', { query: { page: 0 } }), 400, /not paginated/);
		expectProblem(await call('GET', 'subscription-contract-details', { query: { size: 2001 } }), 400, /must not exceed 2000/);
		expectProblem(await call('GET', 'activity-logs', { auth: 'both', query: { size: 101 } }), 400, /must not exceed 100/);
		expect((await call('GET', 'activity-logs', { auth: 'both', query: { size: 100 } })).status).toBe(200);
		expectProblem(await call('GET', 'subscription-contract-details', { query: { sort: 'createdAt,desc' } }), 400, /snake_case/);
		expectProblem(await call('GET', 'subscription-billing-attempts/past-orders', { query: { sort: 'billing_date,desc' } }), 400, /Unknown sort property/);
		expectProblem(await call('GET', 'activity-logs', { auth: 'both', query: { sort: 'createAt,sideways' } }), 400, /sort/);
	});

	it('validates JSON bodies: unknown key, wrong type, missing required, media type, no-body routes', async () => {
		const c = activeContract(sb.state, 2);
		const path = 'subscription-contracts-update-shipping-address';
		expectProblem(await call('PUT', path, { query: { contractId: c.contractId }, body: { city: 'X', street: 'Y' } }), 400, /unrecognized field 'street'/);
		expectProblem(await call('PUT', path, { query: { contractId: c.contractId }, body: { city: 12 } }), 400, /field 'city' must be a string; got number/);
		expectProblem(await call('PUT', path, { query: { contractId: c.contractId }, body: [] }), 400, /must be a JSON object/);
		expectProblem(await call('PUT', path, { query: { contractId: c.contractId }, rawBody: '{"city":' }), 400, /JSON parse error/);
		expectProblem(await call('PUT', path, { query: { contractId: c.contractId }, rawBody: 'city=X', contentType: 'application/x-www-form-urlencoded' }), 415);
		expectProblem(await call('PUT', path, { query: { contractId: c.contractId } }), 400, 'Required request body is missing');

		const missing = await call('PUT', 'subscription-billing-attempts', { body: { id: 1 } });
		const problem = expectProblem(missing, 400);
		expect(problem).toMatchObject({ title: 'Method argument not valid', message: 'error.validation' });
		expect(problem.fieldErrors).toEqual(
			expect.arrayContaining([expect.objectContaining({ field: 'shop' }), expect.objectContaining({ field: 'retryingNeeded' })]),
		);

		expectProblem(
			await call('PUT', 'subscription-contracts-add-line-items', { query: { contractId: c.contractId }, body: { [String(c.lines[0].variantId)]: 0 } }),
			400,
			/must be at least 1/,
		);
		expectProblem(await call('PUT', 'subscription-contracts-add-line-items', { query: { contractId: c.contractId }, body: { 'not-a-variant': 1 } }), 400, /key 'not-a-variant'/);
		expectProblem(await call('PUT', 'subscription-contracts-remove-line-items', { query: { contractId: c.contractId }, body: [1] }), 400, /field '\[0\]' must be a string/);
		expectProblem(await call('PUT', 'subscription-contracts-update-status', { query: { contractId: c.contractId, status: 'PAUSED' }, body: {} }), 400, /takes no request body/);
		expect(sb.state.contracts.find((x) => x.contractId === c.contractId)?.lines).toHaveLength(c.lines.length);
	});

	it('answers 404 for unknown paths and 405 for a wrong method', async () => {
		expectProblem(await call('GET', 'no-such-thing'), 404);
		const res = await call('DELETE', 'subscription-groups');
		expectProblem(res, 405);
		expect(String(res.headers.allow)).toMatch(/GET/);
	});

	it('prefers literal segments and tells build-a-box id from handle', async () => {
		const plans = await call('GET', 'subscription-groups/all-selling-plans');
		expect(plans.status).toBe(200);
		expect(Array.isArray(plans.json())).toBe(true);
		const bundle = sb.state.bundles[0];
		expect((await call('GET', `build-a-box/${bundle.id}`)).json()).toMatchObject({ id: bundle.id, uniqueRef: bundle.uniqueRef });
		expect((await call('GET', `build-a-box/${bundle.uniqueRef}`)).json()).toMatchObject({ bundle: { bundleHandle: bundle.uniqueRef } });
	});
});

describe('paging', () => {
	it('pages contract details with X-Total-Count and RFC 5988 Link headers', async () => {
		const total = sb.state.contracts.filter((c) => c.status === 'active').length;
		const first = await call('GET', 'subscription-contract-details', { query: { status: 'active', size: 50, sort: 'subscription_contract_id,asc' } });
		expect(first.status).toBe(200);
		expect(first.headers['x-total-count']).toBe(String(total));
		const link = String(first.headers.link);
		expect(link).toContain('rel="next"');
		expect(link).toContain('rel="last"');
		expect(link).toContain('rel="first"');
		expect(link).not.toContain('rel="prev"');
		const lastPage = Math.ceil(total / 50) - 1;
		expect(link).toContain(`page=${lastPage}&size=50>; rel="last"`);

		const seen: number[] = [];
		let next: string | undefined = /<([^>]+)>; rel="next"/.exec(link)?.[1];
		seen.push(...first.json<Array<{ subscriptionContractId: number; status: string }>>().map((c) => c.subscriptionContractId));
		let pages = 1;
		while (next) {
			expect(next.startsWith(`${sb.url}${BASE}/subscription-contract-details?`)).toBe(true);
			expect(next).toContain('status=active');
			expect(next).toContain('sort=subscription_contract_id%2Casc');
			const res = await request(next, { headers: { 'x-api-key': sb.apiKey } });
			const items = (await res.body.json()) as Array<{ subscriptionContractId: number; status: string }>;
			expect(items.every((c) => c.status === 'active')).toBe(true);
			seen.push(...items.map((c) => c.subscriptionContractId));
			const l = String(res.headers.link);
			expect(l).toContain('rel="prev"');
			next = /<([^>]+)>; rel="next"/.exec(l)?.[1];
			pages++;
		}
		expect(pages).toBe(lastPage + 1);
		expect(seen).toHaveLength(total);
		expect([...seen].sort((a, b) => a - b)).toEqual(seen);
	});

	it('pages a customer\'s contracts with a Shopify cursor', async () => {
		const customer = sb.state.customers[0];
		const owned = sb.state.contracts.filter((c) => c.customerId === customer.id).length;
		expect(owned).toBeGreaterThan(10);
		interface Conn {
			subscriptionContracts: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
		}
		const first = (await call('GET', `subscription-customers/${customer.id}`)).json<Conn>();
		expect(first.subscriptionContracts.edges).toHaveLength(10);
		expect(first.subscriptionContracts.pageInfo.hasNextPage).toBe(true);
		const second = (await call('GET', `subscription-customers/${customer.id}`, { query: { cursor: first.subscriptionContracts.pageInfo.endCursor } })).json<Conn>();
		expect(second.subscriptionContracts.edges).toHaveLength(owned - 10);
		expect(second.subscriptionContracts.pageInfo.hasNextPage).toBe(false);
		expectProblem(await call('GET', `subscription-customers/${customer.id}`, { query: { page: 1 } }), 400, /not paginated with page/);
		expectProblem(await call('GET', `subscription-customers/${customer.id}`, { query: { cursor: 'bogus' } }), 400);
	});

	it('filters contract details as documented', async () => {
		const c = activeContract(sb.state);
		const customer = sb.state.customers.find((x) => x.id === c.customerId);
		const byEmail = await call('GET', 'subscription-contract-details', { query: { customerName: customer?.email.toUpperCase() } });
		expect(byEmail.json<Array<{ customerId: number }>>().every((x) => x.customerId === c.customerId)).toBe(true);
		const partial = String(c.contractId).slice(3, 9);
		const byId = await call('GET', 'subscription-contract-details', { query: { subscriptionContractId: partial } });
		expect(byId.json<Array<{ subscriptionContractId: number }>>().map((x) => x.subscriptionContractId)).toContain(c.contractId);
		const onlyFrom = await call('GET', 'subscription-contract-details', { query: { fromNextDate: future(3650) } });
		expect(onlyFrom.headers['x-total-count']).toBe(String(sb.state.contracts.length));
		const both = await call('GET', 'subscription-contract-details', { query: { fromNextDate: future(3650), toNextDate: future(3660) } });
		expect(both.headers['x-total-count']).toBe('0');
		const statusLike = await call('GET', 'subscription-contract-details', { query: { status: 'PAUS', size: 2000 } });
		expect(statusLike.json<Array<{ status: string }>>().every((x) => x.status === 'paused')).toBe(true);
	});
});

describe('activity logs', () => {
	interface Log {
		id: number;
		entityId: number;
		entityType: string;
		eventSource: string;
		eventType: string;
		status: string;
		createAt: string;
		additionalInfo: string;
	}
	const logs = async (query: Record<string, QueryValue>) => {
		const res = await call('GET', 'activity-logs', { auth: 'both', query: { size: 100, ...query } });
		expect(res.status).toBe(200);
		return { items: res.json<Log[]>(), total: Number(res.headers['x-total-count']) };
	};

	it('hides UPDATE_QUEUED_ATTEMPTS unless an eventType filter is given', async () => {
		const all = sb.state.activityLogs;
		const hidden = all.filter((e) => e.eventType === 'UPDATE_QUEUED_ATTEMPTS').length;
		expect(hidden).toBeGreaterThan(0);
		expect((await logs({})).total).toBe(all.length - hidden);
		expect((await logs({ 'eventType.equals': 'UPDATE_QUEUED_ATTEMPTS' })).total).toBe(hidden);
		expect((await logs({ 'eventType.specified': true })).total).toBe(all.length);
	});

	it('applies JHipster criteria filters', async () => {
		const failed = await logs({ 'entityType.equals': 'SUBSCRIPTION_BILLING_ATTEMPT', 'eventType.equals': 'BILLING_ATTEMPT_TRIGGERED', 'status.equals': 'FAILURE' });
		expect(failed.total).toBeGreaterThan(0);
		expect(failed.items.every((e) => e.eventType === 'BILLING_ATTEMPT_TRIGGERED' && e.status === 'FAILURE')).toBe(true);

		const some = sb.state.activityLogs[150];
		const after = await logs({ 'createAt.greaterThan': some.createAt });
		expect(after.items.every((e) => Date.parse(e.createAt) > Date.parse(some.createAt))).toBe(true);
		const idRange = await logs({ 'id.greaterThanOrEqual': some.id, 'id.lessThan': some.id + 10, 'eventType.specified': true });
		expect(idRange.items.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => some.id + i));
		const sources = await logs({ 'eventSource.in': 'CUSTOMER_PORTAL,MERCHANT_PORTAL' });
		expect(sources.items.every((e) => ['CUSTOMER_PORTAL', 'MERCHANT_PORTAL'].includes(e.eventSource))).toBe(true);
		const notIn = await logs({ 'eventType.notIn': ['BILLING_ATTEMPT_TRIGGERED', 'UPDATE_QUEUED_ATTEMPTS'] });
		expect(notIn.items.some((e) => e.eventType === 'BILLING_ATTEMPT_TRIGGERED')).toBe(false);
		const entity = await logs({ 'entityId.equals': some.entityId, 'eventType.specified': true });
		expect(entity.items.every((e) => e.entityId === some.entityId)).toBe(true);

		expectProblem(await call('GET', 'activity-logs', { auth: 'both', query: { 'eventType.equals': 'SUBSCRIPTION_CONTRACT_CREATE' } }), 400, /eventType\.equals/);
		expectProblem(await call('GET', 'activity-logs', { auth: 'both', query: { 'createdAt.greaterThan': '2024-01-01T00:00:00Z' } }), 400, /Unknown query parameter 'createdAt.greaterThan'/);
		expectProblem(await call('GET', 'activity-logs', { auth: 'both', query: { 'id.contains': 1 } }), 400, /Unknown query parameter/);
	});

	it('sorts by one or more keys', async () => {
		const desc = await logs({ sort: 'createAt,desc' });
		const times = desc.items.map((e) => Date.parse(e.createAt));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		const multi = await logs({ sort: ['eventType,asc', 'id,desc'] });
		for (let i = 1; i < multi.items.length; i++) {
			const [a, b] = [multi.items[i - 1], multi.items[i]];
			expect(a.eventType <= b.eventType).toBe(true);
			if (a.eventType === b.eventType) expect(a.id).toBeGreaterThan(b.id);
		}
	});

	it('admin inserts accept repeated and late timestamps', async () => {
		const at = '2020-05-05T05:05:05.555Z';
		const inserted = await admin.insertEvents([
			{ entityId: 1, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_PAUSED', createAt: at, additionalInfo: { a: 1 } },
			{ entityId: 1, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_ACTIVATED', createAt: at },
		]);
		expect(inserted[1].id).toBe(inserted[0].id + 1);
		expect(inserted.map((e) => e.createAt)).toEqual([at, at]);
		expect(inserted[0].additionalInfo).toBe('{"a":1}');
		const found = await logs({ 'createAt.equals': at });
		expect(found.items.map((e) => e.id)).toEqual(inserted.map((e) => e.id));
	});
});

describe('mutations', () => {
	it('pausing a contract changes state and logs a MERCHANT_EXTERNAL_API entry', async () => {
		const c = activeContract(sb.state);
		const before = sb.state.activityLogs.length;
		const res = await call('PUT', 'subscription-contracts-update-status', { query: { contractId: c.contractId, status: 'PAUSED' } });
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
		expect((await admin.state<Contract>('contracts', c.contractId)).status).toBe('paused');
		expect(sb.state.activityLogs).toHaveLength(before + 1);

		const page = await call('GET', 'activity-logs', { auth: 'both', query: { 'entityId.equals': c.contractId, sort: 'id,desc', size: 1 } });
		const [entry] = page.json<Array<Record<string, unknown>>>();
		expect(entry).toMatchObject({ entityId: c.contractId, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventSource: 'MERCHANT_EXTERNAL_API', eventType: 'CONTRACT_PAUSED', status: 'SUCCESS' });
		expect(typeof entry.additionalInfo).toBe('string');
		expect(JSON.parse(String(entry.additionalInfo))).toMatchObject({ oldStatus: 'active', newStatus: 'paused' });
		expect(String(entry.createAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		const seeded = sb.state.activityLogs.slice(0, before);
		expect(seeded.every((e) => Date.parse(e.createAt) <= Date.parse(String(entry.createAt)))).toBe(true);

		const raw = await call('GET', `subscription-contracts/contract-external/${c.contractId}`);
		expect(raw.json()).toMatchObject({ __typename: 'SubscriptionContract', id: `gid://shopify/SubscriptionContract/${c.contractId}`, status: 'PAUSED' });
	});

	it('skipping the upcoming order makes the next one due', async () => {
		const c = activeContract(sb.state);
		const queued = sb.state.billingAttempts
			.filter((a) => a.contractId === c.contractId && a.status === 'QUEUED')
			.sort((a, b) => Date.parse(a.billingDate) - Date.parse(b.billingDate));
		const res = await call('PUT', 'subscription-billing-attempts/skip-upcoming-order', { query: { subscriptionContractId: c.contractId } });
		expect(res.status).toBe(200);
		expect(res.json()).toMatchObject({ id: queued[0].id, status: 'SKIPPED' });
		const after = await admin.state<Contract>('contracts', c.contractId);
		expect(Date.parse(after.nextBillingDate)).toBeGreaterThan(Date.parse(queued[0].billingDate));
		const top = await call('GET', 'subscription-billing-attempts/top-orders', { query: { contractId: c.contractId } });
		const first = top.json<Array<{ billingDate: string; status: string }>>()[0];
		expect(first.status).toBe('QUEUED');
		expect(first.billingDate).toBe(after.nextBillingDate);
		const log = sb.state.activityLogs[sb.state.activityLogs.length - 1];
		expect(log).toMatchObject({ entityId: c.contractId, entityType: 'SUBSCRIPTION_BILLING_ATTEMPT', eventType: 'BILLING_ATTEMPT_SKIPPED' });
	});

	it('billing a contract of a failing-card customer logs a FAILURE', async () => {
		const failing = sb.state.customers.find((cu) => cu.failingCard);
		const c = sb.state.contracts.find((x) => x.customerId === failing?.id && x.status === 'active');
		const attempt = sb.state.billingAttempts.find((a) => a.contractId === c?.contractId && a.status === 'QUEUED');
		expect(attempt).toBeDefined();
		const res = await call('PUT', `subscription-billing-attempts/attempt-billing/${attempt?.id}`);
		expect(res.status).toBe(200);
		expect(res.text).toBe('');
		const log = sb.state.activityLogs[sb.state.activityLogs.length - 1];
		expect(log).toMatchObject({ entityId: c?.contractId, eventType: 'BILLING_ATTEMPT_TRIGGERED', status: 'FAILURE', eventSource: 'MERCHANT_EXTERNAL_API' });
		expect((await admin.state<{ status: string }>('billingAttempts', attempt?.id)).status).toBe('FAILURE');
	});

	it('business errors use the BadRequestAlertException shape', async () => {
		const res = await call('PUT', 'subscription-contracts-update-status', { query: { contractId: 1, status: 'PAUSED' } });
		const body = expectProblem(res, 400);
		expect(body).toMatchObject({ title: 'Contract not found', message: 'Contract not found', params: 'subscriptionContractDetails' });
		expect(res.headers['x-subscriptionapp-error']).toBe('error.contractnotfound');
	});

	it('reset restores the seeded state exactly', async () => {
		const before = JSON.stringify(sb.state);
		const c = activeContract(sb.state, 2);
		await call('PUT', 'subscription-contracts-remove-line-item', { query: { contractId: c.contractId, lineId: c.lines[1].id } });
		await call('DELETE', `subscription-contracts/${c.contractId}`);
		expect(JSON.stringify(sb.state)).not.toBe(before);
		await admin.reset();
		expect(JSON.stringify(sb.state)).toBe(before);
		await admin.reset(7);
		expect(JSON.stringify(sb.state)).not.toBe(before);
		await admin.reset(DEFAULT_SEED);
	});
});

describe('rate limiting', () => {
	afterEach(async () => {
		await admin.setRateLimit(false);
	});

	it('answers 429 after the burst, keeps refusing during the cooldown, then recovers', async () => {
		await admin.setRateLimit({ ratePerSecond: 1, burst: 3, cooldownMs: 400, retryAfter: true });
		for (let i = 0; i < 3; i++) expect((await call('GET', 'subscription-groups')).status).toBe(200);
		const limited = await call('GET', 'subscription-groups');
		const body = expectProblem(limited, 429);
		expect(body.title).toBe('Too Many Requests');
		expect(limited.headers['retry-after']).toBe('1');
		expect((await call('GET', 'subscription-groups')).status).toBe(429);
		await new Promise((r) => setTimeout(r, 450));
		expect((await call('GET', 'subscription-groups')).status).toBe(200);
	});

	it('can leave out Retry-After, and counts per API key', async () => {
		await admin.setRateLimit({ ratePerSecond: 1, burst: 1, cooldownMs: 5000, retryAfter: false });
		expect((await call('GET', 'subscription-groups')).status).toBe(200);
		const limited = await call('GET', 'subscription-groups');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBeUndefined();
		expectProblem(await call('GET', 'subscription-groups', { key: 'someone-else' }), 401);
	});
});

describe('fault injection', () => {
	const route = `${BASE}/subscription-groups`;

	it('serves an nginx HTML 502', async () => {
		await admin.addFault({ path: route, kind: 'html', status: 502 });
		const res = await call('GET', 'subscription-groups');
		expect(res.status).toBe(502);
		expect(res.headers['content-type']).toBe('text/html');
		expect(res.text).toContain('<center>nginx</center>');
		expect((await call('GET', 'subscription-groups')).status).toBe(200);
	});

	it('serves malformed JSON and empty 4xx bodies', async () => {
		await admin.addFault({ path: route, kind: 'malformed', status: 200 });
		const bad = await call('GET', 'subscription-groups');
		expect(bad.status).toBe(200);
		expect(() => bad.json()).toThrow();
		await admin.addFault({ path: route, kind: 'empty', status: 400 });
		const empty = await call('GET', 'subscription-groups');
		expect(empty.status).toBe(400);
		expect(empty.text).toBe('');
	});

	it('drops the connection', async () => {
		await admin.addFault({ path: route, drop: true });
		await expect(call('GET', 'subscription-groups')).rejects.toThrow();
		const log = await admin.requests({ route });
		expect(log[log.length - 1]).toMatchObject({ fault: true, status: 0 });
	});

	it('honours skip and times, per method, and never changes state', async () => {
		const c = activeContract(sb.state);
		await admin.addFault({ method: 'PUT', path: `${BASE}/subscription-contracts-update-status`, skip: 1, times: 2, status: 503, body: { error: 'busy' } });
		const put = (status: string) => call('PUT', 'subscription-contracts-update-status', { query: { contractId: c.contractId, status } });
		expect((await put('PAUSED')).status).toBe(204);
		const f1 = await put('ACTIVE');
		expect(f1.status).toBe(503);
		expect(f1.json()).toEqual({ error: 'busy' });
		expect((await put('ACTIVE')).status).toBe(503);
		expect(sb.state.contracts.find((x) => x.contractId === c.contractId)?.status).toBe('paused');
		expect((await put('ACTIVE')).status).toBe(204);
		expect(sb.state.contracts.find((x) => x.contractId === c.contractId)?.status).toBe('active');
		const log = await admin.requests({ route: `${BASE}/subscription-contracts-update-status`, method: 'put' });
		expect(log.map((e) => e.fault)).toEqual([false, true, true, false]);
	});

	it('delays a normal answer with latencyMs alone', async () => {
		await admin.addFault({ path: '*', latencyMs: 150 });
		const started = Date.now();
		const res = await call('GET', 'subscription-groups');
		expect(res.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});

describe('request log', () => {
	it('records what was received without the key value', async () => {
		await admin.clearRequests();
		await call('GET', 'activity-logs', { auth: 'both', query: { size: 1, 'eventType.equals': 'CONTRACT_PAUSED' } });
		const [entry] = await admin.requests({ route: `${BASE}/activity-logs` });
		expect(entry).toMatchObject({
			method: 'GET',
			path: `${BASE}/activity-logs`,
			route: `${BASE}/activity-logs`,
			query: { size: '1', 'eventType.equals': 'CONTRACT_PAUSED', api_key: '***' },
			status: 200,
			fault: false,
			apiKeyHeader: true,
			apiKeyQuery: true,
		});
		expect(JSON.stringify(entry)).not.toContain(sb.apiKey);
	});
});

// ------------------------------------------------------------------ every endpoint

function fillPath(endpoint: EndpointSpec, values: Record<string, string | number>): string {
	return endpoint.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
		if (values[name] === undefined) throw new Error(`${endpoint.operationId}: no value for path variable ${name}`);
		return encodeURIComponent(String(values[name]));
	});
}

/** What a sample needs to read before it writes (the record it sends back changed). */
async function readJson(path: string, query?: Record<string, QueryValue>): Promise<unknown> {
	const res = await call('GET', path, { query });
	if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text.slice(0, 200)}`);
	return res.json();
}

describe('every endpoint of contract.json', () => {
	const endpoints = loadContract().endpoints;

	it('has one handler and, next to it, one sample request', () => {
		const steps: string[] = [];
		const known = new Set(endpoints.map((e) => e.operationId));
		for (const endpoint of endpoints) {
			const homes = HANDLER_GROUPS.filter((g) => Object.hasOwn(g.handlers, endpoint.operationId));
			if (homes.length === 0) steps.push(missingHandlerStep(endpoint, endpoints));
			if (homes.length > 1) steps.push(`operation ${endpoint.operationId} has a handler in ${homes.map((g) => g.file).join(' and ')}: keep one`);
			const group = groupOf(endpoint.operationId);
			if (group && !Object.hasOwn(group.samples, endpoint.operationId)) {
				steps.push(`operation ${endpoint.operationId} has no sample request: add one to the samples in test/sandbox/handlers/${group.file}`);
			}
		}
		for (const group of HANDLER_GROUPS) {
			for (const id of Object.keys(group.handlers)) if (!known.has(id)) steps.push(`test/sandbox/handlers/${group.file} handles ${id}, which contract.json does not have`);
			for (const id of Object.keys(group.samples)) {
				if (!Object.hasOwn(group.handlers, id)) steps.push(`test/sandbox/handlers/${group.file} has a sample for ${id} but no handler for it`);
			}
		}
		expect(steps).toEqual([]);
	});

	it.each(endpoints.map((e) => [`${e.index} ${e.method} ${e.path.slice(BASE.length)}`, e] as const))(
		'%s answers its sample request with its documented 2xx',
		async (_label, endpoint) => {
			const sample = samples[endpoint.operationId];
			if (!sample) throw new Error(missingHandlerStep(endpoint, endpoints));
			const c = await sample(fixtures(sb.state), readJson);
			const res = await call(endpoint.method, fillPath(endpoint, c.path ?? {}), {
				query: c.query,
				body: c.body,
				headers: c.headers,
				auth: endpoint.apiKeyQueryRequired ? 'both' : 'header',
			});
			if (res.status !== endpoint.response.status) throw new Error(`${endpoint.operationId}: ${res.status} ${res.text.slice(0, 400)}`);
			const type = String(res.headers['content-type'] ?? '');
			if (endpoint.response.contentType === 'json' && res.text !== '') {
				expect(type).toBe('application/json');
				expect(() => res.json()).not.toThrow();
			}
			if (endpoint.response.contentType === 'text') expect(type).toMatch(/^text\/plain/);
			if (endpoint.response.contentType === 'empty') expect(res.text).toBe('');
			if (endpoint.pagination === 'page') {
				expect(res.headers['x-total-count']).toBeDefined();
				expect(String(res.headers.link)).toContain('rel="first"');
			}
			const [entry] = (await admin.requests({ route: endpoint.path, method: endpoint.method })).slice(-1);
			expect(entry).toMatchObject({ route: endpoint.path, status: endpoint.response.status, fault: false });
		},
	);
});
