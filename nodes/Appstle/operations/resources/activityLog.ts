import type { INodePropertyOptions } from 'n8n-workflow';

import { simplifyActivityLog } from '../simplify';
import type { OperationDef, ResourceDef } from '../types';

const resource = 'activityLog';

/** Appstle's activity-log enums; an unknown value makes Appstle answer 400. */
export const ACTIVITY_ENTITY_TYPES = [
	'SUBSCRIPTION_BILLING_ATTEMPT',
	'SUBSCRIPTION_CONTRACT_DETAILS',
	'SUBSCRIPTION_GROUP_PLAN',
	'SHIPPING_PROFILE',
	'CANCELLATION_MANAGEMENT',
	'DUNNING_MANAGEMENT',
	'PRODUCT_SWAP',
	'FREQUENCY_SWAP',
	'EMAIL_TEMPLATE',
	'SHOP_INFO',
	'SUBSCRIPTION_WIDGET_SETTINGS',
	'CUSTOMER_PORTAL_SETTINGS',
	'SUBSCRIPTION_BUNDLING',
];

export const ACTIVITY_EVENT_SOURCES = [
	'CUSTOMER_PORTAL',
	'MERCHANT_PORTAL',
	'SHOPIFY_EVENT',
	'SYSTEM_EVENT',
	'MERCHANT_PORTAL_BULK_AUTOMATION',
	'MERCHANT_EXTERNAL_API',
	'SHOPIFY_FLOW',
];

export const ACTIVITY_STATUSES = ['SUCCESS', 'FAILURE', 'INFO'];

export const ACTIVITY_EVENT_TYPES = [
	'NEXT_BILLING_DATE_CHANGE',
	'NEXT_BILLING_TIME_CHANGE',
	'BILLING_INTERVAL_CHANGE',
	'DELIVERY_INTERVAL_CHANGE',
	'BILLING_ATTEMPT_TRIGGERED',
	'BILLING_ATTEMPT_SKIPPED',
	'PRODUCT_ADD',
	'PRODUCT_REMOVE',
	'PRODUCT_REPLACE',
	'PRODUCT_QUANTITY_CHANGE',
	'PRODUCT_PRICE_CHANGE',
	'PRODUCT_PRICING_POLICY_CHANGE',
	'PRODUCT_SELLING_PLAN_CHANGE',
	'CONTRACT_PAUSED',
	'CONTRACT_ACTIVATED',
	'CONTRACT_CANCELLED',
	'DELIVERY_METHOD_UPDATED',
	'SYSTEM_UPDATED_DELIVERY_PRICE',
	'MANUAL_DELIVERY_PRICE_UPDATED',
	'DELIVERY_PRICE_OVERRIDE_CHANGED',
	'SHIPPING_ADDRESS_CHANGE',
	'SEND_SUBSCRIPTION_CREATED_EMAIL',
	'SEND_TRANSACTION_FAILED_EMAIL',
	'SEND_UPCOMING_ORDER_EMAIL',
	'SEND_EXPIRING_CREDIT_CARD_EMAIL',
	'SEND_SHIPPING_ADDRESS_UPDATED_EMAIL',
	'SEND_ORDER_FREQUENCY_UPDATED_EMAIL',
	'SEND_NEXT_ORDER_DATE_UPDATED_EMAIL',
	'SEND_SUBSCRIPTION_PAUSED_EMAIL',
	'SEND_SUBSCRIPTION_CANCELED_EMAIL',
	'SEND_SUBSCRIPTION_RESUMED_EMAIL',
	'SEND_SUBSCRIPTION_PRODUCT_ADDED_EMAIL',
	'SEND_SUBSCRIPTION_PRODUCT_REMOVED_EMAIL',
	'SEND_SUBSCRIPTION_PRODUCT_REPLACED_EMAIL',
	'SEND_ORDER_SKIPPED_EMAIL',
	'ONE_TIME_PURCHASE_PRODUCT_ADDED',
	'ONE_TIME_PURCHASE_PRODUCT_REMOVED',
	'ONE_TIME_PURCHASE_PRODUCT_UPDATE',
	'SEND_SECURITY_CHALLENGE_EMAIL',
	'DISCOUNT_APPLIED',
	'DISCOUNT_REMOVED',
	'DUNNING_CANCELLED',
	'DUNNING_SKIPPED',
	'DUNNING_PAUSED',
	'DUNNING_ATTEMPT_SKIPPED',
	'BILLING_ATTEMPT_NOTIFICATION',
	'SEND_SUBSCRIPTION_MANAGEMENT_LINK',
	'PRICE_CHANGE_SYNC',
	'UPDATE_QUEUED_ATTEMPTS',
	'WEBHOOK',
	'SPLIT_CONTRACT',
	'SWITCH_PAYMENT_METHODS',
	'SEND_OUT_OF_STOCK_EMAIL',
	'INFORMATIONAL_EVENT',
	'BULK_EMAIL',
	'CONTRACT_CREATED',
	'ANCHOR_DAY_REMOVED',
	'UPCOMING_ORDER_UPDATED',
	'SUBSCRIPTION_CONTRACT_UPDATED',
	'BILLING_ATTEMPT_UPDATED',
	'PAYMENT_METHOD_UPDATED',
	'PRICING_POLICY_DISCOUNT_APPLIED',
];

/** `SEND_UPCOMING_ORDER_EMAIL` → `Send Upcoming Order Email`. */
function optionsOf(values: string[]): INodePropertyOptions[] {
	return values.map((value) => ({
		name: value
			.toLowerCase()
			.split('_')
			.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
			.join(' '),
		value,
	}));
}

const operations: OperationDef[] = [
	{
		resource,
		operation: 'getMany',
		name: 'Get Many',
		action: 'Get many activity log entries',
		description:
			'List what happened to subscriptions and settings (who changed what, orders, emails), newest first, filtered by type, source, status, subscription and time',
		method: 'GET',
		path: '/activity-logs',
		fields: [
			{
				name: 'entityTypes',
				apiName: 'entityType.in',
				displayName: 'Entity Types',
				type: 'multiOptions',
				in: 'query',
				options: optionsOf(ACTIVITY_ENTITY_TYPES),
				description: 'Only entries about these kinds of objects',
			},
			{
				name: 'eventTypes',
				apiName: 'eventType.in',
				displayName: 'Event Types',
				type: 'multiOptions',
				in: 'query',
				options: optionsOf(ACTIVITY_EVENT_TYPES),
				description: 'Only these events. Without this filter Appstle leaves out Update Queued Attempts entries.',
			},
			{
				name: 'eventSources',
				apiName: 'eventSource.in',
				displayName: 'Sources',
				type: 'multiOptions',
				in: 'query',
				options: optionsOf(ACTIVITY_EVENT_SOURCES),
				description: 'Only entries caused from these places (customer portal, merchant, Shopify, API…)',
			},
			{
				name: 'statuses',
				apiName: 'status.in',
				displayName: 'Statuses',
				type: 'multiOptions',
				in: 'query',
				options: optionsOf(ACTIVITY_STATUSES),
			},
			{
				name: 'entityId',
				apiName: 'entityId.equals',
				displayName: 'Entity ID',
				type: 'id',
				in: 'query',
				placeholder: 'e.g. 27510000000',
				description:
					'Only entries about this object: for subscriptions and their orders, the subscription contract ID (numeric ID or GID)',
			},
			{
				name: 'createdAfter',
				apiName: 'createAt.greaterThanOrEqual',
				displayName: 'Created After',
				type: 'dateTime',
				in: 'query',
				description: 'Only entries from this moment on',
			},
			{
				name: 'createdBefore',
				apiName: 'createAt.lessThan',
				displayName: 'Created Before',
				type: 'dateTime',
				in: 'query',
				description: 'Only entries before this moment',
			},
			{
				name: 'sort',
				displayName: 'Sort',
				type: 'options',
				in: 'query',
				options: [
					{ name: 'Newest First', value: 'createAt,desc' },
					{ name: 'Oldest First', value: 'createAt,asc' },
				],
				default: 'createAt,desc',
			},
		],
		fixedQuery: { sort: 'createAt,desc' },
		idempotent: true,
		effect: 'read',
		apiKeyInQuery: true,
		list: { pagination: 'page', maxPageSize: 100 },
		output: { simplify: simplifyActivityLog },
	},
];

export const activityLogResource: ResourceDef = {
	value: resource,
	name: 'Activity Log',
	description: 'The history of changes, orders and emails in Appstle',
	operations,
};
