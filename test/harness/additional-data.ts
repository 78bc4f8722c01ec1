/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * `IWorkflowExecuteAdditionalData` for in-process runs: what n8n's
 * `WorkflowExecuteAdditionalData.getBase()` provides, minus everything that needs the CLI's DI
 * container or a database (sub-workflows, runners, AI events throw or no-op).
 */
import { Container } from '@n8n/di';
import { ErrorReporter, ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { type CredentialsFixture, HarnessCredentialsHelper } from './credentials-helper';

let executionCounter = 0;

export function nextExecutionId(): string {
	executionCounter += 1;
	return `harness-${executionCounter}`;
}

export interface Deferred<T> {
	promise: Promise<T>;
	resolve: (value: T) => void;
	reject: (error: Error) => void;
}

/** n8n-workflow 2.x no longer exports createDeferredPromise; this is the same thing. */
export function createDeferred<T>(): Deferred<T> {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const BASE_URL = 'http://localhost:5678';

let errorReporterQuieted = false;

/**
 * WorkflowExecute reports every node error to n8n's ErrorReporter, which (without Sentry) logs
 * the error and its cause chain with stacks, as in n8n's server log. In tests that is noise for
 * every expected failure, so it is silenced unless N8N_HARNESS_LOG_ERRORS is set.
 */
function quietErrorReporter(): void {
	if (errorReporterQuieted || process.env.N8N_HARNESS_LOG_ERRORS) return;
	errorReporterQuieted = true;
	const reporter = Container.get(ErrorReporter) as unknown as { report: () => void };
	reporter.report = () => {};
}

const notSupported = (what: string) => async (): Promise<never> => {
	throw new Error(`${what} is not supported by the in-process test harness`);
};

export function createAdditionalData(options: {
	credentials?: CredentialsFixture;
	executionId?: string;
	hooks?: ExecutionLifecycleHooks;
	workflowId?: string;
	workflowSettings?: IWorkflowSettings;
}): IWorkflowExecuteAdditionalData {
	quietErrorReporter();
	return {
		credentialsHelper: new HarnessCredentialsHelper(options.credentials),
		executionId: options.executionId,
		hooks: options.hooks,
		workflowId: options.workflowId,
		workflowSettings: options.workflowSettings,
		userId: 'harness-user',
		variables: {},
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: BASE_URL,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: notSupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: notSupported('Task runners (Code node)'),
	};
}

/** Lifecycle hooks whose `workflowExecuteAfter` resolves the returned promise with the run. */
export function createHooks(
	mode: WorkflowExecuteMode,
	executionId: string,
	workflowData: IWorkflowBase,
): { hooks: ExecutionLifecycleHooks; finished: Promise<IRun> } {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const deferred = createDeferred<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => deferred.resolve(run));
	return { hooks, finished: deferred.promise };
}
