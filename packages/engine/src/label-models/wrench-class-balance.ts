import { EngineError } from "../errors/engine-error";

/**
 * WRENCH's `_init_balance` from dev gold labels: (count of class c + 1) / (number of labelled dev
 * rows). Not normalised (entries sum to slightly over 1), exactly as WRENCH passes it to its label
 * models; unknown labels (-1) are skipped.
 *
 * @example
 * wrenchClassBalance([0, 1, 1, 1], 2); // Float64Array [0.5, 1]
 */
export function wrenchClassBalance(devGold: ArrayLike<number>, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `wrenchClassBalance: k must be an integer >= 2, got ${k}`);
  const counts = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < devGold.length; i++) {
    const y = devGold[i]!;
    if (y === -1) continue;
    if (!Number.isInteger(y) || y < 0 || y >= k)
      throw new EngineError("INVALID_ARGUMENT", `wrenchClassBalance: dev label ${y} at position ${i} is outside 0..${k - 1}`);
    counts[y]!++;
    n++;
  }
  if (n === 0) throw new EngineError("INVALID_ARGUMENT", `wrenchClassBalance: no labelled dev rows among ${devGold.length}`);
  return counts.map((c) => (c + 1) / n);
}
