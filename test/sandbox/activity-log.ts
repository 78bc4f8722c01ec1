/**
 * Activity log: appending entries the way Appstle writes them, and the JHipster
 * criteria query behind GET /activity-logs.
 */
import type { ActivityLog, SandboxState } from './state';
import { isoMillis } from './state';
import type { ParsedParams, ParamValue, SortOrder } from './validate';

export interface LogInput {
	entityId: number;
	entityType?: string;
	eventType: string;
	eventSource?: string;
	status?: 'SUCCESS' | 'FAILURE' | 'INFO';
	additionalInfo?: unknown;
	/** Explicit timestamp (admin inserts only): may repeat or lie in the past. */
	createAt?: string;
}

function encodeInfo(info: unknown): string | null {
	if (info === undefined || info === null) return JSON.stringify({});
	if (typeof info === 'string') return info;
	return JSON.stringify(info);
}

/**
 * Appends one entry. Generated timestamps are "now" but never earlier than the
 * previous generated one, so createAt is non-decreasing in id order.
 */
export function appendLog(state: SandboxState, input: LogInput, nowMs = Date.now()): ActivityLog {
	let createAt: string;
	if (input.createAt !== undefined) {
		createAt = new Date(input.createAt).toISOString();
	} else {
		const at = Math.max(nowMs, state.lastLogAt);
		state.lastLogAt = at;
		createAt = isoMillis(at);
	}
	const entry: ActivityLog = {
		id: state.counters.activityLog++,
		shop: state.shop,
		entityId: input.entityId,
		entityType: input.entityType ?? 'SUBSCRIPTION_CONTRACT_DETAILS',
		eventSource: input.eventSource ?? 'MERCHANT_EXTERNAL_API',
		eventType: input.eventType,
		status: input.status ?? 'SUCCESS',
		createAt,
		additionalInfo: encodeInfo(input.additionalInfo),
	};
	state.activityLogs.push(entry);
	return entry;
}

type Field = 'id' | 'entityId' | 'createAt' | 'entityType' | 'eventSource' | 'eventType' | 'status';
const RANGE_FIELDS: Field[] = ['id', 'entityId', 'createAt'];

function fieldValue(entry: ActivityLog, field: Field): number | string {
	if (field === 'createAt') return Date.parse(entry.createAt);
	return entry[field];
}

function normalise(field: Field, value: ParamValue): number | string {
	if (field === 'createAt') return Date.parse(String(value));
	return value as number | string;
}

/** Applies `<field>.<op>=<value>` criteria (already type-checked) and the hidden default. */
export function filterLogs(logs: ActivityLog[], query: ParsedParams): ActivityLog[] {
	const predicates: Array<(e: ActivityLog) => boolean> = [];
	let hasEventTypeFilter = false;
	for (const [key, raw] of Object.entries(query)) {
		if (raw === undefined) continue;
		const [fieldName, op] = key.split('.') as [Field, string];
		if (fieldName === 'eventType') hasEventTypeFilter = true;
		const field = fieldName;
		if (op === 'specified') {
			// Every stored entry has all fields set: specified=true keeps all, false keeps none.
			predicates.push(() => raw === true);
			continue;
		}
		if (op === 'in' || op === 'notIn') {
			const set = (raw as ParamValue[]).map((v) => normalise(field, v));
			predicates.push((e) => set.includes(fieldValue(e, field)) === (op === 'in'));
			continue;
		}
		const value = normalise(field, raw as ParamValue);
		switch (op) {
			case 'equals':
				predicates.push((e) => fieldValue(e, field) === value);
				break;
			case 'notEquals':
				predicates.push((e) => fieldValue(e, field) !== value);
				break;
			default: {
				if (!RANGE_FIELDS.includes(field)) break;
				const cmp = {
					greaterThan: (a: number, b: number) => a > b,
					lessThan: (a: number, b: number) => a < b,
					greaterThanOrEqual: (a: number, b: number) => a >= b,
					lessThanOrEqual: (a: number, b: number) => a <= b,
				}[op];
				if (cmp) predicates.push((e) => cmp(fieldValue(e, field) as number, value as number));
			}
		}
	}
	if (!hasEventTypeFilter) predicates.push((e) => e.eventType !== 'UPDATE_QUEUED_ATTEMPTS');
	return logs.filter((e) => predicates.every((p) => p(e)));
}

/** Stable multi-key sort; default order is id ascending. */
export function sortLogs(logs: ActivityLog[], sort: SortOrder[]): ActivityLog[] {
	const keys = sort.length > 0 ? sort : [{ property: 'id', direction: 'asc' as const }];
	return logs
		.map((entry, index) => ({ entry, index }))
		.sort((a, b) => {
			for (const { property, direction } of keys) {
				const av = fieldValue(a.entry, property as Field);
				const bv = fieldValue(b.entry, property as Field);
				if (av < bv) return direction === 'asc' ? -1 : 1;
				if (av > bv) return direction === 'asc' ? 1 : -1;
			}
			return a.index - b.index;
		})
		.map((x) => x.entry);
}
