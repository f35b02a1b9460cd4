import type { Split } from "../core/dataset";
import { EngineError } from "../errors/engine-error";
import { seededShuffle } from "../random/seeded-shuffle";

export interface SplitFractions {
  readonly train: number;
  readonly dev: number;
  readonly test: number;
}

export const DEFAULT_SPLIT_FRACTIONS: SplitFractions = { train: 0.7, dev: 0.1, test: 0.2 };

/**
 * Assigns a split to each of n rows, deterministically for a seed. Counts are exact: dev and test
 * get `round(n * fraction)` rows, train gets the rest; which rows get which is a seeded shuffle.
 *
 * @example
 * assignSplits(10, 1); // 7 "train", 1 "dev", 2 "test" in a seeded order
 */
export function assignSplits(n: number, seed: number, fractions: SplitFractions = DEFAULT_SPLIT_FRACTIONS): Split[] {
  if (!Number.isInteger(n) || n < 0) throw new EngineError("INVALID_ARGUMENT", `row count must be a non-negative integer, got ${n}`);
  for (const [name, value] of Object.entries(fractions)) {
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new EngineError("INVALID_ARGUMENT", `split fraction ${name} must be in [0, 1], got ${value}`);
    }
  }
  const sum = fractions.train + fractions.dev + fractions.test;
  if (Math.abs(sum - 1) > 1e-6) {
    throw new EngineError("INVALID_ARGUMENT", `split fractions must sum to 1, got ${fractions.train} + ${fractions.dev} + ${fractions.test} = ${sum}`);
  }
  const dev = Math.round(n * fractions.dev);
  const test = Math.min(Math.round(n * fractions.test), n - dev);
  const ordered: Split[] = [];
  for (let i = 0; i < n - dev - test; i++) ordered.push("train");
  for (let i = 0; i < dev; i++) ordered.push("dev");
  for (let i = 0; i < test; i++) ordered.push("test");
  return seededShuffle(ordered, seed);
}
