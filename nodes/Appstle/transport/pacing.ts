import { createHash } from 'crypto';

/**
 * A token bucket per API key. Appstle throttles per store key and punishes bursts with a
 * cooldown of minutes, so every node, list search and trigger that uses the same key in this
 * n8n process draws from one bucket.
 */
class TokenBucket {
	private tokens: number;

	private updatedAt: number;

	constructor(
		private ratePerSecond: number,
		private burst: number,
	) {
		this.tokens = burst;
		this.updatedAt = Date.now();
	}

	configure(ratePerSecond: number, burst: number) {
		this.ratePerSecond = ratePerSecond;
		this.burst = burst;
		this.tokens = Math.min(this.tokens, burst);
	}

	/** Takes one token now and says how long the caller must wait before using it. */
	reserve(now = Date.now()): number {
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
		this.updatedAt = now;
		this.tokens -= 1;
		return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
	}
}

const buckets = new Map<string, TokenBucket>();

/** The bucket key is a hash, so the key itself is never kept beyond the request. */
export function reserveRequestSlot(apiKey: string, ratePerSecond: number, burst: number): number {
	const id = createHash('sha256').update(apiKey).digest('hex');
	let bucket = buckets.get(id);
	if (!bucket) {
		bucket = new TokenBucket(ratePerSecond, burst);
		buckets.set(id, bucket);
	} else {
		bucket.configure(ratePerSecond, burst);
	}
	return bucket.reserve();
}
