import type { IDataObject, INodePropertyOptions, NodeParameterValue } from 'n8n-workflow';

import type * as loadOptionsMethods from '../methods/loadOptions';
import type { HttpMethod } from '../transport';

/**
 * How a field is shown, checked and converted. Every conversion happens before any request,
 * so a bad value stops the item with an error that names the field.
 */
export type FieldType =
	/** Free text. */
	| 'string'
	/** A decimal number. */
	| 'number'
	/** A whole number. */
	| 'integer'
	| 'boolean'
	/** A date and time, sent as ISO-8601 UTC (`2024-03-15T10:30:00.000Z`). */
	| 'dateTime'
	/** One value of `options`. */
	| 'options'
	/** Several values of `options`, sent as a comma list (query) or an array (body). */
	| 'multiOptions'
	/**
	 * A numeric Shopify/Appstle ID (digits, at most int64). Also accepts a Shopify GID of
	 * `gidType`, sent as the number; without `gidType` (Appstle's own IDs) no GID is accepted.
	 */
	| 'id'
	/** A Shopify GID. Also accepts a plain number, sent as `gid://shopify/<gidType>/<n>`. */
	| 'gid'
	/** A number or a GID, sent exactly as given (Appstle accepts both here). */
	| 'idOrGid'
	/** Several numeric IDs (comma-separated text or an array; GIDs of `gidType` accepted). */
	| 'idList'
	/** Several strings (comma-separated text or an array). */
	| 'stringList'
	/** A JSON object or array (text or an expression that yields one). */
	| 'json'
	/** Key/value pairs, sent as `[{ key, value }]`. */
	| 'keyValueList'
	/** Variant/quantity pairs, sent as `{ "<variant>": quantity }`. */
	| 'variantQuantityMap'
	/** Repeating groups of `fields`, sent as an array of objects. */
	| 'objectList'
	/** One group of `fields`, sent as an object. */
	| 'object';

/** Where a field's value goes in the request. */
export type FieldLocation =
	| 'path'
	| 'query'
	/** A key of the JSON body (`apiName`). */
	| 'body'
	/** The whole JSON body (an array or a map). */
	| 'bodyRoot'
	/** A JSON object merged over the body last: the escape hatch for rarely used body keys. */
	| 'bodyMerge'
	/** Sets the request itself (`method`, `path`, `query` as key/value pairs): Custom API Call only. */
	| 'request';

export type LocatorKind =
	| 'subscriptionContract'
	| 'customer'
	| 'subscriptionGroup'
	/** An upcoming order (Appstle billing attempt) of the chosen subscription. */
	| 'billingAttempt'
	/** A line of the chosen subscription (a SubscriptionLine GID). */
	| 'subscriptionLine'
	| 'productVariant'
	| 'sellingPlan';

/** The name of a method in methods/loadOptions.ts; the compiler refuses any other. */
export type LoadOptionsKind = keyof typeof loadOptionsMethods;

export interface FieldDef {
	/** The n8n parameter name (camelCase). */
	name: string;
	/** The label shown in the editor (Title Case). Not `displayName`: n8n's lint would take a FieldDef for a node parameter. */
	label: string;
	type: FieldType;
	in: FieldLocation;
	/** The name on the wire when it differs from `name` (e.g. `delivery-method-title`). */
	apiName?: string;
	required?: boolean;
	default?: NodeParameterValue | IDataObject;
	description?: string;
	placeholder?: string;
	/** For `options` / `multiOptions`. */
	options?: INodePropertyOptions[];
	/**
	 * For ID types: the Shopify GID type, e.g. `SubscriptionContract`, `ProductVariant`; a GID of
	 * another type is refused (`*`: any type, for the activity log's entity). On a `stringList`,
	 * every entry must be a GID of this type.
	 */
	gidType?: string;
	/**
	 * Where the editor shows the field. By default a required field is a top-level parameter and
	 * an optional one sits in the operation's collection (Filters, Update Fields or Additional
	 * Fields); `sort` puts a list's sort order in its own Sort collection, apart from the filters.
	 */
	placement?: 'sort';
	/** Show this ID field as a resource locator with a searchable list. */
	locator?: LocatorKind;
	/** Shows the field as a dropdown filled from Appstle; the value is converted as `type` says. */
	loadOptions?: LoadOptionsKind;
	/** Sub-fields of `objectList` / `object` (their `in` is ignored). */
	fields?: FieldDef[];
	/** For numbers. */
	minValue?: number;
	maxValue?: number;
	/** Long text editor for strings. */
	rows?: number;
	/** For `id` in a JSON body: send the digits as a string where Appstle's DTO declares one. */
	sendAsString?: boolean;
	/** Send a list as one comma-joined string (e.g. `{"subscriptionIds": "1,2,3"}`) instead of an array. */
	joined?: boolean;
}

/** What a call costs or changes, for users, AI agents and the docs table. */
export type Effect =
	/** Reads only. */
	| 'read'
	/** Changes data in Appstle or Shopify. */
	| 'write'
	/** Cancels, deletes or removes something a customer relies on. */
	| 'destructive'
	/** Charges the customer's payment method. */
	| 'charge'
	/** Sends an email to the customer. */
	| 'email'
	/** Starts a background job over many subscriptions. */
	| 'bulk';

/** How a list is paged; each kind carries exactly what paging it needs. */
export type ListDef =
	/** Spring pages (`page`, `size`), walked until the last one. */
	| {
			pagination: 'page';
			/** Largest page Appstle accepts for this list. */
			maxPageSize: number;
	  }
	/** A Shopify cursor list: the records and the next cursor are read from each answer. */
	| {
			pagination: 'cursor';
			cursor: {
				parameter: string;
				read: (body: unknown) => { items: IDataObject[]; nextCursor?: string };
			};
	  }
	/** The whole list in one answer; Limit is applied here. */
	| {
			pagination: 'none';
			/** Where the records are when the body is not an array of them. */
			itemsOf?: (body: unknown) => IDataObject[];
	  };

export interface OutputDef {
	/** Key for a bare value answer (a number, string or list of numbers), e.g. `currentCycle`. */
	valueKey?: string;
	/** Turns the answer into items when it is not a plain object or array of objects. */
	items?: (body: unknown) => IDataObject[];
	/** Enables the Simplify toggle: the fields a workflow usually needs. */
	simplify?: (record: IDataObject) => IDataObject;
}

export interface OperationDef {
	/** The resource value, e.g. `subscription`. */
	resource: string;
	/** The operation value, camelCase, unique within the resource. */
	operation: string;
	/** Title Case, without the resource: `Pause`, `Skip Next Order`, `Get Many`. */
	name: string;
	/** Sentence case, with the resource: `Pause a subscription`. */
	action: string;
	/** What it does, including side effects; shown in the UI and to AI agents. */
	description: string;
	/**
	 * The warning under the Operation dropdown, also given to AI agents: what running this changes
	 * for the customer or the shop, in this operation's own words. Every operation that charges,
	 * emails, cancels, deletes or removes, switches a payment method or starts a bulk job has one
	 * (test/conventions.test.ts).
	 */
	notice?: string;
	method: HttpMethod;
	/**
	 * Path under /api/external/v2, with `{name}` placeholders filled from `path` fields. An
	 * optional path field left empty sends its `default` (for `{id}`s Appstle ignores).
	 */
	path: string;
	fields: FieldDef[];
	/** Values always sent, e.g. `{ status: 'PAUSED' }` for Pause. */
	fixedQuery?: Record<string, string | number | boolean>;
	fixedBody?: IDataObject;
	/** Safe to repeat after a 5xx or a lost connection. */
	idempotent: boolean;
	effect: Effect;
	/** Appstle's docs require `api_key` in the query for this endpoint. */
	apiKeyInQuery?: boolean;
	/** Present for lists: adds Return All / Limit and one item per record. */
	list?: ListDef;
	output?: OutputDef;
	/** Method and path come from the user (Custom API Call); only GETs are retried. */
	customRequest?: boolean;
}

export interface ResourceDef {
	value: string;
	name: string;
	description?: string;
	operations: OperationDef[];
}

/** An operation as a resource file writes it: the resource is said once, by defineResource. */
export type OperationSpec = Omit<OperationDef, 'resource'>;

/** A resource and its operations, each operation stamped with the resource's value. */
export function defineResource(resource: Omit<ResourceDef, 'operations'>, operations: OperationSpec[]): ResourceDef {
	return { ...resource, operations: operations.map((operation) => ({ resource: resource.value, ...operation })) };
}
