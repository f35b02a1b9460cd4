import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";

/**
 * Each program's accuracy as a fitted label model sees it: the mean, over the rows where the
 * program votes, of the model's probability that its vote is the true class. Needs no gold, so
 * it covers train rows too; null for a program that never votes.
 *
 * @example
 * learnedAccuracies(L, model.predictProba(L)); // [0.93, 0.71, null]
 */
export function learnedAccuracies(L: LabelMatrix, P: Probabilities): (number | null)[] {
  if (P.n !== L.n) throw new EngineError("INVALID_ARGUMENT", `learnedAccuracies: ${P.n} probability rows for ${L.n} label rows`);
  const sum = new Float64Array(L.m);
  const count = new Float64Array(L.m);
  for (let i = 0; i < L.n; i++) {
    for (let j = 0; j < L.m; j++) {
      const v = L.values[i * L.m + j]!;
      if (v === ABSTAIN) continue;
      if (v < 0 || v >= P.k) throw new EngineError("INVALID_ARGUMENT", `learnedAccuracies: row ${i} program ${j} votes ${v}, outside -1..${P.k - 1}`);
      sum[j]! += P.values[i * P.k + v]!;
      count[j]!++;
    }
  }
  return Array.from(sum, (s, j) => (count[j] === 0 ? null : s / count[j]!));
}
