import { defineResource, type FieldDef, type OperationSpec } from '../types';

const resource = 'bulkAutomation';

/** Which subscriptions a bulk job covers: a list of IDs, or all of them. */
const targetFields: FieldDef[] = [
	{
		name: 'subscriptionIds',
		label: 'Subscription IDs',
		type: 'idList',
		gidType: 'SubscriptionContract',
		joined: true,
		in: 'body',
		placeholder: 'e.g. 27510000000, 27510000001',
		description: 'The subscriptions to change, comma-separated (numeric IDs or GIDs); not needed with All Subscriptions',
	},
	{
		name: 'allSubscriptions',
		label: 'All Subscriptions',
		type: 'boolean',
		in: 'query',
		description: 'Whether to run the job on every subscription of the shop instead of the listed ones',
	},
];

const operations: OperationSpec[] = [
	{
		operation: 'replaceProduct',
		name: 'Replace Product',
		action: 'Replace a product in many subscriptions',
		description:
			'Replace variants with other variants in the given subscriptions, or in all of them: the first old variant becomes the first new one, and so on. Only one such job can run at a time.',
		notice:
			'Running this starts a background job that replaces the variants in the listed subscriptions, or in all of them; their future orders change. Only one such job runs at a time.',
		method: 'POST',
		path: '/bulk-automations/replace-product',
		fields: [
			{
				name: 'oldVariantIds',
				label: 'Old Variant IDs',
				type: 'idList',
				gidType: 'ProductVariant',
				in: 'query',
				required: true,
				placeholder: 'e.g. 42110000000000, 42110000000001',
				description: 'The variants to replace, comma-separated (numeric IDs or GIDs)',
			},
			{
				name: 'newVariantIds',
				label: 'New Variant IDs',
				type: 'idList',
				gidType: 'ProductVariant',
				in: 'query',
				required: true,
				placeholder: 'e.g. 42110000000100, 42110000000101',
				description: 'Their replacements in the same order, comma-separated (numeric IDs or GIDs)',
			},
			...targetFields,
		],
		idempotent: false,
		effect: 'bulk',
		apiKeyInQuery: true,
	},
	{
		operation: 'hideSubscriptions',
		name: 'Hide Subscriptions',
		action: 'Hide many subscriptions',
		description:
			'Hide the given subscriptions, or all of them, in Appstle. Appstle documents hiding as reversible, but an earlier version of this job cancelled the subscriptions: try it on one subscription first. Only one such job can run at a time.',
		notice:
			'Running this starts a background job that hides the listed subscriptions, or all of them. An earlier version of this job cancelled them: try it on one subscription first.',
		method: 'POST',
		path: '/bulk-automations/hide-subscriptions',
		fields: targetFields,
		idempotent: false,
		effect: 'bulk',
		apiKeyInQuery: true,
	},
];

export const bulkAutomationResource = defineResource(
	{
		value: resource,
		name: 'Bulk Automation',
		description: 'Background jobs that change many subscriptions at once',
	},
	operations,
);
