import type { IDataObject } from 'n8n-workflow';

import type { Facts, OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;
const discounts = (items: Array<{ json: IDataObject }>) => ((json(items).discounts as IDataObject).nodes ?? []) as IDataObject[];

/**
 * Seed facts these cases need beyond `Facts`: a valid discount code, and a contract that
 * carries a discount (with that discount's ID), so Remove has something to remove.
 */
type DiscountFacts = Facts;

function fact(f: Facts, key: 'discountContractId' | 'discountId'): string {
	const value = (f as DiscountFacts)[key];
	if (!value) throw new Error(`Facts.${key} is missing: the Remove case needs a seeded contract discount`);
	return value;
}

const codeOf = (f: Facts) => (f as DiscountFacts).discountCode ?? 'WELCOME10';

export const cases: OperationCase[] = [
	{
		resource: 'discount',
		operation: 'apply',
		parameters: (f) => ({ contractId: byId(f.activeContractId), discountCode: codeOf(f) }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-apply-discount`,
			query: { contractId: f.activeContractId, discountCode: codeOf(f) },
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).id).toBe(`gid://shopify/SubscriptionContract/${f.activeContractId}`);
			expect(discounts(items)).toContainEqual(expect.objectContaining({ title: codeOf(f), type: 'CODE_DISCOUNT' }));
		},
	},
	{
		resource: 'discount',
		operation: 'add',
		title: 'percentage for three orders',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			additionalFields: { discountType: 'PERCENTAGE', percentage: 15, discountTitle: 'Loyalty', recurringCycleLimit: 3 },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-add-discount`,
			query: {
				contractId: f.activeContractId,
				discountType: 'PERCENTAGE',
				percentage: '15',
				discountTitle: 'Loyalty',
				recurringCycleLimit: '3',
			},
		}),
		output: (items) => {
			const added = discounts(items).find((d) => d.title === 'Loyalty');
			expect(added).toMatchObject({ type: 'MANUAL', value: { percentage: 15 }, recurringCycleLimit: 3 });
			expect(String(added?.id)).toMatch(/^gid:\/\/shopify\/SubscriptionManualDiscount\//);
		},
	},
	{
		resource: 'discount',
		operation: 'add',
		title: 'fixed amount per item, contract GID, raw',
		parameters: (f) => ({
			contractId: byId(`gid://shopify/SubscriptionContract/${f.activeContractId}`),
			simplify: false,
			additionalFields: { discountType: 'FIXED_AMOUNT', amount: 4.5, appliesOnEachItem: true },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-add-discount`,
			query: { contractId: f.activeContractId, discountType: 'FIXED_AMOUNT', amount: '4.5', appliesOnEachItem: 'true' },
		}),
		output: (items, f) => {
			expect(json(items).id).toBe(`gid://shopify/SubscriptionContract/${f.activeContractId}`);
			const nodes = (json(items).discounts as IDataObject).nodes as IDataObject[];
			const fixed = nodes.map((d) => d.value as IDataObject).find((v) => v.appliesOnEachItem === true);
			expect(Number((fixed?.amount as IDataObject).amount)).toBe(4.5);
		},
	},
	{
		resource: 'discount',
		operation: 'remove',
		parameters: (f) => ({ contractId: byId(fact(f, 'discountContractId')), discountId: fact(f, 'discountId') }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-remove-discount`,
			query: { contractId: fact(f, 'discountContractId'), discountId: fact(f, 'discountId') },
		}),
		output: (items, f) => {
			expect(json(items).id).toBe(`gid://shopify/SubscriptionContract/${fact(f, 'discountContractId')}`);
			expect(discounts(items).map((d) => d.id)).not.toContain(fact(f, 'discountId'));
		},
	},
];
