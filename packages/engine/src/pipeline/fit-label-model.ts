import type { LabelMatrix } from "../core/label-matrix";
import type { Probabilities } from "../core/probabilities";
import { subsetRows } from "../core/subset-rows";
import { learnedAccuracies } from "../analysis/learned-accuracies";
import type { LabelModel } from "../core/label-model";
import { MajorityVote } from "../label-models/majority-vote";
import { selectLabelModel, type LabelModelCandidate } from "../label-models/select-label-model";
import { testPredictions, testScores, type LabelModelComparison } from "./label-model-comparison";

export interface LabelModelStage {
  readonly name: string;
  /** Label-model probabilities of the train rows, in `train` order. */
  readonly trainProba: Probabilities;
  /** Label-model predictions on the test rows (-1 = abstain, counted as wrong). */
  readonly testPred: Int32Array;
  /** Label-model probabilities of the test rows, in `test` order (for calibration metrics). */
  readonly testProba: Probabilities;
  readonly classBalance: Float64Array;
  /** One sentence: why this label model was chosen. */
  readonly reason: string;
  /** Per program: the chosen model's mean probability of the program's train votes (null if it never votes). */
  readonly learnedAccuracies: (number | null)[];
  /** Every label model tried, in registry order (simplest first). */
  readonly comparison: readonly LabelModelComparison[];
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
 * Fits every label model on the train rows' votes (train gold is never read), scores them on the
 * dev rows with gold and keeps the best (see `selectLabelModel`); without dev gold it keeps
 * majority vote. Returns the chosen model's soft labels for train and predictions for test
 * (WRENCH's sha1 tie-break; rows without votes abstain), plus the whole comparison, whose test
 * scores use test gold for reporting only.
 *
 * @example
 * const stage = fitLabelModel(L, { train, dev, test, devGold: pick(gold, dev), testGold: pick(gold, test), k: 2, seed: 42 });
 */
export function fitLabelModel(
  L: LabelMatrix,
  options: { train: Int32Array; dev?: Int32Array; test: Int32Array; devGold: Int32Array; testGold?: Int32Array; k: number; seed: number },
): LabelModelStage {
  const { train, dev = new Int32Array(0), test, devGold, k, seed } = options;
  const classBalance = devClassBalance(devGold, k);
  const Ltrain = subsetRows(L, train);
  const Ltest = subsetRows(L, test);
  const hasDevGold = dev.length === devGold.length && devGold.some((g) => g >= 0);
  let model: LabelModel;
  let reason: string;
  let candidates: readonly LabelModelCandidate[];
  if (hasDevGold) {
    const selection = selectLabelModel(Ltrain, subsetRows(L, dev), devGold, { k, classBalance, seed });
    [model, reason, candidates] = [selection.chosen.model, selection.reason, selection.candidates];
  } else {
    model = new MajorityVote().fit(Ltrain, { k, seed, classBalance });
    reason = "No dev row has a gold label, so there is nothing to select on: majority vote is kept.";
    candidates = [{ name: model.name, dev: null, fitMs: 0, model }];
  }
  const testProba = model.predictProba(Ltest);
  const trainProba = model.predictProba(Ltrain);
  return {
    name: model.name,
    trainProba,
    testPred: testPredictions(testProba, Ltest),
    testProba,
    classBalance,
    reason,
    learnedAccuracies: learnedAccuracies(Ltrain, trainProba),
    comparison: candidates.map((c) => ({
      name: c.name,
      chosen: c.model === model,
      dev: c.dev,
      fitMs: Math.round(c.fitMs),
      test: c.model && options.testGold ? testScores(c.model === model ? testProba : c.model.predictProba(Ltest), Ltest, options.testGold) : null,
      ...(c.skipped ? { skipped: c.skipped } : {}),
    })),
  };
}
