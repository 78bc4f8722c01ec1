import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { enumOptions, EVENT_SOURCES } from '../shared/activityLog';
import { ANY_EVENT, TRIGGER_EVENTS } from './events';
import { DEFAULT_OVERLAP_SECONDS } from '../shared/parameters';

const eventOptions: INodePropertyOptions[] = [
	{
		name: 'Any Event',
		value: ANY_EVENT,
		description: 'Every activity-log entry that passes the filters below',
	},
	...TRIGGER_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
].sort((a, b) => a.name.localeCompare(b.name));

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options: eventOptions,
		description: 'The subscription events to trigger on. Each one becomes its own item, oldest first.',
	},
	{
		displayName: 'Include Subscription Details',
		name: 'includeSubscriptionDetails',
		type: 'boolean',
		default: true,
		description:
			'Whether to add the subscription (customer, status, next billing date, products) to each event about one, as `subscription`, and fill in `customerName` and `customerEmail`. Costs one request per subscription per poll.',
	},
	{
		displayName: 'Ignore Changes via API',
		name: 'ignoreApiChanges',
		type: 'boolean',
		default: true,
		description:
			"Whether to skip events Appstle records as made through its API (event source MERCHANT_EXTERNAL_API). Keep this on when the workflow changes subscriptions through Appstle's API, e.g. with the Appstle Subscriptions node, so that those changes do not trigger the workflow again in a loop.",
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Narrow the chosen events down further. Appstle applies these before sending events.',
		options: [
			{
				displayName: 'Event Sources',
				name: 'eventSources',
				type: 'multiOptions',
				default: [],
				options: enumOptions(EVENT_SOURCES),
				description: 'Only events that came from these places, e.g. the customer portal',
			},
			{
				displayName: 'Subscription ID',
				name: 'subscriptionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 27510000001 or gid://shopify/SubscriptionContract/27510000001',
				description: 'Only events of this subscription contract, by numeric ID or GID',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Overlap Window (Seconds)',
				name: 'overlapWindow',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_OVERLAP_SECONDS,
				description:
					'How far back each poll reads again, to catch events Appstle records late. Events already emitted are never emitted twice.',
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				description:
					'On first activation, emit the events since this time instead of only those after activation. Changing it starts over from the new time.',
			},
		],
	},
];
