/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * The pacing gate as pure logic on a fake clock: no sleeping, no HTTP. How it behaves in a real
 * run against the sandbox's limiter is in transport.test.ts; how fast it is, in test/bench.
 */
import { AdaptiveGate, type GateSettings, PACING_POLICY, passGate, RateLimitWaitExceeded, type Ticket } from '../nodes/Appstle/transport/pacing';
import { RateLimiter, type RateLimitConfig } from './sandbox/rate-limit';

class FakeClock {
	t = 1_000_000;

	now = () => this.t;

	advance(ms: number) {
		this.t += ms;
	}

	private sleepers: Array<{ at: number; seq: number; wake: () => void }> = [];

	private seq = 0;

	/** A sleep on the fake clock: it ends when {@link settle} moves time to it. */
	sleep = async (ms: number) =>
		await new Promise<void>((wake) => this.sleepers.push({ at: this.t + ms, seq: this.seq++, wake }));

	/** Runs every pending sleeper in time order until no one sleeps any more. */
	async settle<T>(work: Promise<T>): Promise<T> {
		let done = false;
		const mark = () => (done = true);
		void work.then(mark, mark);
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (this.sleepers.length === 0) break;
			this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = this.sleepers.shift()!;
			this.t = Math.max(this.t, next.at);
			next.wake();
		}
		expect(done).toBe(true);
		return await work;
	}
}

function go(gate: AdaptiveGate): Ticket {
	const admission = gate.admit();
	if (!admission.go) throw new Error(`expected to go, got ${admission.reason} ${admission.waitMs} ms`);
	return admission.ticket;
}

/** A gate with the credential defaults' shape: the usual rate is the ceiling unless said otherwise. */
function gateOf(clock: FakeClock, ceiling: number, burst: number, usualRate = ceiling): AdaptiveGate {
	return new AdaptiveGate({ ceiling, burst, usualRate } satisfies GateSettings, clock.now);
}

/**
 * Requests through the gate to the sandbox's limiter on the fake clock, as the transport sends
 * them: wait at the gate, 80 ms on the wire, tell the gate, repeat a 429. Each caller is one
 * sequential execution; several callers (and several gates: several n8n processes) run at once.
 */
async function simulate(
	clock: FakeClock,
	limiter: RateLimiter,
	callers: Array<{ gate: AdaptiveGate; requests: number }>,
	maxWaitMs = 300_000,
): Promise<{ refused: number; sent: number; doneAt: number }> {
	let refused = 0;
	let sent = 0;
	const start = clock.t;
	const run = async ({ gate, requests }: { gate: AdaptiveGate; requests: number }) => {
		const wait = { waitedMs: 0, maxWaitMs, sleep: clock.sleep };
		for (let done = 0; done < requests; ) {
			const ticket = await passGate(gate, wait);
			await clock.sleep(40);
			const decision = limiter.check('key', clock.t);
			await clock.sleep(40);
			sent++;
			if (decision.ok) {
				gate.onAnswer(ticket);
				done++;
				wait.waitedMs = 0;
			} else {
				refused++;
				gate.onRateLimited(ticket, undefined, maxWaitMs);
			}
		}
	};
	await clock.settle(Promise.all(callers.map(run)));
	return { refused, sent, doneAt: clock.t - start };
}

/** The bench's limiter: 2 per second, burst 5, then 30 s of 429 (no Retry-After). */
const APPSTLE_LIKE: RateLimitConfig = { ratePerSecond: 2, burst: 5, cooldownMs: 30_000, retryAfter: false };

function limiterOf(config: RateLimitConfig): RateLimiter {
	const limiter = new RateLimiter();
	limiter.configure(config);
	return limiter;
}

const saved = { ...PACING_POLICY };
afterEach(() => Object.assign(PACING_POLICY, saved));

describe('pacing', () => {
	it('lets a burst through, then spaces requests at the rate', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 3);
		for (let i = 0; i < 3; i++) go(gate);
		const fourth = gate.admit();
		expect(fourth).toMatchObject({ go: false, reason: 'pace', waitMs: 500 });
		const fifth = gate.admit();
		expect(fifth).toMatchObject({ go: false, reason: 'pace', waitMs: 1000 });
	});

	it('never goes above the credential’s rate: it is the ceiling', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 1);
		for (let i = 0; i < 500; i++) {
			const ticket = go(gate);
			gate.onAnswer(ticket);
			clock.advance(500);
		}
		expect(gate.snapshot().rate).toBe(2);
		gate.configure({ ceiling: 1.5, burst: 1, usualRate: 1.5 });
		expect(gate.snapshot().rate).toBe(1.5);
	});

	it('the defaults against an Appstle-like limit of 2 per second: 600 requests, no 429, ≥ 0.95 of the limit', async () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 1.9, 3);
		const { refused, doneAt } = await simulate(clock, limiterOf(APPSTLE_LIKE), [{ gate, requests: 600 }]);
		expect(refused).toBe(0);
		expect(600 / (doneAt / 1000) / 2).toBeGreaterThanOrEqual(0.95);
	});
});

describe('a 429', () => {
	it('closes the gate for every caller for the same cooldown (Retry-After honoured)', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 4, 10);
		const tickets = [go(gate), go(gate), go(gate)];
		const first = gate.onRateLimited(tickets[0], 7_000);
		expect(first).toEqual({ startedCooldown: true, waitMs: 7_000 });
		// The other two were already on the wire: their 429s are part of the same cooldown.
		expect(gate.onRateLimited(tickets[1], 6_000)).toEqual({ startedCooldown: false, waitMs: 7_000 });
		expect(gate.onRateLimited(tickets[2])).toEqual({ startedCooldown: false, waitMs: 7_000 });
		clock.advance(1_000);
		// Everyone, including callers that never saw the 429, waits for what is left of it.
		for (let i = 0; i < 5; i++) expect(gate.admit()).toEqual({ go: false, reason: 'cooldown', waitMs: 6_000 });
		expect(gate.snapshot().cooldowns).toBe(1);
	});

	it('after the cooldown one probe goes first; the rest follow once it gets through', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 4, 10);
		gate.onRateLimited(go(gate), 2_000);
		clock.advance(2_000);
		const probe = go(gate);
		expect(probe.probe).toBe(true);
		expect(gate.admit()).toMatchObject({ go: false, reason: 'probe' });
		expect(gate.admit()).toMatchObject({ go: false, reason: 'probe' });
		gate.onAnswer(probe);
		const next = gate.admit();
		expect(next.go || next.reason === 'pace').toBe(true);
		expect(gate.snapshot().cooling).toBe(false);
	});

	it('a pace slot reserved before the cooldown is not valid after it', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 1);
		const sent = go(gate);
		const reserved = gate.admit();
		expect(reserved).toMatchObject({ go: false, reason: 'pace' });
		gate.onRateLimited(sent, 1_000);
		clock.advance(1_000);
		expect(gate.confirm((reserved as { ticket: Ticket }).ticket)).toBe(false);
	});
});

/** Climbs a gate to its ceiling quickly (answers 300 ms apart, slow start switched off). */
function climb(clock: FakeClock, gate: AdaptiveGate, answers = 40): void {
	Object.assign(PACING_POLICY, { climbShare: 1 });
	for (let i = 0; i < answers; i++) {
		clock.advance(Math.ceil(1000 / gate.snapshot().rate));
		gate.onAnswer(go(gate));
	}
	Object.assign(PACING_POLICY, { climbShare: saved.climbShare });
}

describe('first contact with a limit under the ceiling', () => {
	it('starts at the usual rate and approaches a raised ceiling slowly', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 3, 3, 1.9);
		expect(gate.snapshot().rate).toBe(1.9);
		for (let i = 0; i < 100; i++) {
			clock.advance(600);
			gate.onAnswer(go(gate));
		}
		expect(gate.snapshot().rate).toBeCloseTo(1.9 * (1 + 100 * PACING_POLICY.climbShare));
	});

	it('against an Appstle-like limiter with the ceiling 50 % above it: 120 requests without a 429', async () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 3, 3, 1.9);
		const { refused, doneAt } = await simulate(clock, limiterOf(APPSTLE_LIKE), [{ gate, requests: 120 }]);
		expect(refused).toBe(0);
		expect(120 / (doneAt / 1000) / 2).toBeGreaterThanOrEqual(0.9);
	});

	it('when the climb meets the limit: one cooldown, then under the limit for good', async () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 3, 3, 1.9);
		const { refused } = await simulate(clock, limiterOf(APPSTLE_LIKE), [{ gate, requests: 1500 }]);
		expect(refused).toBe(1);
		expect(gate.snapshot()).toMatchObject({ cooldowns: 1, shared: false });
		expect(gate.snapshot().cap).toBeLessThan(2);
		expect(gate.snapshot().cap).toBeGreaterThan(1.7);
	});

	it('settles under the refused rate at once and stays there: no climbing back into a second 429', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 3, 2, 1.9);
		climb(clock, gate);
		expect(gate.snapshot().rate).toBe(3);
		clock.advance(1_000);
		const burst = [go(gate), go(gate)];
		gate.onRateLimited(burst[0], 1_000);
		gate.onRateLimited(burst[1], 1_000);
		// 0.85 × the rate it sent at over the last seconds (a little under 3 per second).
		expect(gate.snapshot().rate).toBeLessThanOrEqual(3 * PACING_POLICY.settleFactor);
		expect(gate.snapshot().rate).toBeGreaterThan(2.3);
		expect(gate.snapshot().shared).toBe(false);
		clock.advance(1_000);
		gate.onAnswer(go(gate));
		for (let i = 0; i < 200; i++) {
			clock.advance(1_000);
			gate.onAnswer(go(gate));
			expect(gate.snapshot().rate).toBe(gate.snapshot().cap);
		}
		expect(gate.snapshot().rate).toBeLessThanOrEqual(3 * PACING_POLICY.settleFactor);
		expect(gate.snapshot().cooldowns).toBe(1);
	});

	it('takes the rate it actually sent at, when that was below the paced rate', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 20, 1, 1.9);
		climb(clock, gate);
		// Then one request every 250 ms (a slow, sequential execution): 4 per second, far under the ceiling.
		for (let i = 0; i < 40; i++) {
			clock.advance(250);
			gate.onAnswer(go(gate));
		}
		clock.advance(250);
		gate.onRateLimited(go(gate), 1_000);
		expect(gate.snapshot().rate).toBeCloseTo(4 * PACING_POLICY.settleFactor, 0);
	});
});

describe('several n8n processes on one key', () => {
	it('a 429 at a rate the key normally allows: this process takes half (others use the key)', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 1.9, 3);
		gate.onRateLimited(go(gate), 1_000);
		expect(gate.snapshot()).toMatchObject({ shared: true });
		expect(gate.snapshot().rate).toBeCloseTo(1.9 * PACING_POLICY.sharedFactor);
	});

	it('a 429 while under a cap it learned earlier halves that cap too', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 3, 1, 1.9);
		climb(clock, gate);
		clock.advance(1_000);
		gate.onRateLimited(go(gate), 1_000);
		const settled = gate.snapshot().cap;
		expect(gate.snapshot().shared).toBe(false);
		clock.advance(1_000);
		gate.onAnswer(go(gate));
		clock.advance(1_000);
		gate.onRateLimited(go(gate), 1_000);
		expect(gate.snapshot().shared).toBe(true);
		expect(gate.snapshot().cap).toBeCloseTo(settled * PACING_POLICY.sharedFactor);
		expect(gate.snapshot().cooldowns).toBe(2);
	});

	it('two processes at the defaults: one cooldown each, then together under the limit', async () => {
		const clock = new FakeClock();
		const limiter = limiterOf(APPSTLE_LIKE);
		const gates = [gateOf(clock, 1.9, 3), gateOf(clock, 1.9, 3)];
		const { refused } = await simulate(clock, limiter, gates.map((gate) => ({ gate, requests: 120 })));
		for (const gate of gates) expect(gate.snapshot()).toMatchObject({ cooldowns: 1, shared: true });
		expect(refused).toBeLessThanOrEqual(4);
	});

	it('two processes told they share the key (rate and burst halved): no 429 at all', async () => {
		const clock = new FakeClock();
		const gates = [gateOf(clock, 0.95, 1), gateOf(clock, 0.95, 1)];
		const { refused, doneAt } = await simulate(clock, limiterOf(APPSTLE_LIKE), gates.map((gate) => ({ gate, requests: 60 })));
		expect(refused).toBe(0);
		expect(120 / (doneAt / 1000) / 2).toBeGreaterThanOrEqual(0.9);
	});
});

describe('Retry-After', () => {
	it('is capped by the caller’s Max Wait: no answer closes the key for longer', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 5);
		expect(gate.onRateLimited(go(gate), 99_999_000, 60_000)).toEqual({ startedCooldown: true, waitMs: 60_000 });
		expect(gate.snapshot().blockedForMs).toBe(60_000);
		// A request already on the wire with an even longer one does not extend it past the cap either.
		expect(gate.onRateLimited({ epoch: 0, probe: false, rate: 2 }, Infinity, 60_000).waitMs).toBe(60_000);
		clock.advance(60_000);
		// A probe that meets another huge Retry-After closes it for Max Wait again, no more.
		expect(gate.onRateLimited(go(gate), 4_102_444_800_000, 60_000).waitMs).toBe(60_000);
	});

	it('a Max Wait of 0 still closes the gate for a moment, so probes are not sent back to back', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 5);
		expect(gate.onRateLimited(go(gate), 3_600_000, 0).waitMs).toBe(PACING_POLICY.minCooldownCapMs);
	});

	it('a later execution always gets to probe: it waits the capped cooldown instead of failing', async () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 5);
		gate.onRateLimited(go(gate), 99_999_000, 300_000);
		const later = { waitedMs: 0, maxWaitMs: 300_000, sleep: clock.sleep };
		const ticket = await clock.settle(passGate(gate, later));
		expect(ticket.probe).toBe(true);
		expect(later.waitedMs).toBe(300_000);
	});

	it('a Retry-After on a probe replaces the guess', () => {
		Object.assign(PACING_POLICY, { initialCooldownMs: 1_000 });
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 1);
		gate.onRateLimited(go(gate));
		clock.advance(1_000);
		expect(gate.onRateLimited(go(gate), 9_000).waitMs).toBe(9_000);
	});
});

describe('without Retry-After', () => {
	it('spaces probes further and further apart, within the cap', () => {
		Object.assign(PACING_POLICY, { initialCooldownMs: 1_000, cooldownGrowth: 2, maxCooldownMs: 5_000 });
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 1);
		expect(gate.onRateLimited(go(gate)).waitMs).toBe(1_000);
		const gaps: number[] = [];
		for (let i = 0; i < 4; i++) {
			clock.advance(gate.snapshot().blockedForMs);
			gaps.push(gate.onRateLimited(go(gate), undefined, 4_500).waitMs);
		}
		expect(gaps).toEqual([2_000, 4_000, 4_500, 4_500]);
	});

	it('learns the wait that let the first probe through, waits that next time, and fades back to the first guess', () => {
		Object.assign(PACING_POLICY, { initialCooldownMs: 1_000, cooldownGrowth: 2, maxCooldownMs: 60_000, learnedCooldownHalfLifeMs: 100_000 });
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 1);
		gate.onRateLimited(go(gate));
		for (let i = 0; i < 2; i++) {
			clock.advance(gate.snapshot().blockedForMs);
			gate.onRateLimited(go(gate));
		}
		clock.advance(gate.snapshot().blockedForMs);
		gate.onAnswer(go(gate));
		// Gaps of 1 s and 2 s were not enough; 4 s after the last 429 the probe got through.
		expect(gate.snapshot().learnedCooldownMs).toBe(4_000);
		clock.advance(100_000);
		expect(gate.snapshot().learnedCooldownMs).toBe(2_500);
		clock.advance(1_000_000);
		expect(gate.snapshot().learnedCooldownMs).toBeLessThan(1_010);
		// The next cooldown starts from what is left of it.
		clock.advance(60_000);
		expect(gate.onRateLimited(go(gate)).waitMs).toBeLessThan(1_010);
	});

	it('never ratchets up: episodes with failed probes, one after another, do not compound', () => {
		Object.assign(PACING_POLICY, { initialCooldownMs: 1_000, cooldownGrowth: 2, maxCooldownMs: 60_000 });
		const clock = new FakeClock();
		const gate = gateOf(clock, 1000, 1000);
		const learned: number[] = [];
		const firstGaps: number[] = [];
		// Ten episodes in a row, each with three failed probes whatever the gap (injected 429s, not a cooldown).
		for (let episode = 0; episode < 10; episode++) {
			firstGaps.push(gate.onRateLimited(go(gate)).waitMs);
			for (let failed = 0; failed < 3; failed++) {
				clock.advance(gate.snapshot().blockedForMs);
				gate.onRateLimited(go(gate));
			}
			clock.advance(gate.snapshot().blockedForMs);
			gate.onAnswer(go(gate));
			learned.push(gate.snapshot().learnedCooldownMs!);
			clock.advance(60_000);
		}
		// The third failed probe is followed by the first guess × 2³, every time: no growth across episodes.
		expect(Math.max(...learned)).toBeLessThanOrEqual(8_000);
		expect(Math.max(...firstGaps)).toBeLessThanOrEqual(8_000);
		expect(learned[9]).toBeLessThanOrEqual(learned[1]);
	});
});

describe('passGate', () => {
	it('makes every concurrent caller wait out one shared cooldown, then lets one probe go first', async () => {
		Object.assign(PACING_POLICY, { probePollMs: 10 });
		const clock = new FakeClock();
		const gate = gateOf(clock, 100, 100);
		gate.onRateLimited(go(gate), 5_000);
		const cooldownStarts: number[] = [];
		const order: string[] = [];
		const callers = [0, 1, 2].map(async (n) => {
			const wait = { waitedMs: 0, maxWaitMs: 60_000, sleep: clock.sleep, onCooldown: () => cooldownStarts.push(n) };
			const ticket = await passGate(gate, wait);
			order.push(`${n}:${ticket.probe ? 'probe' : 'follow'}@${clock.t}`);
			if (ticket.probe) gate.onAnswer(ticket);
			return wait.waitedMs;
		});
		const waited = await clock.settle(Promise.all(callers));
		expect(cooldownStarts).toEqual([0, 1, 2]);
		expect(order[0]).toMatch(/probe/);
		expect(order.filter((o) => o.includes('probe'))).toHaveLength(1);
		for (const w of waited) expect(w).toBeGreaterThanOrEqual(5_000);
	});

	it('fails at once when the cooldown is longer than the request may still wait, instead of sleeping', async () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 5);
		gate.onRateLimited(go(gate), 120_000);
		const wait = { waitedMs: 30_000, maxWaitMs: 60_000, sleep: clock.sleep };
		const start = clock.t;
		await expect(clock.settle(passGate(gate, wait))).rejects.toBeInstanceOf(RateLimitWaitExceeded);
		expect(clock.t).toBe(start);
	});

	it('a pace wait is not a cooldown wait', async () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 1, 1);
		const wait = { waitedMs: 0, maxWaitMs: 0, sleep: clock.sleep };
		for (let i = 0; i < 5; i++) await clock.settle(passGate(gate, wait));
		expect(wait.waitedMs).toBe(0);
		expect(clock.t - 1_000_000).toBe(4_000);
	});

	it('a cancelled probe frees the gate for the next caller', () => {
		const clock = new FakeClock();
		const gate = gateOf(clock, 2, 5);
		gate.onRateLimited(go(gate), 1_000);
		clock.advance(1_000);
		const probe = go(gate);
		expect(gate.admit()).toMatchObject({ reason: 'probe' });
		gate.release(probe);
		expect(go(gate).probe).toBe(true);
	});
});
