import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

export const cases: OperationCase[] = [
	{
		resource: 'bundle',
		operation: 'create',
		parameters: (f) => ({
			shop: f.shop,
			additionalFields: {
				name: 'Snack Box',
				uniqueRef: 'snack-box',
				minProductCount: 2,
				maxProductCount: 4,
				discount: 12.5,
				bundleRedirect: 'CHECKOUT',
				subscriptionBundlingEnabled: false,
				tieredDiscount: '[{"discountBasedOn":"QUANTITY","quantity":3,"discount":10}]',
			},
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/build-a-box`,
			body: {
				shop: f.shop,
				name: 'Snack Box',
				uniqueRef: 'snack-box',
				minProductCount: 2,
				maxProductCount: 4,
				discount: 12.5,
				bundleRedirect: 'CHECKOUT',
				subscriptionBundlingEnabled: false,
				tieredDiscount: '[{"discountBasedOn":"QUANTITY","quantity":3,"discount":10}]',
			},
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items)).toMatchObject({ shop: f.shop, uniqueRef: 'snack-box', maxProductCount: 4, bundleRedirect: 'CHECKOUT', subscriptionBundlingEnabled: false });
			expect(json(items).id).toEqual(expect.any(Number));
		},
	},
	{
		resource: 'bundle',
		operation: 'create',
		title: 'sold with a subscription plan',
		parameters: (f) => ({
			shop: f.shop,
			additionalFields: { name: 'Second Coffee Box', subscriptionId: `gid://shopify/SellingPlanGroup/${f.subscriptionGroupId}` },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/build-a-box`,
			body: { shop: f.shop, name: 'Second Coffee Box', subscriptionId: Number(f.subscriptionGroupId) },
		}),
		output: (items, f) => expect(String(json(items).subscriptionId)).toBe(f.subscriptionGroupId),
	},
	{
		resource: 'bundle',
		operation: 'update',
		parameters: (f) => ({
			bundleId: f.bundleId,
			shop: f.shop,
			updateFields: { name: 'Coffee Box Deluxe', maxProductCount: 8, extraBody: '{"chooseProductsText": "Pick 3 to 8 coffees"}' },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/build-a-box`,
			body: { id: Number(f.bundleId), shop: f.shop, name: 'Coffee Box Deluxe', maxProductCount: 8, chooseProductsText: 'Pick 3 to 8 coffees' },
		}),
		output: (items, f) => {
			expect(String(json(items).id)).toBe(f.bundleId);
			expect(json(items)).toMatchObject({ name: 'Coffee Box Deluxe', maxProductCount: 8, chooseProductsText: 'Pick 3 to 8 coffees', uniqueRef: f.bundleHandle });
		},
	},
	{
		resource: 'bundle',
		operation: 'get',
		parameters: (f) => ({ bundleId: f.bundleId }),
		expect: (f) => ({ method: 'GET', path: `${V2}/build-a-box/${f.bundleId}` }),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(String(json(items).id)).toBe(f.bundleId);
			expect(json(items).uniqueRef).toBe(f.bundleHandle);
		},
	},
	{
		resource: 'bundle',
		operation: 'getByHandle',
		parameters: (f) => ({ handle: f.bundleHandle }),
		expect: (f) => ({ method: 'GET', path: `${V2}/build-a-box/${f.bundleHandle}` }),
		output: (items, f) => {
			const bundle = json(items).bundle as IDataObject;
			expect(String(bundle.id)).toBe(f.bundleId);
			expect(bundle.bundleHandle).toBe(f.bundleHandle);
			expect(String((json(items).subscription as IDataObject).id)).toBe(f.subscriptionGroupId);
		},
	},
	{
		resource: 'bundle',
		operation: 'getStorefrontBundle',
		parameters: (f) => ({ handle: f.bundleHandle }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-bundlings/external/get-bundle/${f.bundleHandle}` }),
		output: (items, f) => {
			expect((json(items).bundle as IDataObject).uniqueRef).toBe(f.bundleHandle);
			expect((json(items).products as IDataObject[]).map((p) => String(p.id))).toContain(f.productId);
			expect((json(items).subscriptions as IDataObject[]).length).toBeGreaterThan(0);
		},
	},
	{
		resource: 'bundle',
		operation: 'delete',
		// A bundle no active subscription uses: Appstle refuses to delete one in use.
		parameters: (f) => ({ bundleId: f.unusedBundleId }),
		expect: (f) => ({ method: 'DELETE', path: `${V2}/build-a-box/${f.unusedBundleId}` }),
		output: (items, f) => expect(items.map((i) => i.json)).toEqual([{ deleted: true, bundleId: f.unusedBundleId }]),
	},
	{
		resource: 'bundle',
		operation: 'updateProducts',
		parameters: (f) => ({
			bundles: {
				entries: [
					{
						babHandle: f.bundleHandle,
						sourceProducts: {
							entries: [{ sourceProductId: `gid://shopify/Product/${f.productId}`, addSubVariantIds: f.variantId }],
						},
					},
				],
			},
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-bundling/update`,
			body: [
				{
					babHandle: f.bundleHandle,
					sourceProducts: [{ sourceProductId: Number(f.productId), addSubVariantIds: [Number(f.variantId)] }],
				},
			],
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).uniqueRef).toBe(f.bundleHandle);
		},
	},
	{
		resource: 'bundle',
		operation: 'generateDiscount',
		parameters: (f) => ({
			handle: f.bundleHandle,
			cart: JSON.stringify({
				items: [{ product_id: Number(f.productId), variant_id: Number(f.variantId), quantity: 3 }],
				total_price: 4500,
			}),
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-bundlings/discount/${f.bundleHandle}`,
			body: {
				cart: { items: [{ product_id: Number(f.productId), variant_id: Number(f.variantId), quantity: 3 }], total_price: 4500 },
			},
		}),
		output: (items) => {
			expect(json(items).discountNeeded).toBe(true);
			expect(json(items).discountCode).toEqual(expect.any(String));
		},
	},
	{
		resource: 'bundle',
		operation: 'getSettings',
		parameters: () => ({}),
		expect: () => ({ method: 'GET', path: `${V2}/subscription-bundle-settings/0` }),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).shop).toBe(f.shop);
			expect(json(items)).toHaveProperty('addButtonText');
		},
	},
];
