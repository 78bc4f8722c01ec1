import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../shared/endpoints';
import { nodesOf } from '../../shared/records';
import { customerField } from '../common';
import { simplifyContractDetails, simplifyShopifyContract } from '../../shared/simplify';
import { defineResource, type OperationSpec } from '../types';

const resource = 'customer';

const customerPath = customerField('path');

/** One page of a Shopify customer's `subscriptionContracts` connection and the cursor of the next. */
function subscriptionContractsPage(body: unknown): { items: IDataObject[]; nextCursor?: string } {
	const customer = (body ?? {}) as IDataObject;
	const contracts = customer.subscriptionContracts as IDataObject | undefined;
	const pageInfo = (contracts?.pageInfo as IDataObject | undefined) ?? {};
	const more = pageInfo.hasNextPage === true && typeof pageInfo.endCursor === 'string' && pageInfo.endCursor !== '';
	return { items: nodesOf(contracts), nextCursor: more ? (pageInfo.endCursor as string) : undefined };
}

const operations: OperationSpec[] = [
	{
		operation: 'getMany',
		name: 'Get Many',
		action: 'Get many customers',
		description: 'List the customers who have subscriptions, with their active and inactive subscription counts',
		method: 'GET',
		path: ENDPOINTS.contractCustomers,
		fields: [
			{ name: 'name', label: 'Name', type: 'string', in: 'query', description: 'Part of the customer’s name' },
			{
				name: 'email',
				label: 'Email',
				type: 'string',
				in: 'query',
				placeholder: 'e.g. nathan@example.com',
				description: 'The customer’s full email address',
			},
			{
				name: 'activeMoreThanOneSubscription',
				label: 'Several Active Subscriptions Only',
				type: 'boolean',
				in: 'query',
				description: 'Whether to return only customers with more than one active subscription',
			},
		],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'page', maxPageSize: 100 },
	},
	{
		operation: 'getSubscriptions',
		name: 'Get Subscriptions',
		action: 'Get the subscriptions of a customer',
		description:
			'List a customer’s subscription contracts as Shopify holds them, one item per contract (paged with Shopify’s cursor)',
		method: 'GET',
		path: '/subscription-customers/{id}',
		fields: [customerField('path', 'id')],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'cursor', cursor: { parameter: 'cursor', read: subscriptionContractsPage } },
		output: { simplify: simplifyShopifyContract },
	},
	{
		operation: 'getSubscriptionDetails',
		name: 'Get Subscription Details',
		action: 'Get the subscription details of a customer',
		description:
			'List the Appstle records of a customer’s subscriptions: status, next order date, frequency, amount and products',
		method: 'GET',
		path: '/subscription-customers-detail/valid/{customerId}',
		fields: [customerPath],
		idempotent: true,
		effect: 'read',
		output: { simplify: simplifyContractDetails },
	},
	{
		operation: 'getSubscriptionIds',
		name: 'Get Subscription IDs',
		action: 'Get every subscription ID of a customer',
		description: 'List the IDs of a customer’s subscription contracts, one item per ID',
		method: 'GET',
		path: '/subscription-customers/valid/{customerId}',
		fields: [customerPath],
		idempotent: true,
		effect: 'read',
		output: { valueKey: 'contractId' },
	},
	{
		operation: 'sync',
		name: 'Sync From Shopify',
		action: 'Sync a customer',
		description:
			'Copy the customer’s current details (name, email, phone) from Shopify onto their Appstle subscriptions, e.g. after editing the customer in Shopify',
		method: 'GET',
		path: '/subscription-customers/sync-info/{customerId}',
		fields: [customerPath],
		idempotent: true,
		effect: 'write',
	},
];

export const customerResource = defineResource(
	{
		value: resource,
		name: 'Customer',
		description: 'Shopify customers with subscriptions',
	},
	operations,
);
