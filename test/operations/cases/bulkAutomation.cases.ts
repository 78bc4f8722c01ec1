import type { OperationCase } from '../types';

const V2 = '/api/external/v2';

export const cases: OperationCase[] = [
	{
		resource: 'bulkAutomation',
		operation: 'replaceProduct',
		title: 'listed subscriptions, GIDs accepted',
		parameters: (f) => ({
			oldVariantIds: `gid://shopify/ProductVariant/${f.variantId}`,
			newVariantIds: f.variantId,
			additionalFields: { subscriptionIds: `${f.activeContractId}, gid://shopify/SubscriptionContract/${f.pausedContractId}` },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/bulk-automations/replace-product`,
			query: { oldVariantIds: f.variantId, newVariantIds: f.variantId },
			body: { subscriptionIds: `${f.activeContractId},${f.pausedContractId}` },
		}),
		output: (items) => expect(items.map((i) => i.json)).toEqual([{ success: true }]),
	},
	{
		resource: 'bulkAutomation',
		operation: 'replaceProduct',
		title: 'all subscriptions',
		parameters: (f) => ({
			oldVariantIds: f.variantId,
			newVariantIds: f.variantId,
			additionalFields: { allSubscriptions: true },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/bulk-automations/replace-product`,
			query: { oldVariantIds: f.variantId, newVariantIds: f.variantId, allSubscriptions: 'true' },
		}),
		output: (items) => expect(items.map((i) => i.json)).toEqual([{ success: true }]),
	},
	{
		resource: 'bulkAutomation',
		operation: 'hideSubscriptions',
		parameters: (f) => ({ additionalFields: { subscriptionIds: f.cancelledContractId } }),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/bulk-automations/hide-subscriptions`,
			body: { subscriptionIds: f.cancelledContractId },
		}),
		output: (items) => expect(items.map((i) => i.json)).toEqual([{ success: true }]),
	},
];
