import { createHash } from 'crypto';

import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { parseApiDateTime } from '../transport/query';

/**
 * Appstle's activity-log enums (Appstle's 2024 backend plus values its current docs add),
 * shared by the Activity Log operation and the trigger. Filter values bind to Java enums on
 * Appstle's side: an unknown value makes the whole query fail with 400, so only these values
 * are ever sent as server-side filters.
 */

/** entityType values. */
export const ENTITY_TYPES = [
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
] as const;

/** eventSource values. */
export const EVENT_SOURCES = [
	'CUSTOMER_PORTAL',
	'MERCHANT_PORTAL',
	'SHOPIFY_EVENT',
	'SYSTEM_EVENT',
	'MERCHANT_PORTAL_BULK_AUTOMATION',
	'MERCHANT_EXTERNAL_API',
	'SHOPIFY_FLOW',
] as const;

/** status values. */
export const STATUSES = [
	'SUCCESS',
	'FAILURE',
	'INFO',
] as const;

/** eventType values: the 2024 backend list, then the two the current docs add (PAYMENT_METHOD_UPDATED, PRICING_POLICY_DISCOUNT_APPLIED). */
export const EVENT_TYPES = [
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
] as const;

/** The source Appstle records for changes made with an API key, e.g. by this package's action node. */
export const API_EVENT_SOURCE = 'MERCHANT_EXTERNAL_API';

export type Dimension = 'eventType' | 'entityType' | 'eventSource' | 'status';

export const KNOWN_VALUES: Record<Dimension, ReadonlySet<string>> = {
	eventType: new Set<string>(EVENT_TYPES),
	entityType: new Set<string>(ENTITY_TYPES),
	eventSource: new Set<string>(EVENT_SOURCES),
	status: new Set<string>(STATUSES),
};

const ACRONYMS = new Set(['API', 'CSS', 'URL', 'SKU']);

/** `MERCHANT_EXTERNAL_API` -> `Merchant External API`, for option names. */
export function humanizeEnum(value: string): string {
	return value
		.split('_')
		.filter((word) => word !== '')
		.map((word) => (ACRONYMS.has(word) ? word : word.charAt(0) + word.slice(1).toLowerCase()))
		.join(' ');
}

/** Option lists for an enum, named readably and sorted as n8n lists options. */
export function enumOptions(values: readonly string[]): INodePropertyOptions[] {
	return values
		.map((value) => {
			const name = humanizeEnum(value);
			// The raw value, as the emitted items carry it, unless it reads the same as the name.
			return name.toLowerCase() === value.toLowerCase() ? { name, value } : { name, value, description: value };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * An entry's createAt in epoch milliseconds, or undefined when it is no date. Appstle writes
 * its dates in UTC; a date-time without `Z` or an offset is read as UTC too, never in the n8n
 * host's time zone (which would move it by hours, so that it is lost or repeated).
 */
export function entryTimeMs(createAt: unknown): number | undefined {
	if (typeof createAt !== 'string') return undefined;
	const iso = parseApiDateTime(createAt, 'UTC');
	return iso === undefined ? undefined : Date.parse(iso);
}

/** JSON with object keys sorted at every level: the same text for the same content. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * An entry's identity for "already delivered": its `id`, or, for an entry without one, a hash
 * of its whole content (`no-id:` + 24 hex digits), the same every time the entry is read. Two
 * entries without an id that are identical in every field count as one.
 */
export function entryIdentity(entry: IDataObject): string {
	const id = entry.id;
	if ((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.trim() !== '')) return String(id);
	return `no-id:${createHash('sha256').update(canonicalJson(entry)).digest('hex').slice(0, 24)}`;
}
