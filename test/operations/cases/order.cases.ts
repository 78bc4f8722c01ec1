import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';
import { byId } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

export const cases: OperationCase[] = [
	{
		resource: 'order',
		operation: 'getUpcoming',
		parameters: (f) => ({ returnAll: true, filters: { contractId: f.activeContractId } }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-billing-attempts/top-orders`,
			query: { contractId: f.activeContractId },
		}),
		output: (items, f) => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) {
				expect(String(item.json.contractId)).toBe(f.activeContractId);
				expect(item.json.status).toBe('QUEUED');
			}
			expect(items.map((i) => String(i.json.id))).toContain(f.upcomingAttemptId);
			expect(json(items).lineSummary).toMatch(/\d+ × /);
		},
	},
	{
		resource: 'order',
		operation: 'getUpcoming',
		title: 'by customer GID, limited, raw',
		parameters: (f) => ({
			returnAll: false,
			limit: 1,
			simplify: false,
			filters: { customerId: `gid://shopify/Customer/${f.customerId}` },
		}),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-billing-attempts/top-orders`,
			query: { customerId: f.customerId },
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).shop).toBe(f.shop);
			expect(json(items).status).toBe('QUEUED');
		},
	},
	{
		resource: 'order',
		operation: 'getPast',
		parameters: (f) => ({
			returnAll: false,
			limit: 5,
			filters: { contractId: f.activeContractId },
			sort: { sort: 'billingDate,desc' },
		}),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-billing-attempts/past-orders`,
			query: { contractId: f.activeContractId, sort: 'billingDate,desc', page: '0', size: '5' },
		}),
		output: (items, f) => {
			expect(items).toHaveLength(5);
			const dates = items.map((i) => Date.parse(String(i.json.billingDate)));
			expect([...dates].sort((a, b) => b - a)).toEqual(dates);
			for (const item of items) {
				expect(String(item.json.contractId)).toBe(f.activeContractId);
				expect(item.json.status).not.toBe('QUEUED');
			}
		},
	},
	{
		resource: 'order',
		operation: 'getReport',
		parameters: (f) => ({ status: 'SUCCESS', returnAll: true, filters: { contractId: f.activeContractId } }),
		expect: (f) => ({
			method: 'GET',
			path: `${V2}/subscription-billing-attempts/past-orders/report`,
			query: { status: 'SUCCESS', contractId: f.activeContractId, page: '0', size: '100' },
		}),
		output: (items, f) => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) {
				const attempt = item.json.subscriptionBillingAttempt as IDataObject;
				const contract = item.json.subscriptionContractDetails as IDataObject;
				expect(attempt.status).toBe('SUCCESS');
				expect(String(attempt.contractId)).toBe(f.activeContractId);
				expect(String(contract.customerId)).toBe(f.customerId);
				expect(contract.customerEmail).toBe(f.customerEmail);
			}
			expect(items.map((i) => String((i.json.subscriptionBillingAttempt as IDataObject).id))).toContain(f.pastAttemptId);
		},
	},
	{
		resource: 'order',
		operation: 'getReport',
		title: 'failures in a date range, raw',
		parameters: () => ({
			status: 'FAILURE',
			returnAll: false,
			limit: 3,
			simplify: false,
			filters: {
				fromDay: '2000-01-01T00:00:00Z',
				toDay: '2100-01-01T00:00:00',
				includeShopifyException: true,
			},
			sort: { sort: 'id,desc' },
		}),
		expect: () => ({
			method: 'GET',
			path: `${V2}/subscription-billing-attempts/past-orders/report`,
			query: {
				status: 'FAILURE',
				fromDay: '2000-01-01T00:00:00.000Z',
				// A date without a zone is read in the workflow's time zone (n8n's default: America/New_York).
				toDay: '2100-01-01T05:00:00.000Z',
				includeShopifyException: 'true',
				sort: 'id,desc',
				page: '0',
				size: '3',
			},
		}),
		output: (items) => {
			expect(items).toHaveLength(3);
			for (const item of items) {
				expect((item.json.subscriptionBillingAttempt as IDataObject).status).toBe('FAILURE');
				expect(item.json.subscriptionContractDetails).toHaveProperty('subscriptionContractId');
			}
			const ids = items.map((i) => Number((i.json.subscriptionBillingAttempt as IDataObject).id));
			expect([...ids].sort((a, b) => b - a)).toEqual(ids);
		},
	},
	{
		resource: 'order',
		operation: 'skip',
		parameters: (f) => ({
			billingAttemptId: f.upcomingAttemptId,
			additionalFields: { subscriptionContractId: `gid://shopify/SubscriptionContract/${f.activeContractId}` },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-billing-attempts/skip-order/${f.upcomingAttemptId}`,
			query: { subscriptionContractId: f.activeContractId },
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(String(json(items).id)).toBe(f.upcomingAttemptId);
			expect(json(items).status).toBe('SKIPPED');
		},
	},
	{
		resource: 'order',
		operation: 'skipNext',
		parameters: (f) => ({ contractId: byId(`gid://shopify/SubscriptionContract/${f.activeContractId}`) }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-billing-attempts/skip-upcoming-order`,
			query: { subscriptionContractId: f.activeContractId },
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(String(json(items).contractId)).toBe(f.activeContractId);
			expect(String(json(items).id)).toBe(f.upcomingAttemptId);
			expect(json(items).status).toBe('SKIPPED');
		},
	},
	{
		resource: 'order',
		operation: 'unskip',
		parameters: (f) => ({ billingAttemptId: f.skippedAttemptId }),
		expect: (f) => ({ method: 'PUT', path: `${V2}/subscription-billing-attempts/unskip-order/${f.skippedAttemptId}` }),
		output: (items, f) => {
			expect(String(json(items).id)).toBe(f.skippedAttemptId);
			expect(json(items).status).toBe('QUEUED');
		},
	},
	{
		resource: 'order',
		operation: 'reschedule',
		parameters: (f) => ({
			billingAttemptId: f.upcomingAttemptId,
			billingDate: '2031-02-01T09:30:00+01:00',
			additionalFields: { rescheduleFutureOrder: false },
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-billing-attempts/reschedule-order/${f.upcomingAttemptId}`,
			query: { billingDate: '2031-02-01T08:30:00.000Z', rescheduleFutureOrder: 'false' },
		}),
		output: (items, f) => {
			expect(String(json(items).id)).toBe(f.upcomingAttemptId);
			expect(String(json(items).billingDate)).toMatch(/^2031-02-01T08:30:00/);
		},
	},
	{
		resource: 'order',
		operation: 'billNow',
		parameters: (f) => ({ billingAttemptId: f.upcomingAttemptId }),
		expect: (f) => ({ method: 'PUT', path: `${V2}/subscription-billing-attempts/attempt-billing/${f.upcomingAttemptId}` }),
		output: (items, f) => expect(json(items)).toEqual({ success: true, billingAttemptId: f.upcomingAttemptId }),
	},
	{
		resource: 'order',
		operation: 'updateNote',
		parameters: (f) => ({ billingAttemptId: f.upcomingAttemptId, orderNote: 'Ring twice, please' }),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-billing-attempts-update-order-note/${f.upcomingAttemptId}`,
			query: { orderNote: 'Ring twice, please' },
		}),
		output: (items, f) => expect(json(items)).toEqual({ success: true, billingAttemptId: f.upcomingAttemptId }),
	},
	{
		resource: 'order',
		operation: 'update',
		parameters: (f) => ({
			billingAttemptId: f.upcomingAttemptId,
			shop: f.shop,
			retryingNeeded: false,
			simplify: false,
			updateFields: {
				contractId: f.activeContractId,
				orderNote: 'Gift wrap',
				orderAttributes: { pairs: [{ key: 'gift', value: 'yes' }] },
				extraBody: '{"attemptCount": 0}',
			},
		}),
		expect: (f) => ({
			method: 'PUT',
			path: `${V2}/subscription-billing-attempts`,
			body: {
				id: Number(f.upcomingAttemptId),
				shop: f.shop,
				retryingNeeded: false,
				contractId: Number(f.activeContractId),
				orderNote: 'Gift wrap',
				orderAttributes: [{ key: 'gift', value: 'yes' }],
				attemptCount: 0,
			},
		}),
		output: (items, f) => {
			expect(String(json(items).id)).toBe(f.upcomingAttemptId);
			expect(json(items).orderNote).toBe('Gift wrap');
			expect(json(items).orderAttributes).toEqual([{ key: 'gift', value: 'yes' }]);
		},
	},
];
