import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

/**
 * Guards shared by the label models: `k` is an integer >= 2 and every vote is ABSTAIN or 0..k-1.
 *
 * @example
 * checkVotes(L, 2, "DawidSkene.fit");
 */
export function checkVotes(L: LabelMatrix, k: number, who: string): void {
  if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `${who}: k must be an integer >= 2, got ${k}`);
  if (L.values.length !== L.n * L.m) throw new EngineError("INVALID_ARGUMENT", `${who}: label matrix has ${L.values.length} values for ${L.n} x ${L.m}`);
  for (let x = 0; x < L.values.length; x++) {
    const v = L.values[x]!;
    if (v !== ABSTAIN && (v < 0 || v >= k || !Number.isInteger(v))) {
      throw new EngineError("INVALID_ARGUMENT", `${who}: row ${Math.floor(x / L.m)} program ${x % L.m} votes ${v}, outside -1..${k - 1}`);
    }
  }
}

/**
 * Validates an optional class balance of length k and returns it normalised to sum 1 (uniform when absent).
 *
 * @example
 * normalizedBalance(Float64Array.of(3, 1), 2, "WeightedMajorityVote.fit"); // [0.75, 0.25]
 */
export function normalizedBalance(balance: ArrayLike<number> | undefined, k: number, who: string): Float64Array {
  const out = new Float64Array(k).fill(1 / k);
  if (!balance) return out;
  if (balance.length !== k) throw new EngineError("INVALID_ARGUMENT", `${who}: class balance has ${balance.length} entries for k = ${k}`);
  let total = 0;
  for (let c = 0; c < k; c++) {
    if (!(balance[c]! >= 0)) throw new EngineError("INVALID_ARGUMENT", `${who}: class balance entry ${c} is ${balance[c]}, must be >= 0`);
    total += balance[c]!;
  }
  if (!(total > 0)) throw new EngineError("INVALID_ARGUMENT", `${who}: class balance sums to ${total}, must be positive`);
  for (let c = 0; c < k; c++) out[c] = balance[c]! / total;
  return out;
}
