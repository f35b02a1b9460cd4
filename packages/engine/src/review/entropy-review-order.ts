import { EngineError } from "../errors/engine-error";
import type { ReviewOrder } from "./conflict-review-order";

/** Entropies at or below this (nats) count as certain. */
const CERTAIN = 1e-9;

/**
 * Orders rows by the entropy of their pseudolabel (most uncertain first; ties go to the lower
 * row index). `scored` counts the rows that are not certain (entropy above 1e-9 nats).
 *
 * @example
 * entropyReviewOrder(Float32Array.from([0, 0.69, 0.2])); // { indices: Int32Array [1, 2, 0], scored: 2 }
 */
export function entropyReviewOrder(entropy: ArrayLike<number>): ReviewOrder {
  const n = entropy.length;
  for (let i = 0; i < n; i++) {
    const h = entropy[i]!;
    if (!(h >= 0)) throw new EngineError("INVALID_ARGUMENT", `entropyReviewOrder: row ${i} has entropy ${h}; entropies are non-negative numbers`);
  }
  let scored = 0;
  for (let i = 0; i < n; i++) if (entropy[i]! > CERTAIN) scored++;
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  indices.sort((a, b) => entropy[b]! - entropy[a]! || a - b);
  return { indices, scored };
}
