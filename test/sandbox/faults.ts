/**
 * Fault injection: per route, for the next N calls, answer with an error page, a
 * broken body, an empty body, a delay or a dropped connection instead of (or, for
 * latency only, before) the normal answer.
 */
import { z } from 'zod';

export const faultRuleSchema = z
	.object({
		method: z.string().optional(),
		/** A route template such as '/api/external/v2/activity-logs', a concrete path, or '*'. */
		path: z.string(),
		/** Let the first N matching calls through before firing. */
		skip: z.number().int().nonnegative().optional(),
		/** How many calls to fault (default 1; 0 = until cleared). */
		times: z.number().int().nonnegative().optional(),
		status: z.number().int().min(100).max(599).optional(),
		body: z.unknown().optional(),
		kind: z.enum(['json', 'html', 'malformed', 'empty']).optional(),
		headers: z.record(z.string(), z.string()).optional(),
		latencyMs: z.number().int().nonnegative().optional(),
		/** Destroy the socket without any response. */
		drop: z.boolean().optional(),
		/**
		 * Let the real handler run first (its change is applied), then answer with the fault
		 * instead: an answer lost after the work was done.
		 */
		afterHandler: z.boolean().optional(),
	})
	.strict();

export type FaultRule = z.infer<typeof faultRuleSchema>;

export interface StoredFault extends FaultRule {
	id: number;
	/** Matching calls let through so far (counts towards `skip`). */
	seen: number;
	/** Times fired so far. */
	fired: number;
}

/** True when the rule only delays the normal answer. */
export function isLatencyOnly(rule: FaultRule): boolean {
	return (
		rule.status === undefined &&
		rule.body === undefined &&
		rule.kind === undefined &&
		rule.headers === undefined &&
		!rule.drop
	);
}

export class FaultInjector {
	private rules: StoredFault[] = [];
	private nextId = 1;

	add(rule: FaultRule): StoredFault {
		const stored: StoredFault = { ...rule, id: this.nextId++, seen: 0, fired: 0 };
		this.rules.push(stored);
		return stored;
	}

	clear(): number {
		const n = this.rules.length;
		this.rules = [];
		return n;
	}

	list(): StoredFault[] {
		return this.rules.map((r) => ({ ...r }));
	}

	/** Finds the rule that fires for this call (and consumes one use of it). */
	take(method: string, template: string | undefined, path: string): StoredFault | undefined {
		for (const rule of this.rules) {
			if (rule.method && rule.method.toUpperCase() !== method) continue;
			if (rule.path !== '*' && rule.path !== template && rule.path !== path) continue;
			if (rule.seen < (rule.skip ?? 0)) {
				rule.seen++;
				continue;
			}
			rule.fired++;
			const times = rule.times ?? 1;
			if (times > 0 && rule.fired >= times) this.rules = this.rules.filter((r) => r !== rule);
			return { ...rule };
		}
		return undefined;
	}
}

export function nginxErrorPage(status: number, reason: string): string {
	return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A JSON document cut off mid-way. */
export const MALFORMED_JSON = '{"type":"https://www.jhipster.tech/problem/problem-with-message","title":"Internal Server Err';
