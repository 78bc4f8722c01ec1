/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
import { readdirSync } from 'fs';
import { join } from 'path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { OPERATIONS } from '../nodes/Appstle/actions';
import type { OperationDef } from '../nodes/Appstle/actions/types';
import { CONVENIENCE_KEYS } from '../nodes/Appstle/shared/simplify';
import { executeNode } from './harness';
import { factsFrom } from './operations/facts';
import type { Facts, OperationCase } from './operations/types';
import { byId } from './operations/types';
import { loadContract } from './sandbox/contract-schema';
import type { EndpointSpec } from './sandbox/contract-schema';
import { samples } from './sandbox/handlers';
import { fixtures } from './sandbox/samples';
import type { SampleValue } from './sandbox/samples';
import { startTestSandbox, type TestSandbox } from './support';

/**
 * Every operation, executed in a real workflow against the strict sandbox: the request the
 * sandbox received and the items the node produced are both checked.
 */

const casesDir = join(__dirname, 'operations', 'cases');
const CASES: OperationCase[] = readdirSync(casesDir)
	.filter((file) => file.endsWith('.cases.ts'))
	.sort()
	// Cases must be known while jest collects tests, so they are loaded synchronously.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	.flatMap((file) => (require(join(casesDir, file)) as { cases: OperationCase[] }).cases);

const API_PREFIX = '/api/external/v2';

/**
 * A plain read (one record or list as Appstle answers it, no Simplify, every field a required
 * path or query value) needs no hand-written case: the sample request its endpoint's sandbox
 * handler keeps (test/sandbox/handlers/*.ts) is the case. The node is given the sample's values,
 * must send exactly that request, and must output exactly what the sandbox answers to it.
 */
function sampledEndpointOf(def: OperationDef): EndpointSpec | undefined {
	if (def.customRequest || def.effect !== 'read' || def.list || def.output || def.fixedQuery) return undefined;
	if (!def.fields.every((f) => f.required && (f.in === 'path' || f.in === 'query'))) return undefined;
	const endpoint = loadContract().endpoints.find((e) => e.method === def.method && e.path === `${API_PREFIX}${def.path}`);
	return endpoint && Object.hasOwn(samples, endpoint.operationId) ? endpoint : undefined;
}

const SAMPLED = OPERATIONS.flatMap((def) => {
	const endpoint = sampledEndpointOf(def);
	return endpoint ? [{ def, endpoint }] : [];
});

const queryString = (query: Record<string, SampleValue>) =>
	new URLSearchParams(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)])).toString();

let env: TestSandbox;
let facts: Facts;

/** The query as the checker compares it: strings, repeated keys comma-joined, `api_key` left out. */
function normalizeQuery(query: Record<string, string | string[]>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(query)) {
		if (key === 'api_key') continue;
		out[key] = Array.isArray(value) ? value.join(',') : value;
	}
	return out;
}

beforeAll(async () => {
	env = await startTestSandbox();
	facts = factsFrom(env.sandbox.state);
});

afterAll(async () => {
	await env?.stop();
});

describe('coverage', () => {
	const endpoints = loadContract().endpoints;
	const routes = endpoints.map((e) => `${e.method} ${e.path}`);
	const defined = new Set(OPERATIONS.filter((o) => !o.customRequest).map((o) => `${o.method} ${API_PREFIX}${o.path}`));

	// Each failure names the next step of README → Development → Adding an endpoint.
	it('has an operation for every endpoint of Appstle’s API', () => {
		expect(
			endpoints
				.filter((e) => !defined.has(`${e.method} ${e.path}`))
				.map((e) => `endpoint ${e.method} ${e.path} (${e.operationId}) has no operation: add one to its resource in nodes/Appstle/actions/resources/`),
		).toEqual([]);
	});

	it('defines no operation on an endpoint Appstle’s API does not have', () => {
		expect(
			[...defined]
				.filter((route) => !routes.includes(route))
				.map((route) => `operation ${route} has no endpoint in test/sandbox/contract.json: add the endpoint there (with its handler and sample request in test/sandbox/handlers/)`),
		).toEqual([]);
	});

	it('has at least one case for every operation (a plain read may use its sandbox sample)', () => {
		const covered = new Set([...CASES, ...SAMPLED.map((s) => s.def)].map((c) => `${c.resource}.${c.operation}`));
		expect(
			OPERATIONS.filter((o) => !covered.has(`${o.resource}.${o.operation}`)).map(
				(o) =>
					`operation ${o.resource}.${o.operation} has no case: add one to test/operations/cases/${o.resource}.cases.ts (a plain read is tested from its sandbox sample instead)`,
			),
		).toEqual([]);
	});
});

describe.each([...new Set(CASES.map((c) => c.resource))])('%s', (resource) => {
	const cases = CASES.filter((c) => c.resource === resource);
	it.each(cases.map((c) => [`${c.operation}${c.title ? ` (${c.title})` : ''}`, c] as const))('%s', async (_name, testCase) => {
		await env.admin.reset();
		const result = await executeNode({
			parameters: { resource: testCase.resource, operation: testCase.operation, ...testCase.parameters(facts) },
			credentials: env.credentials(),
		});
		expect(result.error?.message ?? '').toBe('');
		expect(result.status).toBe('success');

		const received = (await env.admin.requests()).filter((r) => !r.fault);
		expect(received.length).toBeGreaterThan(0);
		const last = received[received.length - 1];
		const expected = testCase.expect(facts);
		expect({ method: last.method, path: last.path }).toEqual({ method: expected.method, path: expected.path });
		expect(normalizeQuery(last.query)).toEqual(expected.query ?? {});
		expect(last.body ?? undefined).toEqual(expected.body);
		expect(last.status).toBeLessThan(300);

		expect(result.output.length).toBeGreaterThan(0);
		for (const item of result.output) expect(item.pairedItem).toEqual({ item: 0 });
		testCase.output(result.output, facts);
	});
});

describe.each(SAMPLED.map((s) => [`${s.def.resource}.${s.def.operation}`, s] as const))('%s, from its sandbox sample', (key, { def, endpoint }) => {
	it(`sends ${endpoint.operationId}'s sample request and outputs the answer`, async () => {
		await env.admin.reset();
		const step = `: write a case in test/operations/cases/${def.resource}.cases.ts`;
		const sample = await samples[endpoint.operationId](fixtures(env.sandbox.state), () => Promise.reject(new Error('a read sample reads nothing first')));
		// Headers a sample adds (e.g. X-Include-All-Methods) are options the operation need not offer; the direct call below leaves them out too.
		if (sample.body !== undefined) throw new Error(`${key}: its sample sends a body${step}`);
		const wire: Record<'path' | 'query', Record<string, SampleValue>> = { path: sample.path ?? {}, query: sample.query ?? {} };
		const parameters: INodeParameters = {};
		for (const field of def.fields) {
			const value = wire[field.in as 'path' | 'query'][field.apiName ?? field.name];
			if (value === undefined) throw new Error(`${key}: the sample gives no ${field.in} value ${field.apiName ?? field.name}${step}`);
			parameters[field.name] = field.locator ? byId(String(value)) : typeof value === 'number' && field.type !== 'id' ? value : String(value);
		}
		const used = def.fields.map((f) => `${f.in} ${f.apiName ?? f.name}`);
		const extra = (['path', 'query'] as const).flatMap((where) => Object.keys(wire[where]).map((k) => `${where} ${k}`)).filter((k) => !used.includes(k));
		if (extra.length > 0) throw new Error(`${key}: the sample also sends ${extra.join(', ')}${step}`);

		const result = await executeNode({ parameters: { resource: def.resource, operation: def.operation, ...parameters }, credentials: env.credentials() });
		expect(result.error?.message ?? '').toBe('');
		const received = (await env.admin.requests()).filter((r) => !r.fault);
		expect(received).toHaveLength(1);
		const path = endpoint.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(wire.path[name])));
		const query = Object.fromEntries(new URLSearchParams(queryString(wire.query)));
		expect({ method: received[0].method, path: received[0].path, query: normalizeQuery(received[0].query), status: received[0].status }).toEqual({
			method: endpoint.method,
			path,
			query,
			status: endpoint.response.status,
		});

		// The answer, asked for twice: a field that differs between the two (a fresh token) need
		// only be present; every other field must be exactly what the node output.
		const q = queryString(wire.query);
		const ask = async () => {
			const direct = await request(`${env.sandbox.url}${path}${q ? `?${q}` : ''}`, { headers: { 'x-api-key': env.sandbox.apiKey } });
			const body = (await direct.body.json()) as IDataObject | IDataObject[];
			return Array.isArray(body) ? body : [body];
		};
		const [first, second] = [await ask(), await ask()];
		const expected = first.map((record, i) =>
			Object.fromEntries(
				Object.entries(record).map(([k, v]) => [k, JSON.stringify(v) === JSON.stringify(second[i]?.[k]) ? v : expect.anything()]),
			),
		);
		expect(result.output.map((item) => item.json)).toEqual(expected);
	});
});

/**
 * Simplify is a view: every key of a simplified item is the raw record's own key with the same
 * value (nested objects and lists reduced, never renamed), or one of the named convenience
 * fields. So a downstream expression keeps working when Simplify is switched.
 */
function viewProblems(simplified: unknown, raw: unknown, where: string): string[] {
	if (Array.isArray(simplified)) {
		if (!Array.isArray(raw) || raw.length !== simplified.length) return [`${where}: not the raw list`];
		return simplified.flatMap((value, i) => viewProblems(value, raw[i], `${where}[${i}]`));
	}
	if (simplified !== null && typeof simplified === 'object') {
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [`${where}: not a raw object`];
		return Object.entries(simplified as IDataObject).flatMap(([key, value]) => {
			if (!(key in (raw as IDataObject))) {
				return (CONVENIENCE_KEYS as readonly string[]).includes(key) ? [] : [`${where}.${key}: not a raw field`];
			}
			return viewProblems(value, (raw as IDataObject)[key], `${where}.${key}`);
		});
	}
	return Object.is(simplified, raw) ? [] : [`${where}: ${JSON.stringify(simplified)} differs from ${JSON.stringify(raw)}`];
}

describe('Simplify is a view of the raw record', () => {
	it('catches a renamed or changed field (control)', () => {
		expect(viewProblems({ contractId: '1' }, { subscriptionContractId: 1 }, 'item')).toEqual(['item.contractId: not a raw field']);
		expect(viewProblems({ status: 'ACTIVE' }, { status: 'active' }, 'item')).toHaveLength(1);
		expect(viewProblems({ status: 'active', lineCount: 2 }, { status: 'active', lines: [] }, 'item')).toEqual([]);
	});

	const simplified = OPERATIONS.filter((def) => def.output?.simplify);
	const firstCase = (resource: string, operation: string) =>
		CASES.find((c) => c.resource === resource && c.operation === operation)!;

	it.each(simplified.map((def) => [`${def.resource}.${def.operation}`, def] as const))('%s', async (_name, def) => {
		await env.admin.reset();
		const testCase = firstCase(def.resource, def.operation);
		const result = await executeNode({
			parameters: { resource: def.resource, operation: def.operation, ...testCase.parameters(facts), simplify: false },
			credentials: env.credentials(),
		});
		expect(result.error?.message ?? '').toBe('');
		expect(result.output.length).toBeGreaterThan(0);
		for (const [index, item] of result.output.entries()) {
			const view = def.output!.simplify!(item.json);
			expect(Object.keys(view).length).toBeGreaterThan(0);
			expect(viewProblems(view, item.json, `item ${index}`)).toEqual([]);
		}
	});
});
