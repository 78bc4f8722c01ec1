import type { IDataObject } from 'n8n-workflow';

import type { Query } from '../transport';
import { parseApiDateTime } from '../transport';
import { idDigitsOf } from '../shared/ids';
import { API_EVENT_SOURCE, type Dimension, humanizeEnum, KNOWN_VALUES } from '../shared/activityLog';
import { ANY_EVENT, entryMatchesEvent, findTriggerEvent, TRIGGER_EVENTS, type TriggerEvent } from './events';

/** What the user chose, normalised: everything that decides which entries match. */
export interface TriggerConfig {
	/** Event option values, sorted; `anyEvent` stands alone when chosen. */
	events: string[];
	eventSources: string[];
	/** Numeric subscription contract ID. */
	subscriptionId?: string;
	ignoreApiChanges: boolean;
	/** ISO-8601 UTC. */
	startFrom?: string;
}

export interface MatchResult {
	match: boolean;
	/** The friendly name of the Events option the entry matched, when it matched one. */
	event?: string;
}

/** How a configuration becomes requests and a client-side check. */
export interface FilterPlan {
	/** Server-side filters (JHipster criteria), without the time window, sort and paging. */
	query: Query;
	/** The exact check, applied to every entry Appstle returns. */
	matches(entry: IDataObject): MatchResult;
	/** The active filters in words, for messages. */
	summary: string;
}

export class ConfigError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
	}
}

type Constraint = Set<string> | undefined;

function nonEmpty(values: string[]): Constraint {
	return values.length > 0 ? new Set(values) : undefined;
}

function uniqueSorted(values: unknown): string[] {
	if (!Array.isArray(values)) return typeof values === 'string' && values.trim() !== '' ? [values.trim()] : [];
	return [...new Set(values.map((v) => String(v).trim()).filter((v) => v !== ''))].sort();
}

/** `27510000001` or `gid://shopify/SubscriptionContract/27510000001` -> `27510000001`. */
export function subscriptionIdOf(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	const digits = idDigitsOf(text, 'SubscriptionContract');
	if (digits === undefined) {
		throw new ConfigError(
			`Invalid value for "Subscription ID": "${text}" is not a subscription ID`,
			'Enter the numeric subscription contract ID, e.g. 27510000001, or its GID, e.g. gid://shopify/SubscriptionContract/27510000001.',
		);
	}
	return digits;
}

/**
 * A date-time parameter as ISO UTC. n8n's date picker yields a local time without a zone
 * (`2024-05-01T10:00:00`), meant in the workflow's time zone; values with `Z` or an offset are
 * taken as they are.
 */
export function normalizeDateTime(value: unknown, timeZone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const iso = parseApiDateTime(value, timeZone);
	if (!iso) {
		throw new ConfigError(
			`Invalid value for "Start From": "${String(value)}" is not a valid ISO-8601 date or date and time`,
			'Set "Start From" to a date and time, e.g. 2024-05-01T10:00:00Z; impossible dates such as 2024-02-30 are refused, never rolled over.',
		);
	}
	return iso;
}

/** Reads the node's parameters into a TriggerConfig. */
export function readTriggerConfig(parameters: {
	events: unknown;
	filters: IDataObject;
	ignoreApiChanges: unknown;
	options: IDataObject;
	timeZone: string;
}): TriggerConfig {
	let events = uniqueSorted(parameters.events);
	if (events.length === 0) {
		throw new ConfigError('Choose at least one event', 'Pick the events to trigger on in "Events", or "Any Event".');
	}
	const unknownEvents = events.filter((e) => e !== ANY_EVENT && !findTriggerEvent(e));
	if (unknownEvents.length > 0) {
		throw new ConfigError(`Unknown event: ${unknownEvents.join(', ')}`, 'Pick the events from the "Events" list.');
	}
	if (events.includes(ANY_EVENT)) events = [ANY_EVENT];
	const filters = parameters.filters ?? {};
	const options = parameters.options ?? {};
	return {
		events,
		eventSources: uniqueSorted(filters.eventSources),
		subscriptionId: subscriptionIdOf(filters.subscriptionId),
		ignoreApiChanges: parameters.ignoreApiChanges !== false,
		startFrom: normalizeDateTime(options.startFrom, parameters.timeZone),
	};
}

/** A constraint every selected event shares, or undefined when some event leaves it open. */
function eventsConstraint(events: TriggerEvent[] | undefined, pick: (e: TriggerEvent) => string[] | undefined): Constraint {
	if (!events) return undefined;
	const all: string[] = [];
	for (const event of events) {
		const values = pick(event);
		if (!values) return undefined;
		all.push(...values);
	}
	return new Set(all);
}

function list(set: Set<string>): string {
	return [...set].join(', ');
}

/**
 * Builds the server-side filters and the exact client-side check. The server narrows the pages
 * (the union of the events' types, ANDed with the event sources and subscription); the client
 * check then decides, so
 * an event whose identity includes a status (Billing Failed) never matches its sibling.
 */
export function buildFilterPlan(config: TriggerConfig): FilterPlan {
	const anyEvent = config.events.includes(ANY_EVENT);
	const selected = anyEvent ? undefined : config.events.map((value) => findTriggerEvent(value)!);

	const constraints: Record<Dimension, Constraint> = {
		eventType: eventsConstraint(selected, (e) => e.eventTypes),
		status: eventsConstraint(selected, (e) => (e.status ? [e.status] : undefined)),
		entityType: eventsConstraint(selected, (e) => e.entityTypes),
		eventSource: nonEmpty(config.eventSources),
	};
	if (config.ignoreApiChanges && constraints.eventSource) {
		constraints.eventSource.delete(API_EVENT_SOURCE);
		if (constraints.eventSource.size === 0) {
			throw new ConfigError(
				'No event can match: the only event source chosen is the API, and changes made through the API are ignored',
				'Turn off "Ignore Changes via API", or choose other event sources.',
			);
		}
	}
	const query: Query = {};
	const sendable = (dimension: Dimension, set: Constraint): set is Set<string> =>
		set !== undefined && [...set].every((value) => KNOWN_VALUES[dimension].has(value));
	// A value Appstle's enum doesn't know would fail the whole query: such a dimension is
	// checked on this side only.
	if (sendable('eventType', constraints.eventType)) query['eventType.in'] = [...constraints.eventType].sort();
	if (sendable('entityType', constraints.entityType)) query['entityType.in'] = [...constraints.entityType].sort();
	if (sendable('status', constraints.status)) {
		const statuses = [...constraints.status].sort();
		if (statuses.length === 1) query['status.equals'] = statuses[0];
		else query['status.in'] = statuses;
	}
	if (sendable('eventSource', constraints.eventSource)) {
		query['eventSource.in'] = [...constraints.eventSource].sort();
	} else if (config.ignoreApiChanges && !constraints.eventSource) {
		query['eventSource.notEquals'] = API_EVENT_SOURCE;
	}
	if (config.subscriptionId) query['entityId.equals'] = config.subscriptionId;

	const labelCandidates = selected ?? TRIGGER_EVENTS;
	const matches = (entry: IDataObject): MatchResult => {
		for (const dimension of Object.keys(constraints) as Dimension[]) {
			const constraint = constraints[dimension];
			// Each dimension is named after the entry field it constrains.
			if (constraint && !constraint.has(String(entry[dimension]))) return { match: false };
		}
		if (config.ignoreApiChanges && entry.eventSource === API_EVENT_SOURCE) return { match: false };
		if (config.subscriptionId && String(entry.entityId) !== config.subscriptionId) return { match: false };
		const matched = labelCandidates.find((event) => entryMatchesEvent(entry, event));
		if (!matched && !anyEvent) return { match: false };
		return matched ? { match: true, event: matched.name } : { match: true };
	};

	const parts: string[] = [
		`Events: ${anyEvent ? 'Any Event' : selected!.map((e) => e.name).join(', ')}`,
	];
	if (config.eventSources.length) parts.push(`Event Sources: ${config.eventSources.map(humanizeEnum).join(', ')}`);
	if (config.subscriptionId) parts.push(`Subscription ID: ${config.subscriptionId}`);
	parts.push(`Ignore Changes via API: ${config.ignoreApiChanges ? 'on' : 'off'}`);
	if (constraints.status && selected?.some((e) => e.status)) {
		parts.push(`Status: ${list(constraints.status)}`);
	}

	return { query, matches, summary: parts.join('; ') };
}
