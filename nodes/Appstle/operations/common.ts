import type { INodePropertyOptions } from 'n8n-workflow';

import type { FieldDef } from './types';

/** Field builders shared by several resources, so one concept looks and behaves the same everywhere. */

export function contractField(in_: FieldDef['in'], apiName = 'contractId', overrides: Partial<FieldDef> = {}): FieldDef {
	return {
		name: 'contractId',
		apiName,
		label: 'Subscription',
		type: 'id',
		gidType: 'SubscriptionContract',
		locator: 'subscriptionContract',
		in: in_,
		required: true,
		description: 'The subscription contract, by its numeric Shopify ID or GID',
		...overrides,
	};
}

export function customerField(in_: FieldDef['in'], apiName = 'customerId', overrides: Partial<FieldDef> = {}): FieldDef {
	return {
		name: 'customerId',
		apiName,
		label: 'Customer',
		type: 'id',
		gidType: 'Customer',
		locator: 'customer',
		in: in_,
		required: true,
		description: 'The Shopify customer, by numeric ID or GID',
		...overrides,
	};
}

export function lineIdField(overrides: Partial<FieldDef> = {}): FieldDef {
	return {
		name: 'lineId',
		label: 'Line ID',
		type: 'gid',
		gidType: 'SubscriptionLine',
		in: 'query',
		required: true,
		placeholder: 'e.g. gid://shopify/SubscriptionLine/35d6970f-…',
		description: 'The subscription line GID, as in the contract’s `lines` (Get a subscription)',
		...overrides,
	};
}

export function billingAttemptField(in_: FieldDef['in'] = 'path', apiName = 'id'): FieldDef {
	return {
		name: 'billingAttemptId',
		apiName,
		label: 'Order ID',
		type: 'id',
		in: in_,
		required: true,
		description:
			'Appstle’s numeric ID of the order (billing attempt), as Order → Get Upcoming returns it; not Shopify’s billing attempt ID',
	};
}

export const INTERVAL_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Day', value: 'DAY' },
	{ name: 'Week', value: 'WEEK' },
	{ name: 'Month', value: 'MONTH' },
	{ name: 'Year', value: 'YEAR' },
];

export const CONTRACT_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Active', value: 'ACTIVE' },
	{ name: 'Paused', value: 'PAUSED' },
	{ name: 'Cancelled', value: 'CANCELLED' },
];

/** JSON body keys that have no structured field, merged over the body last. */
export function extraBodyField(description = 'Further body fields as a JSON object; they override the fields above'): FieldDef {
	return {
		name: 'extraBody',
		label: 'Extra Body Fields (JSON)',
		type: 'json',
		in: 'bodyMerge',
		description,
	};
}




/** The shop's myshopify.com domain, which a few Appstle bodies require next to the API key. */
export function shopDomainField(in_: FieldDef['in'] = 'body', apiName = 'shop'): FieldDef {
	return {
		name: 'shop',
		apiName,
		label: 'Shop Domain',
		type: 'string',
		in: in_,
		required: true,
		placeholder: 'e.g. my-store.myshopify.com',
		description: 'Your shop’s myshopify.com domain; Appstle requires it in this request',
	};
}

/**
 * The `{id}` of a settings endpoint whose value Appstle ignores (it returns the shop’s only
 * record). Optional, so nobody has to type a meaningless ID; left empty, `0` is sent.
 */
export function ignoredIdField(): FieldDef {
	return {
		name: 'recordId',
		apiName: 'id',
		label: 'Record ID',
		type: 'string',
		in: 'path',
		default: '0',
		description: 'Appstle ignores this and always returns the shop’s single record; leave it empty',
	};
}
