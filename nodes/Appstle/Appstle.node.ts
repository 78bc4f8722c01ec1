import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import { executeOperation } from './actions/execute';
import { findOperation, RESOURCES } from './actions';
import { nodeProperties, subtitleExpression } from './actions/description';

export class Appstle implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Appstle Subscriptions',
		name: 'appstle',
		icon: { light: 'file:../../icons/appstle.svg', dark: 'file:../../icons/appstle.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(RESOURCES),
		description:
			'Manage Appstle subscriptions on Shopify: contracts, orders, products, discounts, customers, plans, bundles and more',
		defaults: { name: 'Appstle Subscriptions' },
		usableAsTool: {
			replacements: {
				description:
					'Reads and changes Shopify subscriptions managed by Appstle: find subscriptions, customers and orders; pause, skip, reschedule, swap products, change billing dates and addresses. Some operations charge the customer (Bill Now), email them, or cancel and remove; their descriptions say so.',
			},
		},
		builderHint: {
			searchHint:
				'Appstle Subscriptions for Shopify: subscription contracts, upcoming and past orders (billing attempts), pause, activate, cancel, skip, reschedule, bill now, swap or add products, discounts, customers, selling plans, bundles. Use the Appstle Subscriptions Trigger to start on billing failures, cancellations or pauses.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-appstle.appstleTrigger', relationHint: 'Starts workflows on Appstle subscription events' },
				{ nodeType: 'n8n-nodes-base.shopify', relationHint: 'The store’s products, orders and customers behind the subscriptions' },
				{ nodeType: 'n8n-nodes-base.slack', relationHint: 'Alert a team about failed billings or cancellations' },
				{ nodeType: 'n8n-nodes-base.gmail', relationHint: 'Email customers or staff about their subscriptions' },
			],
		},
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
