import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

function contractOutput(items: Array<{ json: IDataObject }>, contractId: string) {
	expect(items).toHaveLength(1);
	// Some endpoints wrap the contract as `subscriptionContract`; Simplify keeps that shape.
	const contract = (json(items).subscriptionContract as IDataObject | undefined) ?? json(items);
	expect(contract.id).toBe(`gid://shopify/SubscriptionContract/${contractId}`);
}

export const cases: OperationCase[] = [
	{
		resource: 'subscription',
		operation: 'getMany',
		title: 'filtered, limited',
		parameters: () => ({ returnAll: false, limit: 5, filters: { status: 'paused' }, sort: { sort: 'created_at,asc' } }),
		expect: () => ({
			method: 'GET',
			path: `${V2}/subscription-contract-details`,
			query: { status: 'paused', sort: 'created_at,asc', page: '0', size: '5' },
		}),
		output: (items) => {
			expect(items).toHaveLength(5);
			// Simplify keeps Appstle's own names and values: this list answers in lower case.
			for (const item of items) expect(item.json.status).toBe('paused');
			expect(items[0].json).not.toHaveProperty('contractDetailsJSON');
			expect(items[0].json.lineCount).toBeGreaterThan(0);
		},
	},
	{
		resource: 'subscription',
		operation: 'getMany',
		title: 'Return All across pages, raw',
		parameters: () => ({ returnAll: true, simplify: false }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-contract-details`,
			query: { page: String(Math.ceil(f.contractCount / 100) - 1), size: '100' },
		}),
		output: (items, f) => {
			expect(items).toHaveLength(f.contractCount);
			expect(new Set(items.map((i) => i.json.subscriptionContractId)).size).toBe(f.contractCount);
			expect(items[0].json).toHaveProperty('contractDetailsJSON');
		},
	},
	{
		resource: 'subscription',
		operation: 'getMany',
		title: 'by customer email and date range',
		parameters: (f) => ({
			returnAll: true,
			filters: { customerName: f.customerEmail, fromCreatedDate: '2000-01-01T00:00:00', toCreatedDate: '2100-01-01T00:00:00Z' },
		}),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-contract-details`,
			query: {
				customerName: f.customerEmail,
				// A date without a zone is read in the workflow's time zone (n8n's default: America/New_York).
				fromCreatedDate: '2000-01-01T05:00:00.000Z',
				toCreatedDate: '2100-01-01T00:00:00.000Z',
				page: '0',
				size: '100',
			},
		}),
		output: (items, f) => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) expect(item.json.customerEmail).toBe(f.customerEmail);
			expect(items.map((i) => String(i.json.subscriptionContractId))).toContain(f.activeContractId);
		},
	},
	{
		resource: 'subscription',
		operation: 'get',
		parameters: (f) => ({ contractId: byId(`gid://shopify/SubscriptionContract/${f.activeContractId}`) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-contracts/contract-external/${f.activeContractId}` }),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			expect(json(items).status).toBe('ACTIVE');
			expect(json(items).lineIds).toContain(f.lineId);
		},
	},
	{
		resource: 'subscription',
		operation: 'get',
		title: 'raw',
		parameters: (f) => ({ contractId: byId(f.activeContractId), simplify: false }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-contracts/contract-external/${f.activeContractId}` }),
		output: (items, f) => {
			expect(json(items).id).toBe(`gid://shopify/SubscriptionContract/${f.activeContractId}`);
		},
	},
	{
		resource: 'subscription',
		operation: 'getRaw',
		parameters: (f) => ({ contractId: byId(f.activeContractId) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/contract-raw-response`, query: { contractId: f.activeContractId } }),
		output: (items, f) => contractOutput(items, f.activeContractId),
	},
	{
		resource: 'subscription',
		operation: 'create',
		parameters: (f) => ({
			customerId: f.customerId,
			paymentMethodId: f.paymentMethodId,
			status: 'ACTIVE',
			nextBillingDate: '2030-05-01T09:00:00Z',
			billingIntervalType: 'MONTH',
			billingIntervalCount: 1,
			lines: { entries: [{ variantId: f.variantId, quantity: 2 }] },
			additionalFields: { deliveryPriceAmount: 4.5, currencyCode: 'USD', extraBody: '{"minCycles": 3}' },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/subscription-contract-details/create-subscription-contract`,
			body: {
				customerId: f.customerId,
				paymentMethodId: f.paymentMethodId,
				status: 'ACTIVE',
				nextBillingDate: '2030-05-01T09:00:00.000Z',
				billingIntervalType: 'MONTH',
				billingIntervalCount: 1,
				lines: [{ variantId: f.variantId, quantity: 2 }],
				deliveryPriceAmount: 4.5,
				currencyCode: 'USD',
				minCycles: 3,
			},
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect((json(items).customer as IDataObject).id).toBe(`gid://shopify/Customer/${f.customerId}`);
			expect(json(items).status).toBe('ACTIVE');
		},
	},
	...(['pause', 'activate'] as const).map(
		(operation): OperationCase => ({
			resource: 'subscription',
			operation,
			parameters: (f) => ({ contractId: byId(operation === 'pause' ? f.activeContractId : f.pausedContractId) }),
			expect: (f) => ({
				method: 'PUT',
				path: `${V2}/subscription-contracts-update-status`,
				query: {
					contractId: operation === 'pause' ? f.activeContractId : f.pausedContractId,
					status: operation === 'pause' ? 'PAUSED' : 'ACTIVE',
				},
			}),
			output: (items, f) => {
				expect(json(items)).toEqual({
					success: true,
					contractId: operation === 'pause' ? f.activeContractId : f.pausedContractId,
					status: operation === 'pause' ? 'PAUSED' : 'ACTIVE',
				});
			},
		}),
	),
	{
		resource: 'subscription',
		operation: 'updateStatus',
		parameters: (f) => ({ contractId: byId(f.pausedContractId), status: 'CANCELLED' }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-status`,
			query: { contractId: f.pausedContractId, status: 'CANCELLED' },
		}),
		output: (items, f) => expect(json(items)).toEqual({ success: true, contractId: f.pausedContractId }),
	},
	{
		resource: 'subscription',
		operation: 'cancel',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			additionalFields: { cancellationFeedback: 'Too expensive', cancellationNote: 'Asked by phone' },
		}),
		expect: (f) => ({
			method: 'DELETE',
			path: `${V2}/subscription-contracts/${f.activeContractId}`,
			query: { cancellationFeedback: 'Too expensive', cancellationNote: 'Asked by phone' },
		}),
		output: (items, f) => expect(json(items)).toEqual({ deleted: true, contractId: f.activeContractId }),
	},
	{
		resource: 'subscription',
		operation: 'updateNextBillingDate',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			nextBillingDate: '2031-01-15T10:00:00+02:00',
			updateFields: { rescheduleFutureOrder: true },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-billing-date`,
			query: { contractId: f.activeContractId, nextBillingDate: '2031-01-15T08:00:00.000Z', rescheduleFutureOrder: 'true' },
		}),
		output: (items, f) => {
			contractOutput(items, f.activeContractId);
			expect(String(json(items).nextBillingDate)).toMatch(/^2031-01-15T08:00:00/);
		},
	},
	{
		resource: 'subscription',
		operation: 'updateBillingInterval',
		parameters: (f) => ({ contractId: byId(f.activeContractId), interval: 'WEEK', intervalCount: 2 }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-billing-interval`,
			query: { contractId: f.activeContractId, interval: 'WEEK', intervalCount: '2' },
		}),
		output: (items) => {
			expect(json(items).billingPolicy).toMatchObject({ interval: 'WEEK', intervalCount: 2 });
		},
	},
	{
		resource: 'subscription',
		operation: 'updateDeliveryInterval',
		parameters: (f) => ({ contractId: byId(f.activeContractId), deliveryInterval: 'MONTH', deliveryIntervalCount: 3 }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-delivery-interval`,
			query: { contractId: f.activeContractId, deliveryInterval: 'MONTH', deliveryIntervalCount: '3' },
		}),
		output: (items) => {
			expect(json(items).deliveryPolicy).toMatchObject({ interval: 'MONTH', intervalCount: 3 });
		},
	},
	{
		resource: 'subscription',
		operation: 'updateFrequencyBySellingPlan',
		parameters: (f) => ({ contractId: byId(f.activeContractId), sellingPlanId: f.sellingPlanId }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-frequency-by-selling-plan`,
			query: { contractId: f.activeContractId, sellingPlanId: f.sellingPlanId },
		}),
		output: (items, f) => contractOutput(items, f.activeContractId),
	},
	{
		resource: 'subscription',
		operation: 'updateDeliveryPrice',
		parameters: (f) => ({ contractId: byId(f.activeContractId), deliveryPrice: 7.25 }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-delivery-price`,
			query: { contractId: f.activeContractId, deliveryPrice: '7.25' },
		}),
		output: (items) => expect(Number((json(items).deliveryPrice as IDataObject).amount)).toBe(7.25),
	},
	{
		resource: 'subscription',
		operation: 'updateDeliveryMethod',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			deliveryMethodTitle: 'Express',
			deliveryMethodCode: 'EXPRESS',
			deliveryMethodPresentmentTitle: 'Express (1-2 days)',
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-delivery-method`,
			query: {
				contractId: f.activeContractId,
				'delivery-method-title': 'Express',
				'delivery-method-code': 'EXPRESS',
				'delivery-method-presentment-title': 'Express (1-2 days)',
			},
		}),
		output: (items) => expect(items).toHaveLength(1),
	},
	{
		resource: 'subscription',
		operation: 'updateShippingAddress',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			address1: '1 Main St',
			city: 'Springfield',
			zip: '12345',
			countryCode: 'US',
			updateFields: { firstName: 'Ada', provinceCode: 'IL' },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-shipping-address`,
			query: { contractId: f.activeContractId },
			body: { address1: '1 Main St', city: 'Springfield', zip: '12345', countryCode: 'US', firstName: 'Ada', provinceCode: 'IL' },
		}),
		output: (items) => {
			const address = (json(items).deliveryMethod as IDataObject).address as IDataObject;
			expect(address).toMatchObject({ address1: '1 Main St', city: 'Springfield', zip: '12345' });
		},
	},
	{
		resource: 'subscription',
		operation: 'updateOrderNote',
		parameters: (f) => ({ contractId: byId(f.activeContractId), orderNote: 'Leave at the back door' }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-order-note/${f.activeContractId}`,
			query: { orderNote: 'Leave at the back door' },
		}),
		output: (items, f) => expect(json(items)).toEqual({ success: true, contractId: f.activeContractId }),
	},
	{
		resource: 'subscription',
		operation: 'updateCustomAttributes',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			customAttributesList: { pairs: [{ key: 'gift', value: 'yes' }, { key: 'source', value: 'n8n' }] },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/update-custom-note-attributes`,
			body: {
				subscriptionContractId: Number(f.activeContractId),
				customAttributesList: [
					{ key: 'gift', value: 'yes' },
					{ key: 'source', value: 'n8n' },
				],
			},
		}),
		output: (items, f) => expect(json(items)).toEqual({ success: true, contractId: f.activeContractId }),
	},
	{
		resource: 'subscription',
		operation: 'updateMinCycles',
		parameters: (f) => ({ contractId: byId(f.activeContractId), updateFields: { minCycles: 2 } }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-min-cycles`,
			query: { contractId: f.activeContractId, minCycles: '2' },
		}),
		output: (items, f) => contractOutput(items, f.activeContractId),
	},
	{
		resource: 'subscription',
		operation: 'updateMaxCycles',
		parameters: (f) => ({ contractId: byId(f.activeContractId), updateFields: { maxCycles: 12 } }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-max-cycles`,
			query: { contractId: f.activeContractId, maxCycles: '12' },
		}),
		output: (items, f) => contractOutput(items, f.activeContractId),
	},
	{
		resource: 'subscription',
		operation: 'split',
		parameters: (f) => ({
			contractId: byId(f.activeContractId),
			lineIds: f.secondLineId,
			additionalFields: { isSplitContract: true },
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/subscription-contract-details/split-existing-contract`,
			query: { contractId: f.activeContractId, isSplitContract: 'true' },
			body: [f.secondLineId],
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).id).not.toBe(`gid://shopify/SubscriptionContract/${f.activeContractId}`);
			expect(json(items).lineIds).toHaveLength(1);
		},
	},
	{
		resource: 'subscription',
		operation: 'getFulfillments',
		parameters: (f) => ({ contractId: byId(f.activeContractId) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-contract-details/subscription-fulfillments/${f.activeContractId}` }),
		output: (items) => expect(items).toHaveLength(1),
	},
	{
		resource: 'subscription',
		operation: 'getCurrentCycle',
		parameters: (f) => ({ contractId: byId(f.activeContractId) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-contract-details/current-cycle/${f.activeContractId}` }),
		output: (items, f) => {
			expect(json(items).contractId).toBe(f.activeContractId);
			expect(typeof json(items).currentCycle).toBe('number');
		},
	},
	{
		resource: 'subscription',
		operation: 'getAnalytics',
		parameters: (f) => ({ contractId: byId(f.activeContractId) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-contract-details/analytics/${f.activeContractId}` }),
		output: (items) => expect(items).toHaveLength(1),
	},
	{
		resource: 'subscription',
		operation: 'getDeliveryOptions',
		parameters: (f) => ({ contractId: byId(f.activeContractId) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/data/contract-delivery-options`, query: { contractId: f.activeContractId } }),
		output: (items) => expect(items.length).toBeGreaterThan(0),
	},
];
