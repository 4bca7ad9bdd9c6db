const MASK_64 = (1n << 64n) - 1n;
const LCG_MULTIPLIER = 2862933555777941757n;

/**
 * Guava's `Hashing.consistentHash(input, buckets)` (jump consistent hash with Guava's LCG),
 * so a message group lands on the same queue index as with the reference proxy.
 */
export function consistentHash(input: number, buckets: number): number {
  let state = BigInt.asUintN(64, BigInt(input));
  let candidate = 0;
  for (;;) {
    state = (LCG_MULTIPLIER * state + 1n) & MASK_64;
    const draw = Number(state >> 33n) + 1;
    const next = Math.floor((candidate + 1) / (draw / 2 ** 31));
    if (next < 0 || next >= buckets) return candidate;
    candidate = next;
  }
}
