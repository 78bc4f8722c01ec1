/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * The pacing gate as pure logic on a fake clock: no sleeping, no HTTP. How it behaves in a real
 * run against the sandbox's limiter is in transport.test.ts; how fast it is, in test/bench.
 */
import { AdaptiveGate, PACING_POLICY, passGate, RateLimitWaitExceeded, type Ticket } from '../nodes/Appstle/transport/pacing';

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

const saved = { ...PACING_POLICY };
afterEach(() => Object.assign(PACING_POLICY, saved));

describe('pacing', () => {
	it('lets a burst through, then spaces requests at the rate', () => {
		const clock = new FakeClock();
		const gate = new AdaptiveGate(2, 3, clock.now);
		for (let i = 0; i < 3; i++) go(gate);
		const fourth = gate.admit();
		expect(fourth).toMatchObject({ go: false, reason: 'pace', waitMs: 500 });
		const fifth = gate.admit();
		expect(fifth).toMatchObject({ go: false, reason: 'pace', waitMs: 1000 });
	});

	it('never goes above the credential’s rate: it is the ceiling', () => {
		const clock = new FakeClock();
		const gate = new AdaptiveGate(2, 1, clock.now);
		for (let i = 0; i < 500; i++) {
			const ticket = go(gate);
			gate.onAnswer(ticket);
			clock.advance(500);
		}
		expect(gate.snapshot().rate).toBe(2);
		gate.configure(1.5, 1);
		expect(gate.snapshot().rate).toBe(1.5);
	});
});

describe('a 429', () => {
	it('closes the gate for every caller for the same cooldown (Retry-After honoured)', () => {
		const clock = new FakeClock();
		const gate = new AdaptiveGate(4, 10, clock.now);
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
		const gate = new AdaptiveGate(4, 10, clock.now);
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
		const gate = new AdaptiveGate(2, 1, clock.now);
		const sent = go(gate);
		const reserved = gate.admit();
		expect(reserved).toMatchObject({ go: false, reason: 'pace' });
		gate.onRateLimited(sent, 1_000);
		clock.advance(1_000);
		expect(gate.confirm((reserved as { ticket: Ticket }).ticket)).toBe(false);
	});

	it('halves the rate once per cooldown and climbs back slowly, below the refused rate', () => {
		const clock = new FakeClock();
		const gate = new AdaptiveGate(3, 2, clock.now);
		const burst = [go(gate), go(gate)];
		gate.onRateLimited(burst[0], 1_000);
		gate.onRateLimited(burst[1], 1_000);
		expect(gate.snapshot().rate).toBe(1.5);
		expect(gate.snapshot().cap).toBeCloseTo(3 * PACING_POLICY.capFactor);
		clock.advance(1_000);
		gate.onAnswer(go(gate));

		const rates: number[] = [];
		for (let i = 0; i < 200; i++) {
			clock.advance(1_000);
			gate.onAnswer(go(gate));
			rates.push(gate.snapshot().rate);
		}
		// Additive: one small step per answer, never a jump.
		const steps = rates.slice(1).map((r, i) => r - rates[i]);
		expect(Math.max(...steps)).toBeLessThanOrEqual(3 * PACING_POLICY.increaseShare + 1e-9);
		expect(rates[9]).toBeLessThan(2);
		// And it stops short of the rate Appstle refused.
		expect(rates[rates.length - 1]).toBeCloseTo(3 * PACING_POLICY.capFactor);
	});

	it('a 429 at a lower rate lowers the cap again; it never goes back above that in this process', () => {
		const clock = new FakeClock();
		const gate = new AdaptiveGate(3, 1, clock.now);
		gate.onRateLimited(go(gate), 1_000);
		clock.advance(1_000);
		gate.onAnswer(go(gate));
		for (let i = 0; i < 40; i++) {
			clock.advance(1_000);
			gate.onAnswer(go(gate));
		}
		const refusedAt = gate.snapshot().rate;
		clock.advance(1_000);
		gate.onRateLimited(go(gate), 1_000);
		expect(gate.snapshot().rate).toBeCloseTo(refusedAt / 2);
		expect(gate.snapshot().cap).toBeCloseTo(refusedAt * PACING_POLICY.capFactor);
		expect(gate.snapshot().cooldowns).toBe(2);
	});
});

describe('without Retry-After', () => {
	it('spaces probes further and further apart, then starts from what it learned', () => {
		Object.assign(PACING_POLICY, { initialCooldownMs: 1_000, cooldownGrowth: 2, maxCooldownMs: 5_000 });
		const clock = new FakeClock();
		const gate = new AdaptiveGate(2, 1, clock.now);
		expect(gate.onRateLimited(go(gate)).waitMs).toBe(1_000);
		const gaps: number[] = [];
		for (let i = 0; i < 4; i++) {
			clock.advance(gate.snapshot().blockedForMs);
			gaps.push(gate.onRateLimited(go(gate)).waitMs);
		}
		expect(gaps).toEqual([2_000, 4_000, 5_000, 5_000]);
		clock.advance(5_000);
		gate.onAnswer(go(gate));
		expect(gate.snapshot().learnedCooldownMs).toBe(1_000 + 2_000 + 4_000 + 5_000 + 5_000);
		expect(gate.snapshot().rate).toBe(1);

		// The next cooldown on this key waits the learned time at once.
		clock.advance(10_000);
		expect(gate.onRateLimited(go(gate)).waitMs).toBe(17_000);
	});

	it('a Retry-After on a probe replaces the guess', () => {
		Object.assign(PACING_POLICY, { initialCooldownMs: 1_000 });
		const clock = new FakeClock();
		const gate = new AdaptiveGate(2, 1, clock.now);
		gate.onRateLimited(go(gate));
		clock.advance(1_000);
		expect(gate.onRateLimited(go(gate), 9_000).waitMs).toBe(9_000);
	});
});

describe('passGate', () => {
	it('makes every concurrent caller wait out one shared cooldown, then lets one probe go first', async () => {
		Object.assign(PACING_POLICY, { probePollMs: 10 });
		const clock = new FakeClock();
		const gate = new AdaptiveGate(100, 100, clock.now);
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

	it('fails at once when the cooldown is longer than the credential allows, instead of sleeping', async () => {
		const clock = new FakeClock();
		const gate = new AdaptiveGate(2, 5, clock.now);
		gate.onRateLimited(go(gate), 120_000);
		const wait = { waitedMs: 0, maxWaitMs: 60_000, sleep: clock.sleep };
		const start = clock.t;
		await expect(clock.settle(passGate(gate, wait))).rejects.toBeInstanceOf(RateLimitWaitExceeded);
		expect(clock.t).toBe(start);
	});

	it('a pace wait is not a cooldown wait', async () => {
		const clock = new FakeClock();
		const gate = new AdaptiveGate(1, 1, clock.now);
		const wait = { waitedMs: 0, maxWaitMs: 0, sleep: clock.sleep };
		for (let i = 0; i < 5; i++) await clock.settle(passGate(gate, wait));
		expect(wait.waitedMs).toBe(0);
		expect(clock.t - 1_000_000).toBe(4_000);
	});

	it('a cancelled probe frees the gate for the next caller', () => {
		const clock = new FakeClock();
		const gate = new AdaptiveGate(2, 5, clock.now);
		gate.onRateLimited(go(gate), 1_000);
		clock.advance(1_000);
		const probe = go(gate);
		expect(gate.admit()).toMatchObject({ reason: 'probe' });
		gate.release(probe);
		expect(go(gate).probe).toBe(true);
	});
});
