import { extraBodyField, ignoredIdField, shopDomainField } from '../common';
import { defineResource, type FieldDef, type OperationSpec } from '../types';

const resource = 'bundle';

function bundleIdField(in_: FieldDef['in']): FieldDef {
	return {
		name: 'bundleId',
		apiName: 'id',
		label: 'Bundle ID',
		type: 'id',
		in: in_,
		required: true,
		description: 'Appstle’s numeric ID of the build-a-box bundle',
	};
}

function handleField(apiName: string): FieldDef {
	return {
		name: 'handle',
		apiName,
		label: 'Bundle Handle',
		type: 'string',
		in: 'path',
		required: true,
		placeholder: 'e.g. coffee-box',
		description: 'The bundle’s handle (its unique reference in the storefront URL)',
	};
}

/** The settings of a build-a-box bundle (SubscriptionBundlingDTO), all optional. */
const bundleSettingFields: FieldDef[] = [
	{ name: 'name', label: 'Name', type: 'string', in: 'body', placeholder: 'e.g. Build your coffee box' },
	{
		name: 'uniqueRef',
		label: 'Handle',
		type: 'string',
		in: 'body',
		placeholder: 'e.g. coffee-box',
		description: 'The unique reference used in the bundle’s storefront URL',
	},
	{
		name: 'subscriptionBundlingEnabled',
		label: 'Enabled',
		type: 'boolean',
		in: 'body',
		description: 'Whether the bundle is live on the storefront',
	},
	{
		name: 'subscriptionId',
		label: 'Subscription Plan ID',
		type: 'id',
		gidType: 'SellingPlanGroup',
		in: 'body',
		description: 'The subscription plan (selling plan group) the box is sold with, by numeric ID or GID',
	},
	{
		name: 'subscriptionGroup',
		label: 'Subscription Plans (JSON Text)',
		type: 'string',
		in: 'body',
		description: 'Several subscription plans for the box, as JSON text the way Appstle stores them',
	},
	{ name: 'groupName', label: 'Group Name', type: 'string', in: 'body' },
	{ name: 'buildABoxType', label: 'Box Type', type: 'string', in: 'body', placeholder: 'e.g. CLASSIC' },
	{ name: 'minProductCount', label: 'Min Products', type: 'integer', in: 'body', minValue: 0, description: 'The fewest products a box may hold' },
	{ name: 'maxProductCount', label: 'Max Products', type: 'integer', in: 'body', minValue: 0, description: 'The most products a box may hold' },
	{ name: 'minOrderAmount', label: 'Min Order Amount', type: 'number', in: 'body', minValue: 0 },
	{ name: 'discount', label: 'Discount', type: 'number', in: 'body', minValue: 0, description: 'The discount on a full box, as a percentage' },
	{
		name: 'tieredDiscount',
		label: 'Tiered Discounts (JSON Text)',
		type: 'string',
		in: 'body',
		placeholder: '[{"discountBasedOn":"QUANTITY","quantity":3,"discount":10}]',
		description: 'Discount tiers as JSON text: by QUANTITY of products or by AMOUNT spent',
	},
	{
		name: 'singleProductSettings',
		label: 'Single Product Settings (JSON Text)',
		type: 'string',
		in: 'body',
		description: 'Settings of a single-product box, as JSON text the way Appstle stores them',
	},
	{
		name: 'bundleRedirect',
		label: 'After Adding to Cart',
		type: 'options',
		in: 'body',
		options: [
			{ name: 'Go to Cart', value: 'CART' },
			{ name: 'Go to Checkout', value: 'CHECKOUT' },
			{ name: 'Go to Custom URL', value: 'CUSTOM' },
			{ name: 'Stay on the Page', value: 'NONE' },
		],
		default: 'CART',
	},
	{ name: 'customRedirectURL', label: 'Custom Redirect URL', type: 'string', in: 'body', placeholder: 'e.g. https://my-store.com/pages/thanks' },
	{
		name: 'productViewStyle',
		label: 'Product View',
		type: 'options',
		in: 'body',
		options: [
			{ name: 'Quick Add', value: 'QUICK_ADD' },
			{ name: 'View Details', value: 'VIEW_DETAILS' },
		],
		default: 'QUICK_ADD',
	},
	{ name: 'chooseProductsText', label: 'Choose Products Text', type: 'string', in: 'body' },
	{ name: 'proceedToCheckoutButtonText', label: 'Checkout Button Text', type: 'string', in: 'body' },
	{ name: 'bundleTopHtml', label: 'Top HTML', type: 'string', in: 'body', rows: 4, description: 'HTML shown above the products' },
	{ name: 'bundleBottomHtml', label: 'Bottom HTML', type: 'string', in: 'body', rows: 4, description: 'HTML shown below the products' },
	extraBodyField(),
];

const idListOf = (name: string, label: string, gidType: string): FieldDef => ({
	name,
	label,
	type: 'idList',
	gidType,
	in: 'body',
	description: 'Comma-separated numeric IDs or GIDs',
});

const operations: OperationSpec[] = [
	{
		operation: 'create',
		name: 'Create',
		action: 'Create a bundle',
		description: 'Create a build-a-box bundle, where customers pick the products of their subscription box',
		method: 'POST',
		path: '/build-a-box',
		fields: [shopDomainField(), ...bundleSettingFields],
		idempotent: false,
		effect: 'write',
	},
	{
		operation: 'update',
		name: 'Update',
		action: 'Update a bundle',
		description:
			'Save a build-a-box bundle. Appstle replaces the whole bundle with what is sent, so settings left out are cleared: Get the bundle first and send back every setting to keep.',
		method: 'PUT',
		path: '/build-a-box',
		fields: [bundleIdField('body'), shopDomainField(), ...bundleSettingFields],
		idempotent: true,
		effect: 'write',
	},
	{
		operation: 'get',
		name: 'Get',
		action: 'Get a bundle',
		description: 'Get the settings of a build-a-box bundle by its ID',
		method: 'GET',
		path: '/build-a-box/{id}',
		fields: [bundleIdField('path')],
		idempotent: true,
		effect: 'read',
	},
	{
		operation: 'getByHandle',
		name: 'Get by Handle',
		action: 'Get a bundle by handle',
		description: 'Get a build-a-box bundle by its handle, with the subscription plan it is sold with, as the storefront sees it',
		method: 'GET',
		path: '/build-a-box/{handle}',
		fields: [handleField('handle')],
		idempotent: true,
		effect: 'read',
	},
	{
		operation: 'getStorefrontBundle',
		name: 'Get Storefront Bundle',
		action: 'Get a bundle with its products',
		description:
			'Get a build-a-box bundle by its handle with its subscription plans and the products customers can choose from',
		method: 'GET',
		path: '/subscription-bundlings/external/get-bundle/{handle}',
		fields: [handleField('handle')],
		idempotent: true,
		effect: 'read',
	},
	{
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a bundle',
		description:
			'Delete a build-a-box bundle so it is no longer offered. Appstle refuses while subscriptions use it; disable it instead.',
		notice:
			'Running this deletes the bundle: the shop no longer offers it and its settings are gone. Appstle refuses while subscriptions use it.',
		method: 'DELETE',
		path: '/build-a-box/{id}',
		fields: [bundleIdField('path')],
		idempotent: true,
		effect: 'destructive',
	},
	{
		operation: 'updateProducts',
		name: 'Update Products',
		action: 'Update the products of bundles',
		description: 'Add or remove the products and variants offered with source products in one or more build-a-box bundles',
		method: 'PUT',
		path: '/subscription-bundling/update',
		fields: [
			{
				name: 'bundles',
				label: 'Bundles',
				type: 'objectList',
				in: 'bodyRoot',
				required: true,
				fields: [
					{ name: 'babHandle', label: 'Bundle Handle', type: 'string', in: 'body', required: true, placeholder: 'e.g. coffee-box' },
					{
						name: 'sourceProducts',
						label: 'Source Products',
						type: 'objectList',
						in: 'body',
						fields: [
							{
								name: 'sourceProductId',
								label: 'Source Product ID',
								type: 'id',
								gidType: 'Product',
								in: 'body',
								required: true,
							},
							idListOf('addSubProductIds', 'Add Product IDs', 'Product'),
							idListOf('addSubVariantIds', 'Add Variant IDs', 'ProductVariant'),
							idListOf('deleteSubProductIds', 'Remove Product IDs', 'Product'),
							idListOf('deleteSubVariantIds', 'Remove Variant IDs', 'ProductVariant'),
						],
					},
				],
			},
		],
		idempotent: true,
		effect: 'write',
	},
	{
		operation: 'generateDiscount',
		name: 'Generate Discount',
		action: 'Generate a discount code for a bundle',
		description:
			'Create a Shopify discount code for a shopper’s build-a-box cart, based on the bundle’s (tiered) discount; a new code is created on every call',
		method: 'PUT',
		path: '/subscription-bundlings/discount/{token}',
		fields: [
			handleField('token'),
			{
				name: 'cart',
				label: 'Cart (JSON)',
				type: 'json',
				in: 'body',
				required: true,
				default: '{\n  "items": [],\n  "total_price": 0\n}',
				description:
					'The shopper’s cart as Shopify’s /cart.js returns it: items (product_id, variant_id, quantity) and total_price in cents',
			},
		],
		idempotent: false,
		effect: 'write',
	},
	{
		operation: 'getSettings',
		name: 'Get Settings',
		action: 'Get the bundle settings',
		description: 'Get the shop’s build-a-box settings: labels, button texts, colours and redirect',
		method: 'GET',
		path: '/subscription-bundle-settings/{id}',
		fields: [ignoredIdField()],
		idempotent: true,
		effect: 'read',
	},
];

export const bundleResource = defineResource(
	{
		value: resource,
		name: 'Bundle',
		description: 'Build-a-box bundles, their products and discounts',
	},
	operations,
);
