import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { entryIdentity, entryTimeMs } from '../shared/activityLog';
import { DEFAULT_OVERLAP_SECONDS } from '../shared/parameters';
import { appstleApiPages, type AppstleRequest, isCooldownWaitError, type Page, requestStatsOf, toApiDateTime } from '../transport';
import { buildFilterPlan, ConfigError, type FilterPlan, readTriggerConfig, type TriggerConfig } from './filters';
import { customerFactsOf, entryContractId, fetchSubscription, formatEntry } from './output';
import {
	advanceState,
	baselineState,
	type EntryRef,
	lowerBoundMs,
	MAX_SEEN_ENTRY_IDS,
	type PollState,
	readState,
	scopeOf,
	seenIds,
	startFromState,
	writeState,
} from './state';

/** Appstle's largest page for the activity log. */
export const PAGE_SIZE = 100;
/** How many events a manual run ("Fetch Test Event") returns at most. */
export const MANUAL_SAMPLE_SIZE = 5;
const MANUAL_MAX_PAGES = 3;
/**
 * Include Subscription Details: at most this many detail requests per poll (one per distinct
 * subscription; Appstle has no call that returns several by ID). A busier poll delivers the
 * events up to that point and the next poll continues from there, so a billing day with Any
 * Event costs a bounded number of requests per poll instead of one per subscription.
 */
export const MAX_DETAIL_REQUESTS_PER_POLL = 20;

const ASC = ['createAt,asc', 'id,asc'];
const DESC = ['createAt,desc', 'id,desc'];

interface Settings {
	config: TriggerConfig;
	plan: FilterPlan;
	overlapMs: number;
	includeDetails: boolean;
}

/** Stops page fetching once the poll's budget, minus a safety margin, is used up. */
class Budget {
	private readonly deadline: number | undefined;

	constructor(ctx: IPollFunctions) {
		if (typeof ctx.getPollBudgetMs !== 'function') return;
		const budget = Number(ctx.getPollBudgetMs());
		if (!Number.isFinite(budget) || budget <= 0) return;
		const margin = Math.min(5_000, budget / 5);
		this.deadline = Date.now() + budget - margin;
	}

	exhausted(): boolean {
		return this.deadline !== undefined && Date.now() >= this.deadline;
	}
}

function configError(ctx: IPollFunctions, error: unknown): never {
	if (error instanceof ConfigError) {
		throw new NodeOperationError(ctx.getNode(), error.message, { description: error.description });
	}
	throw error;
}

function readSettings(this: IPollFunctions): Settings {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	try {
		const config = readTriggerConfig({
			events: this.getNodeParameter('events', []),
			filters: this.getNodeParameter('filters', {}) as IDataObject,
			ignoreApiChanges: this.getNodeParameter('ignoreApiChanges', true),
			options,
			timeZone: this.getTimezone(),
		});
		const overlap = options.overlapWindow;
		const overlapText = typeof overlap === 'number' ? String(overlap) : typeof overlap === 'string' ? overlap.trim() : undefined;
		const overlapSeconds = overlap === undefined ? DEFAULT_OVERLAP_SECONDS : Number(overlapText);
		// Plain decimal seconds only: no hex (0x10), exponents, blanks or objects read as a number.
		if (overlap !== undefined && (overlapText === undefined || !/^\d+(\.\d+)?$/.test(overlapText) || !Number.isFinite(overlapSeconds))) {
			throw new ConfigError(
				`Invalid value for "Overlap Window (Seconds)": ${JSON.stringify(overlap) ?? String(overlap)} is not zero or a positive number of seconds`,
				'Set "Overlap Window (Seconds)" in Options to a number of seconds, e.g. 60.',
			);
		}
		const details = this.getNodeParameter('includeSubscriptionDetails', true);
		if (typeof details !== 'boolean') {
			throw new ConfigError(
				`Invalid value for "Include Subscription Details": ${JSON.stringify(details) ?? String(details)} is not true or false`,
				'Turn "Include Subscription Details" on or off.',
			);
		}
		return {
			config,
			plan: buildFilterPlan(config),
			overlapMs: Math.round(overlapSeconds * 1000),
			includeDetails: details,
		};
	} catch (error) {
		configError(this, error);
	}
}

function request(plan: FilterPlan, sort: string[], extra: IDataObject = {}): AppstleRequest {
	return {
		method: 'GET',
		path: ENDPOINTS.activityLogs,
		query: { ...plan.query, ...(extra as AppstleRequest['query']), sort },
		idempotent: true,
		apiKeyInQuery: true,
	};
}

function refOf(entry: IDataObject, fallbackMs: number | undefined): EntryRef {
	// An entry without a readable createAt is placed where it was read.
	return { id: entryIdentity(entry), ms: entryTimeMs(entry.createAt) ?? fallbackMs ?? 0 };
}

function pages(ctx: IPollFunctions, req: AppstleRequest): AsyncGenerator<Page<IDataObject>> {
	return appstleApiPages.call(ctx, req, PAGE_SIZE) as AsyncGenerator<Page<IDataObject>>;
}

/**
 * Attaches subscription details, fetched once per contract per poll. With a budget, stops
 * (keeping at least one item) before a lookup that would exceed MAX_DETAIL_REQUESTS_PER_POLL or
 * the poll's time; `complete` says how many entries got their item.
 */
async function withDetails(
	ctx: IPollFunctions,
	entries: Array<{ entry: IDataObject; event?: string }>,
	settings: Settings,
	budget?: Budget,
): Promise<{ items: INodeExecutionData[]; complete: number }> {
	const cache = new Map<string, { subscription: IDataObject | null; error?: string }>();
	const items: INodeExecutionData[] = [];
	for (const { entry, event } of entries) {
		if (!settings.includeDetails) {
			items.push({ json: formatEntry(entry, event) });
			continue;
		}
		const contractId = entryContractId(entry);
		let details: { subscription: IDataObject | null; error?: string } = { subscription: null };
		if (contractId !== undefined) {
			const cached = cache.get(contractId);
			if (!cached) {
				// Out of budget: stop here (keeping at least one item) and leave the rest to the next poll.
				const outOfBudget = budget !== undefined && (budget.exhausted() || cache.size >= MAX_DETAIL_REQUESTS_PER_POLL);
				if (outOfBudget && items.length > 0) break;
				details = await fetchSubscription.call(ctx, contractId);
				cache.set(contractId, details);
			} else {
				details = cached;
			}
		}
		const json = formatEntry(entry, event, customerFactsOf(details.subscription));
		json.subscription = details.subscription;
		if (details.error !== undefined) json.subscriptionError = details.error;
		items.push({ json });
	}
	return { items, complete: items.length };
}

/** "Fetch Test Event": the newest few matching events, oldest first. Never reads or writes state. */
async function manualSample(this: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][]> {
	const found: Array<{ entry: IDataObject; event?: string }> = [];
	let pagesRead = 0;
	for await (const page of pages(this, request(settings.plan, DESC))) {
		for (const entry of page.items) {
			const result = settings.plan.matches(entry);
			if (result.match) found.push({ entry, event: result.event });
			if (found.length >= MANUAL_SAMPLE_SIZE) break;
		}
		if (found.length >= MANUAL_SAMPLE_SIZE || ++pagesRead >= MANUAL_MAX_PAGES) break;
	}
	if (found.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No matching event found in the Appstle activity log yet', {
			description: `Active filters: ${settings.plan.summary}. Make a change in Appstle that produces one of these events (or widen the filters), then fetch again.`,
		});
	}
	found.reverse();
	const { items } = await withDetails(this, found, settings);
	// n8n 2.41 gives polling triggers no execution hints; the filters of a test run go to the log.
	this.logger?.info(`Appstle trigger test run: ${items.length} newest matching events; active filters: ${settings.plan.summary}`);
	return [items];
}

/** Activation: everything in the log now is old. Reads newest-first back to the overlap window. */
async function readBaseline(this: IPollFunctions, settings: Settings, scope: string, budget: Budget): Promise<PollState> {
	const refs: EntryRef[] = [];
	const ids = new Set<string>();
	const nowMs = Date.now();
	// The window ends at the newest entry, or now if that is dated ahead (see advanceState).
	let newestMs: number | undefined;
	let complete = true;
	for await (const page of pages(this, request(settings.plan, DESC))) {
		let reachedWindowStart = false;
		for (const entry of page.items) {
			const ref = refOf(entry, refs[refs.length - 1]?.ms);
			if (newestMs === undefined) newestMs = Math.min(ref.ms, nowMs);
			if (ref.ms < newestMs - settings.overlapMs) {
				reachedWindowStart = true;
				break;
			}
			if (ids.has(ref.id)) continue;
			ids.add(ref.id);
			refs.push(ref);
		}
		if (reachedWindowStart || !page.hasMore) break;
		if (refs.length >= MAX_SEEN_ENTRY_IDS || budget.exhausted()) {
			complete = false;
			break;
		}
	}
	return baselineState(scope, refs, settings.overlapMs, complete, nowMs);
}

/** One regular poll: everything since the cursor (minus the overlap), oldest first. */
async function readNew(
	this: IPollFunctions,
	settings: Settings,
	state: PollState,
	budget: Budget,
): Promise<{ items: INodeExecutionData[]; next: PollState }> {
	const lower = lowerBoundMs(state, settings.overlapMs);
	const extra: IDataObject = lower === undefined ? {} : { 'createAt.greaterThanOrEqual': toApiDateTime(new Date(lower)) };
	const seen = seenIds(state);
	const cursorMs = state.cursor === null ? undefined : Date.parse(state.cursor);
	// Re-read entries of the overlap window are not progress: the budget only stops the paging
	// once this poll has something to emit or moves the cursor, so a small budget cannot stall.
	let progressed = false;
	const readNow = new Set<string>();
	const handled: EntryRef[] = [];
	const candidates: Array<{ entry: IDataObject; event?: string; ref: EntryRef; handledIndex: number }> = [];

	for await (const page of pages(this, request(settings.plan, ASC, extra))) {
		for (const entry of page.items) {
			const ref = refOf(entry, handled[handled.length - 1]?.ms ?? lower);
			// Offset paging repeats an entry when another one lands before it between two pages.
			if (readNow.has(ref.id)) continue;
			readNow.add(ref.id);
			handled.push(ref);
			if (cursorMs === undefined || ref.ms > cursorMs) progressed = true;
			if (seen.has(ref.id)) continue;
			const result = settings.plan.matches(entry);
			if (result.match) {
				candidates.push({ entry, event: result.event, ref, handledIndex: handled.length - 1 });
				progressed = true;
			}
		}
		if (page.hasMore && progressed && budget.exhausted()) break;
	}

	const { items, complete } = await withDetails(this, candidates, settings, budget);
	// When the budget ran out while fetching details, only the prefix up to the last item
	// emitted counts as handled; the rest is read again next time.
	const handledPrefix =
		complete < candidates.length ? handled.slice(0, candidates[complete].handledIndex) : handled;
	const emitted = candidates.slice(0, complete).map((c) => c.ref);
	return { items, next: advanceState(state, handledPrefix, emitted, settings.overlapMs, Date.now()) };
}

function sameState(stored: IDataObject, next: PollState): boolean {
	const pick = (s: IDataObject | PollState) =>
		JSON.stringify([s.version, s.scope, s.cursor, s.seen, (s as IDataObject).floor ?? null]);
	return pick(stored) === pick(next);
}

/**
 * The trigger's poll. State changes are computed first and written to the node's static data
 * only once every request succeeded, so a failed poll leaves the state exactly as it was.
 */
async function pollOnce(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	if (this.getMode() === 'manual') return await manualSample.call(this, settings);

	const budget = new Budget(this);
	const staticData = this.getWorkflowStaticData('node');
	const scope = scopeOf(settings.config);
	let state = readState(staticData, scope);

	if (!state) {
		if (!settings.config.startFrom) {
			const baseline = await readBaseline.call(this, settings, scope, budget);
			writeState(staticData, baseline);
			return null;
		}
		state = startFromState(scope, settings.config.startFrom);
	}

	const { items, next } = await readNew.call(this, settings, state, budget);
	if (!sameState(staticData, next)) writeState(staticData, next);
	return items.length > 0 ? [items] : null;
}

/**
 * A scheduled poll that meets a rate-limit cooldown it may not wait out, before it read anything, ends
 * quietly: the state is untouched and the next poll tries again. Failing would only repeat the
 * same error every poll until the cooldown is over.
 */
export async function pollActivityLog(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const readBefore = requestStatsOf(this).succeeded;
	// Not try/catch: n8n's lint refuses a catch block that rethrows the error it caught, and the
	// errors pollOnce throws are already n8n's own, to pass on unchanged.
	const outcome = await pollOnce.call(this).then(
		(items) => ({ items }),
		(error: unknown) => ({ error }),
	);
	if ('items' in outcome) return outcome.items;
	const quiet = isCooldownWaitError(outcome.error) && requestStatsOf(this).succeeded === readBefore && this.getMode() !== 'manual';
	if (!quiet) throw outcome.error;
	this.logger?.info('Appstle trigger: the API key is in a rate-limit cooldown longer than this poll may wait; nothing read, the next poll tries again');
	return null;
}
