import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

function linkOutput(items: Array<{ json: IDataObject }>) {
	expect(items).toHaveLength(1);
	expect(String(json(items).manageSubscriptionLink)).toMatch(/^https:\/\/.+token=/);
	expect(Number.isNaN(Date.parse(String(json(items).tokenExpirationTime)))).toBe(false);
}

export const cases: OperationCase[] = [
	{
		resource: 'customerPortal',
		operation: 'getManagementLink',
		parameters: (f) => ({ customerId: byId(`gid://shopify/Customer/${f.customerId}`) }),
		expect: (f) => ({ method: 'GET', path: `${V2}/manage-subscription-link/${f.customerId}` }),
		output: linkOutput,
	},
	{
		resource: 'customerPortal',
		operation: 'getManagementLinkByEmail',
		parameters: (f) => ({ email: f.customerEmail }),
		expect: (f) => ({ method: 'GET', path: `${V2}/manage-subscription-link`, query: { emailId: f.customerEmail } }),
		output: linkOutput,
	},
	{
		resource: 'customerPortal',
		operation: 'getToken',
		title: 'by customer ID',
		parameters: (f) => ({ additionalFields: { customerId: f.customerId } }),
		expect: (f) => ({ method: 'GET', path: `${V2}/customer-portal-token`, query: { customerId: f.customerId } }),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(String(json(items).customerId)).toBe(f.customerId);
			expect(json(items).token).toEqual(expect.any(String));
		},
	},
	{
		resource: 'customerPortal',
		operation: 'getToken',
		title: 'by email',
		parameters: (f) => ({ additionalFields: { email: f.customerEmail } }),
		expect: (f) => ({ method: 'GET', path: `${V2}/customer-portal-token`, query: { email: f.customerEmail } }),
		output: (items, f) => expect(String(json(items).customerId)).toBe(f.customerId),
	},
	{
		resource: 'customerPortal',
		operation: 'sendMagicLink',
		parameters: (f) => ({ email: f.customerEmail }),
		expect: (f) => ({ method: 'GET', path: `${V2}/subscription-contracts-email-magic-link`, query: { email: f.customerEmail } }),
		output: (items) => expect(items.map((i) => i.json)).toEqual([{ success: true, message: 'Email triggered successfully.' }]),
	},
	{
		resource: 'customerPortal',
		operation: 'getSettings',
		parameters: () => ({}),
		expect: () => ({ method: 'GET', path: `${V2}/customer-portal-settings/0` }),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).shop).toBe(f.shop);
			expect(json(items)).toHaveProperty('allowCustomerToCancel');
		},
	},
	{
		resource: 'customerPortal',
		operation: 'getSettings',
		title: 'with a record ID',
		parameters: () => ({ additionalFields: { recordId: '21' } }),
		expect: () => ({ method: 'GET', path: `${V2}/customer-portal-settings/21` }),
		output: (items, f) => expect(json(items).shop).toBe(f.shop),
	},
];
