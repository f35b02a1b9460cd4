/**
 * Deterministic unsigned 32-bit hash of (seed, row) — murmur3's finaliser over a mixed key — so
 * tie-breaking depends only on the seed and the row index, never on batch order.
 *
 * @example
 * tieHash(42, 7) / 2 ** 32; // a uniform-looking number in [0, 1)
 */
export function tieHash(seed: number, row: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(row | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
