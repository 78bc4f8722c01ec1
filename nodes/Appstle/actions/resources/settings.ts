import { ignoredIdField } from '../common';
import { defineResource, type OperationSpec } from '../types';

const resource = 'setting';

const operations: OperationSpec[] = [
	{
		operation: 'getCancellationSettings',
		name: 'Get Cancellation Settings',
		action: 'Get the cancellation settings',
		description:
			'Get how cancellations work in the shop: the cancellation flow, the reasons customers can pick, pause and discount offers',
		method: 'GET',
		path: '/cancellation-managements/{id}',
		fields: [ignoredIdField()],
		idempotent: true,
		effect: 'read',
	},
	{
		operation: 'getCustomCss',
		name: 'Get Custom CSS',
		action: 'Get the custom CSS',
		description: 'Get the shop’s custom CSS for the subscription widget, the customer portal and bundles',
		method: 'GET',
		path: '/subscription-custom-csses/{id}',
		fields: [ignoredIdField()],
		idempotent: true,
		effect: 'read',
	},
	{
		operation: 'regenerateScripts',
		name: 'Regenerate Widget Scripts',
		action: 'Regenerate the storefront widget scripts',
		description:
			'Rebuild the subscription widget scripts of the shop’s theme, e.g. after changing widget settings or the theme; runs in the background',
		method: 'GET',
		path: '/theme-settings/regenerate-scripts-for-shop',
		fields: [],
		idempotent: true,
		effect: 'write',
	},
];

export const settingsResource = defineResource(
	{
		value: resource,
		name: 'Setting',
		description: 'Shop-wide Appstle settings: cancellation flow, custom CSS, widget scripts',
	},
	operations,
);
