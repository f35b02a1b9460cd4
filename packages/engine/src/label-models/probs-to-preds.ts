import { ABSTAIN } from "../core/label-matrix";
import type { TieBreak } from "../core/label-model";
import type { Probabilities } from "../core/probabilities";
import { tieHash } from "./tie-hash";
import { wrenchTieIndex } from "./wrench-tie-index";

export interface ProbsToPredsOptions {
  /** "hash" (default): WRENCH/Snorkel sha1 of the row index; "random": seeded; "abstain": -1. */
  readonly tieBreak?: TieBreak;
  readonly seed?: number;
  /** Classes within `tol` of the row maximum are tied (Snorkel's default 1e-5). */
  readonly tol?: number;
}

/**
 * Snorkel's `probs_to_preds`: the argmax of each row, with classes within `tol` of the maximum
 * treated as tied and broken by the chosen policy. With the default "hash" policy this is exactly
 * what WRENCH scores label models with.
 *
 * @example
 * probsToPreds({ n: 1, k: 2, values: Float64Array.of(0.5, 0.5) }); // Int32Array [0]
 */
export function probsToPreds(P: Probabilities, options: ProbsToPredsOptions = {}): Int32Array {
  const { tieBreak = "hash", seed = 0, tol = 1e-5 } = options;
  const { n, k, values } = P;
  const out = new Int32Array(n);
  const tied = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (values[i * k + c]! > max) max = values[i * k + c]!;
    let ties = 0;
    for (let c = 0; c < k; c++) if (Math.abs(values[i * k + c]! - max) < tol) tied[ties++] = c;
    if (ties === 1) out[i] = tied[0]!;
    else if (ties === 0 || tieBreak === "abstain") out[i] = ABSTAIN;
    else if (tieBreak === "hash") out[i] = tied[wrenchTieIndex(i, ties)]!;
    else out[i] = tied[Math.floor((tieHash(seed, i) / 4294967296) * ties)]!;
  }
  return out;
}
