/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * ONE-OFF TOOL. Condenses the Appstle endpoint catalog (api.json, every endpoint) into
 * `test/sandbox/contract.json`, the only source of truth the sandbox uses at run time.
 *
 * It was run once by hand and its output is committed; CI and the tests never run it
 * and never need the catalog. To regenerate:
 *
 *   node -r ts-node/register/transpile-only test/sandbox/tools/extract-contract.ts \
 *     [path/to/api.json] [path/to/contract.json]
 *
 * Hand corrections are listed in CORRECTIONS below; every applied correction adds a line
 * to the entry's `notes`, so contract.json says what differs from the catalog.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface CatalogParam {
	name: string;
	type: string;
	required: boolean;
	description?: string;
	enum?: string[];
	default?: string;
	format?: string;
	confidence?: string;
}

interface CatalogField {
	name: string;
	type: string;
	required: boolean;
	description?: string;
	enum?: string[];
}

interface CatalogBody {
	contentType: string;
	type: string;
	schema?: string;
	items?: string;
	required: boolean;
	fields: CatalogField[];
	description?: string;
}

interface CatalogEndpoint {
	index: number;
	section: string;
	method: string;
	path: string;
	summary: string;
	operationId: string;
	pathParams: CatalogParam[];
	queryParams: CatalogParam[];
	headerParams: CatalogParam[];
	body: CatalogBody | null;
	response: { status: number; type: string; notableFields: string[]; headers?: string[] };
	paginated: boolean;
	pagination?: string;
	confidence: string;
	eventTypeValues?: { source2024: string[]; docsOnly: string[] };
}

/** Output types (mirrored by test/sandbox/contract-schema.ts, which reads contract.json). */
type Scalar = 'string' | 'int64' | 'int32' | 'double' | 'boolean' | 'date-time' | 'enum';
interface TypeSpec {
	t: Scalar | 'object' | 'array' | 'map' | 'any';
	enum?: string[];
	pattern?: string;
	items?: TypeSpec;
	fields?: FieldSpec[];
	keys?: TypeSpec;
	values?: TypeSpec;
	min?: number;
}
interface FieldSpec extends TypeSpec {
	name: string;
	required: boolean;
}
interface ParamSpec {
	name: string;
	type: Scalar;
	required: boolean;
	list?: boolean;
	enum?: string[];
	pattern?: string;
	caseInsensitive?: boolean;
	default?: string;
	confidence?: string;
	invalidResponse?: 'empty';
}
interface BodySpec {
	kind: 'object' | 'array' | 'map';
	required: boolean;
	schema?: string;
	fields?: FieldSpec[];
	items?: TypeSpec;
	keys?: TypeSpec;
	values?: TypeSpec;
}
interface HeaderSpec {
	name: string;
	type: Scalar;
}
interface EndpointSpec {
	index: number;
	operationId: string;
	section: string;
	method: string;
	path: string;
	summary: string;
	pathParams: ParamSpec[];
	queryParams: ParamSpec[];
	headers?: HeaderSpec[];
	body: BodySpec | null;
	response: {
		status: number;
		contentType: 'json' | 'text' | 'empty';
		type: string;
		notableFields: string[];
		headers?: string[];
	};
	paginated: boolean;
	pagination?: 'page' | 'cursor';
	sortProperties?: string[];
	maxPageSize?: number;
	apiKeyQueryRequired: boolean;
	confidence: string;
	notes: string[];
}

const ORDER_CANCEL_REASON = ['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF'];
const FINANCIAL_STATUS = [
	'AUTHORIZED',
	'EXPIRED',
	'PAID',
	'PARTIALLY_PAID',
	'PARTIALLY_REFUNDED',
	'PENDING',
	'REFUNDED',
	'VOIDED',
];
const FULFILLMENT_STATUS = [
	'FULFILLED',
	'IN_PROGRESS',
	'ON_HOLD',
	'OPEN',
	'PARTIALLY_FULFILLED',
	'PENDING_FULFILLMENT',
	'RESTOCKED',
	'SCHEDULED',
	'UNFULFILLED',
];
const INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'];
const NUMERIC = '^[0-9]+$';
const VARIANT_REF = '^([0-9]+|gid://shopify/ProductVariant/[0-9]+)$';
const NUMERIC_CSV = '^\\s*[0-9]+(\\s*,\\s*[0-9]+)*\\s*$';

function die(message: string): never {
	throw new Error(message);
}

/** Java enums that springdoc renders as `object(Name)` but Jackson reads as strings. */
function enumObject(name: string, eventSources: string[]): TypeSpec | undefined {
	switch (name) {
		case 'ActivityLogEventSource':
			return { t: 'enum', enum: eventSources };
		case 'DiscountType':
			return { t: 'enum', enum: ['PERCENTAGE', 'FIXED', 'PRICE'] };
		case 'OrderCancelReason':
			return { t: 'enum', enum: ORDER_CANCEL_REASON };
		case 'OrderDisplayFinancialStatus':
			return { t: 'enum', enum: FINANCIAL_STATUS };
		case 'OrderDisplayFulfillmentStatus':
			return { t: 'enum', enum: FULFILLMENT_STATUS };
		case 'UsageChargeStatus':
		case 'TransactionFailedSmsSentStatus':
		case 'UpcomingOrderSmsSentStatus':
		case 'SecurityChallengeSentStatus':
		case 'BuildABoxType':
			return { t: 'string' };
		default:
			return undefined;
	}
}

function typeFromCatalog(raw: string, eventSources: string[], enumValues?: string[]): TypeSpec {
	const type = raw.trim();
	if (enumValues && enumValues.length > 0) return { t: 'enum', enum: enumValues };
	switch (type) {
		case 'integer(int64)':
			return { t: 'int64' };
		case 'integer(int32)':
		case 'integer':
			return { t: 'int32' };
		case 'number(double)':
			return { t: 'double' };
		case 'boolean':
			return { t: 'boolean' };
		case 'string(date-time)':
			return { t: 'date-time' };
		case 'string':
			return { t: 'string' };
		case 'unknown':
			return { t: 'any' };
		case 'object':
			return { t: 'object' };
		case 'array<integer(int64)>':
			return { t: 'array', items: { t: 'int64' } };
		case 'array<object>':
			return { t: 'array', items: { t: 'object' } };
		case 'array<object{key:string,value:string}>':
			return { t: 'array', items: keyValueObject() };
		case 'object(map Long, Integer)':
			return { t: 'map', keys: { t: 'string', pattern: NUMERIC }, values: { t: 'int32' } };
		case 'object(map String, Object)':
			return { t: 'object' };
	}
	let m = /^array<(?:object\()?([A-Za-z0-9]+)\)?>$/.exec(type);
	if (m) return { t: 'array', items: enumObject(m[1], eventSources) ?? { t: 'object' } };
	m = /^object\(([A-Za-z0-9]+)\)$/.exec(type);
	if (m) return enumObject(m[1], eventSources) ?? { t: 'object' };
	return die(`unmapped catalog type: ${type}`);
}

function keyValueObject(): TypeSpec {
	return {
		t: 'object',
		fields: [
			{ name: 'key', t: 'string', required: false },
			{ name: 'value', t: 'string', required: false },
		],
	};
}

function paramFromCatalog(
	p: CatalogParam,
	eventSources: string[],
	siblings: CatalogParam[],
	eventTypes: string[] = [],
): ParamSpec {
	const out: ParamSpec = { name: p.name, type: 'string', required: p.required };
	let type = p.type.trim();
	const listMatch = /^(.*?)\s*\((comma-separated list|comma-separated or repeated|comma-separated numeric ids)\)$/.exec(type);
	if (listMatch) {
		out.list = true;
		type = listMatch[1].trim();
		if (listMatch[2] === 'comma-separated numeric ids') type = 'integer(int64)';
	}
	if (type === 'array<integer(int64)>') {
		out.list = true;
		type = 'integer(int64)';
	}
	let enumValues = p.enum;
	if (type === 'string(enum)' && !enumValues) {
		// `.in` / `.notIn` filters carry no list of their own: borrow the `.equals` sibling's.
		const base = p.name.split('.')[0];
		enumValues = siblings.find((s) => s.name === `${base}.equals`)?.enum;
		// The eventType filters bind to the EventType enum, whose values the catalog lists separately.
		if (!enumValues && base === 'eventType') enumValues = eventTypes;
	}
	const spec = typeFromCatalog(type, eventSources, enumValues);
	if (spec.t === 'object' || spec.t === 'array' || spec.t === 'map' || spec.t === 'any') {
		die(`query/path param ${p.name} has non-scalar type ${p.type}`);
	}
	out.type = spec.t;
	if (spec.enum) out.enum = spec.enum;
	if (p.default !== undefined) out.default = p.default;
	if (p.confidence) out.confidence = p.confidence;
	return out;
}

function fieldFromCatalog(f: CatalogField, eventSources: string[]): FieldSpec {
	return { name: f.name, required: f.required, ...typeFromCatalog(f.type, eventSources, f.enum) };
}

function bodyFromCatalog(b: CatalogBody | null, eventSources: string[]): BodySpec | null {
	if (!b) return null;
	if (b.type === 'object (map)') return { kind: 'map', required: b.required };
	if (b.type === 'array') {
		const body: BodySpec = { kind: 'array', required: b.required };
		const item = (b.items ?? 'string').trim();
		if (item === 'string') body.items = { t: 'string' };
		else if (b.fields.length > 0) {
			body.items = { t: 'object', fields: b.fields.map((f) => fieldFromCatalog(f, eventSources)) };
		} else body.items = typeFromCatalog(item, eventSources);
		return body;
	}
	if (b.type === 'object') {
		const body: BodySpec = { kind: 'object', required: b.required };
		if (b.schema) body.schema = b.schema;
		body.fields = b.fields.map((f) => fieldFromCatalog(f, eventSources));
		return body;
	}
	return die(`unmapped body type ${b.type}`);
}

function contentTypeFor(e: CatalogEndpoint): 'json' | 'text' | 'empty' {
	const t = e.response.type;
	if (e.response.status === 204 || t.startsWith('empty')) return 'empty';
	if (t === 'string') return 'text';
	return 'json';
}

type Correction = (e: EndpointSpec, note: (text: string) => void) => void;

function qp(e: EndpointSpec, name: string): ParamSpec {
	return e.queryParams.find((p) => p.name === name) ?? die(`${e.operationId}: no query param ${name}`);
}
function pp(e: EndpointSpec, name: string): ParamSpec {
	return e.pathParams.find((p) => p.name === name) ?? die(`${e.operationId}: no path param ${name}`);
}
function bf(e: EndpointSpec, name: string): FieldSpec {
	return e.body?.fields?.find((f) => f.name === name) ?? die(`${e.operationId}: no body field ${name}`);
}

const CONTRACT_DETAILS_SORT = [
	'created_at',
	'next_billing_date',
	'subscription_contract_id',
	'order_amount',
	'customer_name',
	'id',
	'updated_at',
	'status',
];
const BILLING_ATTEMPT_SORT = [
	'id',
	'billingDate',
	'attemptTime',
	'status',
	'contractId',
	'attemptCount',
	'orderAmount',
	'orderName',
	'orderId',
];

const CORRECTIONS: Record<string, Correction> = {
	updateSubscriptionBillingAttemptV2: (e, note) => {
		e.body?.fields?.push({ name: 'orderAttributes', required: false, t: 'array', items: keyValueObject() });
		note(
			'Added body field orderAttributes (array of {key,value}): the docs show it on SubscriptionBillingAttemptDTO responses, so a GET-modify-PUT round trip must be accepted.',
		);
	},
	createSubscriptionContractV2: (e, note) => {
		const lines = bf(e, 'lines');
		lines.items = {
			t: 'object',
			fields: [
				{ name: 'variantId', required: true, t: 'string', pattern: VARIANT_REF },
				{ name: 'quantity', required: true, t: 'int32', min: 1 },
				{ name: 'productId', required: false, t: 'string' },
				{ name: 'sellingPlanId', required: false, t: 'string' },
				{ name: 'currentPrice', required: false, t: 'double' },
				{ name: 'unitPrice', required: false, t: 'double' },
				{ name: 'customAttributes', required: false, t: 'array', items: keyValueObject() },
			],
		};
		note('Line item fields (SubscriptionContractLineDTO) taken from the catalog notes: variantId and quantity required.');
		bf(e, 'customerId').pattern = '^([0-9]+|gid://shopify/Customer/[0-9]+)$';
		note('customerId must be a numeric Shopify customer id or its gid.');
		bf(e, 'paymentMethodId').pattern = '^gid://shopify/CustomerPaymentMethod/[a-zA-Z0-9]+$';
		note('paymentMethodId must be a CustomerPaymentMethod gid.');
	},
	getSubscriptionContractAnalyticsByContractIdExternalV2: (e, note) => {
		pp(e, 'contractId').pattern = NUMERIC;
		note('Path contractId is typed string in the docs but holds a numeric contract id: digits only.');
	},
	updateExistingPaymentMethodV2: (e, note) => {
		qp(e, 'paymentMethodId').pattern = '^gid://shopify/CustomerPaymentMethod/[a-zA-Z0-9]+$';
		note('paymentMethodId pattern from the docs description enforced.');
	},
	updateMultipleLineItemAttributesV2: (e, note) => {
		if (!e.body) return;
		e.body.keys = { t: 'string', pattern: '^gid://shopify/SubscriptionLine(Item)?/[A-Za-z0-9-]+$' };
		e.body.values = { t: 'array', items: keyValueObject() };
		note('Map body: keys are subscription line gids, values arrays of {key,value}.');
	},
	updateLineItemV2: (e, note) => {
		qp(e, 'variantId').pattern = VARIANT_REF;
		note('variantId: numeric id or ProductVariant gid.');
	},
	addLineItems: (e, note) => {
		if (!e.body) return;
		e.body.keys = { t: 'string', pattern: VARIANT_REF };
		e.body.values = { t: 'int32', min: 1 };
		note('Map body {variantId: quantity}: keys numeric variant ids or ProductVariant gids, values positive integers.');
	},
	addLineItemV2: (e, note) => {
		qp(e, 'variantId').pattern = VARIANT_REF;
		note('variantId: numeric id or ProductVariant gid (docs).');
	},
	addLineItemV2_1: (e, note) => {
		qp(e, 'variantId').pattern = VARIANT_REF;
		note('variantId: numeric id or ProductVariant gid.');
	},
	updateLineItemPricingPolicyV2: (e, note) => {
		void e;
		note('AppstleCycle.discountType (object(DiscountType) in the catalog) is a string enum PERCENTAGE|FIXED|PRICE.');
	},
	getSubscriptionContractBillingInterval: (e, note) => {
		const p = qp(e, 'sellingPlanIds');
		p.list = true;
		p.pattern = '^([0-9]+|gid://shopify/SellingPlan/[0-9]+)$';
		note('sellingPlanIds is a comma-separated list; each element a numeric id or SellingPlan gid (both match).');
	},
	updateMultipleContractsLineItemAttributesV2: (e, note) => {
		const p = qp(e, 'contractIds');
		p.list = true;
		p.type = 'int64';
		note('contractIds is a comma-separated list of int64 contract ids.');
	},
	getAllSubscriptionContractDetails: (e, note) => {
		e.sortProperties = CONTRACT_DETAILS_SORT;
		e.maxPageSize = 2000;
		note('Sort uses snake_case column names (native SQL query).');
	},
	getPastOrdersV2: (e, note) => {
		e.sortProperties = BILLING_ATTEMPT_SORT;
		e.maxPageSize = 2000;
		note('Sort uses camelCase SubscriptionBillingAttempt property names.');
	},
	getPastOrdersReport: (e, note) => {
		e.sortProperties = BILLING_ATTEMPT_SORT;
		e.maxPageSize = 2000;
		const status = qp(e, 'status');
		status.caseInsensitive = true;
		status.invalidResponse = 'empty';
		note('status is matched case-insensitively; an unknown value gets an empty 400 (ResponseEntity.badRequest().build()).');
		const ac = qp(e, 'attemptCount');
		ac.type = 'int32';
		note('attemptCount typed int32 (catalog: "integer").');
		note('Sort uses camelCase SubscriptionBillingAttempt property names.');
	},
	getAllSubscriptionContractDetailsByShop: (e, note) => {
		e.sortProperties = ['customerId', 'name', 'email', 'activeSubscriptions', 'inActiveSubscriptions', 'nextOrderDate'];
		e.maxPageSize = 2000;
		note('Sort properties are not documented: the CustomerInfo property names are accepted.');
	},
	getAllActivityLogs: (e, note) => {
		e.sortProperties = ['id', 'createAt', 'entityId', 'entityType', 'eventSource', 'eventType', 'status'];
		e.maxPageSize = 100;
		e.apiKeyQueryRequired = true;
		note('api_key query parameter required (docs: "Requires valid api_key query parameter").');
		note('Page size max 100 (docs).');
		note('eventType.* filters bind to the EventType enum: values are the catalog eventTypeValues (2024 source + docs-only); unknown values => 400.');
		note('entityType/eventSource/status .in/.notIn lists take the enum values of the .equals filter.');
	},
	addDiscountV2: (e, note) => {
		qp(e, 'discountType').type = 'enum';
		qp(e, 'discountType').enum = ['PERCENTAGE', 'FIXED_AMOUNT'];
		note('discountType restricted to PERCENTAGE|FIXED_AMOUNT (Shopify discount value types).');
	},
	deleteProductsOrVariantsV2: (e, note) => {
		for (const n of ['productIds', 'variantIds']) {
			const p = qp(e, n);
			p.list = true;
			p.type = 'int64';
		}
		note('productIds/variantIds are comma-separated int64 lists (docs pattern ^\\d+(,\\d+)*$).');
	},
	addProductsOrVariants: (e, note) => {
		void e;
		note('productIds/variantIds are comma-separated int64 lists.');
	},
	deleteProductsOrVariantsInAllSubscriptionGroupPlan: (e, note) => {
		for (const n of ['productIds', 'variantIds']) {
			const p = qp(e, n);
			p.list = true;
			p.type = 'int64';
		}
		note('productIds/variantIds are comma-separated int64 lists.');
	},
	updateSubscriptionGroupDetailsV2: (e, note) => {
		e.body?.fields?.push(
			{ name: 'productCount', required: false, t: 'int64' },
			{ name: 'productVariantCount', required: false, t: 'int64' },
			{ name: 'productId', required: false, t: 'string' },
			{ name: 'accessoryProductIds', required: false, t: 'string' },
		);
		const plans = bf(e, 'subscriptionPlans');
		plans.items = { t: 'object' };
		note('Same DTO as POST /subscription-groups: productCount, productVariantCount, productId, accessoryProductIds accepted so a GET-modify-PUT round trip works.');
	},
	replaceProductV2: (e, note) => {
		e.apiKeyQueryRequired = true;
		const ids = bf(e, 'subscriptionIds');
		ids.pattern = NUMERIC_CSV;
		note('api_key query parameter required (docs). subscriptionIds: comma-separated numeric contract ids.');
	},
	hideSubscriptionsV2: (e, note) => {
		e.apiKeyQueryRequired = true;
		const ids = bf(e, 'subscriptionIds');
		ids.pattern = NUMERIC_CSV;
		note('api_key query parameter required (by analogy with replace-product). subscriptionIds: comma-separated numeric contract ids.');
	},
	getSubscriptionCustomerV2: (e, note) => {
		pp(e, 'id').pattern = NUMERIC;
		e.pagination = 'cursor';
		note('Path id is a numeric Shopify customer id (the server builds the Customer gid from it). Paged by Shopify cursor, not page/size.');
	},
	getValidSubscriptionCustomerV2: (e, note) => {
		pp(e, 'customerId').pattern = NUMERIC;
		note('Path customerId: digits only.');
	},
	getValidSubscriptionCustomerDetailsV2: (e, note) => {
		pp(e, 'customerId').pattern = NUMERIC;
		note('Path customerId: digits only.');
	},
	getManageSubscriptionLink: (e, note) => {
		pp(e, 'customerId').pattern = NUMERIC;
		note('Path customerId: digits only.');
	},
	getCustomerPortalToken: (e, note) => {
		qp(e, 'customerId').pattern = NUMERIC;
		note('customerId: digits only.');
	},
};

function main(): void {
	const src = resolve(process.argv[2] ?? '/work/shared/appstle/api.json');
	const dest = resolve(process.argv[3] ?? `${__dirname}/../contract.json`);
	const catalog = JSON.parse(readFileSync(src, 'utf8')) as CatalogEndpoint[];
	if (catalog.length === 0) die('the catalog lists no endpoint');

	const activity = catalog.find((e) => e.operationId === 'getAllActivityLogs') ?? die('no activity logs entry');
	const evt = activity.eventTypeValues ?? die('no eventTypeValues');
	const eventTypes = [...evt.source2024, ...evt.docsOnly];
	const byName = (n: string) => activity.queryParams.find((p) => p.name === n)?.enum ?? die(`no enum for ${n}`);
	const entityTypes = byName('entityType.equals');
	const eventSources = byName('eventSource.equals');
	const logStatuses = byName('status.equals');

	const endpoints: EndpointSpec[] = catalog.map((e) => {
		const notes: string[] = [];
		const queryParams: ParamSpec[] = [];
		let apiKeyQueryRequired = false;
		for (const p of e.queryParams) {
			if (p.name === 'api_key') {
				// api_key is accepted on every route; only its "required" flag is kept.
				if (p.required) apiKeyQueryRequired = true;
				continue;
			}
			if (e.paginated && ['page', 'size', 'sort'].includes(p.name)) continue;
			queryParams.push(paramFromCatalog(p, eventSources, e.queryParams, eventTypes));
		}
		const out: EndpointSpec = {
			index: e.index,
			operationId: e.operationId,
			section: e.section,
			method: e.method,
			path: e.path,
			summary: e.summary,
			pathParams: e.pathParams.map((p) => paramFromCatalog(p, eventSources, [])),
			queryParams,
			body: bodyFromCatalog(e.body, eventSources),
			response: {
				status: e.response.status,
				contentType: contentTypeFor(e),
				type: e.response.type,
				notableFields: e.response.notableFields,
			},
			paginated: e.paginated,
			apiKeyQueryRequired,
			confidence: e.confidence,
			notes,
		};
		if (e.response.headers) out.response.headers = e.response.headers;
		const extraHeaders = e.headerParams.filter((h) => h.name !== 'X-API-Key');
		if (extraHeaders.length > 0) {
			out.headers = extraHeaders.map((h) => ({ name: h.name, type: paramFromCatalog(h, eventSources, []).type }));
		}
		if (e.paginated) out.pagination = 'page';
		const fix = CORRECTIONS[e.operationId];
		if (fix) fix(out, (text) => notes.push(text));
		return out;
	});

	const contract = {
		description:
			'Condensed Appstle Subscriptions External API v2 contract for the local sandbox. Generated once from the Appstle endpoint catalog by test/sandbox/tools/extract-contract.ts, then committed; `notes` on an entry list every hand correction.',
		basePath: '/api/external/v2',
		enums: {
			activityLogEntityType: entityTypes,
			activityLogEventSource: eventSources,
			activityLogEventType: eventTypes,
			activityLogStatus: logStatuses,
			interval: INTERVALS,
		},
		endpoints,
	};
	writeFileSync(dest, `${JSON.stringify(contract, null, '\t')}\n`);
	process.stdout.write(`wrote ${endpoints.length} endpoints to ${dest}\n`);
}

main();
