/**
 * What one node execution cost in requests, for the execution hints that tell a user about rate
 * limits and paging afterwards. Kept per execution context object, so parallel executions (and
 * the trigger's polls) never mix their counts, and dropped with the context.
 */
export interface RequestStats {
	/** Requests sent to Appstle, retries included. */
	requests: number;
	/** How many of them Appstle answered with 429. */
	rateLimited: number;
	/** Requests whose answer was returned to the caller (read). */
	succeeded: number;
	/** Time spent waiting for rate-limit cooldowns (not the steady pacing between requests). */
	cooldownWaitMs: number;
}

const statsByContext = new WeakMap<object, RequestStats>();

export function requestStatsOf(context: object): RequestStats {
	let stats = statsByContext.get(context);
	if (!stats) {
		stats = { requests: 0, rateLimited: 0, succeeded: 0, cooldownWaitMs: 0 };
		statsByContext.set(context, stats);
	}
	return stats;
}
