import type { IDataObject } from 'n8n-workflow';

/**
 * Which Svix message IDs the trigger has already started a workflow for: a map svix-id → Unix
 * seconds when it was accepted. Svix redelivers a message (same svix-id) for about 28 hours;
 * entries are kept for RETENTION_SECONDS, and at most MAX_SEEN_SVIX_IDS of them (the oldest go
 * first), so the map stays bounded.
 *
 * Why one map per trigger node per n8n process, shared with the static data n8n saves:
 *
 * - n8n 2.41 loads a workflow's static data from its database for every webhook request and
 *   saves that request's copy, whole, after the answer (last write wins, no merge). Concurrent
 *   deliveries each load a copy without the others' IDs, so the copy saved last can lack IDs the
 *   others accepted; only the process memory would still know them, until a restart.
 * - So every delivery merges its loaded copy into the process's map (a union: the order in
 *   which copies arrive does not matter) and puts that very map object into its static data.
 *   n8n serialises static data when it saves it, so every save, in whatever order the saves
 *   happen, carries every ID this process accepted until that moment.
 */

export const RETENTION_SECONDS = 32 * 60 * 60;
export const MAX_SEEN_SVIX_IDS = 10_000;

export type Seen = Record<string, number>;

function isSeenEntry(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

export function alreadySeen(seen: Seen, svixId: string, nowSeconds: number): boolean {
	const at = Object.prototype.hasOwnProperty.call(seen, svixId) ? seen[svixId] : undefined;
	return isSeenEntry(at) && at > nowSeconds - RETENTION_SECONDS;
}

/** Drops, in place, entries that are too old, then the oldest beyond MAX_SEEN_SVIX_IDS. */
export function prune(seen: Seen, nowSeconds: number): void {
	const cutoff = nowSeconds - RETENTION_SECONDS;
	for (const [id, at] of Object.entries(seen)) {
		if (!isSeenEntry(at) || at <= cutoff) delete seen[id];
	}
	const ids = Object.keys(seen);
	if (ids.length <= MAX_SEEN_SVIX_IDS) return;
	// Oldest first; a stable sort keeps insertion order within a second.
	ids.sort((a, b) => seen[a] - seen[b]);
	for (const id of ids.slice(0, ids.length - MAX_SEEN_SVIX_IDS)) delete seen[id];
}

/**
 * Adds, in place, the entries of `source` (a stored `seen` value of any shape; anything that
 * is not an ID → seconds entry is ignored) that `target` lacks or has older, then prunes.
 */
export function mergeInto(target: Seen, source: unknown, nowSeconds: number): void {
	if (typeof source === 'object' && source !== null && !Array.isArray(source)) {
		for (const [id, at] of Object.entries(source as IDataObject)) {
			if (isSeenEntry(at) && !(isSeenEntry(target[id]) && target[id] >= at)) target[id] = at;
		}
	}
	prune(target, nowSeconds);
}

/** Records an accepted message ID, then prunes. */
export function remember(seen: Seen, svixId: string, nowSeconds: number): void {
	delete seen[svixId];
	seen[svixId] = nowSeconds;
	prune(seen, nowSeconds);
}

/** Whether a stored `seen` value holds exactly the entries of `seen`. */
export function sameEntries(seen: Seen, stored: unknown): boolean {
	if (stored === seen) return true;
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return false;
	const storedEntries = Object.entries(stored as IDataObject);
	if (storedEntries.length !== Object.keys(seen).length) return false;
	return storedEntries.every(([id, at]) => seen[id] === at);
}
