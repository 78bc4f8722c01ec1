import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError, NodeExecutionHint } from 'n8n-workflow';

import type { AppstleRequest } from '../transport';
import {
	appstleApiRequest,
	appstleApiRequestAllByCursor,
	appstleApiRequestAllItems,
	appstleTarget,
	asNodeError,
	PAGING_POLICY,
	requestStatsOf,
	requestUrl,
} from '../transport';
import { buildRequest, MAX_PAGES_FIELD } from './request';
import { DEFAULT_TOOL_ANSWER_CHARACTERS, TOOL_LIMIT_PARAMETER, TOOL_LIST_LIMIT } from '../shared/parameters';
import { fitForTool, isToolMode, withToolNextStep } from './toolMode';
import type { FieldDef, OperationDef } from './types';

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const IDENTIFYING_TYPES: Array<FieldDef['type']> = ['id', 'gid', 'idOrGid'];

/**
 * An answer with no record in it (204, `true`, a message) still becomes one useful item:
 * whether it worked, and which object it was about.
 */
function acknowledgement(def: OperationDef, request: AppstleRequest, body: unknown): IDataObject {
	const item: IDataObject = def.method === 'DELETE' ? { deleted: body !== false } : { success: body !== false };
	const sources: Record<string, Record<string, unknown>> = {
		path: request.pathParams ?? {},
		query: request.query ?? {},
		body: isRecord(request.body) ? request.body : {},
	};
	for (const field of def.fields) {
		if (!IDENTIFYING_TYPES.includes(field.type) || !(field.in in sources)) continue;
		const value = sources[field.in][field.apiName ?? field.name];
		if (value !== undefined) item[field.name] = String(value);
	}
	for (const [key, value] of Object.entries(def.fixedQuery ?? {})) item[key] = value;
	if (typeof body === 'string' || typeof body === 'number') item[def.output?.valueKey ?? 'message'] = body;
	return item;
}

/** One item per record: arrays split, objects as they are, bare values acknowledged. */
export function toRecords(def: OperationDef, request: AppstleRequest, body: unknown): IDataObject[] {
	if (def.output?.items) return def.output.items(body);
	if (Array.isArray(body)) {
		return body.map((entry) => (isRecord(entry) ? entry : { [def.output?.valueKey ?? 'value']: entry as string }));
	}
	if (isRecord(body)) return [body];
	if (typeof body === 'number' && def.output?.valueKey) {
		return [{ ...acknowledgement(def, request, undefined), [def.output.valueKey]: body }];
	}
	return [acknowledgement(def, request, body)];
}

async function fetchRecords(this: IExecuteFunctions, def: OperationDef, request: AppstleRequest, itemIndex: number): Promise<IDataObject[]> {
	if (!def.list) {
		const response = await appstleApiRequest.call(this, request);
		return toRecords(def, request, response.body);
	}
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: isToolMode(this)
			? Number(this.getNodeParameter(TOOL_LIMIT_PARAMETER, itemIndex, TOOL_LIST_LIMIT))
			: Number(this.getNodeParameter('limit', itemIndex, 50));
	// Checked in buildRequest; with Limit the transport's own ceiling applies.
	const maxPages = returnAll ? Number(this.getNodeParameter(MAX_PAGES_FIELD.name, itemIndex, PAGING_POLICY.maxPages)) : undefined;
	switch (def.list.pagination) {
		case 'page':
			return (await appstleApiRequestAllItems.call(this, request, {
				limit,
				maxPageSize: def.list.maxPageSize,
				maxPages,
			})) as IDataObject[];
		case 'cursor':
			return (await appstleApiRequestAllByCursor.call(this, request, {
				limit,
				maxPages,
				cursorParameter: def.list.cursor.parameter,
				read: def.list.cursor.read,
			})) as IDataObject[];
		case 'none': {
			const response = await appstleApiRequest.call(this, request);
			const records = def.list.itemsOf ? def.list.itemsOf(response.body) : toRecords(def, request, response.body);
			return limit === undefined ? records : records.slice(0, limit);
		}
	}
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const details = error as NodeApiError;
	if (details.description) json.description = details.description;
	if (details.httpCode) json.httpCode = details.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

const secondsText = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** What a user should know about a run once it is done: rate-limit waits, and what Return All cost. */
function runHints(this: IExecuteFunctions, def: OperationDef, recordCount: number): NodeExecutionHint[] {
	const stats = requestStatsOf(this);
	const hints: NodeExecutionHint[] = [];
	if (stats.rateLimited > 0 || stats.cooldownWaitMs > 0) {
		hints.push({
			message: `Appstle's rate limit slowed this run: ${stats.rateLimited} of ${stats.requests} requests were answered 429 (too many requests), and the node waited ${secondsText(stats.cooldownWaitMs)} in all for the cooldown before carrying on. No item was lost. Every workflow using this API key shares the limit, so large jobs run faster at quieter times.`,
			type: 'info',
			location: 'outputPane',
		});
	}
	const paged = def.list !== undefined && def.list.pagination !== 'none';
	if (paged && stats.requests > 1 && this.getNodeParameter('returnAll', 0, false) === true) {
		hints.push({
			message: `Return All read ${recordCount} records in ${stats.requests} requests to Appstle, one page at a time. Filters shrink the list before it is sent and take fewer requests.`,
			type: 'info',
			location: 'outputPane',
		});
	}
	return hints;
}

/**
 * Runs one operation over all input items. Every item's input is checked before the first
 * request, so a bad value in item 5 stops the run before items 0–4 change anything
 * (unless "continue on fail" turns it into an error item for that item alone).
 */
export async function executeOperation(this: IExecuteFunctions, def: OperationDef): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const requests: Array<AppstleRequest | Error> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			requests.push(buildRequest.call(this, def, i));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, i);
			requests.push(error as Error);
		}
	}

	// Every item's URL is checked too (the one URL rule, the 8 KB limit) before anything is sent.
	// Without usable credentials the transport reports that per item, as it always did.
	const target = await appstleTarget.call(this).catch(() => undefined);
	if (target && !target.baseUrlProblem) {
		for (let i = 0; i < requests.length; i++) {
			const request = requests[i];
			if (request instanceof Error) continue;
			try {
				requestUrl(this.getNode(), target.baseUrl, target.credentials.apiKey, request);
			} catch (error) {
				if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, i);
				requests[i] = error as Error;
			}
		}
	}

	const toolMode = isToolMode(this);
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const request = requests[i];
		if (request instanceof Error) {
			output.push(errorItem(request, i));
			continue;
		}
		try {
			let records = await fetchRecords.call(this, def, request, i);
			if (def.output?.simplify && (toolMode || (this.getNodeParameter('simplify', i, true) as boolean))) {
				records = records.map(def.output.simplify);
			}
			if (toolMode) {
				records = fitForTool(records, {
					fields: String(this.getNodeParameter('toolFields', i, 'all')),
					fieldNames: String(this.getNodeParameter('toolFieldNames', i, '')),
					maxCharacters: Number(this.getNodeParameter('toolMaxCharacters', i, DEFAULT_TOOL_ANSWER_CHARACTERS)),
				});
			}
			output.push(...records.map((json) => ({ json, pairedItem: { item: i } })));
		} catch (error) {
			if (this.continueOnFail()) {
				output.push(errorItem(error as Error, i));
				continue;
			}
			const nodeError = asNodeError(this.getNode(), error, i);
			throw toolMode ? withToolNextStep(def, nodeError) : nodeError;
		}
	}
	const hints = runHints.call(this, def, output.length);
	if (hints.length) this.addExecutionHints(...hints);
	return output;
}
