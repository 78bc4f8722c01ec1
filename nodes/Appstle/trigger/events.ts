/**
 * The trigger's "Events": plain names for the activity-log entries people alert on, mapped to
 * what Appstle records. An event matches an entry when the entry's eventType is one of
 * `eventTypes` and, where given, its status equals `status` and its entityType is one of
 * `entityTypes`.
 */

export type LogStatus = 'SUCCESS' | 'FAILURE' | 'INFO';

export interface TriggerEvent {
	/** The option value stored in the workflow; never rename one. */
	value: string;
	/** The option name, also emitted as the item's `event`. */
	name: string;
	description: string;
	eventTypes: string[];
	status?: LogStatus;
	entityTypes?: string[];
}

export const ANY_EVENT = 'anyEvent';

/** Sorted by name, as the Events list shows them. */
export const TRIGGER_EVENTS: TriggerEvent[] = [
	{
		value: 'billingFailed',
		name: 'Billing Failed',
		description: 'A renewal payment failed (BILLING_ATTEMPT_TRIGGERED with status FAILURE)',
		eventTypes: ['BILLING_ATTEMPT_TRIGGERED'],
		status: 'FAILURE',
	},
	{
		value: 'billingIntervalChanged',
		name: 'Billing Interval Changed',
		description: 'How often the subscription is billed changed (BILLING_INTERVAL_CHANGE)',
		eventTypes: ['BILLING_INTERVAL_CHANGE'],
	},
	{
		value: 'billingSucceeded',
		name: 'Billing Succeeded',
		description: 'A renewal payment went through (BILLING_ATTEMPT_TRIGGERED with status SUCCESS)',
		eventTypes: ['BILLING_ATTEMPT_TRIGGERED'],
		status: 'SUCCESS',
	},
	{
		value: 'deliveryIntervalChanged',
		name: 'Delivery Interval Changed',
		description: 'How often the subscription is delivered changed (DELIVERY_INTERVAL_CHANGE)',
		eventTypes: ['DELIVERY_INTERVAL_CHANGE'],
	},
	{
		value: 'discountApplied',
		name: 'Discount Applied',
		description: 'A discount code was applied to a subscription (DISCOUNT_APPLIED)',
		eventTypes: ['DISCOUNT_APPLIED'],
	},
	{
		value: 'discountRemoved',
		name: 'Discount Removed',
		description: 'A discount was removed from a subscription (DISCOUNT_REMOVED)',
		eventTypes: ['DISCOUNT_REMOVED'],
	},
	{
		value: 'dunningActionTaken',
		name: 'Dunning Action Taken',
		description:
			'After failed payments, the dunning rules cancelled, paused or skipped (DUNNING_CANCELLED, DUNNING_PAUSED, DUNNING_SKIPPED, DUNNING_ATTEMPT_SKIPPED)',
		eventTypes: ['DUNNING_CANCELLED', 'DUNNING_PAUSED', 'DUNNING_SKIPPED', 'DUNNING_ATTEMPT_SKIPPED'],
	},
	{
		value: 'nextBillingDateChanged',
		name: 'Next Billing Date Changed',
		description: 'The next order date was moved (NEXT_BILLING_DATE_CHANGE)',
		eventTypes: ['NEXT_BILLING_DATE_CHANGE'],
	},
	{
		value: 'oneTimeProductAdded',
		name: 'One-Time Product Added',
		description: 'A one-time product was added to the next order (ONE_TIME_PURCHASE_PRODUCT_ADDED)',
		eventTypes: ['ONE_TIME_PURCHASE_PRODUCT_ADDED'],
	},
	{
		value: 'oneTimeProductRemoved',
		name: 'One-Time Product Removed',
		description: 'A one-time product was removed (ONE_TIME_PURCHASE_PRODUCT_REMOVED)',
		eventTypes: ['ONE_TIME_PURCHASE_PRODUCT_REMOVED'],
	},
	{
		value: 'orderSkipped',
		name: 'Order Skipped',
		description: 'An upcoming order was skipped (BILLING_ATTEMPT_SKIPPED)',
		eventTypes: ['BILLING_ATTEMPT_SKIPPED'],
	},
	{
		value: 'paymentMethodUpdated',
		name: 'Payment Method Updated',
		description: 'The payment method of a subscription changed (PAYMENT_METHOD_UPDATED, SWITCH_PAYMENT_METHODS)',
		eventTypes: ['PAYMENT_METHOD_UPDATED', 'SWITCH_PAYMENT_METHODS'],
	},
	{
		value: 'productAdded',
		name: 'Product Added',
		description: 'A product was added to a subscription (PRODUCT_ADD)',
		eventTypes: ['PRODUCT_ADD'],
	},
	{
		value: 'productQuantityChanged',
		name: 'Product Quantity Changed',
		description: 'The quantity of a subscribed product changed (PRODUCT_QUANTITY_CHANGE)',
		eventTypes: ['PRODUCT_QUANTITY_CHANGE'],
	},
	{
		value: 'productRemoved',
		name: 'Product Removed',
		description: 'A product was removed from a subscription (PRODUCT_REMOVE)',
		eventTypes: ['PRODUCT_REMOVE'],
	},
	{
		value: 'productReplaced',
		name: 'Product Replaced',
		description: 'A product was swapped for another (PRODUCT_REPLACE)',
		eventTypes: ['PRODUCT_REPLACE'],
	},
	{
		value: 'shippingAddressChanged',
		name: 'Shipping Address Changed',
		description: 'The shipping address of a subscription changed (SHIPPING_ADDRESS_CHANGE)',
		eventTypes: ['SHIPPING_ADDRESS_CHANGE'],
	},
	{
		value: 'subscriptionActivated',
		name: 'Subscription Activated',
		description: 'A paused or cancelled subscription was activated again (CONTRACT_ACTIVATED)',
		eventTypes: ['CONTRACT_ACTIVATED'],
	},
	{
		value: 'subscriptionCancelled',
		name: 'Subscription Cancelled',
		description: 'A subscription was cancelled (CONTRACT_CANCELLED)',
		eventTypes: ['CONTRACT_CANCELLED'],
	},
	{
		value: 'subscriptionCreated',
		name: 'Subscription Created',
		description: 'A new subscription was created (CONTRACT_CREATED)',
		eventTypes: ['CONTRACT_CREATED'],
	},
	{
		value: 'subscriptionPaused',
		name: 'Subscription Paused',
		description: 'A subscription was paused (CONTRACT_PAUSED)',
		eventTypes: ['CONTRACT_PAUSED'],
	},
];

export function findTriggerEvent(value: string): TriggerEvent | undefined {
	return TRIGGER_EVENTS.find((event) => event.value === value);
}

/** Whether an activity-log entry is an occurrence of the event. */
export function entryMatchesEvent(
	entry: { eventType?: unknown; status?: unknown; entityType?: unknown },
	event: TriggerEvent,
): boolean {
	if (!event.eventTypes.includes(String(entry.eventType))) return false;
	if (event.status !== undefined && entry.status !== event.status) return false;
	if (event.entityTypes !== undefined && !event.entityTypes.includes(String(entry.entityType))) return false;
	return true;
}
