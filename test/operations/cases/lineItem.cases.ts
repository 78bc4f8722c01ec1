import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;
/** Lines of a raw Shopify contract (simplify off). */
const rawLines = (items: Array<{ json: IDataObject }>) => ((json(items).lines as IDataObject).nodes ?? []) as IDataObject[];
/** The raw lines with the facts the cases compare: IDs as digits, the price as a string. */
const lines = (items: Array<{ json: IDataObject }>) =>
	rawLines(items).map((l) => ({
		lineId: l.id,
		variantId: String(l.variantId).replace(/^gid:\/\/shopify\/ProductVariant\//, ''),
		quantity: l.quantity,
		price: (l.currentPrice as IDataObject | undefined)?.amount,
		sellingPlanId: l.sellingPlanId,
		sellingPlanName: l.sellingPlanName,
	}));
const lineOf = (items: Array<{ json: IDataObject }>, lineId: string) => lines(items).find((l) => l.lineId === lineId);
const attributesOf = (items: Array<{ json: IDataObject }>, lineId: string) =>
	((rawLines(items).find((l) => l.id === lineId)?.customAttributes ?? []) as IDataObject[]).map(({ key, value }) => ({ key, value }));

function contractOutput(items: Array<{ json: IDataObject }>, contractId: string) {
	expect(items).toHaveLength(1);
	expect(json(items).id).toBe(`gid://shopify/SubscriptionContract/${contractId}`);
}

export const cases: OperationCase[] = [
	{
		resource: 'lineItem',
		operation: 'add',
		parameters: (f) => ({
			simplify: false,
			contractId: byId(`gid://shopify/SubscriptionContract/${f.activeContractId}`),
			variantId: f.variantId,
			quantity: 2,
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-add-line-item`,
			query: { contractId: f.activeContractId, variantId: f.variantId, quantity: '2' },
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			const added = lines(items).filter((l) => l.lineId !== f.lineId && l.lineId !== f.secondLineId);
			expect(added).toContainEqual(expect.objectContaining({ variantId: f.variantId, quantity: 2 }));
		},
	},
	{
		resource: 'lineItem',
		operation: 'add',
		title: 'one-time, variant GID',
		parameters: (f) => ({
			simplify: false,
			contractId: byId(f.activeContractId),
			variantId: `gid://shopify/ProductVariant/${f.variantId}`,
			quantity: 1,
			additionalFields: { isOneTimeProduct: true },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-add-line-item`,
			query: {
				contractId: f.activeContractId,
				variantId: `gid://shopify/ProductVariant/${f.variantId}`,
				quantity: '1',
				isOneTimeProduct: 'true',
			},
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			// A one-time product goes on the next order, not on the subscription's lines.
			expect(lines(items).every((l) => l.lineId === f.lineId || l.lineId === f.secondLineId)).toBe(true);
		},
	},
	{
		resource: 'lineItem',
		operation: 'addWithPrice',
		parameters: (f) => ({ simplify: false, contractId: byId(f.activeContractId), variantId: f.variantId, quantity: 1, price: 12.5 }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contract-add-line-item`,
			query: { contractId: f.activeContractId, variantId: f.variantId, quantity: '1', price: '12.5' },
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			const added = lines(items).filter((l) => l.lineId !== f.lineId && l.lineId !== f.secondLineId);
			expect(added.map((l) => Number(l.price))).toContain(12.5);
		},
	},
	{
		resource: 'lineItem',
		operation: 'addMany',
		parameters: (f) => ({
			simplify: false,
			contractId: byId(f.activeContractId),
			products: {
				pairs: [
					{ variant: f.variantId, quantity: 2 },
					{ variant: `gid://shopify/ProductVariant/${f.variantId}`, quantity: 1 },
				],
			},
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-add-line-items`,
			query: { contractId: f.activeContractId },
			body: { [f.variantId]: 2, [`gid://shopify/ProductVariant/${f.variantId}`]: 1 },
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			const added = lines(items).filter((l) => l.lineId !== f.lineId && l.lineId !== f.secondLineId);
			expect(added.map((l) => l.quantity).sort()).toEqual([1, 2]);
			for (const line of added) expect(line.variantId).toBe(f.variantId);
		},
	},
	{
		resource: 'lineItem',
		operation: 'update',
		parameters: (f) => ({
			simplify: false,
			contractId: byId(f.activeContractId),
			lineId: f.lineId,
			variantId: f.variantId,
			quantity: 3,
			price: 9.99,
			updateFields: { sellingPlanName: 'Monthly box', isPricePerUnit: false },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-line-item`,
			query: {
				contractId: f.activeContractId,
				lineId: f.lineId,
				variantId: f.variantId,
				quantity: '3',
				price: '9.99',
				sellingPlanName: 'Monthly box',
				isPricePerUnit: 'false',
			},
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			expect(lineOf(items, f.lineId)).toMatchObject({ quantity: 3, sellingPlanName: 'Monthly box' });
			expect(Number(lineOf(items, f.lineId)?.price)).toBe(9.99);
		},
	},
	{
		resource: 'lineItem',
		operation: 'updateQuantity',
		parameters: (f) => ({ simplify: false, contractId: byId(f.activeContractId), lineId: f.secondLineId, quantity: 4 }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-line-item-quantity`,
			query: { contractId: f.activeContractId, lineId: f.secondLineId, quantity: '4' },
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			expect(lineOf(items, f.secondLineId)?.quantity).toBe(4);
		},
	},
	{
		resource: 'lineItem',
		operation: 'updatePrice',
		parameters: (f) => ({ simplify: false, contractId: byId(f.activeContractId), lineId: f.lineId, basePrice: 15 }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-line-item-price`,
			query: { contractId: f.activeContractId, lineId: f.lineId, basePrice: '15' },
		}),
		output: (items, f) => expect(Number(lineOf(items, f.lineId)?.price)).toBe(15),
	},
	{
		resource: 'lineItem',
		operation: 'updatePricingPolicy',
		parameters: (f) => ({
			simplify: false,
			contractId: byId(f.activeContractId),
			lineId: f.lineId,
			basePrice: 20,
			updateFields: {
				cycles: {
					entries: [
						{ afterCycle: 0, discountType: 'PERCENTAGE', value: 10 },
						{ afterCycle: 3, discountType: 'PRICE', value: 15, freeProductHandle: 'tasting-spoon' },
					],
				},
			},
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-line-item-pricing-policy`,
			query: { contractId: f.activeContractId, lineId: f.lineId, basePrice: '20' },
			body: [
				{ afterCycle: 0, discountType: 'PERCENTAGE', value: 10 },
				{ afterCycle: 3, discountType: 'PRICE', value: 15, freeProductHandle: 'tasting-spoon' },
			],
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			// 10% off from the first order on: 20 → 18.
			expect(Number(lineOf(items, f.lineId)?.price)).toBe(18);
		},
	},
	{
		resource: 'lineItem',
		operation: 'updatePricingPolicy',
		title: 'base price only, no body',
		parameters: (f) => ({ simplify: false, contractId: byId(f.activeContractId), lineId: f.secondLineId, basePrice: 7.5 }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-line-item-pricing-policy`,
			query: { contractId: f.activeContractId, lineId: f.secondLineId, basePrice: '7.5' },
		}),
		output: (items, f) => expect(Number(lineOf(items, f.secondLineId)?.price)).toBe(7.5),
	},
	{
		resource: 'lineItem',
		operation: 'updateSellingPlan',
		title: 'by selling plan, raw',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			lineId: f.lineId,
			simplify: false,
			updateFields: { sellingPlanId: f.sellingPlanId },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-line-item-selling-plan`,
			query: { contractId: f.activeContractId, lineId: f.lineId, sellingPlanId: f.sellingPlanId },
		}),
		output: (items, f) => {
			const line = rawLines(items).find((l) => l.id === f.lineId);
			expect(line?.sellingPlanId).toBe(`gid://shopify/SellingPlan/${f.sellingPlanId}`);
		},
	},
	{
		resource: 'lineItem',
		operation: 'updateSellingPlan',
		title: 'by name',
		parameters: (f) => ({
			simplify: false,
			contractId: byId(f.activeContractId),
			lineId: f.secondLineId,
			updateFields: { sellingPlanName: 'Every 6 weeks' },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-line-item-selling-plan`,
			query: { contractId: f.activeContractId, lineId: f.secondLineId, sellingPlanName: 'Every 6 weeks' },
		}),
		output: (items, f) => expect(lineOf(items, f.secondLineId)?.sellingPlanName).toBe('Every 6 weeks'),
	},
	{
		resource: 'lineItem',
		operation: 'remove',
		parameters: (f) => ({ simplify: false, contractId: byId(f.activeContractId), lineId: f.secondLineId }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-remove-line-item`,
			query: { contractId: f.activeContractId, lineId: f.secondLineId },
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			expect(lines(items).map((l) => l.lineId)).not.toContain(f.secondLineId);
			expect(lines(items).map((l) => l.lineId)).toContain(f.lineId);
		},
	},
	{
		resource: 'lineItem',
		operation: 'removeMany',
		parameters: (f) => ({
			simplify: false,
			contractId: byId(f.activeContractId),
			lineIds: f.secondLineId,
			additionalFields: { removeDiscount: false },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-remove-line-items`,
			query: { contractId: f.activeContractId, removeDiscount: 'false' },
			body: [f.secondLineId],
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			expect(lines(items).map((l) => l.lineId)).not.toContain(f.secondLineId);
		},
	},
	{
		resource: 'lineItem',
		operation: 'replace',
		parameters: (f) => ({
			simplify: false,
			shop: f.shop,
			contractId: byId(f.activeContractId),
			additionalFields: {
				oldLineId: f.secondLineId,
				newVariants: { pairs: [{ variant: f.variantId, quantity: 2 }] },
				carryForwardDiscount: true,
			},
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/subscription-contract-details/replace-variants-v3`,
			body: {
				shop: f.shop,
				contractId: Number(f.activeContractId),
				oldLineId: f.secondLineId,
				newVariants: { [f.variantId]: 2 },
				carryForwardDiscount: true,
			},
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			const ids = lines(items).map((l) => l.lineId);
			expect(ids).not.toContain(f.secondLineId);
			expect(ids).toContain(f.lineId);
			const added = lines(items).filter((l) => l.lineId !== f.lineId);
			expect(added).toContainEqual(expect.objectContaining({ variantId: f.variantId, quantity: 2 }));
		},
	},
	{
		resource: 'lineItem',
		operation: 'updateAttributes',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			lineId: f.lineId,
			attributes: { pairs: [{ key: 'engraving', value: 'Ada' }, { key: 'gift', value: 'yes' }] },
			simplify: false,
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-line-item-attributes`,
			query: { contractId: f.activeContractId, lineId: f.lineId },
			body: [
				{ key: 'engraving', value: 'Ada' },
				{ key: 'gift', value: 'yes' },
			],
		}),
		output: (items, f) => {
			expect(attributesOf(items, f.lineId)).toEqual([
				{ key: 'engraving', value: 'Ada' },
				{ key: 'gift', value: 'yes' },
			]);
		},
	},
	{
		resource: 'lineItem',
		operation: 'updateAttributesOfLines',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			attributesByLine: JSON.stringify({
				[f.lineId]: [{ key: 'engraving', value: 'Ada' }],
				[f.secondLineId]: [{ key: 'engraving', value: 'Grace' }],
			}),
			simplify: false,
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-multiple-line-item-attributes`,
			query: { contractId: f.activeContractId },
			body: {
				[f.lineId]: [{ key: 'engraving', value: 'Ada' }],
				[f.secondLineId]: [{ key: 'engraving', value: 'Grace' }],
			},
		}),
		output: (items, f) => {
			expect(attributesOf(items, f.lineId)).toEqual([{ key: 'engraving', value: 'Ada' }]);
			expect(attributesOf(items, f.secondLineId)).toEqual([{ key: 'engraving', value: 'Grace' }]);
		},
	},
	{
		resource: 'lineItem',
		operation: 'bulkReplaceAttributes',
		title: 'listed subscriptions, one as GID',
		parameters: (f) => ({
			attributes: { pairs: [{ key: 'batch', value: '2031-spring' }] },
			additionalFields: { contractIds: `${f.activeContractId}, gid://shopify/SubscriptionContract/${f.pausedContractId}` },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-bulk-update-line-item-attributes`,
			query: { contractIds: `${f.activeContractId},${f.pausedContractId}` },
			body: [{ key: 'batch', value: '2031-spring' }],
		}),
		output: (items) => {
			expect(items).toHaveLength(1);
			expect(json(items).success).toBe(true);
			expect(String(json(items).message)).toMatch(/\b2\b/);
		},
	},
	{
		resource: 'lineItem',
		operation: 'bulkReplaceAttributes',
		title: 'all subscriptions',
		parameters: () => ({
			attributes: { pairs: [{ key: 'batch', value: 'all' }] },
			additionalFields: { allSubscriptions: true },
		}),
		expect: () => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-bulk-update-line-item-attributes`,
			query: { allSubscriptions: 'true' },
			body: [{ key: 'batch', value: 'all' }],
		}),
		output: (items) => {
			expect(json(items).success).toBe(true);
			expect(String(json(items).message)).toMatch(/\d+/);
		},
	},
];
