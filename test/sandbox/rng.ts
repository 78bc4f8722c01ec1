/**
 * Deterministic pseudo-random numbers (mulberry32). The generator state is a plain
 * number kept inside SandboxState, so a state snapshot (and `reset()`) is exact.
 */
export function mulberry32Step(seed: number): { value: number; next: number } {
	const next = (seed + 0x6d2b79f5) | 0;
	let t = next;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, next };
}

/** A stateful view over a seed, for seeding code that runs in one go. */
export class Rng {
	constructor(public state: number) {}

	next(): number {
		const step = mulberry32Step(this.state);
		this.state = step.next;
		return step.value;
	}

	/** Integer in [min, max] (both inclusive). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Pick with weights: `[[value, weight], ...]`. */
	weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
		const total = items.reduce((sum, [, w]) => sum + w, 0);
		let roll = this.next() * total;
		for (const [value, w] of items) {
			roll -= w;
			if (roll < 0) return value;
		}
		return items[items.length - 1][0];
	}

	/**
	 * A generator of its own, seeded from one draw of this one: whatever the child draws, this
	 * generator advances by exactly one step.
	 */
	fork(): Rng {
		return new Rng(Math.floor(this.next() * 4294967296) | 0);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[items[i], items[j]] = [items[j], items[i]];
		}
		return items;
	}

	hex(length: number): string {
		let out = '';
		while (out.length < length) out += Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0');
		return out.slice(0, length);
	}

	uuid(): string {
		const h = this.hex(32).split('');
		h[12] = '4';
		h[16] = '89ab'[Math.floor(this.next() * 4)];
		const s = h.join('');
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
	}
}
