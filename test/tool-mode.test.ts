import type { IDataObject, INodeType } from 'n8n-workflow';

import { Appstle } from '../nodes/Appstle/Appstle.node';
import { DEFAULT_TOOL_ANSWER_CHARACTERS, TOOL_LIST_LIMIT } from '../nodes/Appstle/actions/toolMode';
import { executeNode, registerNodeType } from './harness';
import { PACKAGE_NAME } from './harness/node-types';
import { startTestSandbox, type TestSandbox } from './support';

/**
 * The node as an AI agent's tool. n8n derives `<package>.appstleTool` from `usableAsTool`: the
 * same node with a name ending in "Tool", which is what the `'@tool'` display option and the
 * node's own tool-mode check look at. The variant registered here is exactly that; n8n's
 * converter itself (tool-generation in the n8n package) only adds the agent plumbing around it.
 */

const TOOL_TYPE = `${PACKAGE_NAME}.appstleTool`;

let env: TestSandbox;

beforeAll(async () => {
	env = await startTestSandbox();
	const node = new Appstle();
	const tool: INodeType = {
		description: { ...node.description, name: 'appstleTool', displayName: 'Appstle Subscriptions Tool' },
		methods: node.methods,
		execute: node.execute,
	};
	registerNodeType(TOOL_TYPE, tool);
});

afterAll(async () => {
	await env?.stop();
});

const getMany = (type: string, parameters: IDataObject = {}) =>
	executeNode({
		type,
		parameters: { resource: 'subscription', operation: 'getMany', ...parameters },
		credentials: env.credentials(),
	});

describe('tool mode', () => {
	it('answers simplified, with a small default limit', async () => {
		const result = await getMany(TOOL_TYPE);
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(TOOL_LIST_LIMIT);
		for (const item of result.output) {
			expect(item.json).not.toHaveProperty('contractDetailsJSON');
			expect(item.json).toHaveProperty('lineSummary');
		}
		expect(JSON.stringify(result.output.map((i) => i.json)).length).toBeLessThanOrEqual(DEFAULT_TOOL_ANSWER_CHARACTERS);
	});

	it('ignores a stored Simplify off: the toggle is hidden for agents', async () => {
		const result = await getMany(TOOL_TYPE, { simplify: false, toolLimit: 2 });
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json).not.toHaveProperty('contractDetailsJSON');
	});

	it('keeps an answer within the size set, and says what it left out', async () => {
		const result = await getMany(TOOL_TYPE, { returnAll: true, toolMaxCharacters: 3000 });
		const answer = result.output.map((i) => i.json);
		expect(JSON.stringify(answer).length).toBeLessThanOrEqual(3000);
		const marker = answer[answer.length - 1];
		expect(marker.truncated).toBe(true);
		const total = env.sandbox.state.contracts.length;
		expect(String(marker.note)).toContain(`of ${total} records were left out`);
		expect(answer.length).toBeGreaterThan(1);
		for (const item of result.output) expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('returns only the fields asked for, or all but the fields excluded', async () => {
		const only = await getMany(TOOL_TYPE, { toolLimit: 3, toolFields: 'include', toolFieldNames: 'subscriptionContractId, status' });
		expect(only.output.map((i) => Object.keys(i.json).sort())).toEqual([
			['status', 'subscriptionContractId'],
			['status', 'subscriptionContractId'],
			['status', 'subscriptionContractId'],
		]);
		const except = await getMany(TOOL_TYPE, { toolLimit: 1, toolFields: 'exclude', toolFieldNames: 'lineSummary,customerEmail' });
		expect(except.output[0].json).not.toHaveProperty('lineSummary');
		expect(except.output[0].json).not.toHaveProperty('customerEmail');
		expect(except.output[0].json).toHaveProperty('subscriptionContractId');
	});

	it('a single record larger than the answer size keeps its scalar fields and is marked', async () => {
		const contract = env.sandbox.state.contracts[0];
		const result = await executeNode({
			type: TOOL_TYPE,
			parameters: {
				resource: 'subscription',
				operation: 'get',
				contractId: { __rl: true, mode: 'id', value: String(contract.contractId) },
				toolMaxCharacters: 500,
			},
			credentials: env.credentials(),
		});
		expect(result.output).toHaveLength(1);
		const json = result.output[0].json;
		expect(json.truncated).toBe(true);
		expect(json.id).toBe(`gid://shopify/SubscriptionContract/${contract.contractId}`);
		expect(JSON.stringify(json).length).toBeLessThanOrEqual(500);
	});
});

describe('outside tool mode nothing changes', () => {
	it('the regular node keeps Limit 50, Simplify off and every field', async () => {
		const result = await getMany(`${PACKAGE_NAME}.appstle`, { simplify: false });
		expect(result.output).toHaveLength(50);
		expect(result.output[0].json).toHaveProperty('contractDetailsJSON');
		expect(result.output.some((i) => i.json.truncated)).toBe(false);
	});

	it('the tool-mode parameters are shown only to the tool variant', () => {
		const properties = new Appstle().description.properties;
		const toolOnly = properties.filter((p) => p.displayOptions?.show?.['@tool']);
		expect(toolOnly.map((p) => p.name)).toEqual(expect.arrayContaining(['toolFields', 'toolFieldNames', 'toolMaxCharacters', 'toolLimit']));
		const simplify = properties.filter((p) => p.name === 'simplify');
		expect(simplify.every((p) => JSON.stringify(p.displayOptions?.hide) === JSON.stringify({ '@tool': [true] }))).toBe(true);
	});
});
