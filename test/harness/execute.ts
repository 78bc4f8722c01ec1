/**
 * Running workflows in-process with n8n-core's real `WorkflowExecute`, as n8n does for a manual
 * run from the editor ("Execute workflow"): the same engine, node contexts, parameter/expression
 * resolution, HTTP stack (`@n8n/backend-network`), error wrapping and continue-on-fail handling.
 * What is not n8n: node/credential types come from this package's sources, credentials from a
 * fixture, and the lifecycle hooks only capture the run (no database, no push messages).
 */
import { WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IPinData,
	IRun,
	IWorkflowBase,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData, createHooks, nextExecutionId } from './additional-data';
import type { CredentialsFixture } from './credentials-helper';
import { MANUAL_TRIGGER_TYPE, PACKAGE_NAME, nodeTypes } from './node-types';

export const DEFAULT_NODE_TYPE = `${PACKAGE_NAME}.appstle`;
export const DEFAULT_NODE_NAME = 'Appstle';
export const MANUAL_TRIGGER_NAME = 'Manual Trigger';

export interface HarnessWorkflow {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	/** Static data; updated in place after a non-manual run that changed it, as n8n saves it. */
	staticData?: IDataObject;
	/** Pinned output per node name, used instead of running the node (as in n8n's manual runs). */
	pinData?: IPinData;
}

export interface ExecuteWorkflowOptions {
	credentials?: CredentialsFixture;
	/** Default 'manual' (the editor's "Execute workflow"); `n8n execute` uses 'cli'. */
	mode?: WorkflowExecuteMode;
}

export interface NodeRunResult {
	/** `run.status`: 'success' | 'error' | … */
	status: 'success' | 'error' | string;
	/** `main[0]` of the node under test (empty array if none). */
	output: INodeExecutionData[];
	/** All `main` outputs of the node under test. */
	outputs: INodeExecutionData[][];
	/** `run.data.resultData.error` (the node's error), if any. A plain object copy, see README. */
	error?: ExecutionBaseError;
	run: IRun;
}

export interface ExecuteNodeOptions {
	/** Default 'n8n-nodes-appstle.appstle'. */
	type?: string;
	parameters: INodeParameters;
	credentials?: CredentialsFixture;
	/** Items fed into the node (default: the Manual Trigger's single empty item `[{}]`). */
	input?: IDataObject[];
	/** Sets `node.onError = 'continueRegularOutput'`. */
	continueOnFail?: boolean;
	/** Default 'Appstle'. */
	nodeName?: string;
	/** Default: the node's `description.version` (highest if an array). */
	typeVersion?: number;
}

let workflowCounter = 0;

export function jsonCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Replaces the contents of `target` with `source`, keeping `target`'s identity. */
export function replaceContents(target: IDataObject, source: IDataObject): void {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, source);
}

/** Node credential references for every credential type in the fixture. */
export function credentialReferences(credentials: CredentialsFixture = {}): INode['credentials'] {
	const types = Object.keys(credentials);
	if (types.length === 0) return undefined;
	return Object.fromEntries(
		types.map((type) => [type, { id: `${type}-harness`, name: `${type} (harness)` }]),
	);
}

/** Runs a workflow to completion and returns n8n's `IRun` (what `n8n execute --rawOutput` prints). */
export async function executeWorkflow(
	workflow: HarnessWorkflow,
	options: ExecuteWorkflowOptions = {},
): Promise<IRun> {
	const mode = options.mode ?? 'manual';
	workflowCounter += 1;
	const id = `harness-workflow-${workflowCounter}`;
	const name = `Harness workflow ${workflowCounter}`;
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...workflow.settings };
	// The Workflow constructor fills in parameter defaults on the nodes: work on copies.
	const nodes = structuredClone(workflow.nodes);
	const executionId = nextExecutionId();

	const workflowInstance = new Workflow({
		id,
		name,
		nodes,
		connections: workflow.connections,
		nodeTypes,
		settings,
		active: false,
		staticData: workflow.staticData ? jsonCopy(workflow.staticData) : undefined,
		pinData: workflow.pinData,
	});
	const workflowData: IWorkflowBase = {
		id,
		name,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections: workflow.connections,
		settings,
		staticData: workflow.staticData,
		pinData: workflow.pinData,
	};
	const { hooks } = createHooks(mode, executionId, workflowData);
	const additionalData = createAdditionalData({
		credentials: options.credentials,
		executionId,
		hooks,
		workflowId: id,
		workflowSettings: settings,
	});

	// Same entry point as n8n's manual runs: start node = first trigger/poll node (else a
	// STARTING_NODE_TYPES node), one empty item on the stack. Throws WorkflowHasIssuesError
	// (rejecting this promise) when a node has parameter issues, e.g. a missing required parameter.
	const run = await new WorkflowExecute(additionalData, mode).run({
		workflow: workflowInstance,
		pinData: workflow.pinData,
	});
	// n8n saves changed static data after non-manual executions (never after manual ones).
	if (mode !== 'manual' && workflow.staticData && workflowInstance.staticData.__dataChanged === true) {
		replaceContents(workflow.staticData, jsonCopy(workflowInstance.staticData));
	}
	return run;
}

/** `main[outputIndex]` of a node's run (`runIndex`, default the first), or [] if none. */
export function nodeOutput(
	run: IRun,
	nodeName: string,
	outputIndex = 0,
	runIndex = 0,
): INodeExecutionData[] {
	return run.data.resultData.runData[nodeName]?.[runIndex]?.data?.main?.[outputIndex] ?? [];
}

/**
 * Manual Trigger → the node under test. With `input`, the trigger's output is pinned to those
 * items (n8n pin data, as when a user pins trigger output in the editor).
 */
export async function executeNode(options: ExecuteNodeOptions): Promise<NodeRunResult> {
	const type = options.type ?? DEFAULT_NODE_TYPE;
	const nodeName = options.nodeName ?? DEFAULT_NODE_NAME;
	const triggerName = nodeName === MANUAL_TRIGGER_NAME ? `${MANUAL_TRIGGER_NAME} 1` : MANUAL_TRIGGER_NAME;
	const typeVersion = options.typeVersion ?? nodeTypes.latestVersion(type);

	const trigger: INode = {
		id: 'harness-manual-trigger',
		name: triggerName,
		type: MANUAL_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const node: INode = {
		id: 'harness-node-under-test',
		name: nodeName,
		type,
		typeVersion,
		position: [220, 0],
		parameters: options.parameters,
	};
	const credentials = credentialReferences(options.credentials);
	if (credentials) node.credentials = credentials;
	if (options.continueOnFail) node.onError = 'continueRegularOutput';

	const pinData: IPinData | undefined = options.input
		? { [triggerName]: options.input.map((json) => ({ json })) }
		: undefined;

	const run = await executeWorkflow(
		{
			nodes: [trigger, node],
			connections: {
				[triggerName]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
			},
			pinData,
		},
		{ credentials: options.credentials, mode: 'manual' },
	);

	const taskData = run.data.resultData.runData[nodeName]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((items) => items ?? []);
	return {
		status: run.status,
		output: outputs[0] ?? [],
		outputs,
		error: run.data.resultData.error,
		run,
	};
}
