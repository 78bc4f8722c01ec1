import type { IDataObject } from 'n8n-workflow';

import type { Facts, OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const PATH = `${V2}/subscription-contract-one-offs-by-contractId-and-billing-attempt-id`;

/**
 * Seed facts these cases need beyond `Facts`: a one-time product already on an upcoming
 * order (its contract, order and variant), so the lists have something to list.
 */
type OneOffFacts = Facts;

function fact(f: Facts, key: 'oneOffContractId' | 'oneOffAttemptId' | 'oneOffVariantId'): string {
	const value = (f as OneOffFacts)[key];
	if (!value) throw new Error(`Facts.${key} is missing: these cases need a seeded one-time product`);
	return value;
}

const matches = (record: IDataObject, attemptId: string, variantId: string) =>
	String(record.billingAttemptId) === attemptId && String(record.variantId) === variantId;

export const cases: OperationCase[] = [
	{
		resource: 'oneTimeProduct',
		operation: 'add',
		parameters: (f) => ({
			contractId: byId(`gid://shopify/SubscriptionContract/${f.activeContractId}`),
			billingAttemptId: f.upcomingAttemptId,
			variantId: `gid://shopify/ProductVariant/${f.variantId}`,
			variantHandle: 'sample-product',
			additionalFields: { quantity: 2 },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: PATH,
			query: {
				contractId: f.activeContractId,
				billingAttemptId: f.upcomingAttemptId,
				variantId: f.variantId,
				variantHandle: 'sample-product',
				quantity: '2',
			},
		}),
		output: (items, f) => {
			const added = items.map((i) => i.json).find((r) => matches(r, f.upcomingAttemptId, f.variantId));
			expect(added).toMatchObject({ quantity: 2, variantHandle: 'sample-product' });
			expect(String(added?.subscriptionContractId)).toBe(f.activeContractId);
		},
	},
	{
		resource: 'oneTimeProduct',
		operation: 'remove',
		parameters: (f) => ({
			contractId: byId(fact(f, 'oneOffContractId')),
			billingAttemptId: fact(f, 'oneOffAttemptId'),
			variantId: fact(f, 'oneOffVariantId'),
		}),
		expect: (f) => ({
			method: 'DELETE',
			path: PATH,
			query: {
				contractId: fact(f, 'oneOffContractId'),
				billingAttemptId: fact(f, 'oneOffAttemptId'),
				variantId: fact(f, 'oneOffVariantId'),
			},
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(items[0].json.deleted).toBe(true);
			const remaining = items[0].json.remaining as IDataObject[];
			expect(remaining.some((r) => matches(r, fact(f, 'oneOffAttemptId'), fact(f, 'oneOffVariantId')))).toBe(false);
		},
	},
	{
		resource: 'oneTimeProduct',
		operation: 'getManyForNextOrder',
		parameters: (f) => ({ contractId: byId(fact(f, 'oneOffContractId')), returnAll: true }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/upcoming-subscription-contract-one-offs-by-contractId`,
			query: { contractId: fact(f, 'oneOffContractId') },
		}),
		output: (items, f) => {
			expect(items.some((i) => matches(i.json, fact(f, 'oneOffAttemptId'), fact(f, 'oneOffVariantId')))).toBe(true);
			for (const item of items) expect(String(item.json.subscriptionContractId)).toBe(fact(f, 'oneOffContractId'));
		},
	},
	{
		resource: 'oneTimeProduct',
		operation: 'getMany',
		parameters: (f) => ({ contractId: byId(fact(f, 'oneOffContractId')), returnAll: false, limit: 1 }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-contract-one-offs-by-contractId`,
			query: { contractId: fact(f, 'oneOffContractId') },
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(String(items[0].json.subscriptionContractId)).toBe(fact(f, 'oneOffContractId'));
		},
	},
];
