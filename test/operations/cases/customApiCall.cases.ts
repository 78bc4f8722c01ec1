import type { OperationCase } from '../types';

export const cases: OperationCase[] = [
	{
		resource: 'customApiCall',
		operation: 'call',
		title: 'GET with query',
		parameters: (f) => ({
			httpMethod: 'GET',
			endpointPath: '/subscription-billing-attempts/top-orders',
			additionalFields: { queryParameters: { pairs: [{ key: 'contractId', value: f.activeContractId }] } },
		}),
		expect: (f) => ({
			method: 'GET',
			path: '/api/external/v2/subscription-billing-attempts/top-orders',
			query: { contractId: f.activeContractId },
		}),
		output: (items, f) => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) expect(String(item.json.contractId)).toBe(f.activeContractId);
		},
	},
	{
		resource: 'customApiCall',
		operation: 'call',
		title: 'PUT with full path and JSON body',
		parameters: (f) => ({
			httpMethod: 'PUT',
			endpointPath: '/api/external/v2/subscription-contracts-update-shipping-address',
			additionalFields: {
				queryParameters: { pairs: [{ key: 'contractId', value: f.activeContractId }] },
				body: '{"address1": "2 Side St", "city": "Shelbyville", "zip": "54321", "countryCode": "US"}',
			},
		}),
		expect: (f) => ({
			method: 'PUT',
			path: '/api/external/v2/subscription-contracts-update-shipping-address',
			query: { contractId: f.activeContractId },
			body: { address1: '2 Side St', city: 'Shelbyville', zip: '54321', countryCode: 'US' },
		}),
		output: (items) => expect(String(items[0].json.id)).toMatch(/^gid:\/\/shopify\/SubscriptionContract\//),
	},
];
