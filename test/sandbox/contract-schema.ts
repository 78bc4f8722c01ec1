/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * The sandbox's contract: `contract.json` (condensed from Appstle's endpoint catalog),
 * checked with zod when loaded, plus the zod validators built from it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export type Scalar = 'string' | 'int64' | 'int32' | 'double' | 'boolean' | 'date-time' | 'enum';

export interface TypeSpec {
	t: Scalar | 'object' | 'array' | 'map' | 'any';
	enum?: string[];
	pattern?: string;
	items?: TypeSpec;
	fields?: FieldSpec[];
	keys?: TypeSpec;
	values?: TypeSpec;
	min?: number;
}

export interface FieldSpec extends TypeSpec {
	name: string;
	required: boolean;
}

const scalarSchema = z.enum(['string', 'int64', 'int32', 'double', 'boolean', 'date-time', 'enum']);

const typeSpecSchema: z.ZodType<TypeSpec> = z.lazy(() =>
	z
		.object({
			t: z.union([scalarSchema, z.enum(['object', 'array', 'map', 'any'])]),
			enum: z.array(z.string()).optional(),
			pattern: z.string().optional(),
			items: typeSpecSchema.optional(),
			fields: z.array(fieldSpecSchema).optional(),
			keys: typeSpecSchema.optional(),
			values: typeSpecSchema.optional(),
			min: z.number().optional(),
		})
		.strict(),
);

const fieldSpecSchema: z.ZodType<FieldSpec> = z.lazy(() =>
	z
		.object({
			name: z.string(),
			required: z.boolean(),
			t: z.union([scalarSchema, z.enum(['object', 'array', 'map', 'any'])]),
			enum: z.array(z.string()).optional(),
			pattern: z.string().optional(),
			items: typeSpecSchema.optional(),
			fields: z.array(fieldSpecSchema).optional(),
			keys: typeSpecSchema.optional(),
			values: typeSpecSchema.optional(),
			min: z.number().optional(),
		})
		.strict(),
);

const paramSpecSchema = z
	.object({
		name: z.string(),
		type: scalarSchema,
		required: z.boolean(),
		list: z.boolean().optional(),
		enum: z.array(z.string()).optional(),
		pattern: z.string().optional(),
		caseInsensitive: z.boolean().optional(),
		default: z.string().optional(),
		confidence: z.string().optional(),
		invalidResponse: z.literal('empty').optional(),
	})
	.strict();
export type ParamSpec = z.infer<typeof paramSpecSchema>;

const bodySpecSchema = z
	.object({
		kind: z.enum(['object', 'array', 'map']),
		required: z.boolean(),
		schema: z.string().optional(),
		fields: z.array(fieldSpecSchema).optional(),
		items: typeSpecSchema.optional(),
		keys: typeSpecSchema.optional(),
		values: typeSpecSchema.optional(),
	})
	.strict();
export type BodySpec = z.infer<typeof bodySpecSchema>;

const endpointSchema = z
	.object({
		index: z.number().int(),
		operationId: z.string(),
		section: z.string(),
		method: z.enum(['GET', 'PUT', 'POST', 'DELETE']),
		path: z.string().startsWith('/api/external/v2'),
		summary: z.string(),
		pathParams: z.array(paramSpecSchema),
		queryParams: z.array(paramSpecSchema),
		headers: z.array(z.object({ name: z.string(), type: scalarSchema }).strict()).optional(),
		body: bodySpecSchema.nullable(),
		response: z
			.object({
				status: z.number().int(),
				contentType: z.enum(['json', 'text', 'empty']),
				type: z.string(),
				notableFields: z.array(z.string()),
				headers: z.array(z.string()).optional(),
			})
			.strict(),
		paginated: z.boolean(),
		pagination: z.enum(['page', 'cursor']).optional(),
		sortProperties: z.array(z.string()).optional(),
		maxPageSize: z.number().int().optional(),
		apiKeyQueryRequired: z.boolean(),
		confidence: z.string(),
		notes: z.array(z.string()),
	})
	.strict();
export type EndpointSpec = z.infer<typeof endpointSchema>;

const contractSchema = z
	.object({
		description: z.string(),
		basePath: z.literal('/api/external/v2'),
		enums: z
			.object({
				activityLogEntityType: z.array(z.string()),
				activityLogEventSource: z.array(z.string()),
				activityLogEventType: z.array(z.string()),
				activityLogStatus: z.array(z.string()),
				interval: z.array(z.string()),
			})
			.strict(),
		endpoints: z
			.array(endpointSchema)
			.min(1)
			.superRefine((endpoints, ctx) => {
				const seen = new Set<string>();
				endpoints.forEach((e, i) => {
					if (e.index !== i + 1) {
						ctx.addIssue({ code: 'custom', path: [i, 'index'], message: `${e.operationId} has index ${e.index}; endpoints are numbered in catalog order, so it needs ${i + 1}` });
					}
					if (seen.has(e.operationId)) ctx.addIssue({ code: 'custom', path: [i, 'operationId'], message: `operationId ${e.operationId} appears twice` });
					seen.add(e.operationId);
				});
			}),
	})
	.strict();
export type Contract = z.infer<typeof contractSchema>;

let cached: Contract | undefined;

/** Loads and checks `contract.json` (once per process). */
export function loadContract(): Contract {
	if (!cached) {
		const raw: unknown = JSON.parse(readFileSync(join(__dirname, 'contract.json'), 'utf8'));
		cached = contractSchema.parse(raw);
	}
	return cached;
}

export function endpointByOperationId(operationId: string): EndpointSpec {
	const found = loadContract().endpoints.find((e) => e.operationId === operationId);
	if (!found) throw new Error(`unknown operationId ${operationId}`);
	return found;
}
