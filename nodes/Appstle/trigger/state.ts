import { createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import type { TriggerConfig } from './filters';

/**
 * The trigger's memory between polls, kept in the node's static data as plain JSON.
 *
 * - `cursor`: the createAt of the newest activity-log entry handled so far, no later than the
 *   poll that read it; null when the log had no matching entry at activation (then everything
 *   that appears later is new).
 * - `seen`: IDs (entryIdentity: the `id`, or a content hash for an entry without one) of
 *   entries already emitted (or, at activation, already present) whose createAt lies within
 *   the overlap window of the cursor, grouped by createAt at millisecond precision. Each poll
 *   re-reads that window and skips these IDs.
 * - `floor`: an inclusive lower bound for the next query, set when IDs had to be dropped from
 *   `seen` (or by Start From), so a dropped ID is never read, and emitted, again.
 *
 * Everything is computed by pure functions and written to static data in one go, only after
 * a poll fully succeeded.
 */
export interface PollState {
	version: 1;
	scope: string;
	cursor: string | null;
	seen: Record<string, string[]>;
	floor?: string;
}

/** An activity-log entry as the state needs it. */
export interface EntryRef {
	id: string;
	/** createAt in epoch milliseconds. */
	ms: number;
}

export const STATE_VERSION = 1;
export const MAX_SEEN_ENTRY_IDS = 10_000;

const STATE_KEYS = ['version', 'scope', 'cursor', 'seen', 'floor'] as const;

/** A stable fingerprint of everything that changes which entries match. */
export function scopeOf(config: TriggerConfig): string {
	const canonical = JSON.stringify({
		v: STATE_VERSION,
		events: config.events,
		// 0.1.0 had these three filters; always empty now, they keep the fingerprint of a state
		// saved then, so upgrading does not start a trigger over from a new baseline.
		entityTypes: [],
		eventTypes: [],
		eventSources: config.eventSources,
		statuses: [],
		subscriptionId: config.subscriptionId ?? null,
		ignoreApiChanges: config.ignoreApiChanges,
		startFrom: config.startFrom ?? null,
	});
	return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

function msOf(iso: string | null | undefined): number | undefined {
	if (iso === null || iso === undefined) return undefined;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? undefined : ms;
}

export function isoFromMs(ms: number): string {
	return new Date(ms).toISOString();
}

/** Reads the stored state; undefined when there is none, it is malformed, or its scope differs. */
export function readState(stored: IDataObject, scope: string): PollState | undefined {
	if (stored.version !== STATE_VERSION || stored.scope !== scope) return undefined;
	const cursor = stored.cursor;
	if (cursor !== null && (typeof cursor !== 'string' || msOf(cursor) === undefined)) return undefined;
	const seen = stored.seen;
	if (!seen || typeof seen !== 'object' || Array.isArray(seen)) return undefined;
	const cleanSeen: Record<string, string[]> = {};
	for (const [at, ids] of Object.entries(seen as IDataObject)) {
		if (msOf(at) === undefined || !Array.isArray(ids)) return undefined;
		cleanSeen[at] = ids.map(String);
	}
	const state: PollState = { version: STATE_VERSION, scope, cursor: cursor as string | null, seen: cleanSeen };
	if (typeof stored.floor === 'string' && msOf(stored.floor) !== undefined) state.floor = stored.floor;
	return state;
}

/** Replaces the state keys in the node's static data (and nothing else). */
export function writeState(target: IDataObject, state: PollState): void {
	for (const key of STATE_KEYS) delete target[key];
	target.version = state.version;
	target.scope = state.scope;
	target.cursor = state.cursor;
	target.seen = state.seen;
	if (state.floor !== undefined) target.floor = state.floor;
}

/** The inclusive lower bound (ms) of the next query: cursor − overlap, or the floor if later. */
export function lowerBoundMs(state: PollState, overlapMs: number): number | undefined {
	const cursor = msOf(state.cursor);
	const floor = msOf(state.floor);
	const fromCursor = cursor === undefined ? undefined : cursor - overlapMs;
	if (fromCursor === undefined) return floor;
	if (floor === undefined) return fromCursor;
	return Math.max(fromCursor, floor);
}

export function seenIds(state: PollState): Set<string> {
	const ids = new Set<string>();
	for (const group of Object.values(state.seen)) for (const id of group) ids.add(id);
	return ids;
}

function countIds(seen: Record<string, string[]>): number {
	let n = 0;
	for (const group of Object.values(seen)) n += group.length;
	return n;
}

/**
 * Keeps `seen` within MAX_SEEN_ENTRY_IDS by dropping whole createAt groups, oldest first (never the
 * newest), and moves the floor up to the oldest group kept: dropped IDs are all older, so the
 * next query cannot return them.
 */
function bound(seen: Record<string, string[]>, floor: string | undefined): { seen: Record<string, string[]>; floor?: string } {
	if (countIds(seen) <= MAX_SEEN_ENTRY_IDS) return { seen, floor };
	const keys = Object.keys(seen).sort((a, b) => Date.parse(a) - Date.parse(b));
	const kept = { ...seen };
	let total = countIds(seen);
	while (total > MAX_SEEN_ENTRY_IDS && keys.length > 1) {
		const oldest = keys.shift()!;
		total -= kept[oldest].length;
		delete kept[oldest];
	}
	const oldestKept = Date.parse(keys[0]);
	const newFloor = floor === undefined ? oldestKept : Math.max(oldestKept, Date.parse(floor));
	return { seen: kept, floor: isoFromMs(newFloor) };
}

function groupsWithin(entries: Iterable<EntryRef>, fromMs: number, into: Record<string, Set<string>> = {}) {
	for (const entry of entries) {
		if (entry.ms < fromMs) continue;
		const key = isoFromMs(entry.ms);
		(into[key] ??= new Set()).add(entry.id);
	}
	return into;
}

function toSeen(groups: Record<string, Set<string>>): Record<string, string[]> {
	const seen: Record<string, string[]> = {};
	for (const key of Object.keys(groups).sort((a, b) => Date.parse(a) - Date.parse(b))) {
		seen[key] = [...groups[key]];
	}
	return seen;
}

function finish(scope: string, cursorMs: number | undefined, groups: Record<string, Set<string>>, floorMs: number | undefined, overlapMs: number): PollState {
	const cursor = cursorMs === undefined ? null : isoFromMs(cursorMs);
	// A floor below cursor − overlap no longer narrows anything.
	const floor =
		floorMs !== undefined && (cursorMs === undefined || floorMs > cursorMs - overlapMs) ? isoFromMs(floorMs) : undefined;
	const bounded = bound(toSeen(groups), floor);
	const state: PollState = { version: STATE_VERSION, scope, cursor, seen: bounded.seen };
	if (bounded.floor !== undefined) state.floor = bounded.floor;
	return state;
}

/**
 * The state after activation: every entry present now counts as old.
 * `newestFirst` holds the entries read from the newest backwards; `complete` says whether the
 * read reached the start of the overlap window. If it did not, the oldest createAt group read
 * may be partial, so it is left out and the floor is set just above it. The cursor goes no
 * further than `nowMs` (see advanceState).
 */
export function baselineState(scope: string, newestFirst: EntryRef[], overlapMs: number, complete: boolean, nowMs = Infinity): PollState {
	if (newestFirst.length === 0) return { version: STATE_VERSION, scope, cursor: null, seen: {} };
	const cursorMs = Math.min(Math.max(...newestFirst.map((e) => e.ms)), nowMs);
	let entries = newestFirst;
	let floorMs: number | undefined;
	if (!complete) {
		const oldestMs = Math.min(...newestFirst.map((e) => e.ms));
		entries = newestFirst.filter((e) => e.ms > oldestMs);
		floorMs = oldestMs + 1;
	}
	return finish(scope, cursorMs, groupsWithin(entries, cursorMs - overlapMs), floorMs, overlapMs);
}

/** The state for Start From: nothing seen yet, and nothing older than the start is ever read. */
export function startFromState(scope: string, startFrom: string): PollState {
	return { version: STATE_VERSION, scope, cursor: startFrom, seen: {}, floor: startFrom };
}

/**
 * The state after a poll. `handled` are the entries read and decided (emitted, skipped as seen,
 * or not matching), `emitted` those emitted. The cursor moves to the newest handled createAt,
 * never backwards and never past `nowMs`, the time of the poll: an entry dated ahead (a clock
 * running fast) must not hide the entries recorded after this poll but dated before it. Such an
 * entry stays in `seen` (its group lies inside the window), so re-reading it emits nothing.
 */
export function advanceState(state: PollState, handled: EntryRef[], emitted: EntryRef[], overlapMs: number, nowMs = Infinity): PollState {
	let cursorMs = msOf(state.cursor);
	for (const entry of handled) {
		const at = Math.min(entry.ms, nowMs);
		if (cursorMs === undefined || at > cursorMs) cursorMs = at;
	}
	if (cursorMs === undefined) return { ...state, seen: { ...state.seen } };
	const windowStart = cursorMs - overlapMs;
	const groups: Record<string, Set<string>> = {};
	for (const [at, ids] of Object.entries(state.seen)) {
		if (Date.parse(at) >= windowStart) groups[at] = new Set(ids);
	}
	groupsWithin(emitted, windowStart, groups);
	return finish(state.scope, cursorMs, groups, msOf(state.floor), overlapMs);
}
