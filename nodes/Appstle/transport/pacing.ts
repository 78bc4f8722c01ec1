import { createHash } from 'crypto';

/**
 * Adaptive pacing, one gate per API key per n8n process.
 *
 * Appstle throttles per store key (about two requests per second, documented nowhere) and
 * answers a burst with 429 and a cooldown during which every call is refused. So every node,
 * list search and trigger that uses the same key in this process goes through one gate:
 *
 * - **Pacing**: a token bucket at the gate's current rate, never above the credential's rate
 *   (the ceiling). The gate starts at the rate Appstle usually allows a key and climbs above it
 *   only slowly (slow start): a raised ceiling is a bound to approach, not a guess to start from,
 *   because each 429 costs a cooldown of seconds to minutes.
 * - **Shared cooldown**: the first 429 closes the gate for every caller of the key; after the
 *   cooldown one probe request goes first, and only when it gets through do the others follow.
 *   The cooldown is Appstle's `Retry-After` when it sends one; otherwise what the gate learned
 *   from the last cooldown (fading back to {@link PACING_POLICY.initialCooldownMs} over time),
 *   and further probes are spaced out, each gap longer than the one before. No cooldown is
 *   longer than the caller's cap (the credential's Max Wait), so a later request always gets
 *   to probe.
 * - **Rate**: each cooldown sets a cap under the rate that was refused, and the gate continues
 *   at that cap at once (no second overshoot while climbing back). The rate that was refused is
 *   the one actually sent at, when the gate saw enough requests to tell. Above the usual rate the
 *   gate only gets by its slow climb, so a refusal there is just above the real limit. A 429 at a
 *   rate the key normally allows this process (the usual rate, or a cap learned earlier) means
 *   something else uses the key too, e.g. another n8n process in queue mode: then this process
 *   takes half of what it had.
 *
 * The gate is pure bookkeeping on an injected clock; waiting is {@link passGate}'s job.
 */

/** Tuning of the adaptation. A plain object, so tests can shorten the cooldown they sit through. */
export const PACING_POLICY = {
	/** The cap after a 429 above the usual rate (reached only by the slow climb, so just above the real limit), as a share of the refused rate. */
	settleFactor: 0.85,
	/** The cap after a 429 at a rate the key normally allows: others use the key too, this process takes half. */
	sharedFactor: 0.5,
	/** Added to the rate after each answer that is not a 429, below the usual rate, as a share of the ceiling. */
	increaseShare: 0.01,
	/** Added to the rate after each answer at or above the usual rate, as a share of it (slow start towards a raised ceiling). */
	climbShare: 0.0005,
	minRatePerSecond: 0.05,
	/** How far back the gate looks to see the rate it actually sent at. */
	observeWindowMs: 10_000,
	/** Over a shorter span the observed rate is mostly the burst: the paced rate is used instead. */
	minObserveMs: 2_000,
	/** The first cooldown guess when Appstle sends no Retry-After and nothing has been learned. */
	initialCooldownMs: 30_000,
	/** Each probe that still gets a 429 (no Retry-After) waits this much longer than the last. */
	cooldownGrowth: 2,
	maxCooldownMs: 300_000,
	/** A learned cooldown moves half way back to the initial guess in this time. */
	learnedCooldownHalfLifeMs: 600_000,
	/** The smallest cap a caller may put on a cooldown: a Max Wait of 0 must not mean "probe at once, again and again". */
	minCooldownCapMs: 1_000,
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

export interface GateSettings {
	/** Requests per second this process may send on the key at most. */
	ceiling: number;
	burst: number;
	/** The rate the key normally allows this process: a 429 at or under it means others use the key too. */
	usualRate: number;
}

export interface GateSnapshot {
	ceiling: number;
	rate: number;
	cap: number;
	cooling: boolean;
	blockedForMs: number;
	/** What the next cooldown without Retry-After would wait, if something was learned. */
	learnedCooldownMs?: number;
	cooldowns: number;
	/** The last cooldown was read as others sharing the key (a 429 at a rate it normally allows). */
	shared: boolean;
}

/** How many send times the gate keeps to see its own rate; more than a window's worth at any sane ceiling. */
const MAX_SENT_KEPT = 256;

export class AdaptiveGate {
	private settings: GateSettings;

	private rate: number;

	/** Set by the cooldowns: the rate this process keeps under on this key. */
	private learnedCap = Infinity;

	private shared = false;

	private tokens: number;

	private updatedAt: number;

	/** When requests were let through since the last cooldown (or the start), oldest first. */
	private sent: number[] = [];

	private observedSince: number;

	private epoch = 0;

	/** Set from the first 429 of an episode until a probe gets through. */
	private episode?: {
		blockedUntil: number;
		/** The wait before the next probe. */
		gapMs: number;
		failedProbes: number;
		usedRetryAfter: boolean;
		probeSentAt?: number;
	};

	/** The wait that let the last cooldown's first successful probe through, and when it was learned. */
	private learned?: { ms: number; at: number };

	private cooldowns = 0;

	constructor(
		settings: GateSettings,
		private readonly clock: Clock = Date.now,
	) {
		this.settings = { ...settings };
		this.rate = Math.min(settings.ceiling, settings.usualRate);
		this.tokens = settings.burst;
		this.updatedAt = clock();
		this.observedSince = this.updatedAt;
	}

	/** The credential's settings, applied on every request (a user may have edited them). */
	configure(settings: GateSettings): void {
		this.settings = { ...settings };
		this.rate = Math.min(this.rate, this.cap());
		this.tokens = Math.min(this.tokens, settings.burst);
	}

	private cap(): number {
		return Math.max(PACING_POLICY.minRatePerSecond, Math.min(this.settings.ceiling, this.learnedCap));
	}

	/** What a cooldown taught, faded towards the initial guess by the time since. */
	private learnedCooldownMs(now: number): number | undefined {
		if (!this.learned) return undefined;
		const initial = PACING_POLICY.initialCooldownMs;
		const fade = 0.5 ** ((now - this.learned.at) / PACING_POLICY.learnedCooldownHalfLifeMs);
		return Math.round(initial + (this.learned.ms - initial) * fade);
	}

	/** The rate requests actually went out at lately, when the span seen is long enough to tell. */
	private observedRate(now: number): number | undefined {
		const from = Math.max(this.observedSince, now - PACING_POLICY.observeWindowMs);
		const spanMs = now - from;
		if (spanMs < PACING_POLICY.minObserveMs) return undefined;
		const count = this.sent.filter((t) => t >= from && t <= now).length;
		return count / (spanMs / 1000);
	}

	private recordSend(at: number): void {
		this.sent.push(at);
		if (this.sent.length > MAX_SENT_KEPT) this.sent.shift();
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
		this.tokens = Math.min(this.settings.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
		this.updatedAt = now;
		this.tokens -= 1;
		const ticket: Ticket = { epoch: this.epoch, probe: false, rate: this.rate };
		if (this.tokens >= 0) {
			this.recordSend(now);
			return { go: true, ticket };
		}
		const waitMs = Math.ceil((-this.tokens / this.rate) * 1000);
		this.recordSend(now + waitMs);
		return { go: false, reason: 'pace', waitMs, ticket };
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
			// This probe shows that waiting the last gap after a 429 was enough: that replaces what
			// the last episode taught, and is never added to it.
			if (!episode.usedRetryAfter) this.learned = { ms: episode.gapMs, at: now };
			this.episode = undefined;
			this.tokens = 0;
			this.updatedAt = now;
			this.sent = [now];
			this.observedSince = now;
			return;
		}
		const { ceiling, usualRate } = this.settings;
		const step = this.rate < usualRate ? ceiling * PACING_POLICY.increaseShare : usualRate * PACING_POLICY.climbShare;
		this.rate = Math.min(this.cap(), this.rate + step);
	}

	/** The request never got an answer (cancelled): a probe frees the gate for the next one. */
	release(ticket: Ticket): void {
		if (this.episode && ticket.probe && ticket.epoch === this.epoch) this.episode.probeSentAt = undefined;
	}

	/**
	 * A 429. `maxGapMs` is the longest the caller lets it close the gate (its Max Wait; never
	 * below {@link PACING_POLICY.minCooldownCapMs}). Returns how long the gate is now closed, and
	 * whether this 429 began a new cooldown (the caller that saw it is the one to log it).
	 */
	onRateLimited(ticket: Ticket, retryAfterMs?: number, maxGapMs = Infinity): { startedCooldown: boolean; waitMs: number } {
		const now = this.clock();
		const limit = Math.max(PACING_POLICY.minCooldownCapMs, maxGapMs);
		const episode = this.episode;
		if (!episode && ticket.epoch === this.epoch) {
			const refused = Math.min(ticket.rate, this.observedRate(now) ?? Infinity);
			// Refused at a rate the key normally allows this process: the rest of its limit goes elsewhere.
			this.shared = refused <= Math.max(this.settings.usualRate, Number.isFinite(this.learnedCap) ? this.learnedCap : 0) + 1e-9;
			const factor = this.shared ? PACING_POLICY.sharedFactor : PACING_POLICY.settleFactor;
			this.learnedCap = Math.max(PACING_POLICY.minRatePerSecond, Math.min(this.learnedCap, refused * factor));
			this.rate = this.cap();
			this.epoch++;
			this.cooldowns++;
			const gapMs = Math.min(limit, retryAfterMs ?? this.learnedCooldownMs(now) ?? PACING_POLICY.initialCooldownMs);
			this.episode = { blockedUntil: now + gapMs, gapMs, failedProbes: 0, usedRetryAfter: retryAfterMs !== undefined };
			return { startedCooldown: true, waitMs: gapMs };
		}
		if (episode && ticket.probe && ticket.epoch === this.epoch) {
			// Still cooling down: space the next probe out further. The gaps grow from the first
			// guess, not from the learned wait, so one episode's evidence never compounds into the next.
			episode.failedProbes++;
			const growth = PACING_POLICY.cooldownGrowth ** episode.failedProbes;
			const grown = Math.min(PACING_POLICY.maxCooldownMs, PACING_POLICY.initialCooldownMs * growth);
			const gapMs = Math.min(limit, retryAfterMs ?? grown);
			episode.gapMs = gapMs;
			episode.blockedUntil = now + gapMs;
			episode.probeSentAt = undefined;
			if (retryAfterMs !== undefined) episode.usedRetryAfter = true;
			return { startedCooldown: false, waitMs: gapMs };
		}
		// A request sent before the cooldown began: the cooldown already covers it.
		if (episode && retryAfterMs !== undefined) episode.blockedUntil = Math.max(episode.blockedUntil, now + Math.min(limit, retryAfterMs));
		return { startedCooldown: false, waitMs: Math.max(0, (episode?.blockedUntil ?? now) - now) };
	}

	snapshot(): GateSnapshot {
		const now = this.clock();
		return {
			ceiling: this.settings.ceiling,
			rate: this.rate,
			cap: this.cap(),
			cooling: this.episode !== undefined,
			blockedForMs: Math.max(0, (this.episode?.blockedUntil ?? now) - now),
			learnedCooldownMs: this.learnedCooldownMs(now),
			cooldowns: this.cooldowns,
			shared: this.shared,
		};
	}
}

const gates = new Map<string, AdaptiveGate>();

/** The gate of an API key in this process. Keyed by a hash: the key itself is never kept. */
export function gateFor(apiKey: string, settings: GateSettings): AdaptiveGate {
	const id = createHash('sha256').update(apiKey).digest('hex');
	let gate = gates.get(id);
	if (!gate) {
		gate = new AdaptiveGate(settings);
		gates.set(id, gate);
	} else {
		gate.configure(settings);
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
