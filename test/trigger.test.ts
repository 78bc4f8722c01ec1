/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * The Appstle Subscriptions Trigger, through n8n-core's real PollContext against the sandbox
 * over real HTTP. Every assertion is about which events were emitted, how often and in which
 * order; none depends on timings.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test tooling: sets the real process's time zone (see the zone tests)
import { runInThisContext } from 'node:vm';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EVENT_TYPES } from '../nodes/Appstle/shared/activityLog';
import { TRIGGER_EVENTS } from '../nodes/Appstle/trigger/events';
import { normalizeDateTime } from '../nodes/Appstle/trigger/filters';
import { MAX_DETAIL_REQUESTS_PER_POLL } from '../nodes/Appstle/trigger/poll';
import { forgetPacing } from '../nodes/Appstle/transport/pacing';
import {
	advanceState,
	baselineState,
	lowerBoundMs,
	MAX_SEEN_ENTRY_IDS,
	readState,
	seenIds,
	startFromState,
} from '../nodes/Appstle/trigger/state';
import { executeNode } from './harness';
import type { FaultRule } from './sandbox/server';
import type { AdminEventInput } from './sandbox/client';
import {
	ACTIVITY_LOGS,
	activityQueries,
	burst,
	CONTRACT_DETAILS,
	idsOf,
	insert,
	poll,
	pollError,
	Prng,
	startEnv,
	type TriggerEnv,
} from './trigger/helpers';

const NODE_KEY = 'node:Appstle Trigger';

let env: TriggerEnv & { stop: () => Promise<void> };

beforeAll(async () => {
	env = await startEnv();
});

afterAll(async () => {
	await env.stop();
});

beforeEach(async () => {
	await env.admin.reset();
	// Faked 429s teach the key's gate long cooldowns; each test starts like a fresh n8n.
	forgetPacing();
});

/** Details off: these tests count activity-log requests and polls, not the detail lookups. */
const PAUSED_OR_CANCELLED: INodeParameters = {
	events: ['subscriptionPaused', 'subscriptionCancelled'],
	includeSubscriptionDetails: false,
};

/** Activates the trigger: the first poll records a baseline and emits nothing. */
async function activate(parameters: INodeParameters): Promise<IDataObject> {
	const staticData: IDataObject = {};
	const first = await poll(env, parameters, staticData);
	expect(first.output).toBeNull();
	expect(staticData[NODE_KEY]).toMatchObject({ version: 1 });
	return staticData;
}

/** Polls until nothing new comes (at most `max` polls) and returns every ID emitted. */
async function drain(parameters: INodeParameters, staticData: IDataObject, max = 20, pollBudgetMs?: number) {
	const all: number[] = [];
	const perPoll: number[][] = [];
	for (let i = 0; i < max; i++) {
		const { ids, output } = await poll(env, parameters, staticData, { pollBudgetMs });
		if (output === null) return { all, perPoll };
		perPoll.push(ids);
		all.push(...ids);
	}
	throw new Error(`still emitting after ${max} polls`);
}

function expectNoDuplicates(ids: number[]) {
	expect(new Set(ids).size).toBe(ids.length);
}

describe('baseline, new events, manual run', () => {
	test('emits exactly the new events once, in order; a manual run leaves the state alone', async () => {
		const staticData = await activate(PAUSED_OR_CANCELLED);

		const inserted = await insert(env, [
			...burst(1, { eventType: 'CONTRACT_PAUSED' }),
			...burst(1, { eventType: 'PRODUCT_ADD' }),
			...burst(1, { eventType: 'CONTRACT_CANCELLED', eventSource: 'MERCHANT_PORTAL' }),
			...burst(1, { eventType: 'CONTRACT_PAUSED', eventSource: 'MERCHANT_EXTERNAL_API' }),
			...burst(1, { eventType: 'CONTRACT_PAUSED', eventSource: 'SYSTEM_EVENT' }),
		]);
		const expected = [inserted[0].id, inserted[2].id, inserted[4].id];

		const second = await poll(env, PAUSED_OR_CANCELLED, staticData);
		expect(second.ids).toEqual(expected);
		expect(second.items.map((i) => i.event)).toEqual([
			'Subscription Paused',
			'Subscription Cancelled',
			'Subscription Paused',
		]);
		expect(second.items[0].additionalInfo).toEqual({ n: 0 });
		expect(second.items[0]).not.toHaveProperty('additionalInfoRaw');

		await env.admin.clearRequests();
		const third = await poll(env, PAUSED_OR_CANCELLED, staticData);
		expect(third.output).toBeNull();
		expect(await activityQueries(env)).toHaveLength(1);

		const before = structuredClone(staticData);
		const manual = await poll(env, PAUSED_OR_CANCELLED, staticData, { mode: 'manual' });
		expect(manual.ids.length).toBeGreaterThanOrEqual(3);
		expect(manual.ids.length).toBeLessThanOrEqual(5);
		expect(manual.ids.slice(-3)).toEqual(expected);
		const times = manual.items.map((i) => Date.parse(String(i.createAt)));
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		expect(staticData).toEqual(before);

		// Nothing was consumed by the manual run.
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).output).toBeNull();
	});

	test('a manual run without any matching event explains which filters are active', async () => {
		const parameters = { events: ['dunningActionTaken'], filters: { subscriptionId: '999' } };
		await expect(poll(env, parameters, {}, { mode: 'manual' })).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'No matching event found in the Appstle activity log yet',
			description: expect.stringContaining('Dunning Action Taken'),
		});
	});

	test('Start From emits the events since then on first activation', async () => {
		const now = Date.now();
		const [before, after] = await insert(env, [
			...burst(1, { createAt: new Date(now - 60_000).toISOString() }),
			...burst(1, { createAt: new Date(now - 20_000).toISOString() }),
		]);
		const parameters = { events: ['subscriptionPaused'], options: { startFrom: new Date(now - 30_000).toISOString() } };
		const staticData: IDataObject = {};
		const first = await poll(env, parameters, staticData);
		expect(first.ids).toEqual([after.id]);
		expect(first.ids).not.toContain(before.id);
		expect((await poll(env, parameters, staticData)).output).toBeNull();
	});

	test('changing what matches starts a new baseline', async () => {
		const staticData = await activate(PAUSED_OR_CANCELLED);
		await insert(env, burst(2));
		const changed = { events: ['subscriptionPaused'] };
		expect((await poll(env, changed, staticData)).output).toBeNull();
		expect((await poll(env, changed, staticData)).output).toBeNull();
		const [fresh] = await insert(env, burst(1));
		expect((await poll(env, changed, staticData)).ids).toEqual([fresh.id]);
	});
});

test('1,000 events between two polls arrive in one poll, across pages, once each', async () => {
	const staticData = await activate(PAUSED_OR_CANCELLED);
	const inserted = await insert(env, burst(1000, { eventType: 'CONTRACT_CANCELLED' }));
	await env.admin.clearRequests();

	const { ids } = await poll(env, PAUSED_OR_CANCELLED, staticData);
	expect(ids).toEqual(idsOf(inserted));
	expect((await activityQueries(env)).length).toBeGreaterThanOrEqual(10);
	expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).output).toBeNull();
});

describe('identical timestamps and concurrent inserts', () => {
	test('events sharing a createAt across polls are neither lost nor repeated', async () => {
		const staticData = await activate(PAUSED_OR_CANCELLED);
		const at = new Date().toISOString();

		const a = await insert(env, burst(2, { createAt: at }));
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).ids).toEqual(idsOf(a));

		const b = await insert(env, burst(3, { createAt: at }));
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).ids).toEqual(idsOf(b));

		// Recorded late, with a timestamp before the cursor but inside the overlap window.
		const late = await insert(env, burst(1, { createAt: new Date(Date.parse(at) - 2_000).toISOString() }));
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).ids).toEqual(idsOf(late));

		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).output).toBeNull();
	});

	test('events inserted while a poll is paging are delivered exactly once', async () => {
		const staticData = await activate(PAUSED_OR_CANCELLED);
		const first = await insert(env, burst(250));
		await env.admin.clearRequests();
		// Page 2 of the next poll waits, while new events arrive: one at "now", and one recorded
		// late, just before the first page's first event: it sorts before everything page 1 held,
		// so page 2 starts with an event page 1 already returned.
		await env.admin.addFault({ path: ACTIVITY_LOGS, skip: 1, times: 1, latencyMs: 400 });

		const running = poll(env, PAUSED_OR_CANCELLED, staticData);
		for (let i = 0; i < 100 && (await env.admin.requests({ route: ACTIVITY_LOGS })).length === 0; i++) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		const during = await insert(env, [
			...burst(1, { eventType: 'CONTRACT_CANCELLED' }),
			...burst(1, { createAt: new Date(Date.parse(first[0].createAt) - 1).toISOString() }),
		]);
		const one = await running;
		const rest = await drain(PAUSED_OR_CANCELLED, staticData);

		const delivered = [...one.ids, ...rest.all];
		expectNoDuplicates(delivered);
		expect(one.ids.slice(0, 250)).toEqual(idsOf(first));
		expect([...delivered].sort((x, y) => x - y)).toEqual([...idsOf(first), ...idsOf(during)].sort((x, y) => x - y));
	});
});

describe('a failing page leaves the state untouched', () => {
	const cases: Array<[string, FaultRule, string | undefined]> = [
		['429 many times', { path: ACTIVITY_LOGS, status: 429, times: 50 }, '429'],
		['500 many times', { path: ACTIVITY_LOGS, status: 500, times: 50 }, '500'],
		['502 HTML many times', { path: ACTIVITY_LOGS, status: 502, kind: 'html', times: 50 }, '502'],
		['a dropped connection', { path: ACTIVITY_LOGS, drop: true, times: 50 }, undefined],
	];

	test.each(cases)('fault on page 3 of 5: %s', async (_name, rule, httpCode) => {
		const staticData = await activate(PAUSED_OR_CANCELLED);
		const inserted = await insert(env, burst(440));
		await env.admin.addFault({ ...rule, skip: 2 });
		const before = structuredClone(staticData);

		const error = await pollError(env, PAUSED_OR_CANCELLED, staticData);
		// A Retry-After of an hour closes the key's gate for an hour; the next poll is a new n8n here.
		forgetPacing();
		expect(error.name).toBe('NodeApiError');
		if (httpCode) expect(error.httpCode).toBe(httpCode);
		else expect(error.httpCode ?? undefined).toBeUndefined();
		expect(staticData).toEqual(before);
		const pagesAsked = (await activityQueries(env)).map((q) => q.page);
		expect(pagesAsked.slice(-1)[0]).toBe('2');

		await env.admin.clearFaults();
		const { ids } = await poll(env, PAUSED_OR_CANCELLED, staticData);
		expect(ids).toEqual(idsOf(inserted));
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).output).toBeNull();
	});
});

describe('rate-limit cooldowns', () => {
	it('a Retry-After of an hour closes the key for Max Wait at most: the poll waits that and reads on', async () => {
		const staticData = await activate(PAUSED_OR_CANCELLED);
		const inserted = await insert(env, burst(3));
		await env.admin.addFault({ path: ACTIVITY_LOGS, status: 429, headers: { 'Retry-After': '3600' }, times: 1 });
		const { ids } = await poll(env, PAUSED_OR_CANCELLED, staticData);
		expect(ids).toEqual(idsOf(inserted));
	});

	it('a poll that cannot wait out a cooldown before reading anything ends without an error; the next one delivers', async () => {
		const staticData = await activate(PAUSED_OR_CANCELLED);
		const inserted = await insert(env, burst(3));
		await env.admin.addFault({ path: ACTIVITY_LOGS, status: 429, times: 50 });
		const before = structuredClone(staticData);
		const quiet = await poll(env, PAUSED_OR_CANCELLED, staticData);
		expect(quiet.output).toBeNull();
		expect(staticData).toEqual(before);
		expect((await env.admin.requests({ route: ACTIVITY_LOGS })).filter((r) => r.status === 429).length).toBeGreaterThan(1);

		await env.admin.clearFaults();
		forgetPacing();
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).ids).toEqual(idsOf(inserted));
	});
});

test('randomized: 50 polls with bursts and faults deliver every matching event exactly once', async () => {
	const rng = new Prng(20240122);
	const parameters: INodeParameters = {
		events: ['billingFailed', 'subscriptionPaused', 'subscriptionCancelled', 'orderSkipped'],
	};
	const kinds: ReadonlyArray<Pick<AdminEventInput, 'entityType' | 'eventType' | 'status'>> = [
		{ entityType: 'SUBSCRIPTION_BILLING_ATTEMPT', eventType: 'BILLING_ATTEMPT_TRIGGERED', status: 'FAILURE' },
		{ entityType: 'SUBSCRIPTION_BILLING_ATTEMPT', eventType: 'BILLING_ATTEMPT_TRIGGERED', status: 'SUCCESS' },
		{ entityType: 'SUBSCRIPTION_BILLING_ATTEMPT', eventType: 'BILLING_ATTEMPT_SKIPPED', status: 'SUCCESS' },
		{ entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_PAUSED', status: 'SUCCESS' },
		{ entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_CANCELLED', status: 'SUCCESS' },
		{ entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'PRODUCT_ADD', status: 'SUCCESS' },
		{ entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'NEXT_BILLING_DATE_CHANGE', status: 'SUCCESS' },
	];
	const sources = ['CUSTOMER_PORTAL', 'MERCHANT_PORTAL', 'SYSTEM_EVENT', 'MERCHANT_EXTERNAL_API'];
	const faults: FaultRule[] = [
		{ path: ACTIVITY_LOGS, status: 429, headers: { 'Retry-After': '3600' }, times: 1 },
		{ path: ACTIVITY_LOGS, status: 429, times: 50 },
		{ path: ACTIVITY_LOGS, status: 500, times: 50 },
		{ path: ACTIVITY_LOGS, status: 503, kind: 'html', times: 50 },
		{ path: ACTIVITY_LOGS, status: 200, kind: 'malformed', times: 50 },
		{ path: ACTIVITY_LOGS, drop: true, times: 50 },
		{ path: ACTIVITY_LOGS, status: 429, times: 2 },
		{ path: ACTIVITY_LOGS, latencyMs: 30, times: 1 },
	];
	const matches = (e: { eventType: string; status: string; eventSource: string }) =>
		e.eventSource !== 'MERCHANT_EXTERNAL_API' &&
		(['CONTRACT_PAUSED', 'CONTRACT_CANCELLED', 'BILLING_ATTEMPT_SKIPPED'].includes(e.eventType) ||
			(e.eventType === 'BILLING_ATTEMPT_TRIGGERED' && e.status === 'FAILURE'));

	const staticData = await activate(parameters);
	const expected: number[] = [];
	const nonMatching = new Set<number>();
	const recentTimes: string[] = [];
	const delivered: number[] = [];
	let faultedPolls = 0;
	let failedPolls = 0;

	const randomBurst = (): AdminEventInput[] =>
		Array.from({ length: rng.int(0, 40) }, () => {
			const kind = rng.pick(kinds);
			let createAt: string | undefined;
			const roll = rng.next();
			if (roll < 0.25 && recentTimes.length > 0) createAt = rng.pick(recentTimes.slice(-20));
			else if (roll < 0.35) createAt = new Date(Date.now() - rng.int(1, 60) * 1000).toISOString();
			return { ...kind, entityId: 27_510_000_000 + rng.int(0, 20), eventSource: rng.pick(sources), createAt };
		});
	const insertAndRecord = async (events: AdminEventInput[]) => {
		if (events.length === 0) return;
		for (const e of await insert(env, events)) {
			recentTimes.push(e.createAt);
			if (matches(e)) expected.push(e.id);
			else nonMatching.add(e.id);
		}
	};

	for (let round = 0; round < 50; round++) {
		await insertAndRecord(randomBurst());
		const faulted = rng.chance(0.35);
		if (faulted) {
			faultedPolls++;
			await env.admin.addFault({ ...rng.pick(faults), skip: rng.int(0, 2) });
		}
		const budget = rng.chance(0.2) ? 1 : undefined;
		const concurrent = rng.chance(0.2) ? randomBurst() : undefined;
		const before = structuredClone(staticData);
		const running = poll(env, parameters, staticData, { pollBudgetMs: budget });
		if (concurrent) await insertAndRecord(concurrent);
		try {
			const { ids, items } = await running;
			delivered.push(...ids);
			for (const item of items) expect(matches(item as never)).toBe(true);
		} catch (error) {
			failedPolls++;
			forgetPacing(); // a fake Retry-After of an hour closed the key's gate: start afresh
			expect((error as Error).name).toBe('NodeApiError');
			expect(staticData).toEqual(before);
		}
		await env.admin.clearFaults();
	}
	delivered.push(...(await drain(parameters, staticData, 30)).all);

	expect(faultedPolls).toBeGreaterThanOrEqual(10);
	expect(failedPolls).toBeGreaterThan(0);
	expectNoDuplicates(delivered);
	expect(delivered.filter((id) => nonMatching.has(id))).toEqual([]);
	expect([...delivered].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
});

describe('odd activity-log entries still count once', () => {
	/** An activity-log entry as Appstle would send it, without the `id` key. */
	const withoutId = (n: number, createAt: string): IDataObject => ({
		shop: 'sandbox.myshopify.com',
		entityId: 27_510_000_000 + n,
		entityType: 'SUBSCRIPTION_CONTRACT_DETAILS',
		eventType: 'CONTRACT_PAUSED',
		eventSource: 'CUSTOMER_PORTAL',
		status: 'SUCCESS',
		createAt,
		additionalInfo: JSON.stringify({ n }),
	});

	test('entries without an id: each is delivered once, and none again when re-read', async () => {
		const staticData = await activate(PAUSED_OR_CANCELLED);
		const at = new Date(Date.now() - 10_000).toISOString();
		const later = new Date(Date.now() - 5_000).toISOString();
		// Three share a timestamp; all five differ in content.
		const page = [withoutId(1, at), withoutId(2, at), withoutId(3, at), withoutId(4, later), withoutId(5, later)];
		await env.admin.addFault({ path: ACTIVITY_LOGS, times: 3, status: 200, body: page });

		const first = await poll(env, PAUSED_OR_CANCELLED, staticData);
		expect(first.items.map((item) => item.entityId)).toEqual(page.map((entry) => entry.entityId));
		expect(first.items.every((item) => item.id === undefined)).toBe(true);
		// The same page again (the overlap window re-reads it), twice: nothing is repeated.
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).output).toBeNull();
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).output).toBeNull();
		// Real entries with ids still arrive.
		const real = await insert(env, burst(2));
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).ids).toEqual(idsOf(real));
	});

	test('an entry dated two hours ahead does not hide the entries recorded after it', async () => {
		const staticData = await activate(PAUSED_OR_CANCELLED);
		const [before] = await insert(env, burst(1, { createAt: new Date(Date.now() - 60_000).toISOString() }));
		const [ahead] = await insert(env, burst(1, { createAt: new Date(Date.now() + 2 * 3600_000).toISOString() }));
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).ids).toEqual([before.id, ahead.id]);

		const after = await insert(env, [
			...burst(1, { createAt: new Date(Date.now() - 1_000).toISOString() }),
			...burst(2, { createAt: new Date().toISOString() }),
		]);
		const { all } = await drain(PAUSED_OR_CANCELLED, staticData);
		// Everything recorded after the poll arrives; the entry dated ahead is not delivered again.
		expect(all).toEqual(idsOf(after));
		expect((await poll(env, PAUSED_OR_CANCELLED, staticData)).output).toBeNull();
	});

	test('an entry dated ahead at activation is history, and does not hide what comes next', async () => {
		await insert(env, burst(1, { createAt: new Date(Date.now() + 2 * 3600_000).toISOString() }));
		await insert(env, burst(2, { createAt: new Date(Date.now() - 30_000).toISOString() }));
		const staticData = await activate(PAUSED_OR_CANCELLED);
		const fresh = await insert(env, burst(2, { createAt: new Date().toISOString() }));
		const { all } = await drain(PAUSED_OR_CANCELLED, staticData);
		expect(all).toEqual(idsOf(fresh));
	});

	describe.each(['America/New_York', 'Asia/Tokyo'])('dates without a zone, n8n running in %s', (zone) => {
		// jest gives each test file a copy of process.env; Node re-reads the zone only when the
		// real process's TZ changes, which vm.runInThisContext reaches (the main context).
		const realEnv = (runInThisContext('process') as NodeJS.Process).env;
		const hostZone = realEnv.TZ;
		beforeEach(() => {
			realEnv.TZ = zone;
		});
		afterEach(() => {
			if (hostZone === undefined) delete realEnv.TZ;
			else realEnv.TZ = hostZone;
		});

		test('are read as UTC: nothing lost, nothing repeated', async () => {
			// The host's zone is really in effect: a zone-less date would be read hours off.
			expect(new Date('2026-01-01T00:00:00').getTimezoneOffset()).not.toBe(0);
			const staticData = await activate(PAUSED_OR_CANCELLED);
			const first = await insert(env, burst(3, { createAt: new Date(Date.now() - 20_000).toISOString() }));
			// Appstle's answer, with every createAt written without its zone ("…T10:00:00.123").
			const zoneless = first.map((entry) => ({ ...entry, createAt: entry.createAt.replace(/(Z|[+-]00:?00)$/, '') }));
			expect(zoneless[0].createAt).toMatch(/T\d\d:\d\d:\d\d(\.\d+)?$/);
			await env.admin.addFault({ path: ACTIVITY_LOGS, times: 1, status: 200, body: zoneless });
			const zonelessPoll = await poll(env, PAUSED_OR_CANCELLED, staticData);
			expect(zonelessPoll.ids).toEqual(idsOf(first));
			expect(zonelessPoll.items.map((item) => item.occurredAt)).toEqual(first.map((entry) => new Date(entry.createAt).toISOString()));

			const second = await insert(env, burst(2, { createAt: new Date().toISOString() }));
			// The same entries, now with their zone, are not repeated; the new ones arrive.
			const { all } = await drain(PAUSED_OR_CANCELLED, staticData);
			expect(all).toEqual(idsOf(second));
		});
	});
});

describe('loop prevention', () => {
	test('changes made through the API are ignored by default and emitted when the option is off', async () => {
		const on = await activate({ events: ['subscriptionPaused'] });
		const off = await activate({ events: ['subscriptionPaused'], ignoreApiChanges: false });
		const [viaApi, viaPortal] = await insert(env, [
			...burst(1, { eventSource: 'MERCHANT_EXTERNAL_API' }),
			...burst(1, { eventSource: 'CUSTOMER_PORTAL' }),
		]);
		await env.admin.clearRequests();

		expect((await poll(env, { events: ['subscriptionPaused'] }, on)).ids).toEqual([viaPortal.id]);
		expect((await activityQueries(env))[0]['eventSource.notEquals']).toBe('MERCHANT_EXTERNAL_API');

		await env.admin.clearRequests();
		const offIds = (await poll(env, { events: ['subscriptionPaused'], ignoreApiChanges: false }, off)).ids;
		expect(offIds).toEqual([viaApi.id, viaPortal.id]);
		expect((await activityQueries(env))[0]).not.toHaveProperty('eventSource.notEquals');
	});
});

describe('filters', () => {
	const billing = (status: 'SUCCESS' | 'FAILURE', extra: Partial<AdminEventInput> = {}) =>
		burst(1, {
			entityType: 'SUBSCRIPTION_BILLING_ATTEMPT',
			eventType: 'BILLING_ATTEMPT_TRIGGERED',
			eventSource: 'SYSTEM_EVENT',
			status,
			...extra,
		});

	test('Billing Failed emits failures only, filtered on the server', async () => {
		const parameters = { events: ['billingFailed'] };
		const staticData = await activate(parameters);
		const [failed1, , , failed2] = await insert(env, [
			...billing('FAILURE'),
			...billing('SUCCESS'),
			...burst(1, { status: 'FAILURE' }),
			...billing('FAILURE'),
		]);
		await env.admin.clearRequests();

		const { ids, items } = await poll(env, parameters, staticData);
		expect(ids).toEqual([failed1.id, failed2.id]);
		expect(items.every((i) => i.event === 'Billing Failed' && i.status === 'FAILURE')).toBe(true);
		const [query] = await activityQueries(env);
		expect(query).toMatchObject({
			'eventType.in': 'BILLING_ATTEMPT_TRIGGERED',
			'status.equals': 'FAILURE',
			'eventSource.notEquals': 'MERCHANT_EXTERNAL_API',
			api_key: '***',
			size: '100',
			sort: ['createAt,asc', 'id,asc'],
		});
		expect(query['createAt.greaterThanOrEqual']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	test('events that differ only by status are told apart on this side', async () => {
		const parameters = { events: ['billingFailed', 'subscriptionPaused'] };
		const staticData = await activate(parameters);
		const [failed, , paused] = await insert(env, [...billing('FAILURE'), ...billing('SUCCESS'), ...burst(1)]);
		await env.admin.clearRequests();

		const { ids, items } = await poll(env, parameters, staticData);
		expect(ids).toEqual([failed.id, paused.id]);
		expect(items.map((i) => i.event)).toEqual(['Billing Failed', 'Subscription Paused']);
		const [query] = await activityQueries(env);
		expect(query['eventType.in']).toBe('BILLING_ATTEMPT_TRIGGERED,CONTRACT_PAUSED');
		expect(query).not.toHaveProperty('status.equals');
	});

	test('filters are sent as criteria and ANDed with the events', async () => {
		const contractId = 27_510_000_003;
		const parameters = {
			events: ['subscriptionPaused', 'productAdded'],
			ignoreApiChanges: false,
			includeSubscriptionDetails: false,
			filters: {
				eventSources: ['CUSTOMER_PORTAL', 'MERCHANT_EXTERNAL_API'],
				subscriptionId: `gid://shopify/SubscriptionContract/${contractId}`,
			},
		};
		const staticData = await activate(parameters);
		const inserted = await insert(env, [
			{ entityId: contractId, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_PAUSED', eventSource: 'CUSTOMER_PORTAL', status: 'SUCCESS' },
			{ entityId: contractId, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'PRODUCT_ADD', eventSource: 'MERCHANT_EXTERNAL_API', status: 'SUCCESS' },
			{ entityId: contractId + 1, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_PAUSED', eventSource: 'CUSTOMER_PORTAL', status: 'SUCCESS' },
			{ entityId: contractId, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_CANCELLED', eventSource: 'CUSTOMER_PORTAL', status: 'SUCCESS' },
			{ entityId: contractId, entityType: 'SUBSCRIPTION_CONTRACT_DETAILS', eventType: 'CONTRACT_PAUSED', eventSource: 'MERCHANT_PORTAL', status: 'SUCCESS' },
		]);
		await env.admin.clearRequests();

		const { ids, items } = await poll(env, parameters, staticData);
		expect(ids).toEqual([inserted[0].id, inserted[1].id]);
		expect(items.map((i) => i.event)).toEqual(['Subscription Paused', 'Product Added']);
		expect((await activityQueries(env))[0]).toMatchObject({
			'eventType.in': 'CONTRACT_PAUSED,PRODUCT_ADD',
			'eventSource.in': 'CUSTOMER_PORTAL,MERCHANT_EXTERNAL_API',
			'entityId.equals': String(contractId),
		});
	});

	test('filters that cannot match are refused with a clear message', async () => {
		await expect(
			poll(env, { events: ['subscriptionPaused'], filters: { eventSources: ['MERCHANT_EXTERNAL_API'] } }, {}),
		).rejects.toMatchObject({ name: 'NodeOperationError', message: expect.stringContaining('No event can match') });
		await expect(poll(env, { events: ['subscriptionPaused'], filters: { subscriptionId: 'abc' } }, {})).rejects.toMatchObject({
			name: 'NodeOperationError',
		});
		expect(await activityQueries(env)).toEqual([]);
	});

	test('additionalInfo is parsed, and subscription details are attached once per contract', async () => {
		const contract = env.sandbox.state.contracts.find((c) => c.status === 'active')!;
		const parameters = { events: ['subscriptionPaused'], includeSubscriptionDetails: true };
		const staticData = await activate(parameters);
		const inserted = await insert(env, [
			...burst(1, { entityId: contract.contractId, additionalInfo: { reason: 'travel' } }),
			...burst(1, { entityId: contract.contractId, additionalInfo: 'not json' }),
			...burst(1, { entityId: 1, additionalInfo: null }),
		]);
		await env.admin.clearRequests();

		const { ids, items } = await poll(env, parameters, staticData);
		expect(ids).toEqual(idsOf(inserted));
		expect(items[0].additionalInfo).toEqual({ reason: 'travel' });
		expect(items[1].additionalInfo).toEqual({});
		expect(items[1].additionalInfoRaw).toBe('not json');
		expect((items[0].subscription as IDataObject).subscriptionContractId).toBe(contract.contractId);
		// The fields a person reads come first, filled from the subscription's details.
		const customer = env.sandbox.state.customers.find((c) => c.id === contract.customerId)!;
		expect(Object.keys(items[0]).slice(0, 6)).toEqual(['event', 'subscriptionId', 'customerId', 'customerName', 'customerEmail', 'occurredAt']);
		expect(items[0]).toMatchObject({
			event: 'Subscription Paused',
			subscriptionId: contract.contractId,
			customerId: customer.id,
			customerName: `${customer.firstName} ${customer.lastName}`,
			customerEmail: customer.email,
			occurredAt: new Date(String(items[0].createAt)).toISOString(),
		});
		expect(items[2]).toMatchObject({ subscriptionId: 1, customerName: null, customerEmail: null });
		expect(items[1].subscription).toEqual(items[0].subscription);
		expect(items[2].subscription).toBeNull();
		const detailRequests = await env.admin.requests({ route: CONTRACT_DETAILS });
		expect(detailRequests.map((r) => r.query.subscriptionContractId)).toEqual([String(contract.contractId), '1']);
	});
});

test('Include Subscription Details on a busy poll: one request per distinct subscription, at most MAX_DETAIL_REQUESTS_PER_POLL per poll, the rest next poll', async () => {
	const contracts = env.sandbox.state.contracts.slice(0, 30).map((c) => c.contractId);
	expect(contracts).toHaveLength(30);
	const parameters = { events: ['subscriptionPaused'], includeSubscriptionDetails: true };
	const staticData = await activate(parameters);
	// 75 events about 30 subscriptions, two or three in a row about each (a billing run).
	const inserted = await insert(env, Array.from({ length: 75 }, (_, i) => burst(1, { entityId: contracts[Math.floor((i * 30) / 75)], additionalInfo: { i } })[0]));

	const delivered: number[] = [];
	const perPoll: Array<{ events: number; detailRequests: number; activityRequests: number }> = [];
	for (let i = 0; i < 10; i++) {
		await env.admin.clearRequests();
		const { ids, items } = await poll(env, parameters, staticData);
		const details = await env.admin.requests({ route: CONTRACT_DETAILS });
		const lookedUp = details.map((r) => String(r.query.subscriptionContractId));
		// Never the same subscription twice in one poll.
		expect(new Set(lookedUp).size).toBe(lookedUp.length);
		expect(lookedUp.length).toBeLessThanOrEqual(MAX_DETAIL_REQUESTS_PER_POLL);
		for (const item of items) expect((item.subscription as IDataObject).subscriptionContractId).toBe(item.subscriptionId);
		perPoll.push({ events: ids.length, detailRequests: lookedUp.length, activityRequests: (await activityQueries(env)).length });
		if (ids.length === 0) break;
		delivered.push(...ids);
	}
	expect(delivered).toEqual(idsOf(inserted));
	// 30 subscriptions, at most 20 per poll: the events of the first 20, then the rest, then an
	// idle poll (one request).
	expect(perPoll).toEqual([
		{ events: 50, detailRequests: 20, activityRequests: 1 },
		{ events: 25, detailRequests: 10, activityRequests: 1 },
		{ events: 0, detailRequests: 0, activityRequests: 1 },
	]);
});

test('a small poll budget emits a prefix per poll, and the next polls deliver the rest exactly once', async () => {
	const staticData = await activate(PAUSED_OR_CANCELLED);
	const inserted = await insert(env, burst(600));

	const { all, perPoll } = await drain(PAUSED_OR_CANCELLED, staticData, 30, 1);
	expect(perPoll.length).toBeGreaterThan(1);
	expect(perPoll[0].length).toBeLessThan(600);
	expect(all).toEqual(idsOf(inserted));
});

test('end to end: a pause made with the action node is emitted by the next poll', async () => {
	const contract = env.sandbox.state.contracts.find((c) => c.status === 'active')!;
	const parameters = { events: ['subscriptionPaused'], ignoreApiChanges: false };
	const staticData = await activate(parameters);

	const result = await executeNode({
		parameters: {
			resource: 'subscription',
			operation: 'pause',
			contractId: { __rl: true, mode: 'id', value: String(contract.contractId) },
		},
		credentials: env.credentials,
	});
	expect(result.status).toBe('success');

	const { items } = await poll(env, parameters, staticData);
	expect(items).toHaveLength(1);
	expect(items[0]).toMatchObject({
		event: 'Subscription Paused',
		eventType: 'CONTRACT_PAUSED',
		eventSource: 'MERCHANT_EXTERNAL_API',
		entityId: contract.contractId,
	});
	expect((await poll(env, parameters, staticData)).output).toBeNull();
});

describe('state module', () => {
	const overlapMs = 300_000;
	const t0 = Date.parse('2026-01-01T00:00:00.000Z');

	test('seen stays bounded; the floor keeps every dropped ID out of later queries', () => {
		const start = { ...startFromState('scope', new Date(t0).toISOString()), floor: undefined };
		const emitted = Array.from({ length: MAX_SEEN_ENTRY_IDS + 500 }, (_, i) => ({ id: String(i + 1), ms: t0 + Math.floor(i / 3) }));
		const next = advanceState(start, emitted, emitted, overlapMs);
		const kept = seenIds(next);
		expect(kept.size).toBeLessThanOrEqual(MAX_SEEN_ENTRY_IDS);
		expect(next.cursor).toBe(new Date(emitted[emitted.length - 1].ms).toISOString());
		const lower = lowerBoundMs(next, overlapMs)!;
		expect(lower).toBe(Date.parse(next.floor!));
		for (const entry of emitted) {
			if (!kept.has(entry.id)) expect(entry.ms).toBeLessThan(lower);
			else expect(entry.ms).toBeGreaterThanOrEqual(lower);
		}
		// Once the cursor moves past floor + overlap, the floor is dropped again.
		const later = advanceState(next, [{ id: 'x', ms: t0 + 10 * overlapMs }], [], overlapMs);
		expect(later.floor).toBeUndefined();
		expect(seenIds(later).size).toBe(0);
	});

	test('an incomplete baseline leaves out its oldest, possibly partial, timestamp', () => {
		const refs = [
			{ id: '5', ms: t0 + 3 },
			{ id: '4', ms: t0 + 2 },
			{ id: '3', ms: t0 + 1 },
			{ id: '2', ms: t0 + 1 },
		];
		const state = baselineState('scope', refs, overlapMs, false);
		expect(state.cursor).toBe(new Date(t0 + 3).toISOString());
		expect([...seenIds(state)].sort()).toEqual(['4', '5']);
		expect(lowerBoundMs(state, overlapMs)).toBe(t0 + 2);
		expect(baselineState('scope', [], overlapMs, true)).toEqual({ version: 1, scope: 'scope', cursor: null, seen: {} });
	});

	test('stored state of another scope, or malformed state, is not used', () => {
		const state = baselineState('a', [{ id: '1', ms: t0 }], overlapMs, true);
		const stored = JSON.parse(JSON.stringify(state));
		expect(readState(stored, 'a')).toEqual(state);
		expect(readState(stored, 'b')).toBeUndefined();
		expect(readState({ ...stored, cursor: 'yesterday' }, 'a')).toBeUndefined();
		expect(readState({}, 'a')).toBeUndefined();
	});

	test('every event maps only to event types Appstle knows (an unknown one fails the query)', () => {
		const known = new Set<string>(EVENT_TYPES);
		expect(TRIGGER_EVENTS.flatMap((e) => e.eventTypes).filter((t) => !known.has(t))).toEqual([]);
		expect(new Set(TRIGGER_EVENTS.map((e) => e.value)).size).toBe(TRIGGER_EVENTS.length);
	});

	test('a Start From without a zone is read in the workflow time zone', () => {
		expect(normalizeDateTime('2024-05-01T10:00:00', 'Europe/Berlin')).toBe('2024-05-01T08:00:00.000Z');
		expect(normalizeDateTime('2024-01-15T10:00:00', 'America/New_York')).toBe('2024-01-15T15:00:00.000Z');
		expect(normalizeDateTime('2024-05-01T10:00:00Z', 'Europe/Berlin')).toBe('2024-05-01T10:00:00.000Z');
		expect(normalizeDateTime('2024-05-01T10:00:00+02:00', 'UTC')).toBe('2024-05-01T08:00:00.000Z');
		expect(normalizeDateTime('', 'UTC')).toBeUndefined();
	});
});

