/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * Admin endpoints under /__sandbox (no auth): reset, faults, request log, rate
 * limit, activity-log inserts and read access to the state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { loadContract } from './contract-schema';
import { faultRuleSchema } from './faults';
import { rateLimitSchema } from './rate-limit';
import type { SandboxCore } from './server';
import type { SandboxState } from './state';
import { isZonedDateTime } from './validate';
import { handleWebhookAdmin } from './webhook-admin';

/** Collections readable through GET /__sandbox/state/:collection[/:id], and the id field of each. */
export const COLLECTIONS = {
	contracts: 'contractId',
	customers: 'id',
	billingAttempts: 'id',
	subscriptionGroups: 'id',
	bundles: 'id',
	productSwaps: 'id',
	oneOffs: 'id',
	activityLogs: 'id',
	products: 'id',
	deliveryProfiles: 'id',
} as const satisfies Partial<Record<keyof SandboxState, string>>;

export type CollectionName = keyof typeof COLLECTIONS;

function reply(res: ServerResponse, status: number, body?: unknown): void {
	const text = body === undefined ? undefined : JSON.stringify(body);
	res.writeHead(status, {
		...(text === undefined ? {} : { 'Content-Type': 'application/json' }),
		'Content-Length': text === undefined ? 0 : Buffer.byteLength(text),
	});
	res.end(text);
}

function parseJson(raw: Buffer): unknown {
	if (raw.length === 0) return undefined;
	return JSON.parse(raw.toString('utf8'));
}

const resetSchema = z.object({ seed: z.number().int().optional() }).strict().optional();

const rateLimitBody = z.union([z.object({ enabled: z.literal(false) }).strict(), rateLimitSchema]);

function eventsSchema() {
	const enums = loadContract().enums;
	const oneOf = (values: string[]) => z.string().refine((v) => values.includes(v), { message: `must be one of ${values.join(', ')}` });
	return z
		.object({
			events: z
				.array(
					z
						.object({
							entityId: z.number().int(),
							entityType: oneOf(enums.activityLogEntityType),
							eventType: oneOf(enums.activityLogEventType),
							eventSource: oneOf(enums.activityLogEventSource).optional(),
							status: z.enum(['SUCCESS', 'FAILURE', 'INFO']).optional(),
							createAt: z.string().refine(isZonedDateTime, { message: 'must be an ISO-8601 date-time with Z or an offset' }).optional(),
							additionalInfo: z.union([z.string(), z.record(z.string(), z.unknown())]).nullable().optional(),
						})
						.strict(),
				)
				.min(1),
		})
		.strict();
}

function zodMessage(err: z.ZodError): string {
	return err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

export function handleAdmin(
	core: SandboxCore,
	req: IncomingMessage,
	res: ServerResponse,
	pathname: string,
	query: Record<string, string[]>,
	rawBody: Buffer,
): void {
	const method = (req.method ?? 'GET').toUpperCase();
	const parts = pathname.split('/').filter((p) => p !== '').slice(1).map(decodeURIComponent);
	const route = `${method} /${parts[0] ?? ''}`;
	let body: unknown;
	try {
		body = parseJson(rawBody);
	} catch (e) {
		reply(res, 400, { error: `Invalid JSON: ${(e as Error).message}` });
		return;
	}
	const parse = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
		const result = schema.safeParse(value);
		if (result.success) return result.data;
		reply(res, 400, { error: zodMessage(result.error) });
		return undefined;
	};

	if (parts[0] === 'webhooks' || parts[0] === 'billing') {
		handleWebhookAdmin(core, method, parts, query, body, (status, value) => reply(res, status, value));
		return;
	}

	switch (route) {
		case 'GET /': {
			const s = core.state;
			reply(res, 200, {
				shop: s.shop,
				seed: core.currentSeed(),
				epoch: new Date(core.epoch).toISOString(),
				counts: Object.fromEntries(Object.keys(COLLECTIONS).map((c) => [c, (s[c as CollectionName] as unknown[]).length])),
				rateLimit: core.limiter.current(),
				faults: core.faults.list().length,
			});
			return;
		}
		case 'POST /reset': {
			const input = parse(resetSchema, body);
			if (body !== undefined && input === undefined) return;
			core.reset(input?.seed);
			reply(res, 200, { seed: core.currentSeed(), contracts: core.state.contracts.length, activityLogs: core.state.activityLogs.length });
			return;
		}
		case 'POST /faults': {
			const rule = parse(faultRuleSchema, body);
			if (!rule) return;
			reply(res, 201, core.faults.add(rule));
			return;
		}
		case 'GET /faults':
			reply(res, 200, core.faults.list());
			return;
		case 'DELETE /faults':
			reply(res, 200, { cleared: core.faults.clear() });
			return;
		case 'GET /requests':
			reply(res, 200, core.requests.list({ route: query.route?.[0], method: query.method?.[0] }));
			return;
		case 'DELETE /requests':
			core.requests.clear();
			reply(res, 204);
			return;
		case 'GET /rate-limit':
			reply(res, 200, { config: core.limiter.current() });
			return;
		case 'POST /rate-limit': {
			const cfg = parse(rateLimitBody, body);
			if (!cfg) return;
			reply(res, 200, { config: core.limiter.configure('enabled' in cfg ? false : cfg) });
			return;
		}
		case 'POST /activity-logs': {
			const input = parse(eventsSchema(), body);
			if (!input) return;
			const inserted = input.events.map((e) =>
				core.record({
					entityId: e.entityId,
					entityType: e.entityType,
					eventType: e.eventType,
					eventSource: e.eventSource ?? 'SYSTEM_EVENT',
					status: e.status ?? 'SUCCESS',
					createAt: e.createAt,
					additionalInfo: e.additionalInfo ?? undefined,
				}),
			);
			reply(res, 201, { events: inserted });
			return;
		}
		case 'GET /state': {
			const name = parts[1] as CollectionName | undefined;
			if (!name || !(name in COLLECTIONS)) {
				reply(res, 404, { error: `Unknown collection '${parts[1] ?? ''}'; use one of ${Object.keys(COLLECTIONS).join(', ')}` });
				return;
			}
			const items = core.state[name] as unknown as Array<Record<string, unknown>>;
			if (parts.length === 2) {
				reply(res, 200, items);
				return;
			}
			const idField = COLLECTIONS[name];
			const found = items.find((item) => String(item[idField]) === parts[2]);
			if (!found) {
				reply(res, 404, { error: `No ${name} item with ${idField} ${parts[2]}` });
				return;
			}
			reply(res, 200, found);
			return;
		}
		default:
			reply(res, 404, { error: `Unknown admin endpoint ${method} ${pathname}` });
	}
}
