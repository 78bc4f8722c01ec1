import type { IDataObject } from 'n8n-workflow';

import { nodesOf, parseJsonString, recordIdOf } from './records';

/**
 * Simplify is a view, not a translation: a simplified record keeps the raw record's field
 * names and values (a subset, so an expression written with Simplify on still works with it
 * off), leaves out bulky nested lists, and adds only the convenience fields below, which are
 * derived from the record and named so they cannot be mistaken for Appstle's own.
 */
export const CONVENIENCE_KEYS = [
	/** How many products (lines) a subscription or order has. */
	'lineCount',
	/** Its products in one line of text: `2 × Coffee (Medium), 1 × Mug`. */
	'lineSummary',
	/** The line GIDs of a Shopify contract, which line operations take. */
	'lineIds',
	/** The subscriptions a payment method pays for, as numeric IDs. */
	'subscriptionIds',
	/** An activity-log entry's `additionalInfo` JSON text, decoded. */
	'additionalInfoParsed',
	/** A swap rule's variant lists, decoded from JSON text. */
	'sourceVariantList',
	'destinationVariantList',
	/** A subscription plan's product and variant IDs, decoded from JSON text. */
	'productIdList',
	'variantIdList',
] as const;

/** The given keys of a record, in that order, leaving out the ones it does not have. */
function pick(record: IDataObject | undefined, keys: string[]): IDataObject {
	const out: IDataObject = {};
	if (!record) return out;
	for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
	return out;
}

function objectAt(record: IDataObject, key: string): IDataObject | undefined {
	const value = record[key];
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

/** A connection with each node reduced, in the shape it came in (`nodes` or `edges[].node`). */
function mapConnection(connection: unknown, reduce: (node: IDataObject) => IDataObject): IDataObject | undefined {
	if (!connection || typeof connection !== 'object') return undefined;
	const c = connection as { nodes?: IDataObject[]; edges?: Array<{ node: IDataObject }> };
	if (Array.isArray(c.nodes)) return { nodes: c.nodes.map(reduce) };
	if (Array.isArray(c.edges)) return { edges: c.edges.map((e) => ({ node: reduce(e.node) })) };
	return undefined;
}

/** `lineCount` and `lineSummary` from product lines, whatever a record calls their fields. */
function lineFields(lines: IDataObject[] | undefined): IDataObject {
	if (!lines) return {};
	const summary = lines
		.map((line) => {
			const title = String(line.title ?? line.productTitle ?? 'Product');
			const variant = line.variantTitle ? ` (${String(line.variantTitle)})` : '';
			return `${String(line.quantity ?? 1)} × ${title}${variant}`;
		})
		.join(', ');
	return { lineCount: lines.length, lineSummary: summary };
}

/**
 * Appstle's contract list record (SubscriptionContractDetailsDTO). It leads with
 * `subscriptionContractId`, the ID every subscription operation takes; `id` is Appstle's own
 * row number, which no operation accepts.
 */
export function simplifyContractDetails(record: IDataObject): IDataObject {
	const lines = parseJsonString(record.contractDetailsJSON);
	return {
		...pick(record, [
			'subscriptionContractId',
			'id',
			'status',
			'customerId',
			'customerName',
			'customerEmail',
			'nextBillingDate',
			'billingPolicyInterval',
			'billingPolicyIntervalCount',
			'deliveryPolicyInterval',
			'deliveryPolicyIntervalCount',
			'orderAmount',
			'currencyCode',
			'orderName',
			'planType',
			'minCycles',
			'maxCycles',
			'createdAt',
			'updatedAt',
			'pausedOn',
			'cancelledOn',
		]),
		...lineFields(Array.isArray(lines) ? (lines as IDataObject[]) : undefined),
	};
}

function simplifyContractNode(contract: IDataObject): IDataObject {
	const lines = nodesOf(contract.lines);
	const out: IDataObject = pick(contract, [
		'id',
		'status',
		'nextBillingDate',
		'lastPaymentStatus',
		'note',
		'currencyCode',
		'createdAt',
		'updatedAt',
	]);
	const parts: Array<[string, string[]]> = [
		['customer', ['id', 'email', 'displayName', 'firstName', 'lastName']],
		['billingPolicy', ['interval', 'intervalCount', 'minCycles', 'maxCycles']],
		['deliveryPolicy', ['interval', 'intervalCount']],
		['deliveryPrice', ['amount', 'currencyCode']],
		['deliveryMethod', ['address']],
	];
	for (const [key, keys] of parts) {
		const part = objectAt(contract, key);
		if (part) out[key] = pick(part, keys);
	}
	if (contract.lines !== undefined) {
		Object.assign(out, lineFields(lines), { lineIds: lines.map((line) => line.id as string) });
	}
	return out;
}

/** Shopify's SubscriptionContract, as most contract mutations return it (sometimes wrapped). */
export function simplifyShopifyContract(record: IDataObject): IDataObject {
	const wrapped = objectAt(record, 'subscriptionContract');
	return wrapped ? { subscriptionContract: simplifyContractNode(wrapped) } : simplifyContractNode(record);
}

/** Shopify's SubscriptionContract with its discounts, whose IDs Remove Discount needs. */
export function simplifyShopifyContractDiscounts(record: IDataObject): IDataObject {
	const reduceDiscounts = (contract: IDataObject): IDataObject => {
		const discounts = mapConnection(contract.discounts, (d) =>
			pick(d, ['id', 'title', 'type', 'value', 'recurringCycleLimit', 'usageCount']),
		);
		return discounts ? { ...simplifyContractNode(contract), discounts } : simplifyContractNode(contract);
	};
	const wrapped = objectAt(record, 'subscriptionContract');
	return wrapped ? { subscriptionContract: reduceDiscounts(wrapped) } : reduceDiscounts(record);
}

/** Appstle's order record (SubscriptionBillingAttemptDTO). */
export function simplifyBillingAttempt(record: IDataObject): IDataObject {
	return {
		...pick(record, [
			'id',
			'billingAttemptId',
			'contractId',
			'status',
			'billingDate',
			'orderId',
			'orderName',
			'orderAmount',
			'attemptCount',
			'billingAttemptResponseMessage',
		]),
		...lineFields(Array.isArray(record.variantList) ? (record.variantList as IDataObject[]) : undefined),
	};
}

/** A past-orders report row (SubscriptionBillingAttemptDetails): the order and whose it is. */
export function simplifyBillingAttemptReport(record: IDataObject): IDataObject {
	const attempt = objectAt(record, 'subscriptionBillingAttempt');
	if (!attempt) return simplifyBillingAttempt(record);
	const out: IDataObject = { subscriptionBillingAttempt: simplifyBillingAttempt(attempt) };
	const contract = objectAt(record, 'subscriptionContractDetails');
	if (contract) {
		out.subscriptionContractDetails = pick(contract, [
			'subscriptionContractId',
			'status',
			'customerId',
			'customerName',
			'customerEmail',
		]);
	}
	return out;
}

/** Shopify's CustomerPaymentMethod: what a card or wallet is and whether it still works. */
export function simplifyPaymentMethod(record: IDataObject): IDataObject {
	const out = pick(record, ['id', 'revokedAt', 'revokedReason']);
	const instrument = objectAt(record, 'instrument');
	if (instrument) {
		out.instrument = pick(instrument, [
			'__typename',
			'brand',
			'lastDigits',
			'expiryMonth',
			'expiryYear',
			'name',
			'paypalAccountEmail',
		]);
	}
	if (record.subscriptionContracts !== undefined) {
		out.subscriptionIds = nodesOf(record.subscriptionContracts).map((c) => recordIdOf(c.id) as string);
	}
	return out;
}

/** A selling plan (FrequencyInfoDTO): how often it delivers and bills, and its discount. */
export function simplifySellingPlan(plan: IDataObject): IDataObject {
	return pick(plan, [
		'id',
		'idNew',
		'frequencyName',
		'frequencyDescription',
		'planType',
		'frequencyInterval',
		'frequencyCount',
		'billingFrequencyInterval',
		'billingFrequencyCount',
		'discountEnabled',
		'discountType',
		'discountOffer',
		'minCycles',
		'maxCycles',
		'groupName',
	]);
}

/** Numeric IDs from Appstle's JSON-encoded product/variant lists (`"[{\"id\":123,…}]"`). */
function idsOfJsonList(value: unknown): string[] | undefined {
	const list = parseJsonString(value);
	if (!Array.isArray(list)) return undefined;
	return list.map(
		(entry) => recordIdOf(entry !== null && typeof entry === 'object' ? (entry as IDataObject).id : entry) as string,
	);
}

/** A subscription plan (selling plan group, SubscriptionGroupV2DTO) with its IDs decoded. */
export function simplifySubscriptionGroup(record: IDataObject): IDataObject {
	const out = pick(record, ['id', 'groupName', 'productCount', 'productVariantCount']);
	if (Array.isArray(record.subscriptionPlans)) {
		out.subscriptionPlans = (record.subscriptionPlans as IDataObject[]).map(simplifySellingPlan);
	}
	const productIds = idsOfJsonList(record.productIds);
	const variantIds = idsOfJsonList(record.variantIds);
	if (productIds) out.productIdList = productIds;
	if (variantIds) out.variantIdList = variantIds;
	return out;
}

/** An activity-log entry, with its `additionalInfo` JSON text also decoded. */
export function simplifyActivityLog(record: IDataObject): IDataObject {
	const out: IDataObject = { ...record };
	delete out.shop;
	const parsed = parseJsonString(record.additionalInfo);
	if (parsed !== record.additionalInfo) out.additionalInfoParsed = parsed as IDataObject;
	return out;
}

/** A product swap rule, with its variant lists also decoded from JSON text. */
export function simplifyProductSwap(record: IDataObject): IDataObject {
	const out: IDataObject = { ...record };
	delete out.shop;
	const source = parseJsonString(record.sourceVariants);
	const destination = parseJsonString(record.destinationVariants);
	if (Array.isArray(source)) out.sourceVariantList = source as IDataObject[];
	if (Array.isArray(destination)) out.destinationVariantList = destination as IDataObject[];
	return out;
}
