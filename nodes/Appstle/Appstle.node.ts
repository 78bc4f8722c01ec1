import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import { executeOperation } from './operations/execute';
import { findOperation, RESOURCES } from './operations';
import { nodeProperties } from './operations/properties';

export class Appstle implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Appstle Subscriptions',
		name: 'appstle',
		icon: { light: 'file:../../icons/appstle.svg', dark: 'file:../../icons/appstle.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Manage Appstle subscriptions on Shopify: contracts, orders, products, discounts, customers, plans, bundles and more',
		defaults: { name: 'Appstle Subscriptions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'appstleApi', required: true }],
		properties: nodeProperties(RESOURCES),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const def = findOperation(resource, operation);
		if (!def) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
		}
		return [await executeOperation.call(this, def)];
	}
}
