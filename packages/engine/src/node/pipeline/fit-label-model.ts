import type { LabelMatrix } from "../../core/label-matrix";
import type { Probabilities } from "../../core/probabilities";
import { subsetRows } from "../../core/subset-rows";
import { MajorityVote } from "../../label-models/majority-vote";

export interface LabelModelStage {
  readonly name: string;
  /** Label-model probabilities of the train rows, in `train` order. */
  readonly trainProba: Probabilities;
  /** Label-model predictions on the test rows (-1 = abstain, counted as wrong). */
  readonly testPred: Int32Array;
  /** Label-model probabilities of the test rows, in `test` order (for calibration metrics). */
  readonly testProba: Probabilities;
  readonly classBalance: Float64Array;
}

/**
 * Laplace-smoothed class balance from dev gold counts: (count_c + 1) / (n + k). Uniform without dev gold.
 *
 * @example
 * devClassBalance(Int32Array.from([0, 0, 1]), 2); // [0.6, 0.4]
 */
export function devClassBalance(devGold: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k).fill(1);
  let n = k;
  for (const g of devGold) {
    if (g < 0 || g >= k) continue;
    counts[g]!++;
    n++;
  }
  return counts.map((c) => c / n);
}

/**
 * Fits majority vote on the train rows' votes (train gold is never read), returns soft labels for
 * train and predictions for test. Ties are broken at random, seeded.
 *
 * @example
 * const stage = fitLabelModel(L, { train, test, devGold: pick(gold, dev), k: 2, seed: 42 });
 */
export function fitLabelModel(
  L: LabelMatrix,
  options: { train: Int32Array; test: Int32Array; devGold: Int32Array; k: number; seed: number },
): LabelModelStage {
  const { train, test, devGold, k, seed } = options;
  const classBalance = devClassBalance(devGold, k);
  const Ltrain = subsetRows(L, train);
  const model = new MajorityVote().fit(Ltrain, { k, seed, classBalance });
  const trainProba = model.predictProba(Ltrain);
  // Uncovered test rows abstain: the label model has no opinion there, and that counts as wrong.
  const Ltest = subsetRows(L, test);
  const testPred = model.predict(Ltest, { tieBreak: "random", seed });
  for (let r = 0; r < test.length; r++) {
    let voted = false;
    for (let j = 0; j < L.m && !voted; j++) voted = Ltest.values[r * L.m + j] !== -1;
    if (!voted) testPred[r] = -1;
  }
  return { name: model.name, trainProba, testPred, testProba: model.predictProba(Ltest), classBalance };
}
