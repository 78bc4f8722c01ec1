import type { INodeProperties } from 'n8n-workflow';

import { ANY_WEBHOOK_EVENT, WEBHOOK_EVENTS } from './events';

export const SIGNING_CREDENTIAL = 'appstleWebhookSigningApi';

export const webhookTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Appstle cannot register this URL itself: in the Appstle admin open <b>Settings → Webhooks</b>, click <b>Add Endpoint</b>, paste this node’s <b>Production URL</b> (above, under Webhook URLs) as the endpoint URL and subscribe it to the events you pick below. Then open the endpoint there, reveal its <b>Signing Secret</b> (whsec_…) and put it in this node’s credential. Deliveries without a valid signature are refused with 401.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		description:
			'Which Appstle events start the workflow. Others that Appstle delivers are acknowledged (200) and ignored.',
		options: [
			{
				name: 'Any Event',
				value: ANY_WEBHOOK_EVENT,
				description: 'Every event Appstle delivers to this endpoint, including types not listed here',
			},
			...WEBHOOK_EVENTS.map((event) => ({
				name: event.name,
				value: event.type,
				description: event.description,
			})),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Other Event Names',
				name: 'otherEventNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. subscription.some-new-event',
				description:
					'Appstle event types that are not in the Events list, separated by commas, as they appear in Appstle’s webhook settings',
			},
		],
	},
];
