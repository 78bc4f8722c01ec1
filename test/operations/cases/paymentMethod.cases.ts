import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

export const cases: OperationCase[] = [
	{
		resource: 'paymentMethod',
		operation: 'getMany',
		parameters: (f) => ({ customerId: byId(`gid://shopify/Customer/${f.customerId}`), returnAll: true }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-contract-details/shopify/customer/${f.customerId}/payment-methods`,
		}),
		output: (items, f) => {
			expect(items.map((i) => i.json.id)).toContain(f.paymentMethodId);
			for (const item of items) {
				expect(item.json.revokedAt).toBeNull();
				expect(String((item.json.instrument as IDataObject).lastDigits)).toMatch(/^\d{4}$/);
			}
			const current = items.find((i) => i.json.id === f.paymentMethodId);
			expect(current?.json.subscriptionIds).toContain(f.activeContractId);
		},
	},
	{
		resource: 'paymentMethod',
		operation: 'getMany',
		title: 'with revoked, raw',
		parameters: (f) => ({
			customerId: byId(f.customerId),
			returnAll: true,
			simplify: false,
			filters: { allowRevokedMethod: true },
		}),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-contract-details/shopify/customer/${f.customerId}/payment-methods`,
			query: { allowRevokedMethod: 'true' },
		}),
		output: (items, f) => {
			expect(items.map((i) => i.json.id)).toContain(f.paymentMethodId);
			for (const item of items) expect(item.json).toHaveProperty('instrument');
		},
	},
	{
		resource: 'paymentMethod',
		operation: 'switch',
		parameters: (f) => ({ contractId: byId(f.activeContractId), paymentMethodId: f.paymentMethodId }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-existing-payment-method`,
			query: { contractId: f.activeContractId, paymentMethodId: f.paymentMethodId },
		}),
		output: (items) => {
			expect(items).toHaveLength(1);
			expect(String(json(items).message)).toMatch(/updated/i);
		},
	},
	{
		resource: 'paymentMethod',
		operation: 'sendUpdateEmail',
		parameters: (f) => ({ contractId: byId(`gid://shopify/SubscriptionContract/${f.activeContractId}`) }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-contracts-update-payment-method`,
			query: { contractId: f.activeContractId },
		}),
		output: (items) => {
			expect(items).toHaveLength(1);
			expect(String(json(items).message)).toMatch(/email/i);
		},
	},
	{
		resource: 'paymentMethod',
		operation: 'associateExternalGateway',
		parameters: (f) => ({
			paymentGateway: 'stripe',
			paymentProfileId: 'pm_1SandboxCard',
			additionalFields: { customerId: `gid://shopify/Customer/${f.customerId}`, customerProfileId: 'cus_Sandbox1' },
		}),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/associate-shopify-customer-to-external-payment-gateways`,
			query: {
				paymentGateway: 'stripe',
				paymentProfileId: 'pm_1SandboxCard',
				customerId: f.customerId,
				customerProfileId: 'cus_Sandbox1',
			},
		}),
		output: (items) => {
			expect(items).toHaveLength(1);
			expect(JSON.stringify(json(items))).toMatch(/gid:\/\/shopify\/CustomerPaymentMethod\//);
		},
	},
	{
		resource: 'paymentMethod',
		operation: 'associateExternalGateway',
		title: 'PayPal by email',
		parameters: (f) => ({
			paymentGateway: 'paypal',
			paymentProfileId: 'B-7SANDBOX',
			additionalFields: { email: f.customerEmail },
		}),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/associate-shopify-customer-to-external-payment-gateways`,
			query: { paymentGateway: 'paypal', paymentProfileId: 'B-7SANDBOX', email: f.customerEmail },
		}),
		output: (items) => expect(JSON.stringify(json(items))).toMatch(/gid:\/\/shopify\/CustomerPaymentMethod\//),
	},
];
