import { createHash } from 'crypto';

/**
 * Adaptive pacing, one gate per API key per n8n process.
 *
 * Appstle throttles per store key (about two requests per second, documented nowhere) and
 * answers a burst with 429 and a cooldown during which every call is refused. So every node,
 * list search and trigger that uses the same key in this process goes through one gate:
 *
 * - **Pacing**: a token bucket at the gate's current rate, never above the credential's rate
 *   (the ceiling).
 * - **Shared cooldown**: the first 429 closes the gate for every caller of the key; after the
 *   cooldown one probe request goes first, and only when it gets through do the others follow.
 *   The cooldown is Appstle's `Retry-After` when it sends one; otherwise the gate waits what it
 *   learned last time (or {@link PACING_POLICY.initialCooldownMs}) and spaces further probes
 *   out, each gap longer than the one before, up to minutes.
 * - **Rate**: each cooldown (not each of the concurrent 429s that belong to it) halves the
 *   rate and caps future climbing below the rate that was refused; every answer that is not a
 *   429 adds a little back (multiplicative decrease, additive increase). What the gate learned
 *   lasts as long as the process, so the next execution on the key starts from it.
 *
 * The gate is pure bookkeeping on an injected clock; waiting is {@link passGate}'s job.
 */

/** Tuning of the adaptation. A plain object, so tests can shorten the cooldown they sit through. */
export const PACING_POLICY = {
	/** The rate after a cooldown, as a share of the rate that was refused. */
	decreaseFactor: 0.5,
	/** How close to a refused rate the gate may climb back (a share of it). */
	capFactor: 0.8,
	/** Added to the rate after each answer that is not a 429, as a share of the ceiling. */
	increaseShare: 0.01,
	minRatePerSecond: 0.05,
	/** The first cooldown guess when Appstle sends no Retry-After and nothing has been learned. */
	initialCooldownMs: 30_000,
	/** Each probe that still gets a 429 (no Retry-After) waits this much longer than the last. */
	cooldownGrowth: 2,
	maxCooldownMs: 300_000,
	/** How often callers look whether the probe has come back. */
	probePollMs: 100,
	/** A probe that never reports (its execution was cancelled) frees the gate after this. */
	probeTimeoutMs: 120_000,
};

export type Clock = () => number;

export interface Ticket {
	/** Which cooldown episode the ticket belongs to; a 429 from an older one is old news. */
	epoch: number;
	probe: boolean;
	/** The gate's rate when the ticket was issued. */
	rate: number;
}

export type Admission =
	| { go: true; ticket: Ticket }
	/** `pace`: a slot is reserved for the ticket, confirm it after the wait. */
	| { go: false; reason: 'pace'; waitMs: number; ticket: Ticket }
	| { go: false; reason: 'cooldown' | 'probe'; waitMs: number };

export interface GateSnapshot {
	ceiling: number;
	rate: number;
	cap: number;
	cooling: boolean;
	blockedForMs: number;
	learnedCooldownMs?: number;
	cooldowns: number;
}

export class AdaptiveGate {
	private ceiling: number;

	private burst: number;

	private rate: number;

	/** The lowest rate that was answered with a 429 in this process. */
	private refusedRate = Infinity;

	private tokens: number;

	private updatedAt: number;

	private epoch = 0;

	/** Set from the first 429 of an episode until a probe gets through. */
	private episode?: {
		startedAt: number;
		blockedUntil: number;
		gapMs: number;
		usedRetryAfter: boolean;
		probeSentAt?: number;
	};

	private learnedCooldownMs?: number;

	private cooldowns = 0;

	constructor(
		ceiling: number,
		burst: number,
		private readonly clock: Clock = Date.now,
	) {
		this.ceiling = ceiling;
		this.burst = burst;
		this.rate = ceiling;
		this.tokens = burst;
		this.updatedAt = clock();
	}

	/** The credential's settings, applied on every request (a user may have edited them). */
	configure(ceiling: number, burst: number): void {
		this.ceiling = ceiling;
		this.burst = burst;
		this.rate = Math.min(this.rate, this.cap());
		this.tokens = Math.min(this.tokens, burst);
	}

	private cap(): number {
		return Math.max(PACING_POLICY.minRatePerSecond, Math.min(this.ceiling, this.refusedRate * PACING_POLICY.capFactor));
	}

	/** Asks to send one request now. */
	admit(): Admission {
		const now = this.clock();
		const episode = this.episode;
		if (episode) {
			if (episode.blockedUntil > now) return { go: false, reason: 'cooldown', waitMs: episode.blockedUntil - now };
			const probeOut = episode.probeSentAt !== undefined && now - episode.probeSentAt < PACING_POLICY.probeTimeoutMs;
			if (probeOut) return { go: false, reason: 'probe', waitMs: PACING_POLICY.probePollMs };
			episode.probeSentAt = now;
			return { go: true, ticket: { epoch: this.epoch, probe: true, rate: this.rate } };
		}
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
		this.updatedAt = now;
		this.tokens -= 1;
		const ticket: Ticket = { epoch: this.epoch, probe: false, rate: this.rate };
		if (this.tokens >= 0) return { go: true, ticket };
		return { go: false, reason: 'pace', waitMs: Math.ceil((-this.tokens / this.rate) * 1000), ticket };
	}

	/** After a pace wait: whether the reserved slot still stands (no cooldown began meanwhile). */
	confirm(ticket: Ticket): boolean {
		return !this.episode && ticket.epoch === this.epoch;
	}

	/** Any answer other than 429 (including errors): Appstle is not rate-limiting the key. */
	onAnswer(ticket: Ticket): void {
		const now = this.clock();
		const episode = this.episode;
		if (episode) {
			if (!ticket.probe || ticket.epoch !== this.epoch) return;
			if (!episode.usedRetryAfter) this.learnedCooldownMs = now - episode.startedAt;
			this.episode = undefined;
			this.tokens = 0;
			this.updatedAt = now;
			return;
		}
		this.rate = Math.min(this.cap(), this.rate + this.ceiling * PACING_POLICY.increaseShare);
	}

	/** The request never got an answer (cancelled): a probe frees the gate for the next one. */
	release(ticket: Ticket): void {
		if (this.episode && ticket.probe && ticket.epoch === this.epoch) this.episode.probeSentAt = undefined;
	}

	/**
	 * A 429. Returns how long the gate is now closed, and whether this 429 began a new cooldown
	 * (the caller that saw it is the one to log it).
	 */
	onRateLimited(ticket: Ticket, retryAfterMs?: number): { startedCooldown: boolean; waitMs: number } {
		const now = this.clock();
		const episode = this.episode;
		if (!episode && ticket.epoch === this.epoch) {
			this.refusedRate = Math.min(this.refusedRate, ticket.rate);
			this.rate = Math.max(PACING_POLICY.minRatePerSecond, Math.min(this.cap(), ticket.rate * PACING_POLICY.decreaseFactor));
			this.epoch++;
			this.cooldowns++;
			const gapMs = retryAfterMs ?? this.learnedCooldownMs ?? PACING_POLICY.initialCooldownMs;
			this.episode = { startedAt: now, blockedUntil: now + gapMs, gapMs, usedRetryAfter: retryAfterMs !== undefined };
			return { startedCooldown: true, waitMs: gapMs };
		}
		if (episode && ticket.probe && ticket.epoch === this.epoch) {
			// Still cooling down: space the next probe out further.
			const gapMs = retryAfterMs ?? Math.min(PACING_POLICY.maxCooldownMs, episode.gapMs * PACING_POLICY.cooldownGrowth);
			episode.gapMs = gapMs;
			episode.blockedUntil = now + gapMs;
			episode.probeSentAt = undefined;
			if (retryAfterMs !== undefined) episode.usedRetryAfter = true;
			return { startedCooldown: false, waitMs: gapMs };
		}
		// A request sent before the cooldown began: the cooldown already covers it.
		if (episode && retryAfterMs !== undefined) episode.blockedUntil = Math.max(episode.blockedUntil, now + retryAfterMs);
		return { startedCooldown: false, waitMs: Math.max(0, (episode?.blockedUntil ?? now) - now) };
	}

	snapshot(): GateSnapshot {
		const now = this.clock();
		return {
			ceiling: this.ceiling,
			rate: this.rate,
			cap: this.cap(),
			cooling: this.episode !== undefined,
			blockedForMs: Math.max(0, (this.episode?.blockedUntil ?? now) - now),
			learnedCooldownMs: this.learnedCooldownMs,
			cooldowns: this.cooldowns,
		};
	}
}

const gates = new Map<string, AdaptiveGate>();

/** The gate of an API key in this process. Keyed by a hash: the key itself is never kept. */
export function gateFor(apiKey: string, ceiling: number, burst: number): AdaptiveGate {
	const id = createHash('sha256').update(apiKey).digest('hex');
	let gate = gates.get(id);
	if (!gate) {
		gate = new AdaptiveGate(ceiling, burst);
		gates.set(id, gate);
	} else {
		gate.configure(ceiling, burst);
	}
	return gate;
}

/** Forgets every key's learned rate and cooldown, as a restart of n8n would (test tooling). */
export function forgetPacing(): void {
	gates.clear();
}

/** Raised when the cooldown would outlast the credential's "Max Wait on Rate Limit". */
export class RateLimitWaitExceeded extends Error {
	constructor(
		readonly waitedMs: number,
		readonly neededMs: number,
	) {
		super('rate limit cooldown longer than the allowed wait');
	}
}

export interface GateWait {
	/** Cooldown time this request has already spent waiting (shared across its attempts). */
	waitedMs: number;
	maxWaitMs: number;
	sleep: (ms: number) => Promise<void>;
	/** Called once per cooldown this request waits for. */
	onCooldown?: (waitMs: number) => void;
}

/**
 * Waits until the gate lets this request go and returns its ticket. Pacing waits are free;
 * cooldown and probe waits count against `maxWaitMs`, and a cooldown that would exceed it
 * fails at once instead of being slept through.
 */
export async function passGate(gate: AdaptiveGate, wait: GateWait): Promise<Ticket> {
	let announced = false;
	for (;;) {
		const admission = gate.admit();
		if (admission.go) return admission.ticket;
		if (admission.reason === 'pace') {
			await wait.sleep(admission.waitMs);
			if (gate.confirm(admission.ticket)) return admission.ticket;
			continue;
		}
		if (wait.waitedMs + admission.waitMs > wait.maxWaitMs) {
			throw new RateLimitWaitExceeded(wait.waitedMs, admission.waitMs);
		}
		if (admission.reason === 'cooldown' && !announced) {
			wait.onCooldown?.(admission.waitMs);
			announced = true;
		}
		wait.waitedMs += admission.waitMs;
		await wait.sleep(admission.waitMs);
	}
}
