/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * Appstle's webhooks as Svix delivers them: endpoints registered with a signing secret and an
 * event filter, one message per event (an id `msg_…` that every delivery of it keeps), signed
 * deliveries (svix-id / svix-timestamp / svix-signature, `v1,` base64 HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` keyed with the base64-decoded secret), Svix's retry schedule
 * (scalable for tests), a delivery log and fault knobs (wrong secret, stale or future timestamp,
 * tampered body, duplicate delivery).
 *
 * Written from Svix's documented behaviour, not from the node's code.
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { ActivityLog, SandboxState } from './state';
import { attemptDto, shopifyContract } from './views';

/** Svix: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts, ~28 h). */
export const SVIX_RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
/** Svix counts a delivery as failed when no 2xx arrives within 15 s. */
export const SVIX_TIMEOUT_MS = 15_000;

export const WEBHOOK_EVENT_TYPES = [
	'subscription.created',
	'subscription.updated',
	'subscription.activated',
	'subscription.paused',
	'subscription.cancelled',
	'subscription.next-order-date-changed',
	'subscription.billing-interval-changed',
	'subscription.billing-success',
	'subscription.billing-failure',
	'subscription.billing-skipped',
	'subscription.upcoming-order-notification',
] as const;

export interface WebhookEndpoint {
	id: string;
	url: string;
	secret: string;
	/** Event types delivered to it; null = all. */
	filterTypes: string[] | null;
	description: string;
	createdAt: string;
}

export interface WebhookMessage {
	id: string;
	eventType: string;
	/** The body exactly as sent. */
	payload: string;
	createdAt: string;
	/** What caused it: an activity-log entry id, or 'admin'. */
	source: string;
}

export type WebhookFaultKind = 'wrongSecret' | 'staleTimestamp' | 'futureTimestamp' | 'tamperBody' | 'duplicate';

export interface WebhookFault {
	kind: WebhookFaultKind;
	endpointId?: string;
	eventType?: string;
	/** How many messages it affects (default 1; 0 = until cleared). */
	times?: number;
	/** For stale / future timestamps: how far off (default 600 s). */
	offsetSeconds?: number;
}

interface StoredFault extends WebhookFault {
	id: number;
	used: number;
}

export interface DeliveryAttempt {
	messageId: string;
	endpointId: string;
	eventType: string;
	/** 1 for the first delivery, 2… for Svix's retries. */
	attempt: number;
	/** A second delivery of a message that had already succeeded (fault "duplicate"). */
	duplicate: boolean;
	at: string;
	svixTimestamp: number;
	faults: WebhookFaultKind[];
	/** The HTTP status, or 0 when the request failed (no connection, timeout). */
	status: number;
	ok: boolean;
	error?: string;
	/** Start of the answer's body, for reading in tests. */
	responseBody?: string;
	/** When the next retry is due, if one is. */
	nextRetryAt?: string;
}

export interface WebhookConfig {
	retryDelaysMs: number[];
	timeoutMs: number;
}

function newSecret(): string {
	return `whsec_${randomBytes(24).toString('base64')}`;
}

function newMessageId(): string {
	// Svix message ids: "msg_" + 27 base62-ish characters.
	return `msg_${randomBytes(20).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 27).padEnd(27, 'x')}`;
}

/** The `v1,` signature Svix sends. */
export function svixSign(secret: string, id: string, timestamp: number, body: string): string {
	const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
	return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export class WebhookDispatcher {
	private endpoints: WebhookEndpoint[] = [];
	private messages: WebhookMessage[] = [];
	private attempts: DeliveryAttempt[] = [];
	private faults: StoredFault[] = [];
	private timers = new Set<NodeJS.Timeout>();
	private inFlight = 0;
	private endpointCounter = 0;
	private faultCounter = 0;
	private config: WebhookConfig = { retryDelaysMs: [...SVIX_RETRY_DELAYS_MS], timeoutMs: SVIX_TIMEOUT_MS };

	configure(input: { retryDelaysMs?: number[]; timeScale?: number; timeoutMs?: number }): WebhookConfig {
		if (input.retryDelaysMs) this.config.retryDelaysMs = [...input.retryDelaysMs];
		else if (input.timeScale !== undefined) this.config.retryDelaysMs = SVIX_RETRY_DELAYS_MS.map((ms) => Math.round(ms * input.timeScale!));
		if (input.timeoutMs !== undefined) this.config.timeoutMs = input.timeoutMs;
		return this.currentConfig();
	}

	currentConfig(): WebhookConfig {
		return { retryDelaysMs: [...this.config.retryDelaysMs], timeoutMs: this.config.timeoutMs };
	}

	addEndpoint(input: { url: string; secret?: string; filterTypes?: string[] | null; description?: string }, nowMs = Date.now()): WebhookEndpoint {
		this.endpointCounter += 1;
		const endpoint: WebhookEndpoint = {
			id: `ep_${this.endpointCounter}`,
			url: input.url,
			secret: input.secret ?? newSecret(),
			filterTypes: input.filterTypes && input.filterTypes.length > 0 ? [...input.filterTypes] : null,
			description: input.description ?? '',
			createdAt: new Date(nowMs).toISOString(),
		};
		this.endpoints.push(endpoint);
		return endpoint;
	}

	listEndpoints(): WebhookEndpoint[] {
		return this.endpoints.map((e) => ({ ...e }));
	}

	removeEndpoint(id?: string): number {
		const before = this.endpoints.length;
		this.endpoints = id === undefined ? [] : this.endpoints.filter((e) => e.id !== id);
		return before - this.endpoints.length;
	}

	addFault(fault: WebhookFault): StoredFault {
		this.faultCounter += 1;
		const stored: StoredFault = { ...fault, id: this.faultCounter, used: 0 };
		this.faults.push(stored);
		return stored;
	}

	listFaults(): StoredFault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	clearFaults(): number {
		const count = this.faults.length;
		this.faults = [];
		return count;
	}

	listMessages(): WebhookMessage[] {
		return [...this.messages];
	}

	listAttempts(filter: { endpointId?: string; messageId?: string; eventType?: string } = {}): DeliveryAttempt[] {
		return this.attempts.filter(
			(a) =>
				(filter.endpointId === undefined || a.endpointId === filter.endpointId) &&
				(filter.messageId === undefined || a.messageId === filter.messageId) &&
				(filter.eventType === undefined || a.eventType === filter.eventType),
		);
	}

	clearAttempts(): void {
		this.attempts = [];
	}

	/** Deliveries scheduled or on the wire. */
	pending(): number {
		return this.timers.size + this.inFlight;
	}

	summary() {
		return {
			endpoints: this.endpoints.length,
			messages: this.messages.length,
			attempts: this.attempts.length,
			pending: this.pending(),
			faults: this.faults.length,
			config: this.currentConfig(),
		};
	}

	/** Forgets everything (endpoints included) and cancels scheduled retries. */
	reset(): void {
		this.close();
		this.endpoints = [];
		this.messages = [];
		this.attempts = [];
		this.faults = [];
		this.config = { retryDelaysMs: [...SVIX_RETRY_DELAYS_MS], timeoutMs: SVIX_TIMEOUT_MS };
	}

	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	/** A new message, sent to every endpoint subscribed to its type (or only to `endpointId`). */
	publish(eventType: string, data: unknown, source: string, options: { endpointId?: string; nowMs?: number } = {}): WebhookMessage {
		const nowMs = options.nowMs ?? Date.now();
		const message: WebhookMessage = {
			id: newMessageId(),
			eventType,
			payload: JSON.stringify({ type: eventType, data }),
			createdAt: new Date(nowMs).toISOString(),
			source,
		};
		this.messages.push(message);
		for (const endpoint of this.endpoints) {
			if (options.endpointId !== undefined && endpoint.id !== options.endpointId) continue;
			if (options.endpointId === undefined && endpoint.filterTypes && !endpoint.filterTypes.includes(eventType)) continue;
			const faults = this.takeFaults(endpoint, eventType);
			this.schedule(0, () => this.deliver(message, endpoint, faults, 1, false));
		}
		return message;
	}

	private takeFaults(endpoint: WebhookEndpoint, eventType: string): StoredFault[] {
		const taken: StoredFault[] = [];
		for (const fault of this.faults) {
			if (fault.endpointId !== undefined && fault.endpointId !== endpoint.id) continue;
			if (fault.eventType !== undefined && fault.eventType !== eventType) continue;
			const times = fault.times ?? 1;
			if (times !== 0 && fault.used >= times) continue;
			fault.used += 1;
			taken.push({ ...fault });
		}
		this.faults = this.faults.filter((f) => (f.times ?? 1) === 0 || f.used < (f.times ?? 1));
		return taken;
	}

	private schedule(delayMs: number, run: () => Promise<void>): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void run();
		}, delayMs);
		this.timers.add(timer);
	}

	private async deliver(message: WebhookMessage, endpoint: WebhookEndpoint, faults: StoredFault[], attempt: number, duplicate: boolean): Promise<void> {
		const kinds = faults.map((f) => f.kind);
		const nowSeconds = Math.floor(Date.now() / 1000);
		const offset = (kind: WebhookFaultKind) => faults.find((f) => f.kind === kind)?.offsetSeconds ?? 600;
		let timestamp = nowSeconds;
		if (kinds.includes('staleTimestamp')) timestamp -= offset('staleTimestamp');
		if (kinds.includes('futureTimestamp')) timestamp += offset('futureTimestamp');
		const secret = kinds.includes('wrongSecret') ? newSecret() : endpoint.secret;
		const signature = svixSign(secret, message.id, timestamp, message.payload);
		const body = kinds.includes('tamperBody') ? message.payload.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : message.payload;
		const record: DeliveryAttempt = {
			messageId: message.id,
			endpointId: endpoint.id,
			eventType: message.eventType,
			attempt,
			duplicate,
			at: new Date().toISOString(),
			svixTimestamp: timestamp,
			faults: kinds,
			status: 0,
			ok: false,
		};
		this.attempts.push(record);
		this.inFlight += 1;
		let abort = false;
		try {
			const response = await fetch(endpoint.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'user-agent': 'Svix-Webhooks/1.0 (appstle-sandbox)',
					'svix-id': message.id,
					'svix-timestamp': String(timestamp),
					'svix-signature': signature,
				},
				body,
				redirect: 'manual',
				signal: AbortSignal.timeout(this.config.timeoutMs),
			});
			record.status = response.status;
			record.responseBody = (await response.text()).slice(0, 500);
			// 3xx counts as a failure, as at Svix.
			record.ok = response.status >= 200 && response.status < 300;
			abort = response.headers.get('webhook-delivery') === 'abort-message';
		} catch (error) {
			record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		} finally {
			this.inFlight -= 1;
		}
		if (!this.endpoints.some((e) => e.id === endpoint.id)) return;
		if (record.ok) {
			if (kinds.includes('duplicate') && !duplicate) {
				this.schedule(0, () => this.deliver(message, endpoint, faults.filter((f) => f.kind !== 'duplicate'), attempt, true));
			}
			return;
		}
		if (abort || duplicate) return;
		const delay = this.config.retryDelaysMs[attempt - 1];
		if (delay === undefined) return;
		record.nextRetryAt = new Date(Date.now() + delay).toISOString();
		this.schedule(delay, () => this.deliver(message, endpoint, faults, attempt + 1, false));
	}

	/** The webhook an activity-log entry causes, as Appstle sends them (if any). */
	onActivity(state: SandboxState, entry: ActivityLog): void {
		if (this.endpoints.length === 0) return;
		const event = webhookEventOf(entry);
		if (!event) return;
		this.publish(event.type, payloadOf(state, entry, event.payload), `activity-log:${entry.id}`);
	}
}

const CONTRACT_EVENTS: Record<string, string> = {
	CONTRACT_CREATED: 'subscription.created',
	CONTRACT_ACTIVATED: 'subscription.activated',
	CONTRACT_PAUSED: 'subscription.paused',
	CONTRACT_CANCELLED: 'subscription.cancelled',
	NEXT_BILLING_DATE_CHANGE: 'subscription.next-order-date-changed',
	BILLING_INTERVAL_CHANGE: 'subscription.billing-interval-changed',
};

export function webhookEventOf(entry: ActivityLog): { type: string; payload: 'contract' | 'billingAttempt' } | undefined {
	if (CONTRACT_EVENTS[entry.eventType]) return { type: CONTRACT_EVENTS[entry.eventType], payload: 'contract' };
	if (entry.eventType === 'BILLING_ATTEMPT_TRIGGERED') {
		if (entry.status === 'SUCCESS') return { type: 'subscription.billing-success', payload: 'billingAttempt' };
		if (entry.status === 'FAILURE') return { type: 'subscription.billing-failure', payload: 'billingAttempt' };
		return undefined;
	}
	if (entry.eventType === 'BILLING_ATTEMPT_SKIPPED') return { type: 'subscription.billing-skipped', payload: 'billingAttempt' };
	if (entry.entityType === 'SUBSCRIPTION_CONTRACT_DETAILS' && entry.eventType !== 'INFORMATIONAL_EVENT') {
		return { type: 'subscription.updated', payload: 'contract' };
	}
	return undefined;
}

function infoOf(entry: ActivityLog): Record<string, unknown> {
	try {
		const parsed = JSON.parse(entry.additionalInfo ?? '{}') as unknown;
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** The `data` of a webhook: the contract (Shopify GraphQL shape) or the billing attempt DTO. */
export function payloadOf(state: SandboxState, entry: ActivityLog, kind: 'contract' | 'billingAttempt'): unknown {
	if (kind === 'billingAttempt') {
		const attemptId = Number(infoOf(entry).billingAttemptId);
		const attempt = state.billingAttempts.find((a) => a.id === attemptId);
		return attempt ? attemptDto(attempt) : { contractId: entry.entityId, status: entry.status };
	}
	const contract = state.contracts.find((c) => c.contractId === entry.entityId);
	return contract
		? shopifyContract(state, contract)
		: { __typename: 'SubscriptionContract', id: `gid://shopify/SubscriptionContract/${entry.entityId}` };
}
