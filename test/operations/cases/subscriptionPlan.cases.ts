import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;
const sellingPlanGid = (id: string) => `gid://shopify/SellingPlan/${id}`;

/** A selling plan's numeric ID, whether Appstle gives it as `id` or as a GID in `idNew`. */
const planIdOf = (plan: IDataObject) => /(\d+)$/.exec(String(plan.id ?? plan.idNew))?.[1];

/** One simplified subscription plan, the one the facts name. */
function groupOutput(items: Array<{ json: IDataObject }>, groupId: string) {
	expect(items).toHaveLength(1);
	expect(String(json(items).id)).toBe(groupId);
	expect(Array.isArray(json(items).subscriptionPlans)).toBe(true);
}

const strings = (value: unknown) => (value as unknown[]).map(String);

export const cases: OperationCase[] = [
	{
		resource: 'subscriptionPlan',
		operation: 'getMany',
		parameters: () => ({ returnAll: true }),
		expect: () => ({ method: 'GET', path: `${V2}/subscription-groups` }),
		output: (items, f) => {
			expect(items.length).toBeGreaterThan(1);
			const group = items.find((i) => String(i.json.id) === f.subscriptionGroupId)!.json;
			expect(strings(group.productIdList)).toContain(f.productId);
			expect((group.subscriptionPlans as IDataObject[]).map((p) => planIdOf(p))).toContain(f.sellingPlanId);
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'getMany',
		title: 'limited, raw',
		parameters: () => ({ returnAll: false, limit: 1, simplify: false }),
		expect: () => ({ method: 'GET', path: `${V2}/subscription-groups` }),
		output: (items) => {
			expect(items).toHaveLength(1);
			expect(typeof json(items).productIds).toBe('string');
			expect(json(items)).toHaveProperty('subscriptionPlans');
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'get',
		parameters: (f) => ({ subscriptionPlanId: byId(`gid://shopify/SellingPlanGroup/${f.subscriptionGroupId}`) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-groups/${f.subscriptionGroupId}` }),
		output: (items, f) => {
			groupOutput(items, f.subscriptionGroupId);
			const plans = json(items).subscriptionPlans as IDataObject[];
			const plan = plans.find((p) => planIdOf(p) === f.sellingPlanId)!;
			expect(plan.frequencyInterval).toEqual(expect.stringMatching(/^(DAY|WEEK|MONTH|YEAR)$/));
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'create',
		parameters: (f) => ({
			groupName: 'Snack Club',
			subscriptionPlans: JSON.stringify([
				{ frequencyName: 'Every 2 weeks', frequencyCount: 2, frequencyInterval: 'WEEK', planType: 'PAY_AS_YOU_GO', discountEnabled: true, discountType: 'PERCENTAGE', discountOffer: 15 },
			]),
			additionalFields: { productsJson: JSON.stringify([{ id: Number(f.productId) }]) },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/subscription-groups`,
			body: {
				groupName: 'Snack Club',
				subscriptionPlans: [
					{ frequencyName: 'Every 2 weeks', frequencyCount: 2, frequencyInterval: 'WEEK', planType: 'PAY_AS_YOU_GO', discountEnabled: true, discountType: 'PERCENTAGE', discountOffer: 15 },
				],
				productIds: JSON.stringify([{ id: Number(f.productId) }]),
			},
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).groupName).toBe('Snack Club');
			expect(strings(json(items).productIdList)).toEqual([f.productId]);
			const [plan] = json(items).subscriptionPlans as IDataObject[];
			expect(plan).toMatchObject({ frequencyName: 'Every 2 weeks', frequencyInterval: 'WEEK', frequencyCount: 2, discountType: 'PERCENTAGE', discountOffer: 15 });
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'update',
		parameters: (f) => ({
			subscriptionPlanId: byId(f.subscriptionGroupId),
			updateFields: {
				groupName: 'Coffee Club Plus',
				subscriptionPlans: JSON.stringify([{ idNew: sellingPlanGid(f.sellingPlanId), frequencyName: 'Monthly coffee' }]),
			},
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-groups`,
			body: {
				id: Number(f.subscriptionGroupId),
				groupName: 'Coffee Club Plus',
				subscriptionPlans: [{ idNew: sellingPlanGid(f.sellingPlanId), frequencyName: 'Monthly coffee' }],
			},
		}),
		output: (items, f) => {
			groupOutput(items, f.subscriptionGroupId);
			expect(json(items).groupName).toBe('Coffee Club Plus');
			const plans = json(items).subscriptionPlans as IDataObject[];
			expect(plans.find((p) => planIdOf(p) === f.sellingPlanId)?.frequencyName).toBe('Monthly coffee');
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'addProducts',
		parameters: (f) => ({
			subscriptionPlanId: byId(f.subscriptionGroupId),
			additionalFields: { variantIds: `gid://shopify/ProductVariant/${f.variantId}` },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-groups/${f.subscriptionGroupId}/add-products`,
			query: { variantIds: f.variantId },
		}),
		output: (items, f) => {
			groupOutput(items, f.subscriptionGroupId);
			expect(strings(json(items).variantIdList)).toContain(f.variantId);
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'bulkAddProducts',
		parameters: (f) => ({
			subscriptionPlanId: byId(f.subscriptionGroupId),
			additionalFields: { productIds: f.productId, variantIds: f.variantId },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/subscription-groups/${f.subscriptionGroupId}/bulk-add-products`,
			body: { productIds: [Number(f.productId)], variantIds: [Number(f.variantId)] },
		}),
		output: (items, f) => {
			groupOutput(items, f.subscriptionGroupId);
			expect(strings(json(items).variantIdList)).toContain(f.variantId);
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'removeProducts',
		parameters: (f) => ({ subscriptionPlanId: byId(f.subscriptionGroupId), additionalFields: { productIds: f.productId } }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-groups/${f.subscriptionGroupId}/remove-products`,
			query: { productIds: f.productId },
		}),
		output: (items, f) => {
			groupOutput(items, f.subscriptionGroupId);
			expect(strings(json(items).productIdList)).not.toContain(f.productId);
			expect((json(items).productIdList as unknown[]).length).toBeGreaterThan(0);
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'removeProducts',
		title: 'all products',
		parameters: (f) => ({ subscriptionPlanId: byId(f.subscriptionGroupId), additionalFields: { deleteAllProductsAndVariants: true } }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-groups/${f.subscriptionGroupId}/remove-products`,
			query: { deleteAllProductsAndVariants: 'true' },
		}),
		output: (items, f) => {
			groupOutput(items, f.subscriptionGroupId);
			expect(json(items).productCount).toBe(0);
			expect(json(items).productIdList).toEqual([]);
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'removeProductsFromAll',
		parameters: (f) => ({ additionalFields: { productIds: `${f.productId}, gid://shopify/Product/${f.productId}` } }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-groups/remove-products`,
			query: { productIds: `${f.productId},${f.productId}` },
		}),
		output: (items) => expect(items.map((i) => i.json)).toEqual([{ success: true, message: 'Product Deleted Successfully' }]),
	},
	{
		resource: 'subscriptionPlan',
		operation: 'getManySellingPlans',
		parameters: () => ({ returnAll: true }),
		expect: () => ({ method: 'GET', path: `${V2}/subscription-groups/all-selling-plans` }),
		output: (items, f) => {
			const plan = items.find((i) => planIdOf(i.json) === f.sellingPlanId);
			expect(plan?.json.groupName).toEqual(expect.any(String));
			expect(plan?.json.frequencyName).toEqual(expect.any(String));
		},
	},
	{
		resource: 'subscriptionPlan',
		operation: 'getFrequencies',
		parameters: (f) => ({ sellingPlanIds: sellingPlanGid(f.sellingPlanId) }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-contract-details/billing-interval`,
			query: { sellingPlanIds: sellingPlanGid(f.sellingPlanId) },
		}),
		output: (items, f) => {
			expect(items.map((i) => planIdOf(i.json))).toContain(f.sellingPlanId);
			expect(new Set(items.map((i) => i.json.groupName)).size).toBe(1);
		},
	},
];
