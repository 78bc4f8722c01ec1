import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { simplifyContractDetails } from '../operations/simplify';
import { appstleApiRequest, asNodeError } from '../transport';

/** Entity types whose entityId is a subscription contract ID. */
const CONTRACT_ENTITY_TYPES = new Set(['SUBSCRIPTION_CONTRACT_DETAILS', 'SUBSCRIPTION_BILLING_ATTEMPT']);

/** The contract ID an entry is about, when it is about one. */
export function contractIdOf(entry: IDataObject): string | undefined {
	if (!CONTRACT_ENTITY_TYPES.has(String(entry.entityType))) return undefined;
	const id = entry.entityId;
	return id !== undefined && id !== null && /^\d+$/.test(String(id)) ? String(id) : undefined;
}

/**
 * The emitted item: the activity-log entry with `additionalInfo` parsed from its JSON string
 * (the unparsed text goes to `additionalInfoRaw` when it is not a JSON object), plus `event`.
 */
export function formatEntry(entry: IDataObject, event: string | undefined): IDataObject {
	const out: IDataObject = { ...entry };
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
	if (event !== undefined) out.event = event;
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
			path: '/subscription-contract-details',
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
