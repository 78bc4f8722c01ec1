import type { IDataObject } from 'n8n-workflow';

import { gidTypeMatches, int64Digits, isDigits, parseShopifyGid } from '../shared/ids';
import { JsonInteger, JsonNumber, parseApiDateTime, parseJsonText } from '../transport';
import type { FieldDef } from './types';

/**
 * Turning what a user, an expression or an AI agent put into a field into exactly what Appstle
 * expects on the wire, or refusing it. Every conversion happens before any request.
 */

export class InvalidValue extends Error {
	/** Where inside a collection the bad value sits, outermost first, e.g. `"Products" entry 2 › "Quantity"`. */
	readonly trail: string[] = [];
}

/** Empty means missing: nothing, blank text (spaces only), an empty list or an empty object. */
export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0) ||
		(Object.prototype.toString.call(value) === '[object Object]' && Object.keys(value as object).length === 0)
	);
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value !== null && typeof value === 'object') return 'an object';
	return `"${String(value)}"`;
}

/**
 * Text as typed, or a refusal for lists and plain objects (which would go out as
 * `[object Object]`). Objects with a text form of their own (a Date, a Luxon DateTime) give it.
 */
function scalarText(value: unknown): string {
	const refuse = () => new InvalidValue(`${describe(value)} is not text: give a single value`);
	if (Array.isArray(value)) throw refuse();
	if (value === null || typeof value !== 'object') return String(value);
	// Checked by its text, not its prototype: expression results may come from another realm.
	let text: string | undefined;
	try {
		text = String(value);
	} catch {
		text = undefined;
	}
	if (text === undefined || /^\[object \w+\]$/.test(text)) throw refuse();
	return text;
}

/** Digits of a positive integer (leading zeros dropped, no other change); refuses signs, hex, exponents, fractions and int64 overflow. */
export function positiveIntegerDigits(value: unknown, what = 'ID'): string {
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) {
			throw new InvalidValue(
				Number.isInteger(value)
					? `${value} is too large to be kept exactly as a number: give the ${what} as text`
					: `${value} is not a whole number`,
			);
		}
		if (value <= 0) throw new InvalidValue(`${value} is not a positive ${what}`);
		return String(value);
	}
	const text = scalarText(value).trim();
	if (!isDigits(text)) throw new InvalidValue(`"${text}" is not a numeric ${what} (digits only)`);
	if (/^0+$/.test(text)) throw new InvalidValue(`"${text}" is not a positive ${what}`);
	const digits = int64Digits(text);
	if (digits === undefined) throw new InvalidValue(`"${text}" is larger than any ${what} Appstle can store`);
	return digits;
}

/** A numeric ID from a number, digits, or a GID of the expected type. Kept as digits: int64 exceeds JS numbers. */
export function parseNumericId(value: unknown, gidType?: string): string {
	const text = scalarText(value).trim();
	const gid = parseShopifyGid(text);
	if (gid) {
		if (!gidType) throw new InvalidValue(`"${text}" is a Shopify GID, but this is Appstle's own numeric ID`);
		if (!gidTypeMatches(gid.type, gidType)) throw new InvalidValue(`"${text}" is a ${gid.type} GID, but a ${gidType} ID is needed`);
		return positiveIntegerDigits(gid.id);
	}
	if (typeof value !== 'number' && !isDigits(text)) {
		const example = gidType ? ` or a Shopify GID like gid://shopify/${gidType}/123` : '';
		throw new InvalidValue(`"${text}" is not a numeric ID${example}`);
	}
	return positiveIntegerDigits(value);
}

export function toGid(value: unknown, gidType: string): string {
	const text = scalarText(value).trim();
	if (isDigits(text) || typeof value === 'number') return `gid://shopify/${gidType}/${positiveIntegerDigits(value)}`;
	const gid = parseShopifyGid(text);
	if (!gid) throw new InvalidValue(`"${text}" is neither a numeric ID nor a Shopify GID like gid://shopify/${gidType}/123`);
	if (gid.type !== gidType) throw new InvalidValue(`"${text}" is a ${gid.type} GID, but a ${gidType} GID is needed`);
	if (/^\.{1,2}$/.test(gid.id)) throw new InvalidValue(`"${text}" has no ID after the type`);
	if (isDigits(gid.id)) positiveIntegerDigits(gid.id);
	return text;
}

/** A number or a GID of `gidType`, sent as given. */
function toIdOrGid(value: unknown, gidType?: string): string {
	const text = scalarText(value).trim();
	if (parseShopifyGid(text)) return gidType ? toGid(text, gidType) : text;
	if (typeof value === 'number' || isDigits(text)) return positiveIntegerDigits(value);
	throw new InvalidValue(`"${text}" is neither a numeric ID nor a Shopify GID${gidType ? ` like gid://shopify/${gidType}/123` : ''}`);
}

function splitList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : scalarText(value).split(',');
	return list.map((v) => scalarText(v).trim()).filter((v) => v !== '');
}

function checkRange(number: number, field: FieldDef): number {
	if (field.minValue !== undefined && number < field.minValue) throw new InvalidValue(`${number} is below the minimum of ${field.minValue}`);
	if (field.maxValue !== undefined && number > field.maxValue) throw new InvalidValue(`${number} is above the maximum of ${field.maxValue}`);
	return number;
}

/**
 * A decimal or whole number. Text must be plain decimal notation: no hex (`0x10`), exponents
 * (`1e3`), `Infinity`, spaces or units; whole numbers also no fraction and no sign unless the
 * field allows negative values. Whole numbers must be exact in a JS number (below 2^53).
 */
function toNumber(value: unknown, integer: boolean, field: FieldDef): number {
	let number: number;
	if (typeof value === 'number') {
		number = value;
		if (!Number.isFinite(number)) throw new InvalidValue(`${number} is not a number`);
	} else {
		const text = scalarText(value).trim();
		const pattern = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
		if (!pattern.test(text)) {
			throw new InvalidValue(`"${text}" is not ${integer ? 'a whole number' : 'a number'} (plain digits${integer ? '' : ' and an optional decimal point'})`);
		}
		number = Number(text);
	}
	if (integer && !Number.isInteger(number)) throw new InvalidValue(`${number} is not a whole number`);
	if (integer && !Number.isSafeInteger(number)) throw new InvalidValue(`${number} is too large`);
	const signed = field.minValue !== undefined && field.minValue < 0;
	if (number < 0 && !signed) throw new InvalidValue(`${number} is negative`);
	if (typeof value !== 'number' && /^[+-]/.test(scalarText(value).trim()) && integer && !signed) {
		throw new InvalidValue(`"${scalarText(value).trim()}" has a sign: give plain digits`);
	}
	return checkRange(number, field);
}

function toBoolean(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	const text = scalarText(value).trim().toLowerCase();
	if (text === 'true') return true;
	if (text === 'false') return false;
	throw new InvalidValue(`"${String(value)}" is not true or false`);
}

function toDateTime(value: unknown, timeZone: string): string {
	const iso = parseApiDateTime(value, timeZone);
	if (!iso) {
		throw new InvalidValue(
			`${describe(value)} is not a valid ISO-8601 date or date and time (e.g. 2026-03-15 or 2026-03-15T10:30:00Z; impossible dates are refused, never rolled over)`,
		);
	}
	return iso;
}

/** Keys that JavaScript objects treat specially: set on a plain object they vanish or change its prototype. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function checkKey(key: string): void {
	if (RESERVED_KEYS.has(key)) throw new InvalidValue(`the key "${key}" is not allowed: it would be dropped or change how the object behaves`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === null || proto === Object.prototype || Object.prototype.toString.call(value) === '[object Object]';
}

/**
 * Free JSON (Custom API Call's body, Extra Body Fields) as it will reach the wire, or a refusal
 * naming where inside it the problem sits: nothing is rounded, turned into null or dropped.
 * Dates become their ISO text, objects with a JSON form of their own (a Luxon DateTime) that form.
 */
function exactJson(value: unknown): unknown {
	if (value instanceof JsonInteger || value instanceof JsonNumber) return value;
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return value;
		case 'number':
			if (!Number.isFinite(value)) throw new InvalidValue(`it holds ${value}, which JSON cannot carry`);
			if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
				throw new InvalidValue(`it holds ${value}, a number too large to be exact: write such IDs as text, or as JSON text`);
			}
			return value;
		case 'undefined':
			throw new InvalidValue('it holds an undefined value: give a value, or leave the key out');
		case 'object':
			break;
		default:
			throw new InvalidValue(`it holds ${typeof value === 'function' ? 'a function' : `a ${typeof value}`}, which JSON cannot carry`);
	}
	if (value === null) return null;
	if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
		const time = (value as Date).getTime();
		if (Number.isNaN(time)) throw new InvalidValue('it holds an invalid date');
		return (value as Date).toISOString();
	}
	if (Array.isArray(value)) {
		const out: unknown[] = [];
		for (let i = 0; i < value.length; i++) {
			if (!(i in value)) throw new InvalidValue(`the list has a gap at position ${i + 1} (a sparse array)`);
			out.push(within(`entry ${i + 1}`, () => exactJson(value[i])));
		}
		return out;
	}
	const proto = Object.getPrototypeOf(value) as unknown;
	if (proto !== null && proto !== Object.prototype) {
		// A class instance (a Luxon DateTime) is sent as its JSON form; a plain object from the
		// expression sandbox (another realm's Object) as it is.
		const toJSON = (value as { toJSON?: () => unknown }).toJSON;
		if (typeof toJSON === 'function') return exactJson(toJSON.call(value));
		if (!isPlainObject(value)) throw new InvalidValue(`it holds ${describe(value)} that is not plain JSON`);
	}
	const out: Record<string, unknown> = {};
	const record = value as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		checkKey(key);
		Object.defineProperty(out, key, { value: within(`"${key}"`, () => exactJson(record[key])), enumerable: true, writable: true, configurable: true });
	}
	return out;
}

function toJson(value: unknown, field: FieldDef): IDataObject | unknown[] {
	let parsed: unknown = value;
	if (typeof value !== 'object' || value === null) {
		try {
			parsed = parseJsonText(String(value));
		} catch {
			parsed = undefined;
		}
		if (typeof parsed !== 'object' || parsed === null) throw new InvalidValue('it is not a JSON object or array');
	}
	const exact = exactJson(parsed);
	if (field.in === 'bodyMerge' && (Array.isArray(exact) || !isPlainObject(exact))) {
		throw new InvalidValue('it must be a JSON object: its keys are added to the body');
	}
	return exact as IDataObject | unknown[];
}

function rowsOf(value: unknown, key: string): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	const rows = (value as IDataObject | undefined)?.[key];
	if (rows === undefined) return [];
	return (Array.isArray(rows) ? rows : [rows]) as IDataObject[];
}

/** Runs `convert` for one sub-value, adding where it sits to any refusal. */
function within<T>(where: string, convert: () => T): T {
	let failure: unknown;
	try {
		return convert();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof InvalidValue) failure.trail.unshift(where);
	throw failure;
}

function convertObject(fields: FieldDef[], raw: IDataObject, timeZone: string): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) {
		const value = raw[field.name];
		within(`"${field.label}"`, () => {
			if (isEmpty(value) && !(field.type === 'boolean' && value === false)) {
				if (field.required) throw new InvalidValue('it is required');
				return;
			}
			const converted = convertValue(field, value, 'body', timeZone);
			if (field.required && Array.isArray(converted) && converted.length === 0) throw new InvalidValue('it is required, and the list has no entries');
			out[field.apiName ?? field.name] = converted as IDataObject;
		});
	}
	return out;
}

/**
 * Converts one non-empty value to what Appstle expects on the wire. Numeric IDs stay digit
 * strings in URLs and become exact JSON integers (JsonInteger) in bodies: int64 exceeds what a
 * JS number keeps, so an ID never passes through a float.
 */
export function convertValue(field: FieldDef, value: unknown, target: 'url' | 'body' = 'url', timeZone = 'UTC'): unknown {
	const id = (digits: string) => (target === 'body' && !field.sendAsString ? new JsonInteger(digits) : digits);
	switch (field.type) {
		case 'string':
			return scalarText(value);
		case 'number':
			return toNumber(value, false, field);
		case 'integer':
			return toNumber(value, true, field);
		case 'boolean':
			return toBoolean(value);
		case 'dateTime':
			return toDateTime(value, timeZone);
		case 'options': {
			const text = scalarText(value);
			if (field.loadOptions) return text;
			const allowed = (field.options ?? []).map((o) => o.value);
			if (!allowed.includes(text)) {
				throw new InvalidValue(`"${text}" is not one of: ${allowed.join(', ')}`);
			}
			return text;
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
		case 'idOrGid':
			return toIdOrGid(value, field.gidType);
		case 'idList':
			return splitList(value).map((v, i) => within(`entry ${i + 1}`, () => id(parseNumericId(v, field.gidType))));
		case 'stringList':
			return splitList(value).map((v, i) => (field.gidType ? within(`entry ${i + 1}`, () => toGid(v, field.gidType!)) : v));
		case 'json':
			return toJson(value, field);
		case 'keyValueList':
			return rowsOf(value, 'pairs').map((row, i) =>
				within(`entry ${i + 1}`, () => {
					if (isEmpty(row.key)) throw new InvalidValue('every pair needs a key');
					const key = within('"Key"', () => scalarText(row.key));
					within('"Key"', () => checkKey(key.trim()));
					const text = within('"Value"', () => (row.value === undefined || row.value === null ? '' : scalarText(row.value)));
					return { key, value: text };
				}),
			);
		case 'variantQuantityMap': {
			const map: IDataObject = {};
			rowsOf(value, 'pairs').forEach((row, i) =>
				within(`entry ${i + 1}`, () => {
					const variant = within('"Variant ID"', () => {
						if (isEmpty(row.variant)) throw new InvalidValue('it is required');
						return toIdOrGid(row.variant, 'ProductVariant');
					});
					map[variant] = within('"Quantity"', () => {
						if (isEmpty(row.quantity)) throw new InvalidValue('it is required');
						return toNumber(row.quantity, true, { ...field, minValue: 1, maxValue: undefined });
					});
				}),
			);
			return map;
		}
		case 'objectList':
			return rowsOf(value, 'entries').map((row, i) => within(`entry ${i + 1}`, () => convertObject(field.fields ?? [], row, timeZone)));
		case 'object':
			return convertObject(field.fields ?? [], rowsOf(value, 'values')[0] ?? {}, timeZone);
	}
}
