import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AppstleRequest, Query, RequestBody } from '../transport';
import { parseApiDateTime } from '../transport';
import type { FieldDef, OperationDef } from './types';

export type CollectionName = 'filters' | 'updateFields' | 'additionalFields';

/**
 * Optional fields live in one collection per operation, named as n8n's own nodes name them:
 * "Filters" on lists, "Update Fields" on updates, "Additional Fields" otherwise.
 */
export function collectionNameOf(def: OperationDef): CollectionName {
	if (def.list) return 'filters';
	return /^update/.test(def.operation) ? 'updateFields' : 'additionalFields';
}

/** The collection that holds a list's sort order, apart from its filters. */
export const SORT_COLLECTION = 'sort';

/** Where a field's value is read from: a top-level parameter, the operation's collection or Sort. */
export function placementOf(field: FieldDef): 'topLevel' | 'collection' | 'sort' {
	if (field.placement === 'sort') return 'sort';
	return field.required === true ? 'topLevel' : 'collection';
}

export function isTopLevel(field: FieldDef): boolean {
	return placementOf(field) === 'topLevel';
}

class InvalidValue extends Error {}

const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?#\s]+)(\?.*)?$/;

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === '' ||
		(Array.isArray(value) && value.length === 0) ||
		(typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)
	);
}

/** A numeric ID from a number, digits, or a GID of the expected type. Kept as digits: int64 exceeds JS numbers. */
export function parseNumericId(value: unknown, gidType?: string): string {
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return text;
	const gid = GID_PATTERN.exec(text);
	if (gid && /^\d+$/.test(gid[2])) {
		if (gidType && gid[1] !== gidType) {
			throw new InvalidValue(`"${text}" is a ${gid[1]} GID, but a ${gidType} ID is needed`);
		}
		return gid[2];
	}
	const example = gidType ? ` or a Shopify GID like gid://shopify/${gidType}/123` : '';
	throw new InvalidValue(`"${text}" is not a numeric ID${example}`);
}

export function toGid(value: unknown, gidType: string): string {
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return `gid://shopify/${gidType}/${text}`;
	const gid = GID_PATTERN.exec(text);
	if (!gid) throw new InvalidValue(`"${text}" is neither a numeric ID nor a Shopify GID like gid://shopify/${gidType}/123`);
	if (gid[1] !== gidType) throw new InvalidValue(`"${text}" is a ${gid[1]} GID, but a ${gidType} GID is needed`);
	return text;
}

function splitList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value).split(',');
	return list.map((v) => String(v).trim()).filter((v) => v !== '');
}

function toNumber(value: unknown, integer: boolean, field: FieldDef): number {
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (String(value).trim() === '' || !Number.isFinite(number)) throw new InvalidValue(`"${String(value)}" is not a number`);
	if (integer && !Number.isInteger(number)) throw new InvalidValue(`${number} is not a whole number`);
	if (field.minValue !== undefined && number < field.minValue) throw new InvalidValue(`${number} is below the minimum of ${field.minValue}`);
	if (field.maxValue !== undefined && number > field.maxValue) throw new InvalidValue(`${number} is above the maximum of ${field.maxValue}`);
	return number;
}

function toBoolean(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	const text = String(value).trim().toLowerCase();
	if (text === 'true') return true;
	if (text === 'false') return false;
	throw new InvalidValue(`"${String(value)}" is not true or false`);
}

function toDateTime(value: unknown, timeZone: string): string {
	const iso = parseApiDateTime(value, timeZone);
	if (!iso) throw new InvalidValue(`"${String(value)}" is not a date and time (use ISO-8601, e.g. 2026-03-15T10:30:00Z)`);
	return iso;
}

function toJson(value: unknown): IDataObject | unknown[] {
	if (typeof value === 'object' && value !== null) return value as IDataObject;
	try {
		const parsed: unknown = JSON.parse(String(value));
		if (typeof parsed === 'object' && parsed !== null) return parsed as IDataObject;
	} catch {
		// reported below with the field's name
	}
	throw new InvalidValue('it is not a JSON object or array');
}

function rowsOf(value: unknown, key: string): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	const rows = (value as IDataObject | undefined)?.[key];
	if (rows === undefined) return [];
	return (Array.isArray(rows) ? rows : [rows]) as IDataObject[];
}

function convertObject(fields: FieldDef[], raw: IDataObject, timeZone: string): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) {
		const value = raw[field.name];
		if (isEmpty(value)) {
			if (field.required) throw new InvalidValue(`"${field.label}" is required in each entry`);
			continue;
		}
		out[field.apiName ?? field.name] = convertValue(field, value, 'body', timeZone) as IDataObject;
	}
	return out;
}

/**
 * Converts one non-empty value to what Appstle expects on the wire. Numeric IDs stay digit
 * strings in URLs (int64 can exceed a JS number) but are JSON numbers in bodies, as Appstle's
 * DTOs declare them; Shopify IDs stay far below 2^53.
 */
export function convertValue(field: FieldDef, value: unknown, target: 'url' | 'body' = 'url', timeZone = 'UTC'): unknown {
	const id = (digits: string) => (target === 'body' && !field.sendAsString ? Number(digits) : digits);
	switch (field.type) {
		case 'string':
			return String(value);
		case 'number':
			return toNumber(value, false, field);
		case 'integer':
			return toNumber(value, true, field);
		case 'boolean':
			return toBoolean(value);
		case 'dateTime':
			return toDateTime(value, timeZone);
		case 'options': {
			if (field.loadOptions) return String(value);
			const allowed = (field.options ?? []).map((o) => o.value);
			if (!allowed.includes(value as string)) {
				throw new InvalidValue(`"${String(value)}" is not one of: ${allowed.join(', ')}`);
			}
			return value;
		}
		case 'multiOptions': {
			const allowed = (field.options ?? []).map((o) => o.value);
			const values = splitList(value);
			const unknown = values.filter((v) => !allowed.includes(v));
			if (unknown.length) throw new InvalidValue(`${unknown.join(', ')} not among: ${allowed.join(', ')}`);
			return values;
		}
		case 'id':
			return id(parseNumericId(value, field.gidType));
		case 'gid':
			return toGid(value, field.gidType ?? 'Object');
		case 'idOrGid': {
			const text = String(value).trim();
			if (!/^\d+$/.test(text) && !GID_PATTERN.test(text)) {
				throw new InvalidValue(`"${text}" is neither a numeric ID nor a Shopify GID`);
			}
			return text;
		}
		case 'idList':
			return splitList(value).map((v) => id(parseNumericId(v, field.gidType)));
		case 'stringList':
			return splitList(value);
		case 'json':
			return toJson(value);
		case 'keyValueList':
			return rowsOf(value, 'pairs').map((row) => {
				if (isEmpty(row.key)) throw new InvalidValue('every pair needs a key');
				return { key: String(row.key), value: row.value === undefined ? '' : String(row.value) };
			});
		case 'variantQuantityMap': {
			const map: IDataObject = {};
			for (const row of rowsOf(value, 'pairs')) {
				const variant = String(row.variant ?? '').trim();
				if (!/^\d+$/.test(variant) && !GID_PATTERN.test(variant)) {
					throw new InvalidValue(`"${variant}" is neither a numeric variant ID nor a ProductVariant GID`);
				}
				map[variant] = toNumber(row.quantity, true, { ...field, minValue: 1 });
			}
			return map;
		}
		case 'objectList':
			return rowsOf(value, 'entries').map((row) => convertObject(field.fields ?? [], row, timeZone));
		case 'object':
			return convertObject(field.fields ?? [], rowsOf(value, 'values')[0] ?? {}, timeZone);
	}
}

/** Reads an operation's fields for one item, checks them all, and assembles the request. */
export function buildRequest(this: IExecuteFunctions, def: OperationDef, itemIndex: number): AppstleRequest {
	const pathParams: Record<string, string | number> = {};
	const query: Query = { ...def.fixedQuery };
	let body: RequestBody | undefined = def.fixedBody ? { ...def.fixedBody } : undefined;
	const merges: IDataObject[] = [];
	const overrides: IDataObject = {};
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
				pathParams[field.apiName ?? field.name] = String(field.default);
				continue;
			}
			if (field.required) {
				throw new NodeOperationError(this.getNode(), `"${field.label}" is required`, {
					itemIndex,
					description: `Set "${field.label}" for item ${itemIndex}.`,
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
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`Invalid value for "${field.label}": ${(error as Error).message}`,
				{ itemIndex, description: `Item ${itemIndex}, parameter "${field.label}".` },
			);
		}
		if (field.joined && Array.isArray(value)) value = value.join(',');
		const wireName = field.apiName ?? field.name;
		switch (field.in) {
			case 'path':
				pathParams[wireName] = value as string;
				break;
			case 'query':
				query[wireName] = value as Query[string];
				break;
			case 'body':
				body = { ...(body as IDataObject | undefined), [wireName]: value as IDataObject };
				break;
			case 'bodyRoot':
				body = value as RequestBody;
				break;
			case 'bodyMerge':
				merges.push(value as IDataObject);
				break;
			case 'request':
				overrides[wireName] = value as IDataObject;
				break;
		}
	}
	for (const merge of merges) body = { ...(body as IDataObject | undefined), ...merge };

	if (def.customRequest) {
		const method = (overrides.method as AppstleRequest['method'] | undefined) ?? def.method;
		const path = String(overrides.path ?? '').trim().replace(/^\/?api\/external\/v2/, '');
		if (!/^\/[^?#\s]*$/.test(path)) {
			throw new NodeOperationError(this.getNode(), `Invalid value for "Path": "${String(overrides.path)}"`, {
				itemIndex,
				description: 'Give the path under /api/external/v2 starting with "/", e.g. /subscription-groups, and put query parameters in "Query Parameters".',
			});
		}
		for (const pair of (overrides.query as Array<{ key: string; value: string }> | undefined) ?? []) {
			query[pair.key] = pair.value;
		}
		return { method, path, pathParams, query, body, idempotent: method === 'GET', itemIndex };
	}

	return {
		method: def.method,
		path: def.path,
		pathParams,
		query,
		body,
		idempotent: def.idempotent,
		apiKeyInQuery: def.apiKeyInQuery,
		itemIndex,
	};
}
