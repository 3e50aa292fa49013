/** Integer sums in minor units, checked to stay exact (pure, no n8n imports). */

/**
 * a + b, as long as the sum is a safe integer (|x| <= 2^53 - 1, so it is exact); an overflow
 * throws rather than rounds.
 */
export function addExact(a: number, b: number): number {
	const r = a + b;
	if (!Number.isSafeInteger(r)) throw new RangeError(`Sum ${a} + ${b} is outside the exact integer range`);
	return r;
}
