/**
 * Running a webhook trigger's `webhook()` through n8n-core's real `WebhookContext`.
 *
 * What n8n 2.41 does for a production webhook call (packages/cli live-webhooks.ts and
 * webhook-helpers.ts), and what is reproduced here:
 *
 * - Per request, n8n builds a `Workflow` from the stored workflow (its `staticData` column
 *   included), reads the body (`req.rawBody`, a Buffer, and `req.body` parsed for JSON), and
 *   calls `webhook()` with `new WebhookContext(workflow, node, additionalData, 'webhook',
 *   webhookData, [], null)`, where `additionalData.httpRequest` / `httpResponse` are Express's
 *   request and response. Here: a plain request object with `headers` (lower-cased names, as
 *   Node's http gives them), `rawBody`, `body` and `method`, and a response object that records
 *   `status()` / `json()` / `send()` / `end()`.
 * - When the webhook answers (whatever it returned), n8n saves `workflow.staticData` if the node
 *   changed it (`__dataChanged`), then starts an execution when `workflowData` was returned.
 *   Here: the static data is written back, as JSON, into the object you passed, under the same
 *   rule; `mode: 'manual'` (the editor's "Execute step" / "Execute workflow") never writes it back.
 *   n8n serialises the static data when its database write runs; `deferSave` leaves that moment
 *   to the test (`result.save()`), so concurrent requests can load and save in any interleaving.
 * - The answer: with `noWebhookResponse` what the node wrote to the response; otherwise
 *   `webhookResponse` with the webhook description's response code (200), or, with
 *   `workflowData`, 200 and n8n's "Workflow was started" (responseMode onReceived).
 */
import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialsFixture } from './credentials-helper';
import { credentialReferences, jsonCopy, replaceContents } from './execute';
import { PACKAGE_NAME, nodeTypes } from './node-types';

export const DEFAULT_WEBHOOK_TRIGGER_TYPE = `${PACKAGE_NAME}.appstleWebhookTrigger`;
export const DEFAULT_WEBHOOK_TRIGGER_NAME = 'Appstle Webhook Trigger';

export interface RunWebhookOptions {
	parameters: INodeParameters;
	credentials?: CredentialsFixture;
	/** Header names are lower-cased, as Node's http server delivers them. */
	headers: Record<string, string>;
	/** The body exactly as sent. */
	rawBody: Buffer | string;
	/** Pass the same object across calls to keep state; updated in place as n8n saves it. */
	staticData?: IDataObject;
	/** Default 'webhook' (a published workflow); 'manual' is the editor's "Execute step" / "Execute workflow". */
	mode?: 'webhook' | 'manual';
	type?: string;
	nodeName?: string;
	/** Default: a new ID per call (a node's in-process state is per workflow and node ID). */
	workflowId?: string;
	/**
	 * Save the static data only when `result.save()` is called (as n8n's database write, which
	 * serialises the data then), instead of when webhook() returns.
	 */
	deferSave?: boolean;
}

export interface RunWebhookResult {
	/** The HTTP status the caller gets. */
	status: number;
	/** What the caller gets as body (JSON value), if anything. */
	body: unknown;
	/** webhook()'s own result. */
	result: IWebhookResponseData;
	/** The items that would start an execution, or undefined when none starts. */
	items: IDataObject[] | undefined;
	staticData: IDataObject;
	/** With `deferSave`: writes the static data back now, if the node changed it. */
	save: () => void;
}

class RecordingResponse {
	statusCode = 200;
	body: unknown;
	ended = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(value: unknown): this {
		this.body = value;
		this.ended = true;
		return this;
	}

	send(value?: unknown): this {
		this.body = value;
		this.ended = true;
		return this;
	}

	end(): this {
		this.ended = true;
		return this;
	}
}

let webhookWorkflowCounter = 0;

export async function runWebhook(options: RunWebhookOptions): Promise<RunWebhookResult> {
	const type = options.type ?? DEFAULT_WEBHOOK_TRIGGER_TYPE;
	const nodeName = options.nodeName ?? DEFAULT_WEBHOOK_TRIGGER_NAME;
	const mode: WorkflowExecuteMode = options.mode ?? 'webhook';
	const persisted = options.staticData ?? {};
	const typeVersion = nodeTypes.latestVersion(type);
	const nodeType = nodeTypes.getByNameAndVersion(type, typeVersion);
	if (typeof nodeType.webhook !== 'function') throw new Error(`Node type ${type} has no webhook() method`);
	const description = nodeType.description.webhooks?.[0];
	if (!description) throw new Error(`Node type ${type} declares no webhooks`);

	const node: INode = {
		id: 'harness-webhook-node',
		name: nodeName,
		type,
		typeVersion,
		position: [0, 0],
		parameters: options.parameters,
		webhookId: 'harness-webhook-id',
	};
	const credentials = credentialReferences(options.credentials);
	if (credentials) node.credentials = credentials;

	webhookWorkflowCounter += 1;
	const workflowId = options.workflowId ?? `harness-webhook-workflow-${webhookWorkflowCounter}`;
	const workflow = new Workflow({
		id: workflowId,
		name: `Harness webhook workflow ${webhookWorkflowCounter}`,
		nodes: [structuredClone(node)],
		connections: {},
		nodeTypes,
		settings: { executionOrder: 'v1' },
		active: mode !== 'manual',
		staticData: jsonCopy(persisted),
	});
	const workflowNode = workflow.getNode(nodeName);
	if (!workflowNode) throw new Error(`Node ${nodeName} missing from the webhook workflow`);

	const rawBody = Buffer.isBuffer(options.rawBody) ? options.rawBody : Buffer.from(options.rawBody, 'utf8');
	let parsed: unknown = {};
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		parsed = {};
	}
	const request = { method: 'POST', headers: { ...options.headers }, rawBody, body: parsed, query: {}, params: {} };
	const response = new RecordingResponse();
	const additionalData = createAdditionalData({
		credentials: options.credentials,
		workflowId,
		workflowSettings: workflow.settings,
	});
	additionalData.httpRequest = request as never;
	additionalData.httpResponse = response as never;

	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: nodeName,
		path: `${node.webhookId}/${String(description.path)}`,
		webhookDescription: description,
		workflowId,
		webhookId: node.webhookId,
		workflowExecuteAdditionalData: additionalData,
	};
	const context = new WebhookContext(workflow, workflowNode, additionalData, mode, webhookData, [], null);
	const save = () => {
		if (mode !== 'manual' && workflow.staticData.__dataChanged === true) {
			replaceContents(persisted, jsonCopy(workflow.staticData));
		}
	};
	let result: IWebhookResponseData;
	try {
		result = await nodeType.webhook.call(context);
	} finally {
		if (!options.deferSave) save();
	}

	let status: number;
	let body: unknown;
	if (result.noWebhookResponse) {
		status = response.statusCode;
		body = response.body;
	} else if (result.workflowData === undefined) {
		status = 200;
		body = result.webhookResponse ?? { message: 'Webhook call received' };
	} else {
		status = 200;
		body = result.webhookResponse ?? { message: 'Workflow was started' };
	}
	const items = result.workflowData?.[0]?.map((item) => item.json);
	return { status, body, result, items, staticData: persisted, save: options.deferSave ? save : () => undefined };
}
