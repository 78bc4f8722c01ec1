import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AppstleRequest, Query, RequestBody } from '../transport';
import { PAGING_POLICY } from '../transport';
import { checkCustomPath, pathSegmentProblem } from '../transport/url';
import { SORT_COLLECTION, TOOL_LIMIT_PARAMETER, TOOL_LIST_LIMIT } from '../shared/parameters';
import { isToolMode } from './toolMode';
import type { FieldDef, OperationDef } from './types';
import { convertValue, InvalidValue, isEmpty } from './values';

export type CollectionName = 'filters' | 'updateFields' | 'additionalFields';

/**
 * Optional fields live in one collection per operation, named as n8n's own nodes name them:
 * "Filters" on lists, "Update Fields" on updates, "Additional Fields" otherwise.
 */
export function collectionNameOf(def: OperationDef): CollectionName {
	if (def.list) return 'filters';
	return /^update/.test(def.operation) ? 'updateFields' : 'additionalFields';
}


/** Where a field's value is read from: a top-level parameter, the operation's collection or Sort. */
export function placementOf(field: FieldDef): 'topLevel' | 'collection' | 'sort' {
	if (field.placement === 'sort') return 'sort';
	return field.required === true ? 'topLevel' : 'collection';
}

export function isTopLevel(field: FieldDef): boolean {
	return placementOf(field) === 'topLevel';
}


/** `Invalid value for "Products" (entry 2, "Quantity"): …`: the field, and where inside it. */
function invalidValueError(this: IExecuteFunctions, field: FieldDef, error: Error, itemIndex: number): NodeOperationError {
	const trail = error instanceof InvalidValue ? error.trail : [];
	const inner = trail.length ? ` (${trail.join(', ')})` : '';
	return new NodeOperationError(this.getNode(), `Invalid value for "${field.label}"${inner}: ${error.message}`, {
		itemIndex,
		description: `Item ${itemIndex}, parameter "${field.label}"${inner}.`,
	});
}

/**
 * Max Pages, with Return All on a list Appstle pages: the most pages one item's run reads, a
 * ceiling the user can raise (the transport's PagingGuard enforces it).
 */
export const MAX_PAGES_FIELD: FieldDef = { name: 'maxPages', label: 'Max Pages', type: 'integer', in: 'query', required: true, minValue: 1 };

/** Whether an operation shows Max Pages: a list that Appstle pages. */
export function hasMaxPages(def: OperationDef): boolean {
	return def.list !== undefined && def.list.pagination !== 'none';
}

/** Max Pages, when Return All is on: a positive whole number, read as strictly as Limit. */
function checkMaxPages(this: IExecuteFunctions, def: OperationDef, itemIndex: number): void {
	if (!hasMaxPages(def) || this.getNodeParameter('returnAll', itemIndex, false) !== true) return;
	const raw = this.getNodeParameter(MAX_PAGES_FIELD.name, itemIndex, PAGING_POLICY.maxPages);
	try {
		if (isEmpty(raw)) throw new InvalidValue('it is empty');
		convertValue(MAX_PAGES_FIELD, raw);
	} catch (error) {
		throw invalidValueError.call(this, MAX_PAGES_FIELD, error as Error, itemIndex);
	}
}

/** Limit (Max Records for an AI agent), when Return All is off: a positive whole number, read as strictly as any field. */
function checkLimit(this: IExecuteFunctions, itemIndex: number): void {
	if (this.getNodeParameter('returnAll', itemIndex, false) === true) return;
	const limitField: FieldDef = isToolMode(this)
		? { name: TOOL_LIMIT_PARAMETER, label: 'Max Records', type: 'integer', in: 'query', required: true, minValue: 1 }
		: { name: 'limit', label: 'Limit', type: 'integer', in: 'query', required: true, minValue: 1 };
	const raw = this.getNodeParameter(limitField.name, itemIndex, isToolMode(this) ? TOOL_LIST_LIMIT : 50);
	try {
		if (isEmpty(raw)) throw new InvalidValue('it is empty');
		convertValue(limitField, raw);
	} catch (error) {
		throw invalidValueError.call(this, limitField, error as Error, itemIndex);
	}
}

/** The values of one item's fields, checked and converted, sorted by where they go. */
interface ItemValues {
	pathParams: Record<string, string | number>;
	query: Query;
	body: RequestBody | undefined;
	/** Custom API Call's own settings (`method`, `path`, `query` pairs). */
	overrides: IDataObject;
	/** Labels by `in:wireName`, so the transport's URL rule can name the field it refuses. */
	labels: Record<string, string>;
}

/** Reads an operation's fields for one item and checks them all. */
function readItemValues(this: IExecuteFunctions, def: OperationDef, itemIndex: number): ItemValues {
	const values: ItemValues = {
		pathParams: {},
		query: { ...def.fixedQuery },
		body: def.fixedBody ? { ...def.fixedBody } : undefined,
		overrides: {},
		labels: {},
	};
	const merges: IDataObject[] = [];
	const optional = this.getNodeParameter(collectionNameOf(def), itemIndex, {}) as IDataObject;
	const sortOrder = def.fields.some((f) => placementOf(f) === 'sort')
		? (this.getNodeParameter(SORT_COLLECTION, itemIndex, {}) as IDataObject)
		: {};

	for (const field of def.fields) {
		const placement = placementOf(field);
		const raw =
			placement === 'topLevel'
				? this.getNodeParameter(field.name, itemIndex, undefined, { extractValue: true })
				: (placement === 'sort' ? sortOrder : optional)[field.name];
		if (isEmpty(raw) && !(field.type === 'boolean' && raw === false)) {
			if (field.in === 'path' && !field.required && field.default !== undefined) {
				values.pathParams[field.apiName ?? field.name] = String(field.default);
				continue;
			}
			if (field.required) {
				throw new NodeOperationError(this.getNode(), `"${field.label}" is required`, {
					itemIndex,
					description: `Item ${itemIndex}, parameter "${field.label}": set a value (blank text counts as empty).`,
				});
			}
			continue;
		}
		let value: unknown;
		try {
			value = convertValue(
				field,
				raw,
				field.in === 'path' || field.in === 'query' || field.in === 'request' ? 'url' : 'body',
				this.getTimezone(),
			);
			if (field.in === 'path') {
				const problem = pathSegmentProblem(String(value));
				if (problem) throw new InvalidValue(problem);
			}
		} catch (error) {
			throw invalidValueError.call(this, field, error as Error, itemIndex);
		}
		if (Array.isArray(value) && value.length === 0) {
			// A list of blanks is no list: refused when required, left out when optional.
			if (!field.required) continue;
			throw new NodeOperationError(this.getNode(), `"${field.label}" is required`, {
				itemIndex,
				description: `Item ${itemIndex}, parameter "${field.label}": the list has no entries.`,
			});
		}
		values.labels[`${field.in}:${field.apiName ?? field.name}`] = field.label;
		if (field.joined && Array.isArray(value)) value = value.join(',');
		const wireName = field.apiName ?? field.name;
		switch (field.in) {
			case 'path':
				values.pathParams[wireName] = value as string;
				break;
			case 'query':
				values.query[wireName] = value as Query[string];
				break;
			case 'body':
				values.body = { ...(values.body as IDataObject | undefined), [wireName]: value as IDataObject };
				break;
			case 'bodyRoot':
				values.body = value as RequestBody;
				break;
			case 'bodyMerge':
				merges.push(value as IDataObject);
				break;
			case 'request':
				values.overrides[wireName] = value as IDataObject;
				break;
		}
	}
	for (const merge of merges) values.body = { ...(values.body as IDataObject | undefined), ...merge };
	return values;
}

/**
 * Custom API Call: the user's method and path (checked by the one URL rule) with the query
 * pairs; only a GET is repeated after a lost answer, since nothing is known about the endpoint.
 */
function customCallRequest(this: IExecuteFunctions, def: OperationDef, values: ItemValues, itemIndex: number): AppstleRequest {
	const { overrides, query, labels } = values;
	const method = (overrides.method as AppstleRequest['method'] | undefined) ?? def.method;
	const pathField = def.fields.find((f) => f.in === 'request' && (f.apiName ?? f.name) === 'path');
	const pathLabel = pathField?.label ?? 'Path';
	let path: string;
	try {
		path = checkCustomPath(String(overrides.path ?? ''));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Invalid value for "${pathLabel}": ${(error as Error).message}`, {
			itemIndex,
			description: `Item ${itemIndex}, parameter "${pathLabel}". Give the path under /api/external/v2 starting with "/", e.g. /subscription-groups, and put query parameters in "Query Parameters".`,
		});
	}
	for (const pair of (overrides.query as Array<{ key: string; value: string }> | undefined) ?? []) {
		query[pair.key] = pair.value;
		labels[`query:${pair.key}`] = 'Query Parameters';
	}
	return {
		method,
		path,
		pathParams: values.pathParams,
		query,
		body: values.body,
		idempotent: method === 'GET',
		itemIndex,
		userPath: true,
		labels: { ...labels, 'path:path': pathLabel },
	};
}

/** Reads an operation's fields for one item, checks them all, and assembles the request. */
export function buildRequest(this: IExecuteFunctions, def: OperationDef, itemIndex: number): AppstleRequest {
	const values = readItemValues.call(this, def, itemIndex);
	if (def.list) checkLimit.call(this, itemIndex);
	checkMaxPages.call(this, def, itemIndex);
	if (def.customRequest) return customCallRequest.call(this, def, values, itemIndex);
	return {
		method: def.method,
		path: def.path,
		pathParams: values.pathParams,
		query: values.query,
		body: values.body,
		idempotent: def.idempotent,
		apiKeyInQuery: def.apiKeyInQuery,
		itemIndex,
		labels: values.labels,
	};
}
