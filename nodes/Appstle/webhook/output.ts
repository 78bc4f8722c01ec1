import type { IDataObject } from 'n8n-workflow';

import { idDigitsOf, idNumberOf } from '../shared/ids';
import { findWebhookEvent, type PayloadKind } from './events';

/**
 * The item a delivery becomes. It starts with the fields the polling trigger's items start with,
 * meaning the same, so a workflow can switch triggers without rewiring: `event` (e.g. "Billing
 * Failed"), `subscriptionId` and `customerId` (numbers), `customerName`, `customerEmail` and
 * `occurredAt` (ISO 8601), each null when the payload does not say. Then the activity-log keys of
 * the same meaning where there are any (`eventType`, `status`, `entityId`, `entityType`,
 * `createAt`), and the webhook's own: `webhookEvent` (Appstle's event type), `svixId` and
 * `payload` (the delivery as Appstle sent it).
 */

const ENTITY_TYPE_OF_PAYLOAD: Record<PayloadKind, string> = {
	contract: 'SUBSCRIPTION_CONTRACT_DETAILS',
	billingAttempt: 'SUBSCRIPTION_BILLING_ATTEMPT',
};

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(type: string, data: IDataObject): PayloadKind | undefined {
	const known = findWebhookEvent(type);
	if (known) return known.payload;
	if (data.__typename === 'SubscriptionContract') return 'contract';
	if ('billingAttemptId' in data || 'billingDate' in data) return 'billingAttempt';
	return undefined;
}

/** The subscription contract a delivery is about, as the number the item carries. */
function payloadContractId(kind: PayloadKind | undefined, data: IDataObject): number | null {
	const direct = idDigitsOf(data.contractId, 'SubscriptionContract') ?? idDigitsOf(data.subscriptionContractId, 'SubscriptionContract');
	if (direct !== undefined) return idNumberOf(direct);
	if (kind === 'contract') return idNumberOf(idDigitsOf(data.id, 'SubscriptionContract'));
	// Elsewhere `id` is the record's own ID; only a contract GID names the contract.
	return typeof data.id === 'string' && data.id.startsWith('gid://shopify/SubscriptionContract/')
		? idNumberOf(idDigitsOf(data.id, 'SubscriptionContract'))
		: null;
}

interface CustomerFacts {
	customerId: number | null;
	customerName: string | null;
	customerEmail: string | null;
}

function textOf(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Who the subscription belongs to, from a contract's `customer` or a record's own fields. */
function customerOf(data: IDataObject): CustomerFacts {
	const customer = isObject(data.customer) ? data.customer : {};
	const id = idDigitsOf(customer.id, 'Customer') ?? idDigitsOf(data.customerId, 'Customer');
	const fullName = [textOf(customer.firstName), textOf(customer.lastName)].filter(Boolean).join(' ');
	return {
		customerId: idNumberOf(id),
		customerName: textOf(customer.displayName) ?? (fullName || null) ?? textOf(data.customerName),
		customerEmail: textOf(customer.email) ?? textOf(data.customerEmail),
	};
}

/** A date-time text as ISO 8601 UTC; undefined when it is not one. */
function isoFromText(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The payload's own time of the change, else when Svix signed the delivery. */
function createAtOf(kind: PayloadKind | undefined, data: IDataObject, signedAtSeconds: number): string {
	const own = kind === 'billingAttempt' ? isoFromText(data.attemptTime) : kind === 'contract' ? isoFromText(data.updatedAt) : undefined;
	return own ?? new Date(signedAtSeconds * 1000).toISOString();
}

/** Appstle's event type of a parsed body, or '' when it has none. */
export function eventTypeOf(body: unknown): string {
	return isObject(body) && typeof body.type === 'string' ? body.type.trim() : '';
}

export function toItem(body: unknown, svixId: string, signedAtSeconds: number): IDataObject {
	const type = eventTypeOf(body);
	const data = isObject(body) && isObject(body.data) ? body.data : {};
	const known = findWebhookEvent(type);
	const kind = kindOf(type, data);
	const subscriptionId = payloadContractId(kind, data);
	const occurredAt = createAtOf(kind, data, signedAtSeconds);
	const item: IDataObject = {
		event: known?.name ?? (type === '' ? 'Unknown Event' : type),
		subscriptionId,
		...customerOf(data),
		occurredAt,
		webhookEvent: type,
	};
	if (known?.eventType !== undefined) item.eventType = known.eventType;
	if (known?.status !== undefined) item.status = known.status;
	item.entityId = subscriptionId;
	if (kind !== undefined) item.entityType = ENTITY_TYPE_OF_PAYLOAD[kind];
	item.createAt = occurredAt;
	item.svixId = svixId;
	item.payload = isObject(body) ? body : { raw: body ?? null };
	return item;
}
