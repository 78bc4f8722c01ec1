/**
 * Appstle's webhook event types (as far as Appstle documents them; it may send more, which the
 * trigger's "Other Event Names" option accepts by name).
 *
 * `name` is the item's `event`: where the polling trigger has an event of the same meaning, the
 * same name (so a workflow can switch triggers without rewiring); `eventType` and `status` are
 * the activity-log values of that same meaning, where there is one.
 */

export type PayloadKind = 'contract' | 'billingAttempt';

export interface WebhookEvent {
	/** Appstle's event type, also the option value stored in the workflow. */
	type: string;
	name: string;
	description: string;
	payload: PayloadKind;
	eventType?: string;
	status?: 'SUCCESS' | 'FAILURE';
}

export const ANY_WEBHOOK_EVENT = '*';

/** Sorted by name, as the Events list shows them. */
export const WEBHOOK_EVENTS: WebhookEvent[] = [
	{
		type: 'subscription.billing-failure',
		name: 'Billing Failed',
		description: 'A renewal payment failed (subscription.billing-failure)',
		payload: 'billingAttempt',
		eventType: 'BILLING_ATTEMPT_TRIGGERED',
		status: 'FAILURE',
	},
	{
		type: 'subscription.billing-interval-changed',
		name: 'Billing Interval Changed',
		description: 'How often the subscription is billed changed (subscription.billing-interval-changed)',
		payload: 'contract',
		eventType: 'BILLING_INTERVAL_CHANGE',
	},
	{
		type: 'subscription.billing-success',
		name: 'Billing Succeeded',
		description: 'A renewal payment went through (subscription.billing-success)',
		payload: 'billingAttempt',
		eventType: 'BILLING_ATTEMPT_TRIGGERED',
		status: 'SUCCESS',
	},
	{
		type: 'subscription.next-order-date-changed',
		name: 'Next Billing Date Changed',
		description: 'The next order date was moved (subscription.next-order-date-changed)',
		payload: 'contract',
		eventType: 'NEXT_BILLING_DATE_CHANGE',
	},
	{
		type: 'subscription.billing-skipped',
		name: 'Order Skipped',
		description: 'An upcoming order was skipped (subscription.billing-skipped)',
		payload: 'billingAttempt',
		eventType: 'BILLING_ATTEMPT_SKIPPED',
	},
	{
		type: 'subscription.activated',
		name: 'Subscription Activated',
		description: 'A subscription became active again (subscription.activated)',
		payload: 'contract',
		eventType: 'CONTRACT_ACTIVATED',
	},
	{
		type: 'subscription.cancelled',
		name: 'Subscription Cancelled',
		description: 'A subscription was cancelled (subscription.cancelled)',
		payload: 'contract',
		eventType: 'CONTRACT_CANCELLED',
	},
	{
		type: 'subscription.created',
		name: 'Subscription Created',
		description: 'A new subscription was created (subscription.created)',
		payload: 'contract',
		eventType: 'CONTRACT_CREATED',
	},
	{
		type: 'subscription.paused',
		name: 'Subscription Paused',
		description: 'A subscription was paused (subscription.paused)',
		payload: 'contract',
		eventType: 'CONTRACT_PAUSED',
	},
	{
		type: 'subscription.updated',
		name: 'Subscription Updated',
		description: 'Anything else about a subscription changed: products, address, price… (subscription.updated)',
		payload: 'contract',
	},
	{
		type: 'subscription.upcoming-order-notification',
		name: 'Upcoming Order Notification',
		description:
			'Appstle’s reminder ahead of a renewal, sent as many days before as set in Appstle (subscription.upcoming-order-notification)',
		payload: 'billingAttempt',
	},
];

export function findWebhookEvent(type: string): WebhookEvent | undefined {
	return WEBHOOK_EVENTS.find((event) => event.type === type);
}

/** "a, b\nc" → ['a', 'b', 'c'], trimmed, lower-cased, empty entries dropped. */
export function parseEventNames(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return text
		.split(/[\s,]+/)
		.map((name) => name.trim().toLowerCase())
		.filter((name) => name !== '');
}

/** Whether an event type passes the trigger's filter. */
export function eventSelected(type: string, selected: string[], otherNames: string[]): boolean {
	if (selected.includes(ANY_WEBHOOK_EVENT)) return true;
	const lower = type.toLowerCase();
	return selected.some((value) => value.toLowerCase() === lower) || otherNames.includes(lower);
}
