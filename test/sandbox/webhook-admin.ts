/**
 * Admin endpoints for Appstle's side of webhooks (no auth):
 *
 *   GET    /__sandbox/webhooks                   summary (counts, pending deliveries, retry config)
 *   POST   /__sandbox/webhooks/endpoints         {url, secret?, filterTypes?, description?} → 201 endpoint (with its secret)
 *   GET    /__sandbox/webhooks/endpoints         list
 *   DELETE /__sandbox/webhooks/endpoints[/:id]   remove one or all
 *   POST   /__sandbox/webhooks/messages          {eventType, data? | contractId? | billingAttemptId?, endpointId?} → 202 message
 *   GET    /__sandbox/webhooks/messages          every message sent
 *   GET    /__sandbox/webhooks/deliveries        delivery log (?endpointId= &messageId= &eventType=)
 *   DELETE /__sandbox/webhooks/deliveries        clear the log
 *   POST   /__sandbox/webhooks/faults            {kind, endpointId?, eventType?, times?, offsetSeconds?} → 201
 *   GET / DELETE /__sandbox/webhooks/faults
 *   POST   /__sandbox/webhooks/config            {timeScale? | retryDelaysMs?, timeoutMs?}
 *   POST   /__sandbox/billing/run                {contractIds?, until?}: bills due (or the given contracts' next) orders
 *   POST   /__sandbox/billing/notify-upcoming    {withinDays?}: upcoming-order notifications
 */
import { z } from 'zod';

import type { HandlerContext } from './handlers/common';
import { queuedOf } from './handlers/common';
import { chargeNow } from './handlers/contracts';
import type { SandboxCore } from './server';
import { isZonedDateTime } from './validate';
import { attemptDto, shopifyContract } from './views';

type Reply = (status: number, body?: unknown) => void;

const endpointSchema = z
	.object({
		url: z.string().url(),
		secret: z
			.string()
			.regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64')
			.optional(),
		filterTypes: z.array(z.string().min(1)).nullable().optional(),
		description: z.string().optional(),
	})
	.strict();

const messageSchema = z
	.object({
		eventType: z.string().min(1),
		data: z.unknown().optional(),
		contractId: z.number().int().optional(),
		billingAttemptId: z.number().int().optional(),
		endpointId: z.string().optional(),
	})
	.strict();

const faultSchema = z
	.object({
		kind: z.enum(['wrongSecret', 'staleTimestamp', 'futureTimestamp', 'tamperBody', 'duplicate']),
		endpointId: z.string().optional(),
		eventType: z.string().optional(),
		times: z.number().int().min(0).optional(),
		offsetSeconds: z.number().int().positive().optional(),
	})
	.strict();

const configSchema = z
	.object({
		timeScale: z.number().positive().optional(),
		retryDelaysMs: z.array(z.number().int().min(0)).max(20).optional(),
		timeoutMs: z.number().int().positive().optional(),
	})
	.strict();

const billingRunSchema = z
	.object({
		contractIds: z.array(z.number().int()).min(1).optional(),
		until: z.string().refine(isZonedDateTime, { message: 'must be an ISO-8601 date-time with Z or an offset' }).optional(),
	})
	.strict()
	.optional();

const notifySchema = z.object({ withinDays: z.number().positive().optional() }).strict().optional();

function first(query: Record<string, string[]>, name: string): string | undefined {
	return query[name]?.[0];
}

export function handleWebhookAdmin(
	core: SandboxCore,
	method: string,
	parts: string[],
	query: Record<string, string[]>,
	body: unknown,
	reply: Reply,
): void {
	const parse = <T>(schema: z.ZodType<T>, value: unknown): { ok: true; value: T } | { ok: false } => {
		const result = schema.safeParse(value);
		if (result.success) return { ok: true, value: result.data };
		reply(400, { error: result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') });
		return { ok: false };
	};
	const hooks = core.webhooks;
	const route = `${method} /${parts.join('/')}`;

	if (parts[0] === 'billing') {
		billingAdmin(core, route, body, reply, parse);
		return;
	}
	if (method === 'DELETE' && parts[1] === 'endpoints' && parts.length === 3) {
		const removed = hooks.removeEndpoint(parts[2]);
		reply(removed > 0 ? 200 : 404, removed > 0 ? { removed } : { error: `No endpoint ${parts[2]}` });
		return;
	}
	switch (route) {
		case 'GET /webhooks':
			reply(200, hooks.summary());
			return;
		case 'POST /webhooks/endpoints': {
			const input = parse(endpointSchema, body);
			if (input.ok) reply(201, hooks.addEndpoint(input.value));
			return;
		}
		case 'GET /webhooks/endpoints':
			reply(200, hooks.listEndpoints());
			return;
		case 'DELETE /webhooks/endpoints':
			reply(200, { removed: hooks.removeEndpoint() });
			return;
		case 'POST /webhooks/messages': {
			const input = parse(messageSchema, body);
			if (!input.ok) return;
			const { eventType, contractId, billingAttemptId, endpointId } = input.value;
			let data = input.value.data;
			if (data === undefined && billingAttemptId !== undefined) {
				const attempt = core.state.billingAttempts.find((a) => a.id === billingAttemptId);
				if (!attempt) return reply(404, { error: `No billing attempt ${billingAttemptId}` });
				data = attemptDto(attempt);
			} else if (data === undefined && contractId !== undefined) {
				const contract = core.state.contracts.find((c) => c.contractId === contractId);
				if (!contract) return reply(404, { error: `No contract ${contractId}` });
				data = shopifyContract(core.state, contract);
			}
			if (data === undefined) return reply(400, { error: 'give data, contractId or billingAttemptId' });
			if (endpointId !== undefined && !hooks.listEndpoints().some((e) => e.id === endpointId)) {
				return reply(404, { error: `No endpoint ${endpointId}` });
			}
			reply(202, hooks.publish(eventType, data, 'admin', { endpointId }));
			return;
		}
		case 'GET /webhooks/messages':
			reply(200, hooks.listMessages());
			return;
		case 'GET /webhooks/deliveries':
			reply(
				200,
				hooks.listAttempts({
					endpointId: first(query, 'endpointId'),
					messageId: first(query, 'messageId'),
					eventType: first(query, 'eventType'),
				}),
			);
			return;
		case 'DELETE /webhooks/deliveries':
			hooks.clearAttempts();
			reply(204);
			return;
		case 'POST /webhooks/faults': {
			const input = parse(faultSchema, body);
			if (input.ok) reply(201, hooks.addFault(input.value));
			return;
		}
		case 'GET /webhooks/faults':
			reply(200, hooks.listFaults());
			return;
		case 'DELETE /webhooks/faults':
			reply(200, { cleared: hooks.clearFaults() });
			return;
		case 'POST /webhooks/config': {
			const input = parse(configSchema, body);
			if (input.ok) reply(200, hooks.configure(input.value));
			return;
		}
		default:
			reply(404, { error: `Unknown admin endpoint ${method} /__sandbox/${parts.join('/')}` });
	}
}

function billingAdmin(
	core: SandboxCore,
	route: string,
	body: unknown,
	reply: Reply,
	parse: <T>(schema: z.ZodType<T>, value: unknown) => { ok: true; value: T } | { ok: false },
): void {
	const nowMs = Date.now();
	const state = core.state;
	switch (route) {
		case 'POST /billing/run': {
			// Appstle's scheduled billing: each due QUEUED order is charged (source SYSTEM_EVENT).
			const input = parse(billingRunSchema, body);
			if (!input.ok) return;
			const untilMs = input.value?.until ? Date.parse(input.value.until) : nowMs;
			const contracts = state.contracts.filter(
				(c) => !c.hidden && c.status === 'active' && (!input.value?.contractIds || input.value.contractIds.includes(c.contractId)),
			);
			const missing = (input.value?.contractIds ?? []).filter((id) => !state.contracts.some((c) => c.contractId === id));
			if (missing.length > 0) return reply(404, { error: `No contract ${missing.join(', ')}` });
			const ctx = {
				state,
				nowMs,
				log: (entry) => core.record({ ...entry, eventSource: entry.eventSource ?? 'SYSTEM_EVENT' }, nowMs),
			} as Pick<HandlerContext, 'state' | 'nowMs' | 'log'> as HandlerContext;
			const billed: Array<{ contractId: number; billingAttemptId: number; status: string }> = [];
			for (const contract of contracts) {
				const next = queuedOf(state, contract.contractId)[0];
				if (!next) continue;
				if (!input.value?.contractIds && Date.parse(next.billingDate) > untilMs) continue;
				billed.push({ contractId: contract.contractId, billingAttemptId: next.id, status: chargeNow(ctx, contract, next.id) });
			}
			reply(200, { billed });
			return;
		}
		case 'POST /billing/notify-upcoming': {
			const input = parse(notifySchema, body);
			if (!input.ok) return;
			const horizon = nowMs + (input.value?.withinDays ?? 3) * 86_400_000;
			const notified: Array<{ contractId: number; billingAttemptId: number; messageId: string }> = [];
			for (const contract of state.contracts.filter((c) => !c.hidden && c.status === 'active')) {
				const next = queuedOf(state, contract.contractId)[0];
				if (!next) continue;
				const at = Date.parse(next.billingDate);
				if (at < nowMs || at > horizon) continue;
				const message = core.webhooks.publish('subscription.upcoming-order-notification', attemptDto(next), 'billing/notify-upcoming');
				notified.push({ contractId: contract.contractId, billingAttemptId: next.id, messageId: message.id });
			}
			reply(200, { notified });
			return;
		}
		default:
			reply(404, { error: `Unknown admin endpoint ${route}` });
	}
}
