/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * Bad input over every operation, generated from the operation definitions: for every field of
 * every operation (sub-fields of collections included), a table of bad values for its type is
 * run through a real workflow against the sandbox. Each case must end in either
 *  - a refusal before any request (the sandbox's request log stays empty) whose error names the
 *    field (and, for a sub-field, its collection and entry) and the item, or
 *  - the exact value on the wire (big IDs keep every digit, dates stay the dates given).
 * Custom API Call paths (every escape spelling) and the trigger's options are included.
 *
 * Speed: one workflow run per (operation, field) carries all its bad values as input items,
 * each item's value reaching the field through an expression; Continue On Fail turns each
 * refusal into that item's error item.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OPERATIONS } from '../nodes/Appstle/actions';
import { collectionNameOf, placementOf } from '../nodes/Appstle/actions/request';
import { SORT_COLLECTION } from '../nodes/Appstle/shared/parameters';
import type { FieldDef, OperationDef } from '../nodes/Appstle/actions/types';
import { MAX_URL_BYTES } from '../nodes/Appstle/transport';
import { executeNode, runPoll } from './harness';
import type { RequestLogEntry } from './sandbox/request-log';
import { startTestSandbox, type TestSandbox } from './support';

let env: TestSandbox;
let refusals = 0;
let onTheWire = 0;

beforeAll(async () => {
	env = await startTestSandbox();
});

afterAll(async () => {
	process.stdout.write(`hardening: ${refusals + onTheWire} cases (${refusals} refused before any request, ${onTheWire} checked on the wire)\n`);
	await env?.stop();
});

const EXPR = '={{ $json.v }}';
const BIG = '9007199254740993'; // 2^53 + 1: the first integer a JS number cannot hold
const ROUNDED = '9007199254740992';
const LONG = 'x'.repeat(MAX_URL_BYTES + 100);

/** A field with the chain of collections it sits in (outermost first). */
interface Placed {
	op: OperationDef;
	field: FieldDef;
	parents: FieldDef[];
}

function allPlaced(): Placed[] {
	const out: Placed[] = [];
	const walk = (op: OperationDef, field: FieldDef, parents: FieldDef[]) => {
		out.push({ op, field, parents });
		for (const sub of field.fields ?? []) walk(op, sub, [...parents, field]);
	};
	for (const op of OPERATIONS) for (const field of op.fields) walk(op, field, []);
	return out;
}

// ---- valid values, so that only the field under test can be the reason for a refusal ----

function validValue(field: FieldDef): unknown {
	const gid = (type = 'Object') => `gid://shopify/${type === '*' ? 'SubscriptionContract' : type}/123`;
	switch (field.type) {
		case 'string':
			return field.in === 'request' ? '/subscription-groups' : 'text';
		case 'number':
			return Math.max(1, field.minValue ?? 1);
		case 'integer':
			return Math.min(Math.max(1, field.minValue ?? 1), field.maxValue ?? Number.MAX_SAFE_INTEGER);
		case 'boolean':
			return true;
		case 'dateTime':
			return '2030-01-01T00:00:00Z';
		case 'options':
			return (field.default as string | undefined) ?? field.options?.[0]?.value ?? 'x';
		case 'multiOptions':
			return [field.options?.[0]?.value];
		case 'id':
		case 'idOrGid':
			return '123';
		case 'gid':
			return gid(field.gidType);
		case 'idList':
			return '123,456';
		case 'stringList':
			return field.gidType ? gid(field.gidType) : 'a,b';
		case 'json':
			// Extra Body Fields must be an object; other JSON fields take an array too.
			return field.in === 'bodyMerge' ? '{"a": 1}' : '[{"a": 1}]';
		case 'keyValueList':
			return { pairs: [{ key: 'k', value: 'v' }] };
		case 'variantQuantityMap':
			return { pairs: [{ variant: '123', quantity: 1 }] };
		case 'objectList':
			return { entries: [validEntry(field)] };
		case 'object':
			return { values: validEntry(field) };
	}
}

function validEntry(field: FieldDef): IDataObject {
	const entry: IDataObject = {};
	for (const sub of field.fields ?? []) if (sub.required) entry[sub.name] = validValue(sub) as IDataObject;
	return entry;
}

/**
 * The parameter value that feeds an item's `v` into the field. n8n resolves expressions inside
 * a fixed collection's values (the editor offers no expression for the collection itself).
 */
function expressionFor(field: FieldDef): unknown {
	if (field.type === 'keyValueList') return { pairs: [{ key: '={{ $json.v.key }}', value: '={{ $json.v.value }}' }] };
	if (field.type === 'variantQuantityMap') return { pairs: [{ variant: '={{ $json.v.variant }}', quantity: '={{ $json.v.quantity }}' }] };
	return EXPR;
}

/** The node parameters that put `value` into the field and valid values into every other required field. */
function parametersFor(placed: Placed, value: unknown): INodeParameters {
	const { op, field, parents } = placed;
	const parameters: INodeParameters = { resource: op.resource, operation: op.operation };
	if (op.list) Object.assign(parameters, { returnAll: false, limit: 1 });
	const optional: IDataObject = {};
	const top = parents[0] ?? field;
	for (const f of op.fields) {
		if (f === top || !f.required) continue;
		parameters[f.name] = wrap(f, validValue(f));
	}
	// The value, nested into its collections' first entries.
	let nested: unknown = value;
	for (let i = parents.length - 1; i >= 0; i--) {
		const parent = parents[i];
		const child = i === parents.length - 1 ? field : parents[i + 1];
		const entry = { ...validEntry(parent), [child.name]: nested };
		nested = parent.type === 'object' ? { values: entry } : { entries: [entry] };
	}
	const placement = placementOf(top);
	if (placement === 'topLevel') parameters[top.name] = wrap(top, nested);
	else if (placement === 'sort') parameters[SORT_COLLECTION] = { [top.name]: nested } as INodeParameters;
	else optional[top.name] = nested as IDataObject;
	if (Object.keys(optional).length) parameters[collectionNameOf(op)] = optional as INodeParameters;
	return parameters as INodeParameters;
}

function wrap(field: FieldDef, value: unknown): INodeParameters[string] {
	return (field.locator ? { __rl: true, mode: 'id', value } : value) as INodeParameters[string];
}

// ---- bad values per field type ----

const OBJECT = { a: 1 };
const ARRAY = ['x', 'y'];
const BLANKS = ['', '   ', '\t\n'];
const DOT_SEGMENTS = ['.', '..', ' .. ', '%2e', '%2E%2e', '%252e%252e', 'a/b', 'a\\b', 'a%2Fb', '%2F', 'x\u0000y', 'x%00y'];

function wrongGid(gidType?: string): string {
	return gidType === 'Customer' ? 'gid://shopify/ProductVariant/1' : 'gid://shopify/Customer/1';
}

const BAD_INTEGERS: unknown[] = ['abc', '0x10', '1e3', '1.5', '-1', '+1', 'Infinity', 'NaN', '1 000', '١٢', 1.5, -1, 2 ** 53 + 2, 1e21, OBJECT, ARRAY];
const BAD_NUMBERS: unknown[] = ['abc', '0x10', '1e3', 'Infinity', 'NaN', '1,5', '12abc', '-1', OBJECT, ARRAY, Number.NaN];
const BAD_DATES: unknown[] = ['2024-02-30', '2024-13-45', '2023-02-29', '2024-04-31', '2024-02-29T24:00:00', '2024-02-29T12:60:00', '1', 'May 5', 'tomorrow', '20240101', '2024-1-5', '2024-05-01T10:00:00+25:00', 5, OBJECT, ARRAY];
const badIds = (gidType?: string): unknown[] => [
	'abc', '0x10', '1e5', '1.5', '-5', '+5', '0', '00', '12 34', '99999999999999999999', '9223372036854775808',
	...(gidType === '*' ? [] : [wrongGid(gidType)]),
	...(gidType ? [] : ['gid://shopify/SubscriptionContract/1']),
	'gid://shopify/',
	1.5, -1, 0, 2 ** 53 + 2, OBJECT, ARRAY, '../1', '%2e%2e',
];

function badValues(field: FieldDef, inUrlPath: boolean, inUrl: boolean): unknown[] {
	const blanks = field.required ? BLANKS : [];
	switch (field.type) {
		case 'string': {
			const values: unknown[] = [...blanks, OBJECT, ARRAY];
			if (inUrlPath) values.push(...DOT_SEGMENTS);
			if (inUrl) values.push(LONG);
			return values;
		}
		case 'number':
			return [...blanks, ...BAD_NUMBERS];
		case 'integer':
			return [...blanks, ...BAD_INTEGERS];
		case 'boolean':
			return ['yes', 'maybe', 1, OBJECT];
		case 'dateTime':
			return [...blanks, ...BAD_DATES];
		case 'options':
			return [...blanks, 'NOT_AN_OPTION', OBJECT];
		case 'multiOptions':
			return ['NOPE', ['NOPE'], [OBJECT]];
		case 'id':
			return [...blanks, ...badIds(field.gidType), ...(inUrl ? [] : [])];
		case 'idOrGid':
			return [...blanks, 'abc', '0x10', '-1', '1.5', '0', '99999999999999999999', wrongGid(field.gidType), OBJECT, ARRAY];
		case 'gid':
			return [...blanks, 'abc', '-1', '1.5', '0x10', '0', wrongGid(field.gidType), `gid://shopify/${field.gidType}/..`, `gid://shopify/${field.gidType}/1/2`, OBJECT, ARRAY];
		case 'idList': {
			const values: unknown[] = [
				...(field.required ? [...BLANKS, ' , , '] : []),
				'abc', '1,abc', '1,0x10', '1,-2', '1;2', '1,1.5', `1,${wrongGid(field.gidType)}`, '1,99999999999999999999', [OBJECT], [['1']],
			];
			if (inUrl) values.push(Array.from({ length: 1200 }, (_, i) => String(1_000_000 + i)).join(','));
			return values;
		}
		case 'stringList': {
			const values: unknown[] = [...(field.required ? [...BLANKS, ' , , ', [' ', '']] : []), [OBJECT], [['x']]];
			if (field.gidType) values.push('abc', wrongGid(field.gidType), `1,${wrongGid(field.gidType)}`);
			if (inUrl) values.push(LONG);
			return values;
		}
		case 'json':
			return [...blanks, 'not json', '123', '"text"', 'null', '[1,', '{"a":}', { id: 2 ** 53 + 2 }, [{ ids: [1, 2 ** 60] }]];
		case 'keyValueList':
			return [
				{ key: '   ', value: 'v' },
				{ key: 'k', value: OBJECT },
				{ key: OBJECT, value: 'v' },
				{ key: 'k', value: ARRAY },
			];
		case 'variantQuantityMap':
			return [
				{ variant: 'abc', quantity: 1 },
				{ variant: 'gid://shopify/Customer/1', quantity: 1 },
				{ variant: '   ', quantity: 1 },
				{ variant: '1', quantity: 0 },
				{ variant: '1', quantity: '1.5' },
				{ variant: '1', quantity: '0x10' },
				{ variant: '1', quantity: -2 },
				{ variant: '99999999999999999999', quantity: 1 },
				{ variant: OBJECT, quantity: 1 },
			];
		case 'objectList':
			return field.required ? [{ entries: [] }] : [];
		case 'object':
			return [];
	}
}

// ---- running ----

async function requestsSent(): Promise<RequestLogEntry[]> {
	return await env.admin.requests();
}

function nameOf(value: unknown): string {
	const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const PLACED = allPlaced();
const LIMIT_FIELD: FieldDef = { name: 'limit', label: 'Limit', type: 'integer', in: 'query', required: true, minValue: 1 };
const REFUSAL_TABLE = PLACED.map((placed) => {
	const inUrl = placed.parents.length === 0 && ['path', 'query', 'request'].includes(placed.field.in);
	const inUrlPath = inUrl && placed.field.in === 'path';
	return { placed, values: badValues(placed.field, inUrlPath, inUrl) };
})
	.filter((row) => row.values.length > 0 && !placed_isCustomPath(row.placed))
	.concat(
		// Limit is no FieldDef but an input like any other.
		OPERATIONS.filter((op) => op.list).map((op) => ({
			placed: { op, field: LIMIT_FIELD, parents: [] },
			values: ['abc', '0', '-1', '1.5', '0x10', '1e3', '   ', 0, -5, 2.5, OBJECT, ARRAY],
		})),
	);

function placed_isCustomPath(placed: Placed): boolean {
	return placed.op.customRequest === true && placed.field.in === 'request' && (placed.field.apiName ?? placed.field.name) === 'path';
}

describe('every field of every operation refuses bad values before any request', () => {
	it('covers every operation that takes any input', () => {
		const covered = new Set(REFUSAL_TABLE.map((row) => `${row.placed.op.resource}.${row.placed.op.operation}`));
		const withInput = OPERATIONS.filter((op) => op.fields.length > 0 || op.list);
		expect(withInput.map((op) => `${op.resource}.${op.operation}`).filter((key) => !covered.has(key))).toEqual([]);
		expect(withInput.length).toBeGreaterThan(OPERATIONS.length - 3);
	});

	it.each(REFUSAL_TABLE.map((row) => [`${row.placed.op.resource}.${row.placed.op.operation} › ${[...row.placed.parents, row.placed.field].map((f) => f.label).join(' › ')}`, row] as const))(
		'%s',
		async (_name, { placed, values }) => {
			await env.admin.clearRequests();
			const result = await executeNode({
				parameters: parametersFor(placed, expressionFor(placed.field)),
				input: values.map((v) => ({ v }) as IDataObject),
				credentials: env.credentials(),
				continueOnFail: true,
			});
			const labels = [...placed.parents, placed.field].map((f) => f.label);
			const problems: string[] = [];
			values.forEach((value, i) => {
				const item = result.output.find((o) => (o.pairedItem as { item: number }).item === i)?.json ?? {};
				const text = `${String(item.error ?? '')} ${String(item.description ?? '')}`;
				const named = labels.every((label) => text.includes(`"${label}"`));
				const itemNamed = String(item.description ?? '').includes(`Item ${i}`);
				if (!item.error || !named || !itemNamed) problems.push(`${nameOf(value)} -> ${JSON.stringify(item).slice(0, 300)}`);
			});
			expect(problems).toEqual([]);
			expect(await requestsSent()).toEqual([]);
			refusals += values.length;
		},
	);
});

describe('Custom API Call never leaves /api/external/v2', () => {
	const BAD_PATHS = [
		'', '   ', 'subscription-groups', '/', '//', '/api/external/v2', '/api/external/v2/',
		'/../../../x', '/..', '/.', '/a/./b', '/a/../b', '/subscription-groups/..', '/api/external/v2/../x', '/api/external/v2/../../x',
		'/%2e%2e/%2e%2e/%2e%2e/x', '/%2E%2E/x', '/%2e%2E/x', '/.%2e/x', '/%2e./x', '/%2e/x', '/a/%2e/b',
		'/%252e%252e/x', '/%25252e%25252e/x', '/%252E%252E/%252E%252E/x', '/..%2fx', '/..%2Fx', '/a%2f..%2f..%2fx', '/%2f%2fevil.example/x',
		'/\\..\\..\\..\\x', '\\..\\x', '/a\\b', '/%5c..%5cx', '/%5C..%5C..%5Cx', '\\\\evil.example\\x',
		'//evil.example/x', '///evil.example/x', 'http://evil.example/x', 'https://evil.example', 'HTTP://evil.example', 'javascript:alert(1)', 'file:///etc/passwd', '//127.0.0.1:1/x',
		'/subscription-groups?x=1', '/subscription-groups#frag', '/subscription-groups%3Fx=1', '/subscription-groups%23frag', '/a?b#c',
		'/a\nb', '/a\rb', '/a\tb', '/a\u0000b', '/a%0ab', '/a%0Db', '/a%00b', '/a%7fb', '/a\u007fb',
		'/a//b', '/%', '/%zz', '/a%2', `/${LONG}`,
	];

	it('refuses every escape spelling of Path, naming the field and the item', async () => {
		await env.admin.clearRequests();
		const result = await executeNode({
			parameters: { resource: 'customApiCall', operation: 'call', httpMethod: 'GET', endpointPath: EXPR },
			input: BAD_PATHS.map((v) => ({ v })),
			credentials: env.credentials(),
			continueOnFail: true,
		});
		const problems = BAD_PATHS.map((path, i) => {
			const item = result.output.find((o) => (o.pairedItem as { item: number }).item === i)?.json ?? {};
			const ok = String(item.error ?? '').includes('"Path"') && String(item.description ?? '').includes(`Item ${i}`);
			return ok ? undefined : `${nameOf(path)} -> ${JSON.stringify(item).slice(0, 200)}`;
		}).filter(Boolean);
		expect(problems).toEqual([]);
		expect(await requestsSent()).toEqual([]);
		refusals += BAD_PATHS.length;
	});

	it('refuses a query string over 8 KB, naming Query Parameters', async () => {
		await env.admin.clearRequests();
		const result = await executeNode({
			parameters: {
				resource: 'customApiCall',
				operation: 'call',
				httpMethod: 'GET',
				endpointPath: '/subscription-groups',
				additionalFields: { queryParameters: { pairs: [{ key: 'q', value: LONG }] } },
			},
			credentials: env.credentials(),
			continueOnFail: true,
		});
		expect(String(result.output[0]?.json.error)).toContain('"Query Parameters"');
		expect(String(result.output[0]?.json.error)).toContain(`${MAX_URL_BYTES}-byte limit`);
		expect(await requestsSent()).toEqual([]);
		refusals += 1;
	});

	it.each([
		['/subscription-groups', '/api/external/v2/subscription-groups'],
		['api/external/v2/subscription-groups', '/api/external/v2/subscription-groups'],
		['/subscription-groups/123', '/api/external/v2/subscription-groups/123'],
		['/bundles/my%20box', '/api/external/v2/bundles/my%20box'],
		['/bundles/my box', '/api/external/v2/bundles/my%20box'],
		['/bundles/a.b', '/api/external/v2/bundles/a.b'],
		['/bundles/...', '/api/external/v2/bundles/...'],
	])('sends %s exactly as %s', async (path, wire) => {
		await env.admin.clearRequests();
		await executeNode({
			parameters: { resource: 'customApiCall', operation: 'call', httpMethod: 'GET', endpointPath: path },
			credentials: env.credentials(),
			continueOnFail: true,
		});
		const sent = await requestsSent();
		expect(sent.map((r) => r.path)).toEqual([wire]);
		onTheWire += 1;
	});
});

// ---- exact values on the wire ----

/** Everything the sandbox saw of a request, decoded: path, query and the raw body. */
function wireText(entry: RequestLogEntry): string {
	return `${decodeURIComponent(entry.path)} ${JSON.stringify(entry.query)} ${entry.rawBody ?? ''}`;
}

const ID_TYPES: Array<FieldDef['type']> = ['id', 'idOrGid', 'idList', 'gid'];
const WIRE_TABLE = PLACED.filter(
	(p) => ID_TYPES.includes(p.field.type) && !(p.field.type === 'gid' && p.field.gidType === 'SubscriptionLine'),
).flatMap((placed) => {
	const values: string[] = [BIG, `00${BIG}`];
	if (placed.field.gidType && placed.field.gidType !== '*') values.push(`gid://shopify/${placed.field.gidType}/${BIG}`);
	return values.map((value) => ({ placed, value }));
});

describe('IDs keep every digit from input to wire', () => {
	it.each(WIRE_TABLE.map((row) => [`${row.placed.op.resource}.${row.placed.op.operation} › ${[...row.placed.parents, row.placed.field].map((f) => f.label).join(' › ')} = ${row.value}`, row] as const))(
		'%s',
		async (_name, { placed, value }) => {
			await env.admin.clearRequests();
			await executeNode({
				parameters: parametersFor(placed, EXPR),
				input: [{ v: value }],
				credentials: env.credentials(),
				continueOnFail: true,
			});
			const sent = await requestsSent();
			expect(sent.length).toBeGreaterThan(0);
			const text = wireText(sent[0]);
			expect(text).toContain(BIG);
			expect(text).not.toContain(ROUNDED);
			expect(text).not.toContain(`0${BIG}`);
			// Whatever was sent as a body is valid JSON (the sandbox logs unparsable bodies as text).
			if (sent[0].rawBody !== null) expect(typeof sent[0].body).not.toBe('string');
			const inBody = placed.parents.length > 0 || placed.field.in === 'body' || placed.field.in === 'bodyRoot';
			const numeric = (placed.field.type === 'id' || placed.field.type === 'idList') && !placed.field.sendAsString && !placed.field.joined;
			if (inBody && numeric) {
				// In a JSON body a numeric ID is a raw integer token, never a float that went through Number().
				expect(sent[0].rawBody ?? '').toMatch(new RegExp(`[\\[:,]\\s*${BIG}\\s*[\\],}]`));
			}
			onTheWire += 1;
		},
	);

	it('keeps big integers in a JSON field exact', async () => {
		await env.admin.clearRequests();
		await executeNode({
			parameters: { resource: 'customApiCall', operation: 'call', httpMethod: 'POST', endpointPath: '/subscription-groups', additionalFields: { body: `{"id": ${BIG}, "ids": [${BIG}, 12], "price": 1.5, "n": -3}` } },
			credentials: env.credentials(),
			continueOnFail: true,
		});
		const [sent] = await requestsSent();
		expect(sent.rawBody).toBe(`{"id":${BIG},"ids":[${BIG},12],"price":1.5,"n":-3}`);
		onTheWire += 1;
	});
});

describe('dates are sent as given, never rolled over', () => {
	it.each([
		['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
		['2024-02-29T12:00:00+02:00', '2024-02-29T10:00:00.000Z'],
		['2024-12-31T23:59:59.999Z', '2024-12-31T23:59:59.999Z'],
		["={{ new Date('2024-02-29T12:00:00Z') }}", '2024-02-29T12:00:00.000Z'],
		["={{ DateTime.fromISO('2024-02-29T12:00:00+01:00') }}", '2024-02-29T11:00:00.000Z'],
	])('%s goes out as %s', async (value, wire) => {
		await env.admin.clearRequests();
		await executeNode({
			parameters: { resource: 'subscription', operation: 'updateNextBillingDate', contractId: { __rl: true, mode: 'id', value: '123' }, nextBillingDate: value },
			credentials: env.credentials(),
			continueOnFail: true,
		});
		const [sent] = await requestsSent();
		expect(sent.query.nextBillingDate).toBe(wire);
		onTheWire += 1;
	});
});

describe('the trigger refuses bad options before any request', () => {
	const BAD_OPTIONS: Array<[string, IDataObject]> = [
		...BAD_DATES.map((v) => ['Start From', { options: { startFrom: v } }] as [string, IDataObject]),
		...['abc', '0x10', '1e3', '-1', ' ', OBJECT].map((v) => ['Overlap Window (Seconds)', { options: { overlapWindow: v } }] as [string, IDataObject]),
		...['yes', 1, OBJECT].map((v) => ['Include Subscription Details', { '': { includeSubscriptionDetails: v } }] as [string, IDataObject]),
		...['abc', '0x10', '-1', '0', '1.5', '99999999999999999999', 'gid://shopify/Customer/1', 'gid://shopify/ProductVariant/27510000001', OBJECT].map(
			(v) => ['Subscription ID', { filters: { subscriptionId: v } }] as [string, IDataObject],
		),
	];

	it.each(BAD_OPTIONS.map(([label, parameters]) => [`${label} = ${nameOf(Object.values(Object.values(parameters)[0] as IDataObject)[0])}`, label, parameters] as const))(
		'%s',
		async (_name, label, parameters) => {
			await env.admin.clearRequests();
			const withExpression = JSON.parse(JSON.stringify(parameters)) as IDataObject;
			const group = Object.keys(withExpression)[0];
			const key = Object.keys(withExpression[group] as IDataObject)[0];
			const value = (parameters[group] as IDataObject)[key];
			// Objects reach a parameter only through an expression.
			(withExpression[group] as IDataObject)[key] = typeof value === 'object' ? `={{ ${JSON.stringify(value)} }}` : value;
			// The group '' stands for top-level parameters.
			const parametersSent = group === '' ? { ...(withExpression[''] as IDataObject) } : withExpression;
			let message = '';
			try {
				await runPoll({
					parameters: { events: ['anyEvent'], ...parametersSent } as INodeParameters,
					credentials: env.credentials(),
					staticData: {},
					mode: 'trigger',
				});
			} catch (error) {
				message = (error as Error).message;
			}
			expect(message).toContain(`"${label}"`);
			expect(await requestsSent()).toEqual([]);
			refusals += 1;
		},
	);
});

describe('a required number left out is never sent as a default', () => {
	const REQUIRED_NUMBERS = PLACED.filter(
		(p) => p.parents.length === 0 && p.field.required && (p.field.type === 'number' || p.field.type === 'integer') && p.field.default === undefined,
	);

	it('finds the operations that used to send price=0', () => {
		expect(REQUIRED_NUMBERS.map((p) => `${p.op.resource}.${p.op.operation}.${p.field.name}`).sort()).toEqual([
			'lineItem.addWithPrice.price',
			'lineItem.update.price',
			'lineItem.updatePrice.basePrice',
			'lineItem.updatePricingPolicy.basePrice',
			'subscription.updateDeliveryPrice.deliveryPrice',
		]);
	});

	it.each(REQUIRED_NUMBERS.map((p) => [`${p.op.resource}.${p.op.operation} without ${p.field.label}`, p] as const))('%s', async (_name, placed) => {
		await env.admin.clearRequests();
		const parameters = parametersFor(placed, 'placeholder');
		delete parameters[placed.field.name];
		let message = '';
		try {
			const result = await executeNode({ parameters, credentials: env.credentials(), continueOnFail: true });
			message = String(result.output[0]?.json.error ?? '');
		} catch (error) {
			// n8n itself refuses to start a node with an empty required parameter.
			message = (error as Error).message;
		}
		expect(message).toContain(`"${placed.field.label}"`);
		expect(await requestsSent()).toEqual([]);
		refusals += 1;
	});
});
