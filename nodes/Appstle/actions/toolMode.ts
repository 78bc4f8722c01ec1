import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ANY_GID_TYPE } from '../shared/ids';
import { DEFAULT_TOOL_ANSWER_CHARACTERS } from '../shared/parameters';
import type { FieldDef, OperationDef } from './types';

/**
 * When an AI agent uses the node as a tool, every answer lands in the model's context window,
 * and Appstle's records are large (a subscription is 5–50 KB). In tool mode the node therefore
 * always simplifies, returns fewer records by default, can keep or drop named fields, and caps
 * the size of each answer with an explicit marker. Outside tool mode nothing changes.
 *
 * n8n shows a parameter only in tool mode through the display option `'@tool': [true]`, which it
 * evaluates as "the node type's name ends with Tool" (the `appstleTool` variant n8n derives from
 * `usableAsTool`); `isToolMode` asks the same question at run time.
 */

export function isToolMode(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/** The tool-mode-only parameters, shown for every operation. */
export const toolModeProperties: INodeProperties[] = [
	{
		displayName: 'Fields to Return',
		name: 'toolFields',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Except These Fields', value: 'exclude' },
			{ name: 'All Simplified Fields', value: 'all' },
			{ name: 'Only These Fields', value: 'include' },
		],
		description: 'Which fields of each record the agent gets back',
		displayOptions: { show: { '@tool': [true] } },
	},
	{
		displayName: 'Field Names',
		name: 'toolFieldNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. subscriptionContractId, status, customerEmail, nextBillingDate',
		description: 'Top-level field names, separated by commas',
		displayOptions: { show: { '@tool': [true], toolFields: ['include', 'exclude'] } },
	},
	{
		displayName: 'Max Answer Size (Characters)',
		name: 'toolMaxCharacters',
		type: 'number',
		typeOptions: { minValue: 500 },
		default: DEFAULT_TOOL_ANSWER_CHARACTERS,
		description:
			'Largest answer, as JSON characters, the agent receives. Records beyond it are left out and a last item says how many and how to narrow the request.',
		displayOptions: { show: { '@tool': [true] } },
	},
];

function selectFields(record: IDataObject, mode: string, names: string[]): IDataObject {
	if (mode === 'include') return Object.fromEntries(Object.entries(record).filter(([key]) => names.includes(key)));
	if (mode === 'exclude') return Object.fromEntries(Object.entries(record).filter(([key]) => !names.includes(key)));
	return record;
}

function sizeOf(value: unknown): number {
	return JSON.stringify(value).length;
}

/** A record too large on its own: its scalar fields only, marked as cut. */
function shrink(record: IDataObject, maxCharacters: number): IDataObject {
	const out: IDataObject = { truncated: true };
	for (const [key, value] of Object.entries(record)) {
		if (value !== null && typeof value === 'object') continue;
		const next = { ...out, [key]: value };
		if (sizeOf(next) > maxCharacters) break;
		out[key] = value;
	}
	return out;
}

/**
 * Fits one item's records into the answer size: field selection first, then whole records in
 * order while they fit, then one marker record saying what was left out.
 */
export function fitForTool(
	records: IDataObject[],
	options: { fields: string; fieldNames: string; maxCharacters: number },
): IDataObject[] {
	const names = options.fieldNames
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const selected = records.map((record) => selectFields(record, options.fields, names));
	// Room for the marker, so the whole answer stays within the limit.
	const budget = Math.max(200, options.maxCharacters - 300);
	const kept: IDataObject[] = [];
	let used = 2;
	for (const record of selected) {
		const fitting = sizeOf(record) > budget ? shrink(record, budget) : record;
		const size = sizeOf(fitting) + 1;
		if (used + size > budget) break;
		kept.push(fitting);
		used += size;
	}
	if (kept.length < selected.length) {
		kept.push({
			truncated: true,
			note: `${selected.length - kept.length} of ${selected.length} records were left out to keep this answer under ${options.maxCharacters} characters. Ask for fewer records (Limit, Filters) or fewer fields.`,
		});
	}
	return kept;
}

/**
 * Where an agent finds each kind of ID, keyed by the field's picker or its Shopify GID type:
 * the operation that lists it and the field of its answer to read.
 */
const ID_SOURCES: Record<string, string> = {
	subscriptionContract: 'the subscriptionContractId field of Get many subscriptions (not its id field)',
	SubscriptionContract: 'the subscriptionContractId field of Get many subscriptions (not its id field)',
	customer: 'the customerId field of a subscription, or Get many customers',
	Customer: 'the customerId field of a subscription, or Get many customers',
	billingAttempt: 'the id field of Get upcoming orders; it changes after a skip or reschedule',
	subscriptionLine: 'the lineIds field of Get a subscription',
	SubscriptionLine: 'the lineIds field of Get a subscription',
	productVariant: 'Shopify (the variant’s ID)',
	ProductVariant: 'Shopify (the variant’s ID)',
	Product: 'Shopify (the product’s ID)',
	sellingPlan: 'Get many selling plans',
	SellingPlan: 'Get many selling plans',
	subscriptionGroup: 'the id field of Get many subscription plans',
	SellingPlanGroup: 'the id field of Get many subscription plans',
	CustomerPaymentMethod: 'the id field of Get many payment methods of a customer',
};

const ID_TYPES: Array<FieldDef['type']> = ['id', 'gid', 'idOrGid', 'idList'];

/** What one ID field accepts, in the words a model can act on. */
function idFormat(field: FieldDef): string {
	const gid = field.gidType && field.gidType !== ANY_GID_TYPE ? `gid://shopify/${field.gidType}/123` : undefined;
	const one =
		field.type === 'gid'
			? `a GID such as ${gid ?? 'gid://shopify/…'}`
			: gid
				? `digits such as 123, or ${gid}`
				: 'digits such as 123';
	return field.type === 'idList' ? `comma-separated, each ${one}` : one;
}

function idSentence(field: FieldDef): string {
	const source = ID_SOURCES[field.locator ?? ''] ?? ID_SOURCES[field.gidType ?? ''];
	const optional = field.required ? '' : ', optional';
	return `${field.label} (${idFormat(field)}${optional}${source ? `; from ${source}` : ''})`;
}

/**
 * The description an AI agent's model is given for this operation. n8n builds a tool's
 * description from a `toolDescription` parameter when the node has one, and only otherwise
 * from the action name ("Get many subscriptions in Appstle Subscriptions"): see
 * `toolDescriptionProperties`. It says what the operation does, which IDs it takes and where
 * they come from, and what it changes for the customer.
 */
export function toolDescriptionOf(def: OperationDef): string {
	const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
	const parts = [sentence(`${def.action} in Appstle Subscriptions: ${def.description}`)];
	const ids = def.fields.filter((field) => ID_TYPES.includes(field.type));
	if (ids.length) parts.push(sentence(`IDs: ${ids.map(idSentence).join('; ')}`));
	if (def.notice) parts.push(sentence(def.notice.replace(/^Running this /, 'Calling this ')));
	else if (def.effect === 'read') parts.push('Reads only; changes nothing.');
	else parts.push('Changes data in Appstle and Shopify.');
	return parts.join(' ');
}

/**
 * One `toolDescription` parameter per operation, shown only on the tool variant, whose default is
 * that operation's description. n8n adds its own "Tool Description: Set Automatically" pair only
 * to nodes without a `toolDescription` parameter, and hands the parameter's value to the model,
 * so the text above reaches the model with no setup; a builder can still edit it.
 */
export function toolDescriptionProperty(def: OperationDef): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: toolDescriptionOf(def),
		typeOptions: { rows: 4 },
		description:
			'What the AI agent is told this tool does. Set for this operation: what it does, which IDs it takes and what it changes.',
		displayOptions: { show: { '@tool': [true], resource: [def.resource], operation: [def.operation] } },
	};
}

/**
 * A model reads only the error's text, so in tool mode a "not found" (Appstle answers 400 or
 * 404) says which operation lists valid IDs for each ID this operation took.
 */
export function withToolNextStep<E extends Error>(def: OperationDef, error: E): E {
	const status = String((error as { httpCode?: unknown }).httpCode ?? '');
	if (!['400', '404'].includes(status) || !/not found|not exist|no such|invalid id/i.test(error.message)) return error;
	const steps = def.fields
		.filter((field) => ID_TYPES.includes(field.type))
		.map((field) => {
			const source = ID_SOURCES[field.locator ?? ''] ?? ID_SOURCES[field.gidType ?? ''];
			return source ? `${field.label} comes from ${source}` : undefined;
		})
		.filter((step): step is string => step !== undefined);
	if (!steps.length) return error;
	error.message = `${error.message}. Next step: check the IDs you sent and call this tool again with valid ones: ${steps.join('; ')}.`;
	return error;
}
