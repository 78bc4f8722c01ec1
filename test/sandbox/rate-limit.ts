/**
 * A per-API-key token bucket shaped like Appstle's observed behaviour: a burst, a
 * steady rate, and once exhausted a cooldown during which every call gets 429.
 */
import { z } from 'zod';

export const rateLimitSchema = z
	.object({
		ratePerSecond: z.number().positive(),
		burst: z.number().int().positive(),
		cooldownMs: z.number().int().nonnegative(),
		/** Send a `Retry-After` header (seconds) with 429 answers. */
		retryAfter: z.boolean().default(true),
	})
	.strict();

export type RateLimitConfig = z.input<typeof rateLimitSchema>;
type ResolvedConfig = z.output<typeof rateLimitSchema>;

interface Bucket {
	tokens: number;
	last: number;
	cooldownUntil: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number; sendRetryAfter: boolean };

export class RateLimiter {
	private config: ResolvedConfig | false = false;
	private buckets = new Map<string, Bucket>();

	configure(config: RateLimitConfig | false): ResolvedConfig | false {
		this.config = config === false ? false : rateLimitSchema.parse(config);
		this.buckets.clear();
		return this.config;
	}

	current(): ResolvedConfig | false {
		return this.config;
	}

	reset(): void {
		this.buckets.clear();
	}

	check(key: string, now: number): RateDecision {
		const cfg = this.config;
		if (!cfg) return { ok: true };
		let b = this.buckets.get(key);
		if (!b) {
			b = { tokens: cfg.burst, last: now, cooldownUntil: 0 };
			this.buckets.set(key, b);
		}
		if (b.cooldownUntil > now) return { ok: false, retryAfterMs: b.cooldownUntil - now, sendRetryAfter: cfg.retryAfter };
		if (b.cooldownUntil !== 0) {
			// Cooldown over: start again with a full bucket.
			b.cooldownUntil = 0;
			b.tokens = cfg.burst;
			b.last = now;
		}
		b.tokens = Math.min(cfg.burst, b.tokens + ((now - b.last) / 1000) * cfg.ratePerSecond);
		b.last = now;
		if (b.tokens >= 1) {
			b.tokens -= 1;
			return { ok: true };
		}
		if (cfg.cooldownMs > 0) {
			b.cooldownUntil = now + cfg.cooldownMs;
			return { ok: false, retryAfterMs: cfg.cooldownMs, sendRetryAfter: cfg.retryAfter };
		}
		return { ok: false, retryAfterMs: ((1 - b.tokens) / cfg.ratePerSecond) * 1000, sendRetryAfter: cfg.retryAfter };
	}
}
