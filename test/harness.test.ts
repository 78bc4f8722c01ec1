/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AppstleApi, DEFAULT_REQUESTS_PER_SECOND } from '../credentials/AppstleApi.credentials';
import { EchoApi } from './fixtures/harness/EchoApi.node';
import { EchoTrigger } from './fixtures/harness/EchoTrigger.node';
import {
	type CredentialsFixture,
	executeNode,
	executeWorkflow,
	nodeOutput,
	registerNodeType,
	runPoll,
	testCredential,
} from './harness';

/** A node with a required parameter, to show how n8n refuses to start a run with issues. */
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- a test-only node, never shipped
class RequiredParameter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Required Parameter',
		name: 'requiredParameter',
		group: ['transform'],
		version: 1,
		description: 'Harness fixture',
		defaults: { name: 'Required Parameter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'ID', name: 'id', type: 'string', default: '', required: true }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const ECHO_API = 'harness-fixtures.echoApi';
const ECHO_TRIGGER = 'harness-fixtures.echoTrigger';
const GOOD_KEY = 'good-key';

interface SeenRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	apiKey: string | undefined;
}

const seen: SeenRequest[] = [];
let server: Server;
let baseUrl: string;
let closedPortUrl: string;

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json') {
	res.writeHead(status, { 'content-type': contentType });
	res.end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse) {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const apiKey = req.headers['x-api-key'] as string | undefined;
	const request: SeenRequest = {
		method: req.method ?? '',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		apiKey,
	};
	seen.push(request);
	if (url.pathname === '/echo') return send(res, 200, request);
	if (url.pathname === '/fail') return send(res, 500, { message: 'boom' });
	if (url.pathname === '/api/external/v2/subscription-contract-details') {
		if (apiKey === GOOD_KEY) return send(res, 200, []);
		return send(
			res,
			401,
			{
				type: 'https://www.jhipster.tech/problem/problem-with-message',
				title: 'Unauthorized',
				status: 401,
				detail: 'Invalid API key',
			},
			'application/problem+json',
		);
	}
	return send(res, 404, { message: 'not found' });
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
	const instance = createServer(handler);
	await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
	return instance;
}

function urlOf(instance: Server): string {
	return `http://127.0.0.1:${(instance.address() as AddressInfo).port}`;
}

function credentials(overrides: ICredentialDataDecryptedObject = {}): CredentialsFixture {
	return {
		appstleApi: {
			apiKey: GOOD_KEY,
			environment: 'custom',
			baseUrl,
			customRateLimits: true,
			requestsPerSecond: 50,
			burst: 50,
			...overrides,
		},
	};
}

beforeAll(async () => {
	registerNodeType(ECHO_API, new EchoApi());
	registerNodeType(ECHO_TRIGGER, new EchoTrigger());
	registerNodeType('harness-fixtures.requiredParameter', new RequiredParameter());
	server = await listen(handle);
	baseUrl = urlOf(server);
	const closed = await listen(() => undefined);
	closedPortUrl = urlOf(closed);
	await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	seen.length = 0;
});

describe('executeNode', () => {
	it('runs Manual Trigger → node with real HTTP and generic credential auth', async () => {
		const result = await executeNode({
			type: ECHO_API,
			nodeName: 'Echo',
			parameters: { message: 'hi' },
			credentials: credentials(),
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(result.output).toEqual([
			{
				json: {
					method: 'GET',
					path: '/echo',
					query: { message: 'hi' },
					apiKey: GOOD_KEY,
					nodeVersion: 2,
					requestsPerSecond: 50,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(seen).toEqual([
			{ method: 'GET', path: '/echo', query: { message: 'hi' }, apiKey: GOOD_KEY },
		]);
		expect(result.run.mode).toBe('manual');
	});

	it('feeds input items, resolves expressions per item and applies credential defaults', async () => {
		const withoutRate = credentials().appstleApi;
		delete withoutRate.requestsPerSecond;
		const result = await executeNode({
			type: ECHO_API,
			nodeName: 'Echo',
			typeVersion: 1,
			parameters: { message: '={{ $json.word }}' },
			input: [{ word: 'one' }, { word: 'two' }],
			credentials: { appstleApi: withoutRate },
		});

		expect(result.status).toBe('success');
		expect(result.output.map((item) => item.json.query)).toEqual([
			{ message: 'one' },
			{ message: 'two' },
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output[0].json.nodeVersion).toBe(1);
		// The credential type's default, as n8n applies it in getDecrypted.
		expect(result.output[0].json.requestsPerSecond).toBe(DEFAULT_REQUESTS_PER_SECOND);
	});

	it('with continueOnFail, turns a failing item into an error item', async () => {
		const result = await executeNode({
			type: ECHO_API,
			nodeName: 'Echo',
			parameters: { path: '/fail' },
			credentials: credentials(),
			continueOnFail: true,
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(typeof result.output[0].json.error).toBe('string');
		expect(result.output[0].json.error).toMatch(/process your request|500/);
	});

	it('when the node itself throws under continueOnFail, n8n passes the input through and (as the last node) marks the run as error', async () => {
		const result = await executeNode({
			type: ECHO_API,
			nodeName: 'Echo',
			parameters: { path: '/fail', handleErrorsPerItem: false },
			input: [{ id: 7 }],
			credentials: credentials(),
			continueOnFail: true,
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The service was not able to process your request');
		expect(result.output).toEqual([{ json: { id: 7 }, pairedItem: { item: 0 } }]);
		expect(result.run.data.resultData.runData.Echo[0].executionStatus).toBe('error');
	});

	it('an HTTP error fails the run with a NodeApiError', async () => {
		const result = await executeNode({
			type: ECHO_API,
			nodeName: 'Echo',
			parameters: { path: '/fail' },
			credentials: credentials(),
		});

		expect(result.status).toBe('error');
		expect(result.output).toEqual([]);
		expect(result.outputs).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/process your request/);
		expect((result.error as unknown as IDataObject).httpCode).toBe('500');
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Echo');
	});

	it('a closed port gives status error with n8n’s connection-refused message', async () => {
		const result = await executeNode({
			type: ECHO_API,
			nodeName: 'Echo',
			parameters: {},
			credentials: credentials({ baseUrl: closedPortUrl }),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The service refused the connection - perhaps it is offline');
	});

	it('a 401 is retried once by httpRequestWithAuthentication, then fails with n8n’s message', async () => {
		const result = await executeNode({
			type: ECHO_API,
			nodeName: 'Echo',
			parameters: { path: '/api/external/v2/subscription-contract-details' },
			credentials: credentials({ apiKey: 'wrong-key' }),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Authorization failed - please check your credentials');
		expect((result.error as unknown as IDataObject).httpCode).toBe('401');
		expect(seen).toHaveLength(2);
	});

	it('pinned empty input: the node does not run', async () => {
		const result = await executeNode({
			type: ECHO_API,
			nodeName: 'Echo',
			parameters: {},
			input: [],
			credentials: credentials(),
		});

		expect(result.status).toBe('success');
		expect(result.output).toEqual([]);
		expect(result.run.data.resultData.runData.Echo).toBeUndefined();
		expect(seen).toEqual([]);
	});

	it('rejects (does not run) when a node has parameter issues, as n8n refuses to start', async () => {
		await expect(
			executeNode({ type: 'harness-fixtures.requiredParameter', parameters: {} }),
		).rejects.toThrow(/node has issues:\n- Parameter "ID" is required/);
	});

	it('without credentials the node fails as in n8n', async () => {
		const result = await executeNode({ type: ECHO_API, nodeName: 'Echo', parameters: {} });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Node does not have any credentials set');
		expect(seen).toEqual([]);
	});

	it('rejects unknown node types with the known ones listed', async () => {
		await expect(executeNode({ type: 'harness-fixtures.nope', parameters: {} })).rejects.toThrow(
			/Unrecognized node type: harness-fixtures\.nope.*harness-fixtures\.echoApi/s,
		);
	});
});

describe('executeWorkflow', () => {
	it('runs workflow JSON written for a real n8n (n8n-nodes-base.manualTrigger)', async () => {
		const nodes: INode[] = [
			{
				id: 'a',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b',
				name: 'First',
				type: ECHO_API,
				typeVersion: 2,
				position: [200, 0],
				parameters: { message: 'first' },
				credentials: { appstleApi: { id: '1', name: 'Appstle' } },
			},
			{
				id: 'c',
				name: 'Second',
				type: ECHO_API,
				typeVersion: 2,
				position: [400, 0],
				parameters: { message: "={{ $('First').item.json.query.message }}-second" },
				credentials: { appstleApi: { id: '1', name: 'Appstle' } },
			},
		];
		const run = await executeWorkflow(
			{
				nodes,
				connections: {
					'When clicking ‘Execute workflow’': {
						main: [[{ node: 'First', type: 'main', index: 0 }]],
					},
					First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] },
				},
			},
			{ credentials: credentials() },
		);

		expect(run.status).toBe('success');
		expect(run.finished).toBe(true);
		expect(nodeOutput(run, 'When clicking ‘Execute workflow’')).toEqual([
			{ json: {}, pairedItem: { item: 0 } },
		]);
		expect(nodeOutput(run, 'Second')[0].json.query).toEqual({ message: 'first-second' });
		expect(nodeOutput(run, 'Missing')).toEqual([]);
		expect(seen.map((request) => request.apiKey)).toEqual([GOOD_KEY, GOOD_KEY]);
		// The caller's node objects are not modified (n8n fills in parameter defaults on its copy).
		expect(nodes[1].parameters).toEqual({ message: 'first' });
	});
});

describe('runPoll', () => {
	it('keeps the node’s static data across polls like an active workflow', async () => {
		const staticData: IDataObject = {};
		const first = await runPoll({
			type: ECHO_TRIGGER,
			nodeName: 'Echo Trigger',
			parameters: {},
			staticData,
		});
		expect(first.output).toEqual([
			[{ json: { poll: 1, budgetMs: null, activation: 'activate', api: null } }],
		]);
		expect(first.staticData).toBe(staticData);
		expect(staticData).toEqual({
			'node:Echo Trigger': { polls: 1, lastPollAt: '2024-01-01T00:00:00.000Z' },
		});

		const second = await runPoll({
			type: ECHO_TRIGGER,
			nodeName: 'Echo Trigger',
			parameters: { nullOnEven: true },
			staticData,
		});
		expect(second.output).toBeNull();
		expect(staticData).toEqual({
			'node:Echo Trigger': { polls: 2, lastPollAt: '2024-01-02T00:00:00.000Z' },
		});

		const third = await runPoll({
			type: ECHO_TRIGGER,
			nodeName: 'Echo Trigger',
			parameters: { nullOnEven: true },
			staticData,
		});
		expect(third.output?.[0][0].json.poll).toBe(3);
	});

	it('manual mode returns the sample and never changes the persisted state', async () => {
		const staticData: IDataObject = { 'node:Echo Trigger': { polls: 5 } };
		const before = structuredClone(staticData);

		const manual = await runPoll({
			type: ECHO_TRIGGER,
			nodeName: 'Echo Trigger',
			parameters: {},
			staticData,
			mode: 'manual',
		});
		expect(manual.output).toEqual([
			[{ json: { sample: true, budgetMs: null, activation: 'manual', api: null } }],
		]);
		expect(staticData).toEqual(before);

		// Even a node that writes state in manual mode: n8n discards static data of manual runs.
		const writing = await runPoll({
			type: ECHO_TRIGGER,
			nodeName: 'Echo Trigger',
			parameters: { writeInManualMode: true },
			staticData,
			mode: 'manual',
		});
		expect(writing.staticData).toEqual(before);
		expect(staticData).toEqual(before);
	});

	it('passes the poll budget, or leaves getPollBudgetMs out', async () => {
		const withBudget = await runPoll({
			type: ECHO_TRIGGER,
			nodeName: 'Echo Trigger',
			parameters: {},
			pollBudgetMs: 1234,
		});
		expect(withBudget.output?.[0][0].json.budgetMs).toBe(1234);

		const manualWithBudget = await runPoll({
			type: ECHO_TRIGGER,
			nodeName: 'Echo Trigger',
			parameters: {},
			mode: 'manual',
			pollBudgetMs: 99,
		});
		expect(manualWithBudget.output?.[0][0].json.budgetMs).toBe(99);
	});

	it('authenticates requests made from poll()', async () => {
		const result = await runPoll({
			type: ECHO_TRIGGER,
			nodeName: 'Echo Trigger',
			parameters: { callApi: true },
			credentials: credentials(),
		});
		expect(result.output?.[0][0].json.api).toMatchObject({ path: '/echo', apiKey: GOOD_KEY });
		expect(result.staticData).toEqual({
			'node:Echo Trigger': { polls: 1, lastPollAt: '2024-01-01T00:00:00.000Z' },
		});
	});
});

describe('testCredential', () => {
	const appstleApi = new AppstleApi();
	const rule401 = appstleApi.test.rules?.find(
		(rule) => rule.type === 'responseCode' && rule.properties.value === 401,
	);

	it('returns OK for a key the API accepts', async () => {
		const result = await testCredential('appstleApi', credentials().appstleApi);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(seen).toEqual([
			{
				method: 'GET',
				path: '/api/external/v2/subscription-contract-details',
				query: { page: '0', size: '1' },
				apiKey: GOOD_KEY,
			},
		]);
	});

	it('returns the credential’s 401 rule message for a wrong key', async () => {
		const result = await testCredential(
			'appstleApi',
			credentials({ apiKey: 'wrong-key' }).appstleApi,
		);

		expect(rule401?.properties.message).toBeTruthy();
		expect(result).toEqual({ status: 'Error', message: rule401?.properties.message });
		expect(seen[0].apiKey).toBe('wrong-key');
	});

	it('returns the error code when nothing listens', async () => {
		const result = await testCredential(
			'appstleApi',
			credentials({ baseUrl: closedPortUrl }).appstleApi,
		);

		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
