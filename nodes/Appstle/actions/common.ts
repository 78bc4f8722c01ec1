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
		description: 'The subscription: pick it from the list, or map the subscriptionContractId of Subscription → Get Many (not Appstle’s row number), or give the numeric Shopify ID or GID',
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
		label: 'Product Line',
		type: 'gid',
		gidType: 'SubscriptionLine',
		locator: 'subscriptionLine',
		in: 'query',
		required: true,
		placeholder: 'e.g. gid://shopify/SubscriptionLine/35d6970f-…',
		description: 'The product line of the subscription: pick it from the list, or give its GID (the ID of an entry in the subscription’s `lines`)',
		...overrides,
	};
}

export function billingAttemptField(in_: FieldDef['in'] = 'path', apiName = 'id'): FieldDef {
	return {
		name: 'billingAttemptId',
		apiName,
		label: 'Order',
		type: 'id',
		locator: 'billingAttempt',
		in: in_,
		required: true,
		description:
			'The upcoming order: pick it from the subscription’s orders, or give Appstle’s numeric order ID (the ID Order → Get Upcoming returns; not Shopify’s billing attempt ID)',
	};
}

/** A product variant, picked from the variants Appstle knows or given by numeric ID or GID. */
export function variantField(in_: FieldDef['in'] = 'query', overrides: Partial<FieldDef> = {}): FieldDef {
	return {
		name: 'variantId',
		label: 'Product Variant',
		type: 'id',
		gidType: 'ProductVariant',
		locator: 'productVariant',
		in: in_,
		required: true,
		description: 'The product variant: pick it from the list (search by title), or give its numeric ID or GID',
		...overrides,
	};
}

/** A selling plan picked from a dropdown, for optional fields where a picker cannot sit (collections, repeating groups). */
export function sellingPlanDropdownField(in_: FieldDef['in'], overrides: Partial<FieldDef> = {}): FieldDef {
	return {
		name: 'sellingPlanId',
		label: 'Selling Plan Name or ID',
		type: 'id',
		gidType: 'SellingPlan',
		loadOptions: 'sellingPlans',
		in: in_,
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		...overrides,
	};
}

/** A list's sort order, in its own Sort collection; the first option is Appstle's own order. */
export function sortField(options: INodePropertyOptions[]): FieldDef {
	return { name: 'sort', label: 'Order By', placement: 'sort', type: 'options', in: 'query', options, default: options[0].value };
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
