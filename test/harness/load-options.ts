/**
 * Running a node's `methods.listSearch` / `methods.loadOptions` through n8n-core's real
 * `LoadOptionsContext`, as the editor does when a user opens a "From List" locator or a
 * dynamic dropdown: the node's current parameters, its credential, no execution.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, INodeParameters, INodePropertyOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialsFixture } from './credentials-helper';
import { credentialReferences, DEFAULT_NODE_NAME, DEFAULT_NODE_TYPE } from './execute';
import { nodeTypes } from './node-types';

interface LoadOptionsTarget {
	parameters?: INodeParameters;
	credentials?: CredentialsFixture;
	type?: string;
}

function contextFor(target: LoadOptionsTarget, path: string) {
	const type = target.type ?? DEFAULT_NODE_TYPE;
	const typeVersion = nodeTypes.latestVersion(type);
	const node: INode = {
		id: 'harness-load-options-node',
		name: DEFAULT_NODE_NAME,
		type,
		typeVersion,
		position: [0, 0],
		parameters: target.parameters ?? {},
		credentials: credentialReferences(target.credentials),
	};
	const workflow = new Workflow({
		id: 'harness-load-options-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = createAdditionalData({ credentials: target.credentials, workflowId: workflow.id });
	// As n8n's DynamicNodeParametersService does: dependent searches read the editor's current values.
	additionalData.currentNodeParameters = target.parameters ?? {};
	const nodeType = nodeTypes.getByNameAndVersion(type, typeVersion);
	return { context: new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, path), nodeType };
}

export async function runListSearch(
	method: string,
	options: LoadOptionsTarget & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { context, nodeType } = contextFor(options, 'parameters');
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`No listSearch method ${method}`);
	return await search.call(context, options.filter, options.paginationToken);
}

export async function runLoadOptions(method: string, options: LoadOptionsTarget): Promise<INodePropertyOptions[]> {
	const { context, nodeType } = contextFor(options, 'parameters');
	const load = nodeType.methods?.loadOptions?.[method];
	if (!load) throw new Error(`No loadOptions method ${method}`);
	return await load.call(context);
}
