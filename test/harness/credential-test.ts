/**
 * A credential type's own `test` request, evaluated the way n8n's `CredentialsTester`
 * (packages/cli/src/services/credentials-tester.service.ts) does for an `ICredentialTestRequest`:
 * apply the credential's defaults, wrap `test.request` as the `routing.request` of a temporary
 * declarative node ("Temp-Node", type n8n-nodes-base.noOp), run it with n8n-core's real
 * `RoutingNode` (expressions resolved with `$credentials`, `authenticate` applied through the
 * credentials helper, real HTTP), then map failures through `rules`:
 * a `responseCode` rule matching the HTTP status gives its message; any other non-2xx gives the
 * status text; a network failure gives the error code (e.g. ECONNREFUSED); success is checked
 * against `responseSuccessBody` rules and otherwise gives 'Connection successful!'.
 *
 * Not covered: tests declared on a node (`credentials[].testedBy`) and OAuth2 credentials.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteData,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import { credentialTypes } from './node-types';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

interface ErrorWithCause {
	message?: string;
	cause?: { code?: string; response?: { status?: number; statusText?: string } };
}

function getPath(data: IDataObject, key: string): unknown {
	let current: unknown = data;
	for (const part of key.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const credentialType = credentialTypes.getByName(type);
	const testRequest = credentialType.test;
	if (!testRequest) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const additionalData = createAdditionalData({ credentials: { [type]: data } });
	const helper = additionalData.credentialsHelper as HarnessCredentialsHelper;
	let decrypted: ICredentialDataDecryptedObject;
	try {
		decrypted = helper.applyDefaultsAndResolve(additionalData, data, type, 'internal');
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: `${type}-harness`,
		name: `${type} (harness)`,
		type,
		data: decrypted,
	};

	const nodeTypeCopy: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const testNodeTypes: INodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeTypeCopy.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: testNodeTypes,
	});
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeTypeCopy, credentialsDecrypted).runNode();
	} catch (caught) {
		const error = caught as ErrorWithCause;
		const httpResponse = error.cause?.response;
		if (httpResponse) {
			const statusCode = httpResponse.status ?? 0;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: httpResponse.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = response?.[0]?.[0]?.json ?? {};
			if (getPath(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
