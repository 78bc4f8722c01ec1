import { extraBodyField } from '../common';
import { defineResource, type FieldDef, type OperationSpec } from '../types';

const resource = 'deliveryProfile';

const nameField: FieldDef = {
	name: 'name',
	label: 'Name',
	type: 'string',
	in: 'body',
	required: true,
	placeholder: 'e.g. Subscription shipping',
	description: 'The profile’s name as shown in Shopify’s shipping settings',
};

function jsonArrayField(name: string, label: string, description: string, placeholder?: string): FieldDef {
	return { name, label, type: 'json', in: 'body', default: '[]', description, placeholder };
}

const locationInfosV3 = jsonArrayField(
	'locationInfos',
	'Locations (JSON)',
	'The locations that ship with this profile, as a JSON array of {"label", "value"} with the location ID as value',
	'[{"label":"Main warehouse","value":"gid://shopify/Location/123"}]',
);

const operations: OperationSpec[] = [
	{
		operation: 'create',
		name: 'Create',
		action: 'Create a delivery profile',
		description:
			'Create a Shopify delivery profile for subscription plans, with its zones, countries and shipping rates. Use this one for new profiles; the two "From … Format" operations only take request bodies already written in Appstle’s older formats.',
		method: 'POST',
		path: '/delivery-profiles/v3/create-shipping-profile',
		fields: [
			nameField,
			jsonArrayField(
				'sellingPlanGroups',
				'Subscription Plans (JSON)',
				'The subscription plans that use this profile, as a JSON array of {"label", "value"} with the plan ID as value',
				'[{"label":"Coffee club","value":"8830000000"}]',
			),
			locationInfosV3,
			jsonArrayField(
				'zones',
				'Zones (JSON)',
				'Shipping zones as a JSON array: each with countries, restOfWorld and deliveryMethods (name, amount, currencyCode and optional conditions)',
			),
			extraBodyField(),
		],
		idempotent: false,
		effect: 'write',
	},
	{
		operation: 'createV2',
		name: 'Create From Older V2 Format',
		action: 'Create a delivery profile from an older V2 format body',
		description:
			'Only when you already have a request body in Appstle’s V2 format (locations, each with its own rates); for a new profile use Create',
		method: 'POST',
		path: '/delivery-profiles/v2/create-shipping-profile',
		fields: [
			nameField,
			jsonArrayField('locationInfos', 'Locations (JSON)', 'The locations and their shipping rates, as a JSON array in Appstle’s V2 format'),
			extraBodyField(),
		],
		idempotent: false,
		effect: 'write',
	},
	{
		operation: 'createLegacy',
		name: 'Create From Oldest Format',
		action: 'Create a delivery profile from the oldest format body',
		description:
			'Only when you already have a request body in Appstle’s first format (one list of countries and one of delivery methods); for a new profile use Create',
		method: 'POST',
		path: '/delivery-profiles/create-shipping-profile',
		fields: [
			nameField,
			jsonArrayField('deliveryMethodInfo', 'Delivery Methods (JSON)', 'The shipping rates as a JSON array in Appstle’s legacy format'),
			jsonArrayField('countryInfos', 'Countries (JSON)', 'The countries shipped to, as a JSON array in Appstle’s legacy format'),
			jsonArrayField('locationInfos', 'Locations (JSON)', 'The locations that ship, as a JSON array in Appstle’s legacy format'),
			{
				name: 'restOfWorld',
				label: 'Rest of World',
				type: 'boolean',
				in: 'body',
				description: 'Whether the profile also ships to every country not listed',
			},
			extraBodyField(),
		],
		idempotent: false,
		effect: 'write',
	},
];

export const deliveryProfileResource = defineResource(
	{
		value: resource,
		name: 'Delivery Profile',
		description: 'Shopify shipping profiles for subscription plans',
	},
	operations,
);
