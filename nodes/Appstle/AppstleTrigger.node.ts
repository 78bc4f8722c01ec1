import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties } from './trigger/description';
import { pollActivityLog } from './trigger/poll';

export class AppstleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Appstle Subscriptions Trigger',
		name: 'appstleTrigger',
		icon: { light: 'file:../../icons/appstle.svg', dark: 'file:../../icons/appstle.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).length + " event(s)" }}',
		description:
			'Starts the workflow on Appstle subscription events (failed billings, cancellations, pauses and more) from the activity log',
		defaults: { name: 'Appstle Subscriptions Trigger' },
		polling: true,
		builderHint: {
			searchHint:
				'Starts a workflow on Appstle subscription events on Shopify: billing failed or succeeded, subscription created, cancelled, paused or activated, order skipped, product or address changed. Polls Appstle’s activity log.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-appstle.appstle', relationHint: 'Acts on the subscription the event is about' },
				{ nodeType: 'n8n-nodes-base.slack', relationHint: 'Alert a team about failed billings or cancellations' },
				{ nodeType: 'n8n-nodes-base.gmail', relationHint: 'Email customers or staff about the event' },
			],
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'appstleApi', required: true }],
		// A copy per instance: n8n's loader prepends its Poll Times parameter to this array.
		properties: [...triggerProperties],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollActivityLog.call(this);
	}
}
