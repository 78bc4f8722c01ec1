/**
 * Request validation against contract.json: path and query parameters, paging
 * parameters and JSON bodies. Every failure becomes an ApiError with a precise,
 * human `detail`.
 */
import { z } from 'zod';
import type { BodySpec, EndpointSpec, FieldSpec, ParamSpec, Scalar, TypeSpec } from './contract-schema';
import { ApiError } from './problem';

export type ParamValue = string | number | boolean;
export type ParsedParams = Record<string, ParamValue | ParamValue[] | undefined>;

export interface SortOrder {
	property: string;
	direction: 'asc' | 'desc';
}

export interface Paging {
	page: number;
	size: number;
	sort: SortOrder[];
}

const INT64_MIN = -(BigInt(2) ** BigInt(63));
const INT64_MAX = BigInt(2) ** BigInt(63) - BigInt(1);
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const JAVA_TYPE: Record<Scalar, string> = {
	int64: 'Long',
	int32: 'Integer',
	double: 'Double',
	boolean: 'Boolean',
	'date-time': 'ZonedDateTime',
	string: 'String',
	enum: 'String',
};

const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO-8601 date-time with `Z` or a `±HH:MM` offset, and a real calendar date. */
export function isZonedDateTime(value: string): boolean {
	const m = ZONED.exec(value);
	if (!m) return false;
	const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
	const probe = new Date(Date.UTC(year, month - 1, day));
	if (probe.getUTCDate() !== day) return false;
	if (m[8] !== 'Z') {
		const [oh, om] = m[8].slice(1).split(':').map(Number);
		if (oh > 18 || om > 59) return false;
	}
	return true;
}

function describeType(spec: { type: Scalar; enum?: string[]; pattern?: string }): string {
	switch (spec.type) {
		case 'int64':
			return 'an integer (int64)';
		case 'int32':
			return 'an integer (int32)';
		case 'double':
			return 'a finite number';
		case 'boolean':
			return "'true' or 'false'";
		case 'date-time':
			return 'an ISO-8601 date-time with a zone (Z or ±HH:MM), e.g. 2024-03-15T10:30:00Z';
		case 'enum':
			return `one of ${(spec.enum ?? []).join(', ')}`;
		case 'string':
			return spec.pattern ? `a string matching ${spec.pattern}` : 'a string';
	}
}

/** Parses one raw text value; returns an error text (without the parameter name) on failure. */
function parseText(
	spec: { type: Scalar; enum?: string[]; pattern?: string; caseInsensitive?: boolean },
	raw: string,
): { value: ParamValue } | { error: string } {
	const expect = () => ({ error: `must be ${describeType(spec)}; got '${raw}'` });
	switch (spec.type) {
		case 'int64': {
			if (!/^-?\d+$/.test(raw)) return expect();
			const big = BigInt(raw);
			if (big < INT64_MIN || big > INT64_MAX) return { error: `is out of range for int64; got '${raw}'` };
			return { value: Number(raw) };
		}
		case 'int32': {
			if (!/^-?\d+$/.test(raw)) return expect();
			const n = Number(raw);
			if (n < INT32_MIN || n > INT32_MAX) return { error: `is out of range for int32; got '${raw}'` };
			return { value: n };
		}
		case 'double': {
			if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return expect();
			const n = Number(raw);
			if (!Number.isFinite(n)) return expect();
			return { value: n };
		}
		case 'boolean':
			if (raw === 'true') return { value: true };
			if (raw === 'false') return { value: false };
			return expect();
		case 'date-time':
			if (isZonedDateTime(raw)) return { value: raw };
			if (/^\d{4}-\d{2}-\d{2}T[\d:.]+ \d{2}(:?\d{2})?$/.test(raw)) {
				return {
					error: `must be ${describeType(spec)}; got '${raw}' (a '+' in a query string decodes to a space: encode the offset as %2B or use Z)`,
				};
			}
			if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(raw)) {
				return { error: `must be ${describeType(spec)}; got '${raw}', which has no zone offset` };
			}
			return expect();
		case 'enum': {
			const values = spec.enum ?? [];
			const hit = spec.caseInsensitive
				? values.find((v) => v.toLowerCase() === raw.toLowerCase())
				: values.find((v) => v === raw);
			return hit === undefined ? expect() : { value: hit };
		}
		case 'string':
			if (spec.pattern && !new RegExp(spec.pattern).test(raw)) return expect();
			return { value: raw };
	}
}

type Where = 'query' | 'path' | 'header';

function label(where: Where): string {
	return where === 'query' ? 'Query parameter' : where === 'path' ? 'Path variable' : 'Header';
}

/** Zod schema for one parameter: input is every raw value given for its name. */
function paramSchema(spec: ParamSpec, where: Where) {
	const schema = z.array(z.string()).transform((values, ctx): ParamValue | ParamValue[] | undefined => {
		const fail = (message: string) => {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message, params: { invalidResponse: spec.invalidResponse } });
			return z.NEVER;
		};
		const javaType = spec.list ? `List<${JAVA_TYPE[spec.type]}>` : JAVA_TYPE[spec.type];
		if (spec.list) {
			const parts = values.flatMap((v) => v.split(',')).map((v) => v.trim());
			if (parts.length === 1 && parts[0] === '') {
				if (spec.required) {
					return fail(
						`Required request parameter '${spec.name}' for method parameter type ${javaType} is present but converted to null`,
					);
				}
				return undefined;
			}
			const out: ParamValue[] = [];
			for (const [i, part] of parts.entries()) {
				if (part === '') return fail(`${label(where)} '${spec.name}' has an empty element at position ${i}`);
				const parsed = parseText(spec, part);
				if ('error' in parsed) return fail(`${label(where)} '${spec.name}' element ${i} ${parsed.error}`);
				out.push(parsed.value);
			}
			return out;
		}
		if (values.length > 1) {
			return fail(`${label(where)} '${spec.name}' takes a single value but was given ${values.length} times`);
		}
		const raw = values[0];
		if (raw === '' && spec.type !== 'string') {
			if (spec.required) {
				return fail(
					`Required request parameter '${spec.name}' for method parameter type ${javaType} is present but converted to null`,
				);
			}
			return undefined;
		}
		const parsed = parseText(spec, raw);
		if ('error' in parsed) return fail(`${label(where)} '${spec.name}' ${parsed.error}`);
		return parsed.value;
	});
	return spec.required ? schema : schema.optional();
}

function missingMessage(spec: ParamSpec): string {
	const javaType = spec.list ? `List<${JAVA_TYPE[spec.type]}>` : JAVA_TYPE[spec.type];
	return `Required request parameter '${spec.name}' for method parameter type ${javaType} is not present`;
}

const PAGING_NAMES = ['page', 'size', 'sort'];

function unknownParamMessage(endpoint: EndpointSpec, keys: string[]): string {
	const quoted = keys.map((k) => `'${k}'`).join(', ');
	const base = keys.length === 1 ? `Unknown query parameter ${quoted}` : `Unknown query parameters ${quoted}`;
	if (keys.some((k) => PAGING_NAMES.includes(k)) && endpoint.pagination !== 'page') {
		return `${base}: this endpoint is not paginated with page/size/sort`;
	}
	if (keys.some((k) => k.startsWith('pageable'))) {
		return `${base}: send page, size and sort as top-level query parameters`;
	}
	return base;
}

const querySchemaCache = new Map<string, z.ZodTypeAny>();

function querySchemaFor(endpoint: EndpointSpec): z.ZodTypeAny {
	let schema = querySchemaCache.get(endpoint.operationId);
	if (!schema) {
		const shape: Record<string, z.ZodTypeAny> = {};
		for (const p of endpoint.queryParams) shape[p.name] = paramSchema(p, 'query');
		schema = z.object(shape).strict();
		querySchemaCache.set(endpoint.operationId, schema);
	}
	return schema;
}

function firstIssueToError(endpoint: EndpointSpec, issues: z.ZodIssue[], specs: ParamSpec[]): ApiError {
	const issue = issues[0];
	if (issue.code === z.ZodIssueCode.unrecognized_keys) {
		return new ApiError(400, 'unknown parameter', { detail: unknownParamMessage(endpoint, issue.keys) });
	}
	if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') {
		const spec = specs.find((s) => s.name === issue.path[0]);
		const detail = spec ? missingMessage(spec) : `Required request parameter '${String(issue.path[0])}' is not present`;
		return new ApiError(400, detail, { detail });
	}
	if (issue.code === z.ZodIssueCode.custom && issue.params?.invalidResponse === 'empty') {
		return new ApiError(400, issue.message, {
			empty: true,
			headers: { 'X-subscriptionApp-error': 'error.badrequest', 'X-subscriptionApp-alert': issue.message },
		});
	}
	return new ApiError(400, issue.message, { detail: issue.message });
}

/** Validates the query (without api_key and paging params) and returns typed values. */
export function validateQuery(endpoint: EndpointSpec, query: Record<string, string[]>): ParsedParams {
	const result = querySchemaFor(endpoint).safeParse(query);
	if (!result.success) throw firstIssueToError(endpoint, result.error.issues, endpoint.queryParams);
	return result.data as ParsedParams;
}

export function validatePath(endpoint: EndpointSpec, values: Record<string, string>): ParsedParams {
	const out: ParsedParams = {};
	for (const spec of endpoint.pathParams) {
		const raw = values[spec.name];
		const result = paramSchema({ ...spec, required: true }, 'path').safeParse([raw]);
		if (!result.success) throw firstIssueToError(endpoint, result.error.issues, endpoint.pathParams);
		out[spec.name] = result.data;
	}
	return out;
}

export function validateHeaders(endpoint: EndpointSpec, headers: Record<string, string | string[] | undefined>): ParsedParams {
	const out: ParsedParams = {};
	for (const h of endpoint.headers ?? []) {
		const raw = headers[h.name.toLowerCase()];
		if (raw === undefined) continue;
		const spec: ParamSpec = { name: h.name, type: h.type, required: false };
		const result = paramSchema(spec, 'header').safeParse(Array.isArray(raw) ? raw : [raw]);
		if (!result.success) throw firstIssueToError(endpoint, result.error.issues, [spec]);
		out[h.name] = result.data;
	}
	return out;
}

/** page / size / sort (Spring Data Pageable) for `pagination: 'page'` endpoints. */
export function validatePaging(endpoint: EndpointSpec, query: Record<string, string[]>): Paging {
	const maxSize = endpoint.maxPageSize ?? 2000;
	const allowed = endpoint.sortProperties ?? [];
	const one = (name: string): string | undefined => {
		const values = query[name];
		if (!values) return undefined;
		if (values.length > 1) throw new ApiError(400, 'repeated', { detail: `Query parameter '${name}' takes a single value but was given ${values.length} times` });
		return values[0];
	};
	const int = (name: string, raw: string | undefined, fallback: number): number => {
		if (raw === undefined || raw === '') return fallback;
		if (!/^\d+$/.test(raw)) {
			throw new ApiError(400, 'bad paging', { detail: `Query parameter '${name}' must be a non-negative integer; got '${raw}'` });
		}
		return Number(raw);
	};
	const page = int('page', one('page'), 0);
	const size = int('size', one('size'), 20);
	if (size < 1) throw new ApiError(400, 'bad size', { detail: `Query parameter 'size' must be at least 1; got ${size}` });
	if (size > maxSize) {
		throw new ApiError(400, 'bad size', { detail: `Query parameter 'size' must not exceed ${maxSize} on this endpoint; got ${size}` });
	}
	const sort: SortOrder[] = [];
	for (const raw of query.sort ?? []) {
		const parts = raw.split(',').map((p) => p.trim());
		let direction: 'asc' | 'desc' = 'asc';
		const last = parts[parts.length - 1]?.toLowerCase();
		if (parts.length > 1 && (last === 'asc' || last === 'desc')) {
			direction = last;
			parts.pop();
		}
		if (parts.length !== 1 || parts[0] === '') {
			throw new ApiError(400, 'bad sort', { detail: `Query parameter 'sort' must look like 'property,asc' or 'property,desc'; got '${raw}'` });
		}
		const property = parts[0];
		if (!allowed.includes(property)) {
			const hint = allowed.some((a) => a.includes('_')) && /[A-Z]/.test(property)
				? ' (this endpoint sorts by snake_case column names)'
				: '';
			throw new ApiError(400, 'bad sort', {
				detail: `Unknown sort property '${property}'${hint}; allowed: ${allowed.join(', ')}`,
			});
		}
		sort.push({ property, direction });
	}
	return { page, size, sort };
}

// ---------------------------------------------------------------- bodies

function typeSchema(spec: TypeSpec): z.ZodTypeAny {
	switch (spec.t) {
		case 'string': {
			let s = z.string({ invalid_type_error: 'must be a string' });
			if (spec.pattern) s = s.regex(new RegExp(spec.pattern), { message: `must match ${spec.pattern}` });
			return s;
		}
		case 'int64':
		case 'int32': {
			const bits = spec.t === 'int64' ? 'int64' : 'int32';
			const min = spec.min;
			return z
				.number({ invalid_type_error: `must be an integer (${bits})` })
				.int({ message: `must be an integer (${bits})` })
				.refine((v) => (bits === 'int32' ? v >= INT32_MIN && v <= INT32_MAX : Number.isSafeInteger(v)), {
					message: `is out of range for ${bits}`,
				})
				.refine((v) => min === undefined || v >= min, { message: `must be at least ${min}` });
		}
		case 'double':
			return z.number({ invalid_type_error: 'must be a number' }).finite({ message: 'must be a finite number' });
		case 'boolean':
			return z.boolean({ invalid_type_error: 'must be true or false' });
		case 'date-time':
			return z
				.string({ invalid_type_error: 'must be an ISO-8601 date-time string' })
				.refine(isZonedDateTime, { message: 'must be an ISO-8601 date-time with a zone (Z or ±HH:MM)' });
		case 'enum': {
			const values = spec.enum ?? [];
			return z.string({ invalid_type_error: `must be one of ${values.join(', ')}` }).refine((v) => values.includes(v), {
				message: `must be one of ${values.join(', ')}`,
			});
		}
		case 'object':
			if (spec.fields && spec.fields.length > 0) return z.object(fieldsShape(spec.fields)).passthrough();
			return z.record(z.string(), z.unknown(), { invalid_type_error: 'must be a JSON object' });
		case 'array':
			return z.array(spec.items ? typeSchema(spec.items) : z.unknown(), { invalid_type_error: 'must be a JSON array' });
		case 'map':
			return z.record(spec.keys ? typeSchema(spec.keys) : z.string(), spec.values ? typeSchema(spec.values) : z.unknown(), {
				invalid_type_error: 'must be a JSON object',
			});
		case 'any':
			return z.unknown();
	}
}

function fieldsShape(fields: FieldSpec[]): Record<string, z.ZodTypeAny> {
	const shape: Record<string, z.ZodTypeAny> = {};
	for (const f of fields) {
		const base = typeSchema(f);
		shape[f.name] = f.required
			? z.preprocess((v) => (v === null ? undefined : v), base.optional()).refine((v) => v !== undefined, {
					message: 'must not be null',
					params: { required: true },
				})
			: base.nullable().optional();
	}
	return shape;
}

const bodySchemaCache = new Map<string, z.ZodTypeAny>();

function bodySchemaFor(endpoint: EndpointSpec, body: BodySpec): z.ZodTypeAny {
	let schema = bodySchemaCache.get(endpoint.operationId);
	if (!schema) {
		if (body.kind === 'object') schema = z.object(fieldsShape(body.fields ?? [])).strict();
		else if (body.kind === 'array') {
			schema = z.array(body.items ? typeSchema(body.items) : z.unknown(), { invalid_type_error: 'must be a JSON array' });
		} else {
			schema = z.record(body.keys ? typeSchema(body.keys) : z.string(), body.values ? typeSchema(body.values) : z.unknown(), {
				invalid_type_error: 'must be a JSON object',
			});
		}
		bodySchemaCache.set(endpoint.operationId, schema);
	}
	return schema;
}

function formatPath(path: Array<string | number>): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out === '' ? part : `.${part}`;
	}
	return out;
}

function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function valueAt(root: unknown, path: Array<string | number>): unknown {
	let cur: unknown = root;
	for (const part of path) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string | number, unknown>)[part];
	}
	return cur;
}

function lowerFirst(s: string): string {
	return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Validates a parsed JSON body. `present` says whether the request had a body at all.
 * Returns the body unchanged (typed `unknown`); handlers cast it to their known shape.
 */
export function validateBody(endpoint: EndpointSpec, present: boolean, body: unknown): unknown {
	const spec = endpoint.body;
	if (!spec) {
		if (present) throw new ApiError(400, 'no body', { detail: 'This endpoint takes no request body, but one was sent' });
		return undefined;
	}
	if (!present) {
		if (spec.required) throw new ApiError(400, 'missing body', { detail: 'Required request body is missing' });
		return undefined;
	}
	const result = bodySchemaFor(endpoint, spec).safeParse(body);
	if (result.success) return body;
	const schemaName = spec.schema ?? (spec.kind === 'array' ? 'List' : spec.kind === 'map' ? 'Map' : 'object');
	const missing = result.error.issues.filter(
		(i) => i.path.length === 1 && i.code === z.ZodIssueCode.custom && i.params?.required === true,
	);
	if (missing.length > 0 && spec.kind === 'object') {
		const objectName = lowerFirst(schemaName);
		return failValidation(objectName, missing.map((i) => String(i.path[0])));
	}
	const issue = result.error.issues[0];
	if (issue.path.length === 0) {
		if (issue.code === z.ZodIssueCode.unrecognized_keys) {
			const known = (spec.fields ?? []).map((f) => f.name).join(', ');
			throw new ApiError(400, 'unknown field', {
				detail: `Invalid request body: unrecognized field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
					.map((k) => `'${k}'`)
					.join(', ')} (${schemaName} accepts: ${known})`,
			});
		}
		const expected = spec.kind === 'array' ? 'a JSON array' : 'a JSON object';
		throw new ApiError(400, 'bad body', { detail: `Invalid request body: must be ${expected}; got ${jsonType(body)}` });
	}
	const where = formatPath(issue.path);
	const got = valueAt(body, issue.path);
	const message = issue.code === z.ZodIssueCode.invalid_type ? `${issue.message}; got ${jsonType(got)}` : issue.message;
	const subject = spec.kind === 'map' && issue.path.length === 1 && issue.code !== z.ZodIssueCode.invalid_type && issue.message.startsWith('must match')
		? `key '${where}'`
		: `field '${where}'`;
	throw new ApiError(400, 'bad body', { detail: `Invalid request body: ${subject} ${message}` });
}

function failValidation(objectName: string, fields: string[]): never {
	throw new ApiError(400, 'Method argument not valid', {
		title: 'Method argument not valid',
		problemMessage: 'error.validation',
		detail: `Validation failed for object='${objectName}'. Error count: ${fields.length}`,
		fieldErrors: fields.map((field) => ({ objectName, field, message: 'must not be null' })),
	});
}
