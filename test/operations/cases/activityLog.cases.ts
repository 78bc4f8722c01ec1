import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';

const V2 = '/api/external/v2';
const PATH = `${V2}/activity-logs`;

const times = (items: Array<{ json: IDataObject }>) => items.map((i) => Date.parse(String(i.json.createAt)));

export const cases: OperationCase[] = [
	{
		resource: 'activityLog',
		operation: 'getMany',
		title: 'failed billing attempts, newest first, limited',
		parameters: () => ({
			returnAll: false,
			limit: 5,
			filters: { entityTypes: ['SUBSCRIPTION_BILLING_ATTEMPT'], statuses: ['FAILURE'] },
		}),
		expect: () => ({
			method: 'GET',
			path: PATH,
			query: { 'entityType.in': 'SUBSCRIPTION_BILLING_ATTEMPT', 'status.in': 'FAILURE', sort: 'createAt,desc', page: '0', size: '5' },
		}),
		output: (items) => {
			expect(items).toHaveLength(5);
			for (const item of items) {
				expect(item.json).toMatchObject({ entityType: 'SUBSCRIPTION_BILLING_ATTEMPT', status: 'FAILURE' });
				expect(typeof item.json.additionalInfo).toBe('string');
				expect(typeof item.json.additionalInfoParsed).toBe('object');
				expect(item.json).not.toHaveProperty('shop');
			}
			const t = times(items);
			expect([...t].sort((a, b) => b - a)).toEqual(t);
		},
	},
	{
		resource: 'activityLog',
		operation: 'getMany',
		title: 'Return All by event type and source, oldest first, raw',
		parameters: () => ({
			returnAll: true,
			simplify: false,
			filters: {
				eventTypes: ['CONTRACT_CREATED', 'CONTRACT_CANCELLED'],
				eventSources: ['SHOPIFY_EVENT'],
				createdAfter: '2000-01-01T00:00:00',
				createdBefore: '2100-01-01T00:00:00Z',
			},
			sort: { sort: 'createAt,asc' },
		}),
		expect: () => ({
			method: 'GET',
			path: PATH,
			query: {
				'eventType.in': 'CONTRACT_CREATED,CONTRACT_CANCELLED',
				'eventSource.in': 'SHOPIFY_EVENT',
				// A date without a zone is read in the workflow's time zone (n8n's default: America/New_York).
				'createAt.greaterThanOrEqual': '2000-01-01T05:00:00.000Z',
				'createAt.lessThan': '2100-01-01T00:00:00.000Z',
				sort: 'createAt,asc',
				page: '0',
				size: '100',
			},
		}),
		output: (items) => {
			expect(items.length).toBeGreaterThan(1);
			for (const item of items) {
				expect(item.json.eventSource).toBe('SHOPIFY_EVENT');
				expect(['CONTRACT_CREATED', 'CONTRACT_CANCELLED']).toContain(item.json.eventType);
				expect(typeof item.json.additionalInfo).toBe('string');
			}
			const t = times(items);
			expect([...t].sort((a, b) => a - b)).toEqual(t);
		},
	},
	{
		resource: 'activityLog',
		operation: 'getMany',
		title: 'about one subscription, by GID',
		parameters: (f) => ({
			returnAll: false,
			limit: 20,
			filters: { entityId: `gid://shopify/SubscriptionContract/${f.cancelledContractId}` },
		}),
		expect: (f) => ({
			method: 'GET',
			path: PATH,
			query: { 'entityId.equals': f.cancelledContractId, sort: 'createAt,desc', page: '0', size: '20' },
		}),
		output: (items, f) => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) expect(String(item.json.entityId)).toBe(f.cancelledContractId);
		},
	},
];
