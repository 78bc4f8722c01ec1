/**
 * Helpers for the trigger tests: a sandbox per test file, a poll wrapper that reads the emitted
 * IDs, and a seeded PRNG for the randomized run.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runPoll } from '../harness';
import type { CredentialsFixture } from '../harness';
import type { AdminEventInput, SandboxAdmin } from '../sandbox/client';
import type { Sandbox } from '../sandbox/server';
import { startTestSandbox } from '../support';
import type { ActivityLog } from '../sandbox/state';

export const ACTIVITY_LOGS = '/api/external/v2/activity-logs';
export const CONTRACT_DETAILS = '/api/external/v2/subscription-contract-details';

export interface TriggerEnv {
	sandbox: Sandbox;
	admin: SandboxAdmin;
	credentials: CredentialsFixture;
}

/** A sandbox per test file, with an unpaced credential; `stop` shuts it down. */
export async function startEnv(): Promise<TriggerEnv & { stop: () => Promise<void> }> {
	const { sandbox, admin, credentials, stop } = await startTestSandbox();
	return { sandbox, admin, credentials: credentials(), stop };
}

export interface PollOutcome {
	output: INodeExecutionData[][] | null;
	items: IDataObject[];
	ids: number[];
}

export async function poll(
	env: TriggerEnv,
	parameters: INodeParameters,
	staticData: IDataObject,
	options: { mode?: 'manual' | 'trigger'; pollBudgetMs?: number } = {},
): Promise<PollOutcome> {
	const { output } = await runPoll({
		parameters,
		credentials: env.credentials,
		staticData,
		mode: options.mode ?? 'trigger',
		pollBudgetMs: options.pollBudgetMs,
	});
	const items = output ? output[0].map((item) => item.json) : [];
	return { output, items, ids: items.map((item) => Number(item.id)) };
}

/** The poll's error, or a failure if it did not throw. */
export async function pollError(env: TriggerEnv, parameters: INodeParameters, staticData: IDataObject): Promise<IDataObject> {
	try {
		await poll(env, parameters, staticData);
	} catch (error) {
		return error as IDataObject;
	}
	throw new Error('the poll was expected to fail');
}

export async function insert(env: TriggerEnv, events: AdminEventInput[]): Promise<ActivityLog[]> {
	return await env.admin.insertEvents(events);
}

/** `count` events at "now", cycling through a few matching kinds. */
export function burst(count: number, base: Partial<AdminEventInput> = {}): AdminEventInput[] {
	return Array.from({ length: count }, (_, i) => ({
		entityId: 27_510_000_000 + (i % 7),
		entityType: 'SUBSCRIPTION_CONTRACT_DETAILS',
		eventType: 'CONTRACT_PAUSED',
		eventSource: 'CUSTOMER_PORTAL',
		status: 'SUCCESS' as const,
		additionalInfo: { n: i },
		...base,
	}));
}

export const idsOf = (entries: Array<{ id: number }>): number[] => entries.map((e) => e.id);

/** The query strings the sandbox received for the activity log, in order. */
export async function activityQueries(env: TriggerEnv): Promise<Array<Record<string, string | string[]>>> {
	return (await env.admin.requests({ route: ACTIVITY_LOGS })).map((r) => r.query);
}

/** mulberry32: a small deterministic PRNG. */
export class Prng {
	constructor(private seed: number) {}

	next(): number {
		let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.next() * values.length)];
	}

	chance(p: number): boolean {
		return this.next() < p;
	}
}
