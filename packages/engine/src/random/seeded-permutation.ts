import { seededShuffle } from "./seeded-shuffle";

/**
 * The row indices 0..n-1 in a seeded random order (the engine's `seededShuffle` of 0..n-1), e.g.
 * a team review batch picked at random: the same seed gives the same rows.
 *
 * @example
 * seededPermutation(4, 7); // Int32Array, the same permutation of 0..3 every run for seed 7
 */
export function seededPermutation(n: number, seed: number): Int32Array {
  return Int32Array.from(
    seededShuffle(
      Array.from({ length: n }, (_, i) => i),
      seed,
    ),
  );
}
