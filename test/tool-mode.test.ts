import type { IDataObject, INodeParameters, INodeType, INodeTypeDescription, INodeTypes } from 'n8n-workflow';
import { deepCopy, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { Appstle } from '../nodes/Appstle/Appstle.node';
import { OPERATIONS, RESOURCES } from '../nodes/Appstle/actions';
import { DEFAULT_TOOL_ANSWER_CHARACTERS, TOOL_LIST_LIMIT } from '../nodes/Appstle/shared/parameters';
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

/**
 * The description an agent's model receives. n8n 2.41 derives the tool variant at load time
 * (packages/cli `createAiTools` → `convertNodeToAiTool`): a deep copy of the description with
 * `usableAsTool.replacements` spread over it, `name` + "Tool", no inputs, an AiTool output, and
 * its own "Tool Description" pair (`descriptionType` Set Automatically + `toolDescription`) only
 * when the node has no `toolDescription` parameter. `toToolVariant` repeats those steps (that
 * package is not a dependency here). The parameters are then resolved by n8n-workflow's own
 * `Workflow` (defaults filled for the shown parameters, as when n8n runs a workflow), and the text
 * comes from the function n8n-core's createNodeAsTool calls: `NodeHelpers.getToolDescriptionForNode`.
 */
function toToolVariant(node: INodeType): INodeType {
	const source = deepCopy(node.description);
	const replacements = typeof source.usableAsTool === 'object' ? source.usableAsTool.replacements : {};
	const description: INodeTypeDescription = { ...source, ...replacements };
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	if (!description.properties.some((p) => p.name === 'toolDescription')) {
		description.properties = [
			{
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			},
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: description.description,
				displayOptions: { show: { descriptionType: ['manual'] } },
			},
			...description.properties,
		];
	}
	return { description, methods: node.methods, execute: node.execute };
}

function modelDescription(tool: INodeType, parameters: INodeParameters): string {
	const type = `${PACKAGE_NAME}.${tool.description.name}`;
	const nodeTypes: INodeTypes = {
		getByName: () => tool,
		getByNameAndVersion: () => tool,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		nodes: [{ id: '1', name: 'Appstle Tool', type, typeVersion: 1, position: [0, 0], parameters }],
		connections: {},
		active: false,
		nodeTypes,
	});
	return NodeHelpers.getToolDescriptionForNode(workflow.getNode('Appstle Tool')!, tool);
}

describe('the description an AI agent’s model receives', () => {
	const tool = toToolVariant(new Appstle());

	it('without our parameter n8n would send only the action name (control)', () => {
		const node = new Appstle();
		const bare: INodeType = {
			...node,
			description: { ...node.description, properties: node.description.properties.filter((p) => p.name !== 'toolDescription') },
		};
		expect(modelDescription(toToolVariant(bare), { resource: 'subscription', operation: 'getMany' })).toBe(
			'Get many subscriptions in Appstle Subscriptions',
		);
	});

	it('n8n adds no "Set Automatically" switch of its own', () => {
		expect(tool.description.properties.some((p) => p.name === 'descriptionType')).toBe(false);
	});

	it('says what Bill Now does, which ID it takes and that it charges', () => {
		const text = modelDescription(tool, { resource: 'order', operation: 'billNow' });
		expect(text).toContain('Bill an order now');
		expect(text).toMatch(/Order \(digits such as 123; from the id field of Get upcoming orders/);
		expect(text).toMatch(/charges the customer’s payment method/);
	});

	it('says which field of Get Many holds the subscription ID, and that Cancel cancels for good', () => {
		const text = modelDescription(tool, { resource: 'subscription', operation: 'cancel' });
		expect(text).toContain('gid://shopify/SubscriptionContract/123');
		expect(text).toContain('subscriptionContractId field of Get many subscriptions (not its id field)');
		expect(text).toMatch(/cancels the subscription for good/);
	});

	it('every operation gets its own description, and reads say they change nothing', () => {
		const seen = new Set<string>();
		for (const resource of RESOURCES) {
			for (const def of resource.operations) {
				const text = modelDescription(tool, { resource: resource.value, operation: def.operation });
				expect(text.startsWith(`${def.action} in Appstle Subscriptions:`)).toBe(true);
				if (def.effect === 'read') expect(text).toContain('Reads only');
				expect(text.length).toBeLessThan(1024);
				seen.add(text);
			}
		}
		expect(seen.size).toBe(OPERATIONS.length);
	});

	it('a builder’s own text wins', () => {
		expect(modelDescription(tool, { resource: 'order', operation: 'billNow', toolDescription: 'Bill the order.' })).toBe('Bill the order.');
	});

	it('the regular node does not show the parameter', () => {
		const shown = new Appstle().description.properties.filter((p) => p.name === 'toolDescription');
		expect(shown.every((p) => JSON.stringify(p.displayOptions?.show?.['@tool']) === '[true]')).toBe(true);
	});
});

describe('a tool error says the next step', () => {
	it('an unknown subscription names the field of Get Many that holds valid IDs', async () => {
		const result = await executeNode({
			type: TOOL_TYPE,
			parameters: { resource: 'subscription', operation: 'get', contractId: { __rl: true, mode: 'id', value: '1001' } },
			credentials: env.credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Appstle answered 400: Contract not found\. Next step: .*Subscription comes from the subscriptionContractId field of Get many subscriptions \(not its id field\)/);
	});

	it('outside tool mode the message stays Appstle’s own words', async () => {
		const result = await executeNode({
			type: `${PACKAGE_NAME}.appstle`,
			parameters: { resource: 'subscription', operation: 'get', contractId: { __rl: true, mode: 'id', value: '1001' } },
			credentials: env.credentials(),
		});
		expect(result.error?.message).toBe('Appstle answered 400: Contract not found');
	});
});
