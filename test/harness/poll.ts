/**
 * Running a polling trigger's `poll()` through n8n-core's real `PollContext`.
 *
 * What n8n does in production, and what is reproduced here:
 *
 * - Active workflow ('trigger' mode). On activation n8n builds one `Workflow` from the stored
 *   workflow (its `staticData` column included) and one `PollContext(workflow, node,
 *   additionalData, 'trigger', activation)`, runs `poll()` once immediately and then on every
 *   `pollTimes` tick, reusing that same Workflow, so the node's static data lives on in memory
 *   between polls. `getWorkflowStaticData('node')` is `workflow.staticData['node:<node name>']`.
 *   A non-null result is emitted (a new execution starts) and n8n saves `workflow.staticData` to
 *   the database (JSON). Here: each call builds the Workflow from a JSON copy of `staticData`,
 *   runs `poll()` once with mode 'trigger' / activation 'activate', and afterwards writes the
 *   Workflow's static data back into the `staticData` object you passed, in place, as plain JSON
 *   (what the database holds). It is written back whatever poll() returned, and also when it
 *   threw (the in-memory state n8n keeps); note that n8n only writes it to the database when a
 *   poll emits items, so after a restart changes made by null-returning polls are lost.
 * - Manual run ("Fetch Test Event" in the editor). n8n runs the trigger through
 *   `WorkflowExecute` in 'manual' mode, which calls `poll()` with `new PollContext(workflow,
 *   node, additionalData, 'manual', 'manual')`, and never persists static data of manual
 *   executions. Here: mode 'manual' runs poll() on a throw-away copy; the `staticData` object you
 *   passed is never modified, whatever the node writes.
 * - Poll budget. n8n 2.41 passes `getPollBudgetMs` as PollContext's last constructor argument
 *   (default 5 minutes; durable/leased polls get the scheduler's timeout minus a margin). Here:
 *   `pollBudgetMs` is passed the same way; when it is undefined the method is deleted from the
 *   context, as on n8n versions without it, so nodes must feature-detect it.
 */
import { PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IPollFunctions,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialsFixture } from './credentials-helper';
import { credentialReferences, jsonCopy, replaceContents } from './execute';
import { PACKAGE_NAME, nodeTypes } from './node-types';

export const DEFAULT_TRIGGER_TYPE = `${PACKAGE_NAME}.appstleTrigger`;
export const DEFAULT_TRIGGER_NAME = 'Appstle Trigger';

export interface RunPollOptions {
	parameters: INodeParameters;
	credentials?: CredentialsFixture;
	/** Pass the same object across calls to keep state; updated in place as n8n would persist it. */
	staticData?: IDataObject;
	/** Default 'trigger'. */
	mode?: 'manual' | 'trigger';
	/** If set, getPollBudgetMs() returns it; if undefined, getPollBudgetMs is absent (older hosts). */
	pollBudgetMs?: number;
	/** Default 'n8n-nodes-appstle.appstleTrigger'. */
	type?: string;
	/** Default 'Appstle Trigger'. */
	nodeName?: string;
	/** Default: the node's `description.version` (highest if an array). */
	typeVersion?: number;
}

export interface RunPollResult {
	/** What poll() returned. */
	output: INodeExecutionData[][] | null;
	/** The `staticData` object passed in (or a new one), holding the persisted state. */
	staticData: IDataObject;
}

let pollWorkflowCounter = 0;

export async function runPoll(options: RunPollOptions): Promise<RunPollResult> {
	const type = options.type ?? DEFAULT_TRIGGER_TYPE;
	const nodeName = options.nodeName ?? DEFAULT_TRIGGER_NAME;
	const mode: WorkflowExecuteMode = options.mode ?? 'trigger';
	const persisted = options.staticData ?? {};
	const typeVersion = options.typeVersion ?? nodeTypes.latestVersion(type);
	const nodeType = nodeTypes.getByNameAndVersion(type, typeVersion);
	if (typeof nodeType.poll !== 'function') {
		throw new Error(`Node type ${type} has no poll() method`);
	}

	const node: INode = {
		id: 'harness-poll-node',
		name: nodeName,
		type,
		typeVersion,
		position: [0, 0],
		parameters: options.parameters,
	};
	const credentials = credentialReferences(options.credentials);
	if (credentials) node.credentials = credentials;

	pollWorkflowCounter += 1;
	const workflowId = `harness-poll-workflow-${pollWorkflowCounter}`;
	const workflow = new Workflow({
		id: workflowId,
		name: `Harness poll workflow ${pollWorkflowCounter}`,
		nodes: [structuredClone(node)],
		connections: {},
		nodeTypes,
		settings: { executionOrder: 'v1' },
		active: mode === 'trigger',
		staticData: jsonCopy(persisted),
	});
	const workflowNode = workflow.getNode(nodeName);
	if (!workflowNode) throw new Error(`Node ${nodeName} missing from the poll workflow`);

	const additionalData = createAdditionalData({
		credentials: options.credentials,
		workflowId,
		workflowSettings: workflow.settings,
	});
	const { pollBudgetMs } = options;
	const context = new PollContext(
		workflow,
		workflowNode,
		additionalData,
		mode,
		mode === 'manual' ? 'manual' : 'activate',
		// runPoll returns poll()'s result itself; n8n's __emit would start an execution with it.
		() => {},
		(error) => {
			throw error;
		},
		undefined,
		undefined,
		undefined,
		pollBudgetMs === undefined ? undefined : () => pollBudgetMs,
	);
	if (pollBudgetMs === undefined) {
		delete (context as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
	}

	// n8n saves static data only when it changed (`__dataChanged`, set by its ObservableObject).
	const persist = () => {
		if (mode !== 'manual' && workflow.staticData.__dataChanged === true) {
			replaceContents(persisted, jsonCopy(workflow.staticData));
		}
	};
	let output: INodeExecutionData[][] | null;
	try {
		output = await nodeType.poll.call(context);
	} finally {
		persist();
	}
	return { output, staticData: persisted };
}
