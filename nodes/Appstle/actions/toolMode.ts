import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

export const TOOL_LIST_LIMIT = 10;
/** The tool-mode Limit: its own name, since n8n's lint fixes a `limit` parameter's default at 50. */
export const TOOL_LIMIT_PARAMETER = 'toolLimit';
export const DEFAULT_TOOL_ANSWER_CHARACTERS = 10_000;

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
