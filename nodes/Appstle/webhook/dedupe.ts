import type { IDataObject } from 'n8n-workflow';

/**
 * Which Svix message IDs the trigger has already started a workflow for, in a store object (the
 * node's static data, and a copy in the process's memory): `seen` maps svix-id → Unix seconds
 * when it was accepted. Svix redelivers a message (same svix-id) for about 28 hours; entries are
 * kept for RETENTION_SECONDS, and at most MAX_SEEN_IDS of them (the oldest go first), so the
 * store stays bounded.
 */

export const RETENTION_SECONDS = 32 * 60 * 60;
export const MAX_SEEN_IDS = 10_000;

type Seen = Record<string, number>;

function seenOf(store: IDataObject): Seen {
	const value = store.seen;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	return value as Seen;
}

export function alreadySeen(store: IDataObject, svixId: string, nowSeconds: number): boolean {
	const at = seenOf(store)[svixId];
	return typeof at === 'number' && at > nowSeconds - RETENTION_SECONDS;
}

/** Records an accepted message ID and drops entries that are too old or too many. */
export function remember(store: IDataObject, svixId: string, nowSeconds: number): void {
	const cutoff = nowSeconds - RETENTION_SECONDS;
	const entries = Object.entries(seenOf(store)).filter(
		([id, at]) => id !== svixId && typeof at === 'number' && at > cutoff,
	);
	entries.push([svixId, nowSeconds]);
	// Oldest first (a stable sort keeps acceptance order within a second); keep the newest.
	entries.sort((a, b) => a[1] - b[1]);
	const kept = entries.length > MAX_SEEN_IDS ? entries.slice(entries.length - MAX_SEEN_IDS) : entries;
	store.seen = Object.fromEntries(kept);
}
