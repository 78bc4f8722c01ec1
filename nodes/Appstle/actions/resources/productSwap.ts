import type { IDataObject } from 'n8n-workflow';

import { contractField } from '../common';
import { simplifyProductSwap } from '../../shared/simplify';
import { defineResource, type FieldDef, type OperationSpec } from '../types';

const resource = 'productSwap';

const productSwapId: FieldDef = {
	name: 'productSwapId',
	apiName: 'id',
	label: 'Product Swap ID',
	type: 'id',
	in: 'path',
	required: true,
	description: 'Appstle’s numeric ID of the product swap rule',
};

/**
 * Appstle answers one variant list per upcoming order (the next five), as the swap rules
 * will have changed them: one item per order.
 */
function upcomingOrders(body: unknown): IDataObject[] {
	const orders = Array.isArray(body) ? body : [];
	return orders.map((variants, index) => ({
		upcomingOrder: index + 1,
		variants: (Array.isArray(variants) ? variants : [variants]) as IDataObject[],
	}));
}

const operations: OperationSpec[] = [
	{
		operation: 'getMany',
		name: 'Get Many',
		action: 'Get many product swaps',
		description: 'List the shop’s product swap rules: which variants are swapped for which, and when',
		method: 'GET',
		path: '/product-swaps',
		fields: [],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'none' },
		output: { simplify: simplifyProductSwap },
	},
	{
		operation: 'get',
		name: 'Get',
		action: 'Get a product swap',
		description: 'Get a product swap rule: which variants are swapped for which, and when',
		method: 'GET',
		path: '/product-swaps/{id}',
		fields: [productSwapId],
		idempotent: true,
		effect: 'read',
		output: { simplify: simplifyProductSwap },
	},
	{
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a product swap',
		description: 'Delete a product swap rule, so it no longer changes the products of future orders',
		notice:
			'Running this deletes the product swap rule: future orders are no longer swapped by it, and restoring it means creating the rule again',
		method: 'DELETE',
		path: '/product-swaps/{id}',
		fields: [productSwapId],
		idempotent: true,
		effect: 'write',
	},
	{
		operation: 'previewSwaps',
		name: 'Preview Swaps',
		action: 'Preview the product swaps of a subscription',
		description:
			'Show what the product swap rules will make of a subscription’s products: one item per upcoming order with its variants. Nothing is changed.',
		method: 'POST',
		path: '/product-swaps-by-variant-groups/{contractId}',
		fields: [
			contractField('path'),
			{
				name: 'variantQuantityList',
				label: 'Current Products',
				type: 'objectList',
				in: 'body',
				required: true,
				description: 'The subscription’s current products and quantities, which the swap rules start from',
				fields: [
					{ name: 'variantId', label: 'Variant ID', type: 'id', gidType: 'ProductVariant', in: 'body', required: true },
					{ name: 'quantity', label: 'Quantity', type: 'integer', in: 'body', required: true, minValue: 1, default: 1 },
				],
			},
		],
		idempotent: true,
		effect: 'read',
		output: { items: upcomingOrders },
	},
];

export const productSwapResource = defineResource(
	{
		value: resource,
		name: 'Product Swap',
		description: 'Rules that swap the products of subscriptions automatically',
	},
	operations,
);
