import type { INodeExecutionData, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

/**
 * Real objects of the sandbox's seed that cases refer to. They are read from the sandbox's
 * state (never from the node's definitions), so a case exercises real data.
 */
export interface Facts {
	shop: string;
	activeContractId: string;
	pausedContractId: string;
	cancelledContractId: string;
	customerId: string;
	customerEmail: string;
	customerName: string;
	/** A line of the active contract, and a second one where it has one. */
	lineId: string;
	secondLineId: string;
	productId: string;
	variantId: string;
	/** Appstle billing attempt ids for the active contract. */
	upcomingAttemptId: string;
	skippedAttemptId: string;
	pastAttemptId: string;
	subscriptionGroupId: string;
	/** Numeric id of a selling plan of that group. */
	sellingPlanId: string;
	bundleId: string;
	bundleHandle: string;
	productSwapId: string;
	/** The customer's payment method GID. */
	paymentMethodId: string;
	/** How many subscription contracts the seed has (for Return All). */
	contractCount: number;
	/** How many subscription contracts the customer above has. */
	customerContractCount: number;
	/** A variant other than `variantId`, for replacements. */
	secondVariantId: string;
	/** A bundle no subscription uses, so it may be deleted. */
	unusedBundleId: string;
	/** A variant that a product swap rule swaps away. */
	swapSourceVariantId: string;
	/** An active contract that has a discount, that discount's id, and a code the shop accepts. */
	discountContractId: string;
	discountId: string;
	discountCode: string;
	/** A one-time product on the next queued order of its contract. */
	oneOffContractId: string;
	oneOffAttemptId: string;
	oneOffVariantId: string;
}

/** What the sandbox must have received for the case's (last) API request. */
export interface ExpectedRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** The concrete path, e.g. `/api/external/v2/subscription-groups/123`. */
	path: string;
	/** Exactly these query parameters (values as strings, lists comma-joined; `api_key` is ignored). */
	query?: Record<string, string>;
	/** Deep-equal to the JSON body received (omit for no body). */
	body?: unknown;
}

export interface OperationCase {
	resource: string;
	operation: string;
	/** Distinguishes several cases of one operation. */
	title?: string;
	/** Node parameters besides resource and operation. */
	parameters: (facts: Facts) => INodeParameters;
	expect: (facts: Facts) => ExpectedRequest;
	/** Checks the node's output items; must assert something real about them. */
	output: (items: INodeExecutionData[], facts: Facts) => void;
}

/** A resource locator value as the n8n UI stores it. */
export function byId(value: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'id', value };
}
