/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
import { readdirSync } from 'fs';
import { join } from 'path';

import type { IDataObject } from 'n8n-workflow';

import { OPERATIONS } from '../nodes/Appstle/actions';
import { CONVENIENCE_KEYS } from '../nodes/Appstle/shared/simplify';
import { executeNode } from './harness';
import { factsFrom } from './operations/facts';
import type { Facts, OperationCase } from './operations/types';
import { loadContract } from './sandbox/contract-schema';
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

	it('has at least one case for every operation', () => {
		const covered = new Set(CASES.map((c) => `${c.resource}.${c.operation}`));
		expect(
			OPERATIONS.filter((o) => !covered.has(`${o.resource}.${o.operation}`)).map(
				(o) => `operation ${o.resource}.${o.operation} has no case: add one to test/operations/cases/${o.resource}.cases.ts`,
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
