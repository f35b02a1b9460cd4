import type { LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

/** Row indices in review order, with how many rows at the front have a non-zero score. */
export interface ReviewOrder {
  /** Every row index 0..n-1 exactly once, most worth reviewing first. */
  readonly indices: Int32Array;
  /** Rows at the front of `indices` whose score is above zero. */
  readonly scored: number;
}

/**
 * Orders rows by how much the programs disagree on them: conflict = 1 - (share of the most
 * voted class among the non-abstaining votes); ties go to rows with more votes cast, then to
 * the lower row index. Rows with a single class voted (or no votes) score 0.
 *
 * @example
 * const L = { n: 3, m: 2, values: Int8Array.from([0, 1, 1, 1, -1, -1]) };
 * conflictReviewOrder(L); // { indices: Int32Array [0, 1, 2], scored: 1 }
 */
export function conflictReviewOrder(L: LabelMatrix): ReviewOrder {
  if (!Number.isInteger(L.n) || L.n < 0 || !Number.isInteger(L.m) || L.m < 0)
    throw new EngineError("INVALID_ARGUMENT", `conflictReviewOrder: label matrix shape ${L.n} x ${L.m} is not valid`);
  if (L.values.length !== L.n * L.m)
    throw new EngineError("INVALID_ARGUMENT", `conflictReviewOrder: ${L.values.length} votes for ${L.n} rows x ${L.m} programs (expected ${L.n * L.m})`);
  const score = new Float64Array(L.n);
  const cast = new Int32Array(L.n);
  const counts = new Map<number, number>();
  let scored = 0;
  for (let i = 0; i < L.n; i++) {
    counts.clear();
    let total = 0;
    let top = 0;
    for (let j = 0; j < L.m; j++) {
      const v = L.values[i * L.m + j]!;
      if (v < 0) continue;
      total++;
      const c = (counts.get(v) ?? 0) + 1;
      counts.set(v, c);
      if (c > top) top = c;
    }
    cast[i] = total;
    score[i] = total === 0 ? 0 : 1 - top / total;
    if (score[i]! > 0) scored++;
  }
  const indices = Int32Array.from({ length: L.n }, (_, i) => i);
  indices.sort((a, b) => score[b]! - score[a]! || cast[b]! - cast[a]! || a - b);
  return { indices, scored };
}
