/**
 * In-process n8n harness: real n8n-core `WorkflowExecute` / `PollContext` / `RoutingNode`,
 * real credential authentication and real HTTP, no database or DI setup.
 * See test/harness/README.md for usage and the behaviours node authors should know.
 */
export type { CredentialsFixture } from './credentials-helper';
export {
	executeNode,
	executeWorkflow,
	nodeOutput,
	DEFAULT_NODE_NAME,
	DEFAULT_NODE_TYPE,
	MANUAL_TRIGGER_NAME,
} from './execute';
export type {
	ExecuteNodeOptions,
	ExecuteWorkflowOptions,
	HarnessWorkflow,
	NodeRunResult,
} from './execute';
export { runPoll, DEFAULT_TRIGGER_NAME, DEFAULT_TRIGGER_TYPE } from './poll';
export type { RunPollOptions, RunPollResult } from './poll';
export { testCredential } from './credential-test';
export { runListSearch, runLoadOptions } from './load-options';
export type { CredentialTestResult } from './credential-test';
export {
	MANUAL_TRIGGER_TYPE,
	PACKAGE_NAME,
	packageLoadIssues,
	registerCredentialType,
	registerNodeType,
} from './node-types';
export type { LoadIssue } from './node-types';
export { runWebhook, DEFAULT_WEBHOOK_TRIGGER_NAME, DEFAULT_WEBHOOK_TRIGGER_TYPE } from './webhook';
export type { RunWebhookOptions, RunWebhookResult } from './webhook';
