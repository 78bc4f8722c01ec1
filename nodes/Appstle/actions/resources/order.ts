import { ENDPOINTS } from '../../shared/endpoints';
import { billingAttemptField, contractField, extraBodyField, shopDomainField, sortField } from '../common';
import { simplifyBillingAttempt, simplifyBillingAttemptReport } from '../../shared/simplify';
import { defineResource, type FieldDef, type OperationSpec } from '../types';

const resource = 'order';

const orderPath = billingAttemptField('path', 'id');
const orderOutput = { simplify: simplifyBillingAttempt };

/** An optional subscription filter: a plain ID field, since locators cannot sit in a collection. */
const optionalContract = (apiName: string, description: string): FieldDef =>
	contractField('query', apiName, { label: 'Subscription ID', required: false, locator: undefined, description });

const contractFilter = optionalContract('contractId', 'Only orders of this subscription contract');

const customerFilters: FieldDef[] = [
	{
		name: 'customerId',
		label: 'Customer ID',
		type: 'id',
		gidType: 'Customer',
		in: 'query',
		description: 'Only orders of this Shopify customer',
	},
	{
		name: 'customerUid',
		label: 'Customer UID',
		type: 'string',
		in: 'query',
		description: 'Only orders of the customer with this Appstle customer UID',
	},
];

const orderSort = sortField([
	{ name: 'Newest First', value: 'id,desc' },
	{ name: 'Oldest First', value: 'id,asc' },
	{ name: 'Billing Date, Latest First', value: 'billingDate,desc' },
	{ name: 'Billing Date, Earliest First', value: 'billingDate,asc' },
	{ name: 'Order Amount, Highest First', value: 'orderAmount,desc' },
]);

const optionalContractQuery: FieldDef = {
	...optionalContract('subscriptionContractId', 'The subscription contract the order belongs to'),
	name: 'subscriptionContractId',
};

const REPORT_STATUS_OPTIONS = [
	{ name: 'Success', value: 'SUCCESS' },
	{ name: 'Failure', value: 'FAILURE' },
	{ name: 'Queued', value: 'QUEUED' },
	{ name: 'Skipped', value: 'SKIPPED' },
	{ name: 'Skipped by Dunning', value: 'SKIPPED_DUNNING_MGMT' },
	{ name: 'Skipped for Inventory', value: 'SKIPPED_INVENTORY_MGMT' },
];

const operations: OperationSpec[] = [
	{
		operation: 'getUpcoming',
		name: 'Get Upcoming',
		action: 'Get upcoming orders',
		description: 'List the upcoming orders of a subscription or a customer, with their dates and products. Give a subscription, a customer, or both.',
		method: 'GET',
		path: ENDPOINTS.upcomingOrders,
		fields: [contractFilter, ...customerFilters],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'none' },
		output: orderOutput,
	},
	{
		operation: 'getPast',
		name: 'Get Past',
		action: 'Get past orders',
		description: 'List orders already billed, failed or skipped, for a subscription, a customer or the whole shop',
		method: 'GET',
		path: '/subscription-billing-attempts/past-orders',
		fields: [contractFilter, ...customerFilters, orderSort],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'page', maxPageSize: 100 },
		output: orderOutput,
	},
	{
		operation: 'getReport',
		name: 'Get Report',
		action: 'Get a report of past orders',
		description: 'List past orders of one status with their subscription and customer, e.g. every failed payment',
		method: 'GET',
		path: '/subscription-billing-attempts/past-orders/report',
		fields: [
			{
				name: 'status',
				label: 'Status',
				type: 'options',
				in: 'query',
				required: true,
				options: REPORT_STATUS_OPTIONS,
				default: 'FAILURE',
			},
			contractFilter,
			{ name: 'fromDay', label: 'From', type: 'dateTime', in: 'query', description: 'Only orders on or after this date' },
			{ name: 'toDay', label: 'To', type: 'dateTime', in: 'query', description: 'Only orders on or before this date' },
			{
				name: 'attemptCount',
				label: 'Attempt Count',
				type: 'integer',
				in: 'query',
				minValue: 0,
				description: 'Only orders with this many payment attempts',
			},
			{
				name: 'contractStatus',
				label: 'Subscription Status',
				type: 'string',
				in: 'query',
				placeholder: 'e.g. active',
				description: 'Only orders of subscriptions in this status',
			},
			{
				name: 'includeShopifyException',
				label: 'Include Shopify Error',
				type: 'boolean',
				in: 'query',
				description: 'Whether to include Shopify’s error details for failed payments',
			},
			orderSort,
		],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'page', maxPageSize: 100 },
		output: { simplify: simplifyBillingAttemptReport },
	},
	{
		operation: 'skip',
		name: 'Skip',
		action: 'Skip an order',
		description: 'Skip one upcoming order so it is not billed or shipped',
		method: 'PUT',
		path: '/subscription-billing-attempts/skip-order/{id}',
		fields: [
			orderPath,
			optionalContractQuery,
			{
				name: 'isPrepaid',
				label: 'Prepaid',
				type: 'boolean',
				in: 'query',
				description: 'Whether the subscription is prepaid (billed for several deliveries at once)',
			},
		],
		idempotent: true,
		effect: 'write',
		output: orderOutput,
	},
	{
		operation: 'skipNext',
		name: 'Skip Next Order',
		action: 'Skip the next order of a subscription',
		description:
			'Skip the earliest queued order of a subscription. Each call skips one more order, so a repeated call skips the one after it too.',
		method: 'PUT',
		path: '/subscription-billing-attempts/skip-upcoming-order',
		fields: [contractField('query', 'subscriptionContractId')],
		idempotent: false,
		effect: 'write',
		output: orderOutput,
	},
	{
		operation: 'unskip',
		name: 'Unskip',
		action: 'Unskip an order',
		description: 'Put a skipped upcoming order back in the queue so it is billed on its date',
		method: 'PUT',
		path: '/subscription-billing-attempts/unskip-order/{id}',
		fields: [orderPath, optionalContractQuery],
		idempotent: true,
		effect: 'write',
		output: orderOutput,
	},
	{
		operation: 'reschedule',
		name: 'Reschedule',
		action: 'Reschedule an order',
		description: 'Move a queued upcoming order to another date in the future',
		method: 'PUT',
		path: '/subscription-billing-attempts/reschedule-order/{id}',
		fields: [
			orderPath,
			{ name: 'billingDate', label: 'Billing Date', type: 'dateTime', in: 'query', required: true, description: 'The new date the order is billed on' },
			{
				name: 'rescheduleFutureOrder',
				label: 'Reschedule Future Orders',
				type: 'boolean',
				in: 'query',
				description: 'Whether to shift the later orders by the same amount',
			},
		],
		idempotent: true,
		effect: 'write',
		output: orderOutput,
	},
	{
		operation: 'billNow',
		name: 'Bill Now',
		action: 'Bill an order now',
		description: 'Place a queued upcoming order right away instead of on its billing date; the shop must allow immediate orders in Appstle',
		notice:
			'Running this charges the customer’s payment method right away for this order, once per input item, and Shopify creates the order. It is never sent twice: if Appstle’s answer is lost, check the order in Appstle before running it again.',
		method: 'PUT',
		path: '/subscription-billing-attempts/attempt-billing/{id}',
		fields: [orderPath],
		idempotent: false,
		effect: 'charge',
	},
	{
		operation: 'updateNote',
		name: 'Update Note',
		action: 'Update the note of an order',
		description: 'Set the note of one upcoming order; other orders of the subscription keep theirs',
		method: 'PUT',
		path: '/subscription-billing-attempts-update-order-note/{id}',
		fields: [orderPath, { name: 'orderNote', label: 'Order Note', type: 'string', in: 'query', required: true, rows: 3 }],
		idempotent: true,
		effect: 'write',
	},
	{
		operation: 'update',
		name: 'Update',
		action: 'Update an order',
		description:
			'Replace the stored record of an upcoming order. Appstle saves the body as sent and clears fields left out, so map the whole order from Get Upcoming into Extra Body Fields. To move the date or change the note only, use Reschedule or Update Note.',
		method: 'PUT',
		path: '/subscription-billing-attempts',
		fields: [
			billingAttemptField('body', 'id'),
			shopDomainField(),
			{
				name: 'retryingNeeded',
				label: 'Retry Failed Payment',
				type: 'boolean',
				in: 'body',
				required: true,
				description: 'Whether Appstle should retry the payment of this order after a failure',
			},
			{ name: 'contractId', label: 'Subscription ID', type: 'id', gidType: 'SubscriptionContract', in: 'body' },
			{ name: 'billingDate', label: 'Billing Date', type: 'dateTime', in: 'body' },
			{ name: 'orderNote', label: 'Order Note', type: 'string', in: 'body', rows: 3 },
			{ name: 'orderAttributes', label: 'Order Attributes', type: 'keyValueList', in: 'body' },
			extraBodyField('The rest of the order as a JSON object, e.g. an order from Get Upcoming; its keys override the fields above'),
		],
		idempotent: true,
		effect: 'write',
		output: orderOutput,
	},
];

export const orderResource = defineResource(
	{
		value: resource,
		name: 'Order',
		description: 'Upcoming and past orders of subscriptions (Appstle billing attempts): skip, reschedule, bill now',
	},
	operations,
);
