import type { IDataObject } from 'n8n-workflow';

import { CUSTOMER_CONTRACTS_PAGE } from '../../sandbox/handlers/customers';
import type { OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

/** The sandbox's Shopify-style cursor of the n-th contract (0-based) of a customer. */
function contractCursor(index: number): string {
	return Buffer.from(JSON.stringify({ last_id: index, kind: 'subscription_contract' })).toString('base64');
}

export const cases: OperationCase[] = [
	{
		resource: 'customer',
		operation: 'getMany',
		title: 'by email, limited',
		parameters: (f) => ({ returnAll: false, limit: 10, filters: { email: f.customerEmail } }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-contract-details/customers`,
			query: { email: f.customerEmail, page: '0', size: '10' },
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(String(json(items).customerId)).toBe(f.customerId);
			expect(json(items).email).toBe(f.customerEmail);
			expect(json(items).activeSubscriptions).toEqual(expect.any(Number));
		},
	},
	{
		resource: 'customer',
		operation: 'getMany',
		title: 'Return All, by name with several active subscriptions',
		parameters: (f) => ({ returnAll: true, filters: { name: f.customerName, activeMoreThanOneSubscription: true } }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-contract-details/customers`,
			query: { name: f.customerName, activeMoreThanOneSubscription: 'true', page: '0', size: '100' },
		}),
		output: (items, f) => {
			expect(items.map((i) => String(i.json.customerId))).toContain(f.customerId);
			for (const item of items) {
				expect(String(item.json.name)).toContain(f.customerName);
				expect(item.json.activeSubscriptions).toBeGreaterThan(1);
			}
		},
	},
	{
		resource: 'customer',
		operation: 'getSubscriptions',
		title: 'by GID, limited to the first page',
		parameters: (f) => ({ customerId: byId(`gid://shopify/Customer/${f.customerId}`), returnAll: false, limit: 3 }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-customers/${f.customerId}` }),
		output: (items, f) => {
			expect(items).toHaveLength(3);
			for (const item of items) {
				expect(String(item.json.id)).toMatch(/^gid:\/\/shopify\/SubscriptionContract\/\d+$/);
				expect((item.json.customer as IDataObject).id).toBe(`gid://shopify/Customer/${f.customerId}`);
				expect(item.json.lineIds).toEqual(expect.any(Array));
			}
		},
	},
	{
		resource: 'customer',
		operation: 'getSubscriptions',
		title: 'Return All follows the cursor, raw',
		parameters: (f) => ({ customerId: byId(f.customerId), returnAll: true, simplify: false }),
		// The seed customer has more than one page of contracts (and fewer than two).
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-customers/${f.customerId}`,
			query: { cursor: contractCursor(CUSTOMER_CONTRACTS_PAGE - 1) },
		}),
		output: (items, f) => {
			expect(items.length).toBeGreaterThan(CUSTOMER_CONTRACTS_PAGE);
			const ids = items.map((i) => i.json.id);
			expect(new Set(ids).size).toBe(items.length);
			expect(ids).toContain(`gid://shopify/SubscriptionContract/${f.activeContractId}`);
		},
	},
	{
		resource: 'customer',
		operation: 'getSubscriptionDetails',
		parameters: (f) => ({ customerId: byId(f.customerId) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-customers-detail/valid/${f.customerId}` }),
		output: (items, f) => {
			expect(items.map((i) => String(i.json.subscriptionContractId))).toContain(f.activeContractId);
			for (const item of items) {
				expect(String(item.json.customerId)).toBe(f.customerId);
				// Appstle's own values: this record spells statuses in lower case.
				expect(['active', 'paused', 'cancelled']).toContain(item.json.status);
				expect(item.json.lineCount).toEqual(expect.any(Number));
			}
		},
	},
	{
		resource: 'customer',
		operation: 'getSubscriptionDetails',
		title: 'raw',
		parameters: (f) => ({ customerId: byId(f.customerId), simplify: false }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-customers-detail/valid/${f.customerId}` }),
		output: (items, f) => {
			const active = items.find((i) => String(i.json.subscriptionContractId) === f.activeContractId);
			expect(active?.json).toHaveProperty('contractDetailsJSON');
		},
	},
	{
		resource: 'customer',
		operation: 'getSubscriptionIds',
		parameters: (f) => ({ customerId: byId(f.customerId) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-customers/valid/${f.customerId}` }),
		output: (items, f) => {
			for (const item of items) expect(Object.keys(item.json)).toEqual(['contractId']);
			expect(items.map((i) => String(i.json.contractId))).toContain(f.activeContractId);
		},
	},
	{
		resource: 'customer',
		operation: 'sync',
		parameters: (f) => ({ customerId: byId(f.customerId) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-customers/sync-info/${f.customerId}` }),
		output: (items, f) => expect(items.map((i) => i.json)).toEqual([{ success: true, customerId: f.customerId }]),
	},
];
