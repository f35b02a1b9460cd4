import { createRng } from "./create-rng";

/**
 * Fisher-Yates shuffle into a new array, deterministic for a seed; the input is not modified.
 *
 * @example
 * seededShuffle([1, 2, 3, 4], 7); // same permutation every run for seed 7
 */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const rng = createRng(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
