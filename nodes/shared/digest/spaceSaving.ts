/**
 * Top-N (heavy hitters) in constant memory (pure, no n8n imports): the Space-Saving algorithm
 * (Metwally et al. 2005) with `capacity` counters. While at most `capacity` distinct keys have been
 * seen the figures are exact; beyond, each reported amount over-estimates by at most `maxError`
 * (<= total / capacity) and every key whose true amount exceeds total / capacity is guaranteed to
 * be in the list.
 */

export interface HeavyHitter<L> {
	key: string;
	/** Estimated total (exact when `exact`); over-estimates by at most `maxError`. */
	amount: number;
	/** Largest possible over-estimate of `amount` (0 while the structure never evicted). */
	maxError: number;
	/** Records counted for this key since it entered the structure. */
	records: number;
	label: L | undefined;
}

interface Counter<L> {
	key: string;
	count: number;
	err: number;
	records: number;
	label: L | undefined;
	pos: number;
}

/**
 * Weighted Space-Saving with a binary min-heap: O(log capacity) per update, memory O(capacity).
 * Weights must be non-negative.
 */
export class SpaceSaving<L = unknown> {
	private readonly map = new Map<string, Counter<L>>();
	private readonly heap: Counter<L>[] = [];
	evictions = 0;
	total = 0;

	constructor(readonly capacity: number) {
		if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
	}

	get exact(): boolean {
		return this.evictions === 0;
	}

	add(key: string, weight: number, label?: L): void {
		if (!(weight >= 0)) return;
		this.total += weight;
		let c = this.map.get(key);
		if (c) {
			c.count += weight;
			c.records++;
			if (label !== undefined) c.label = label;
			this.down(c.pos);
			return;
		}
		if (this.heap.length < this.capacity) {
			c = { key, count: weight, err: 0, records: 1, label, pos: this.heap.length };
			this.heap.push(c);
			this.map.set(key, c);
			this.up(c.pos);
			return;
		}
		// Replace the minimum: the newcomer inherits its count as possible error.
		c = this.heap[0];
		this.map.delete(c.key);
		this.evictions++;
		const min = c.count;
		c.key = key;
		c.err = min;
		c.count = min + weight;
		c.records = 1;
		c.label = label;
		this.map.set(key, c);
		this.down(0);
	}

	top(n: number): HeavyHitter<L>[] {
		return [...this.heap]
			.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
			.slice(0, Math.max(0, n))
			.map((c) => ({ key: c.key, amount: c.count, maxError: c.err, records: c.records, label: c.label }));
	}

	get size(): number {
		return this.heap.length;
	}

	private swap(i: number, j: number): void {
		const h = this.heap;
		[h[i], h[j]] = [h[j], h[i]];
		h[i].pos = i;
		h[j].pos = j;
	}

	private up(i: number): void {
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (this.heap[p].count <= this.heap[i].count) break;
			this.swap(i, p);
			i = p;
		}
	}

	private down(i: number): void {
		const h = this.heap;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < h.length && h[l].count < h[m].count) m = l;
			if (r < h.length && h[r].count < h[m].count) m = r;
			if (m === i) return;
			this.swap(i, m);
			i = m;
		}
	}
}
