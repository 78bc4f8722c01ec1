import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

export const cases: OperationCase[] = [
	{
		resource: 'productSwap',
		operation: 'getMany',
		parameters: () => ({ returnAll: true }),
		expect: () => ({ method: 'GET', path: `${V2}/product-swaps` }),
		output: (items, f) => {
			const swap = items.find((i) => String(i.json.id) === f.productSwapId)!.json;
			expect(Array.isArray(swap.sourceVariantList)).toBe(true);
			expect((swap.destinationVariantList as IDataObject[])[0]).toHaveProperty('variantId');
			for (const item of items) expect(item.json).not.toHaveProperty('shop');
		},
	},
	{
		resource: 'productSwap',
		operation: 'getMany',
		title: 'limited, raw',
		parameters: () => ({ returnAll: false, limit: 2, simplify: false }),
		expect: () => ({ method: 'GET', path: `${V2}/product-swaps` }),
		output: (items, f) => {
			expect(items).toHaveLength(2);
			expect(typeof json(items).sourceVariants).toBe('string');
			expect(json(items).shop).toBe(f.shop);
		},
	},
	{
		resource: 'productSwap',
		operation: 'get',
		parameters: (f) => ({ productSwapId: f.productSwapId }),
		expect: (f) => ({ method: 'GET', path: `${V2}/product-swaps/${f.productSwapId}` }),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(String(json(items).id)).toBe(f.productSwapId);
			expect(json(items).name).toEqual(expect.any(String));
			expect((json(items).sourceVariantList as IDataObject[]).length).toBeGreaterThan(0);
		},
	},
	{
		resource: 'productSwap',
		operation: 'delete',
		parameters: (f) => ({ productSwapId: f.productSwapId }),
		expect: (f) => ({ method: 'DELETE', path: `${V2}/product-swaps/${f.productSwapId}` }),
		output: (items, f) => expect(items.map((i) => i.json)).toEqual([{ deleted: true, productSwapId: f.productSwapId }]),
	},
	{
		resource: 'productSwap',
		operation: 'previewSwaps',
		parameters: (f) => ({
			contractId: byId(`gid://shopify/SubscriptionContract/${f.activeContractId}`),
			variantQuantityList: { entries: [{ variantId: f.variantId, quantity: 2 }] },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/product-swaps-by-variant-groups/${f.activeContractId}`,
			body: { variantQuantityList: [{ variantId: Number(f.variantId), quantity: 2 }] },
		}),
		output: (items) => {
			expect(items.length).toBeGreaterThan(0);
			items.forEach((item, i) => {
				expect(item.json.upcomingOrder).toBe(i + 1);
				expect(Array.isArray(item.json.variants)).toBe(true);
			});
		},
	},
];
