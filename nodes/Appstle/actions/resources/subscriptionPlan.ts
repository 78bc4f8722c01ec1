import { ENDPOINTS } from '../../shared/endpoints';
import { extraBodyField } from '../common';
import { simplifySellingPlan, simplifySubscriptionGroup } from '../../shared/simplify';
import { defineResource, type FieldDef, type OperationSpec } from '../types';

const resource = 'subscriptionPlan';

const groupOutput = { simplify: simplifySubscriptionGroup };

function subscriptionPlanField(in_: FieldDef['in']): FieldDef {
	return {
		name: 'subscriptionPlanId',
		apiName: 'id',
		label: 'Subscription Plan',
		type: 'id',
		gidType: 'SellingPlanGroup',
		locator: 'subscriptionGroup',
		in: in_,
		required: true,
		description: 'The subscription plan (Shopify selling plan group), by numeric ID or GID',
	};
}

/** Product and variant lists sent as comma lists in the query. */
function productListFields(action: string): FieldDef[] {
	return [
		{
			name: 'productIds',
			label: 'Product IDs',
			type: 'idList',
			gidType: 'Product',
			in: 'query',
			placeholder: 'e.g. 7410000000000, 7410000000001',
			description: `Products to ${action}, comma-separated (numeric IDs or GIDs)`,
		},
		{
			name: 'variantIds',
			label: 'Variant IDs',
			type: 'idList',
			gidType: 'ProductVariant',
			in: 'query',
			placeholder: 'e.g. 42110000000000, 42110000000001',
			description: `Single variants to ${action}, comma-separated (numeric IDs or GIDs)`,
		},
	];
}

const PLANS_EXAMPLE = JSON.stringify(
	[
		{
			frequencyName: 'Delivered every month',
			frequencyCount: 1,
			frequencyInterval: 'MONTH',
			planType: 'PAY_AS_YOU_GO',
			discountEnabled: true,
			discountType: 'PERCENTAGE',
			discountOffer: 10,
		},
	],
	null,
	2,
);

/** Appstle keeps a plan's products as JSON text in the DTO, not as a list. */
const productsJsonFields: FieldDef[] = [
	{
		name: 'productsJson',
		apiName: 'productIds',
		label: 'Products (JSON Text)',
		type: 'string',
		in: 'body',
		description:
			'The plan’s products in Appstle’s JSON text format, as in productIds of Get with Simplify off. Add Products takes plain IDs instead.',
	},
	{
		name: 'variantsJson',
		apiName: 'variantIds',
		label: 'Variants (JSON Text)',
		type: 'string',
		in: 'body',
		description:
			'The plan’s single variants in Appstle’s JSON text format, as in variantIds of Get with Simplify off. Add Products takes plain IDs instead.',
	},
];

const operations: OperationSpec[] = [
	{
		operation: 'getMany',
		name: 'Get Many',
		action: 'Get many subscription plans',
		description: 'List the shop’s subscription plans (selling plan groups) with their selling plans and products',
		method: 'GET',
		path: ENDPOINTS.subscriptionGroups,
		fields: [],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'none' },
		output: groupOutput,
	},
	{
		operation: 'get',
		name: 'Get',
		action: 'Get a subscription plan',
		description: 'Get a subscription plan (selling plan group) with its selling plans and products',
		method: 'GET',
		path: '/subscription-groups/{id}',
		fields: [subscriptionPlanField('path')],
		idempotent: true,
		effect: 'read',
		output: groupOutput,
	},
	{
		operation: 'create',
		name: 'Create',
		action: 'Create a subscription plan',
		description: 'Create a subscription plan (selling plan group) with its selling plans, optionally on some products',
		method: 'POST',
		path: ENDPOINTS.subscriptionGroups,
		fields: [
			{ name: 'groupName', label: 'Name', type: 'string', in: 'body', required: true, placeholder: 'e.g. Subscribe & Save' },
			{
				name: 'subscriptionPlans',
				label: 'Selling Plans (JSON)',
				type: 'json',
				in: 'body',
				required: true,
				default: PLANS_EXAMPLE,
				description:
					'The selling plans as a JSON array. Each needs frequencyName, frequencyCount, frequencyInterval (DAY, WEEK, MONTH or YEAR) and planType (PAY_AS_YOU_GO or PREPAID); discounts, billing frequency and cycle limits are optional.',
			},
			...productsJsonFields,
			extraBodyField(),
		],
		idempotent: false,
		effect: 'write',
		output: groupOutput,
	},
	{
		operation: 'update',
		name: 'Update',
		action: 'Update a subscription plan',
		description:
			'Rename a subscription plan or change its existing selling plans; selling plans cannot be added or removed this way',
		method: 'PUT',
		path: ENDPOINTS.subscriptionGroups,
		fields: [
			subscriptionPlanField('body'),
			{ name: 'groupName', label: 'Name', type: 'string', in: 'body' },
			{
				name: 'subscriptionPlans',
				label: 'Selling Plans (JSON)',
				type: 'json',
				in: 'body',
				description:
					'The selling plans with your changes, as a JSON array (see Get with Simplify off). Each must keep its GID in "idNew", e.g. "gid://shopify/SellingPlan/123".',
			},
			...productsJsonFields,
			extraBodyField(),
		],
		idempotent: true,
		effect: 'write',
		output: groupOutput,
	},
	{
		operation: 'addProducts',
		name: 'Add Products',
		action: 'Add products to a subscription plan',
		description: 'Offer a subscription plan on more products or single variants; give product IDs, variant IDs or both',
		method: 'PUT',
		path: '/subscription-groups/{id}/add-products',
		fields: [subscriptionPlanField('path'), ...productListFields('add')],
		idempotent: true,
		effect: 'write',
		output: groupOutput,
	},
	{
		operation: 'bulkAddProducts',
		name: 'Add Many Products',
		action: 'Add many products to a subscription plan',
		description:
			'Offer a subscription plan on a long list of products or variants, sent in the request body rather than the URL',
		method: 'POST',
		path: '/subscription-groups/{id}/bulk-add-products',
		fields: [
			subscriptionPlanField('path'),
			...productListFields('add').map((field) => ({ ...field, in: 'body' as const })),
		],
		idempotent: true,
		effect: 'write',
		output: groupOutput,
	},
	{
		operation: 'removeProducts',
		name: 'Remove Products',
		action: 'Remove products from a subscription plan',
		description:
			'Stop offering a subscription plan on some products, variants or a collection, or on all of them; existing subscriptions are not changed',
		notice:
			'Running this stops offering this plan on the products chosen (with Remove All Products on, on every product): customers can no longer subscribe to them with it. Existing subscriptions are not changed.',
		method: 'PUT',
		path: '/subscription-groups/{id}/remove-products',
		fields: [
			subscriptionPlanField('path'),
			...productListFields('remove'),
			{
				name: 'collectionId',
				label: 'Collection ID',
				type: 'id',
				gidType: 'Collection',
				in: 'query',
				description: 'Remove every product of this collection (up to 5,000)',
			},
			{
				name: 'deleteAllProductsAndVariants',
				label: 'Remove All Products',
				type: 'boolean',
				in: 'query',
				description: 'Whether to remove every product and variant from the plan',
			},
		],
		idempotent: true,
		effect: 'write',
		output: groupOutput,
	},
	{
		operation: 'removeProductsFromAll',
		name: 'Remove Products From All Plans',
		action: 'Remove products from all subscription plans',
		description:
			'Stop offering every subscription plan of the shop on some products or variants, so they can only be bought once; existing subscriptions are not changed',
		notice:
			'Running this stops offering every subscription plan of the shop on the products chosen, so they can only be bought once. Existing subscriptions are not changed.',
		method: 'PUT',
		path: '/subscription-groups/remove-products',
		fields: productListFields('remove'),
		idempotent: true,
		effect: 'destructive',
	},
	{
		operation: 'getManySellingPlans',
		name: 'Get Many Selling Plans',
		action: 'Get many selling plans',
		description: 'List every selling plan of every subscription plan, with its frequency, discount and group name',
		method: 'GET',
		path: ENDPOINTS.allSellingPlans,
		fields: [],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'none' },
		output: { simplify: simplifySellingPlan },
	},
	{
		operation: 'getFrequencies',
		name: 'Get Frequencies',
		action: 'Get the frequencies offered with selling plans',
		description:
			'List the frequencies a subscription can switch between: every selling plan of each subscription plan that contains one of the given selling plans',
		method: 'GET',
		path: '/subscription-contract-details/billing-interval',
		fields: [
			{
				name: 'sellingPlanIds',
				label: 'Selling Plan GIDs',
				type: 'stringList',
				gidType: 'SellingPlan',
				in: 'query',
				required: true,
				placeholder: 'e.g. gid://shopify/SellingPlan/6890000000',
				description:
					'Selling plans as GIDs, comma-separated, e.g. the sellingPlanId of a subscription line (Appstle compares them as GID text)',
			},
		],
		idempotent: true,
		effect: 'read',
		output: { simplify: simplifySellingPlan },
	},
];

export const subscriptionPlanResource = defineResource(
	{
		value: resource,
		name: 'Subscription Plan',
		description: 'Selling plan groups: frequencies, discounts and the products they are offered on',
	},
	operations,
);
