/**
 * A small client for the sandbox's admin endpoints (/__sandbox/*), for tests,
 * demos and benchmarks.
 */
import { request } from 'undici';
import type { FaultRule, StoredFault } from './faults';
import type { RateLimitConfig } from './rate-limit';
import type { RequestLogEntry } from './request-log';
import type { ActivityLog } from './state';
import type { CollectionName } from './admin';

export type { CollectionName } from './admin';

export interface AdminEventInput {
	entityId: number;
	entityType: string;
	eventType: string;
	eventSource?: string;
	status?: 'SUCCESS' | 'FAILURE' | 'INFO';
	/** ISO-8601 with Z or an offset; may repeat or lie in the past. Default: now (non-decreasing). */
	createAt?: string;
	/** An object (JSON-encoded on insert) or an already encoded string. */
	additionalInfo?: Record<string, unknown> | string | null;
}

export class SandboxAdminError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(`sandbox admin call failed with ${status}: ${JSON.stringify(body)}`);
	}
}

export class SandboxAdmin {
	/** `baseUrl` is the sandbox URL, e.g. `sandbox.url`. */
	constructor(private readonly baseUrl: string) {}

	private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
		const res = await request(`${this.baseUrl}/__sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.body.text();
		const parsed: unknown = text === '' ? undefined : JSON.parse(text);
		if (res.statusCode >= 400) throw new SandboxAdminError(res.statusCode, parsed);
		return parsed as T;
	}

	/** Restores the seeded state (optionally with another seed) and clears faults, request log and rate-limit state. */
	reset(seed?: number): Promise<{ seed: number; contracts: number; activityLogs: number }> {
		return this.call('POST', '/reset', seed === undefined ? {} : { seed });
	}

	addFault(rule: FaultRule): Promise<StoredFault> {
		return this.call('POST', '/faults', rule);
	}

	faults(): Promise<StoredFault[]> {
		return this.call('GET', '/faults');
	}

	clearFaults(): Promise<{ cleared: number }> {
		return this.call('DELETE', '/faults');
	}

	/** Requests the sandbox received; `route` matches a template or a concrete path. */
	requests(filter: { route?: string; method?: string } = {}): Promise<RequestLogEntry[]> {
		const params = new URLSearchParams();
		if (filter.route) params.set('route', filter.route);
		if (filter.method) params.set('method', filter.method);
		const qs = params.toString();
		return this.call('GET', `/requests${qs ? `?${qs}` : ''}`);
	}

	async clearRequests(): Promise<void> {
		await this.call('DELETE', '/requests');
	}

	/** Turns rate limiting on with `cfg`, or off with `false`. */
	setRateLimit(cfg: RateLimitConfig | false): Promise<{ config: unknown }> {
		return this.call('POST', '/rate-limit', cfg === false ? { enabled: false } : cfg);
	}

	async insertEvents(events: AdminEventInput[]): Promise<ActivityLog[]> {
		const out = await this.call<{ events: ActivityLog[] }>('POST', '/activity-logs', { events });
		return out.events;
	}

	/** A whole collection, or one item of it by id (contracts by contractId). */
	state<T = unknown>(collection: CollectionName, id?: number | string): Promise<T> {
		return this.call('GET', `/state/${collection}${id === undefined ? '' : `/${encodeURIComponent(String(id))}`}`);
	}
}
