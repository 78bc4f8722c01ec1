import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { entryTimeMs } from '../shared/activityLog';
import { idDigitsOf, idNumberOf } from '../shared/ids';
import { simplifyContractDetails } from '../shared/simplify';
import { appstleApiRequest, asNodeError } from '../transport';

/** Entity types whose entityId is a subscription contract ID. */
const CONTRACT_ENTITY_TYPES = new Set(['SUBSCRIPTION_CONTRACT_DETAILS', 'SUBSCRIPTION_BILLING_ATTEMPT']);

/** The contract ID an entry is about, when it is about one. */
export function entryContractId(entry: IDataObject): string | undefined {
	if (!CONTRACT_ENTITY_TYPES.has(String(entry.entityType))) return undefined;
	return idDigitsOf(entry.entityId, 'SubscriptionContract');
}

/** Who a subscription belongs to, from its details when they were fetched. */
export interface CustomerFacts {
	customerId: number | null;
	customerName: string | null;
	customerEmail: string | null;
}

export const UNKNOWN_CUSTOMER: CustomerFacts = { customerId: null, customerName: null, customerEmail: null };

export function customerFactsOf(subscription: IDataObject | null | undefined): CustomerFacts {
	if (!subscription) return UNKNOWN_CUSTOMER;
	return {
		customerId: idNumberOf(idDigitsOf(subscription.customerId, 'Customer')),
		customerName: typeof subscription.customerName === 'string' ? subscription.customerName : null,
		customerEmail: typeof subscription.customerEmail === 'string' ? subscription.customerEmail : null,
	};
}

/**
 * The emitted item. First the fields a person reads (`event`, `subscriptionId` as a number,
 * the customer, `occurredAt`), named as the webhook trigger names them, then the activity-log
 * entry as Appstle returns it, with `additionalInfo` parsed from its JSON text (the unparsed
 * text goes to `additionalInfoRaw` when it is not a JSON object).
 */
export function formatEntry(
	entry: IDataObject,
	event: string | undefined,
	customer: CustomerFacts = UNKNOWN_CUSTOMER,
): IDataObject {
	const contractId = entryContractId(entry);
	const occurredAtMs = entryTimeMs(entry.createAt);
	const out: IDataObject = {
		event: event ?? null,
		subscriptionId: idNumberOf(contractId),
		...customer,
		occurredAt: occurredAtMs === undefined ? null : new Date(occurredAtMs).toISOString(),
		...entry,
	};
	const raw = entry.additionalInfo;
	if (typeof raw === 'string') {
		let parsed: unknown;
		let ok = false;
		if (raw.trim() === '') {
			parsed = {};
			ok = true;
		} else {
			try {
				parsed = JSON.parse(raw);
				ok = parsed !== null && typeof parsed === 'object';
			} catch {
				ok = false;
			}
		}
		if (ok) {
			out.additionalInfo = parsed as IDataObject;
		} else {
			out.additionalInfo = {};
			out.additionalInfoRaw = raw;
		}
	} else if (raw === null || raw === undefined) {
		out.additionalInfo = {};
	}
	return out;
}

/**
 * Enough for the LIKE match of a real (11+ digit) contract ID, which only matches itself; a
 * short ID matches many contracts, and then the exact one may not be among them.
 */
const DETAILS_PAGE_SIZE = 100;

/**
 * A contract's details, or null when Appstle has no such contract. The endpoint's
 * `subscriptionContractId` filter is a partial (LIKE) match, so the exact record is picked.
 * Temporary failures (429, 5xx, 401, no connection) throw, so the poll fails and is repeated
 * unchanged; another refusal (e.g. 400, 403, 404) yields `{ error }` instead of blocking every
 * later poll.
 */
export async function fetchSubscription(
	this: IPollFunctions,
	contractId: string,
): Promise<{ subscription: IDataObject | null; error?: string }> {
	try {
		const response = await appstleApiRequest.call(this, {
			method: 'GET',
			path: ENDPOINTS.contractDetails,
			query: { subscriptionContractId: contractId, page: 0, size: DETAILS_PAGE_SIZE },
			idempotent: true,
		});
		const records = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
		const exact = records.find((record) => String(record.subscriptionContractId) === contractId);
		return { subscription: exact ? simplifyContractDetails(exact) : null };
	} catch (error) {
		if (error instanceof NodeApiError) {
			const status = Number(error.httpCode);
			const temporary = !Number.isFinite(status) || status === 0 || status === 429 || status === 401 || status >= 500;
			if (!temporary) return { subscription: null, error: error.message };
		}
		throw asNodeError(this.getNode(), error);
	}
}
