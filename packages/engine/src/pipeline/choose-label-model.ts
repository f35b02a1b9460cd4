import type { LabelMatrix } from "../core/label-matrix";
import { createProbabilities, type Probabilities } from "../core/probabilities";
import { subsetRows } from "../core/subset-rows";
import { fitLabelModel } from "./fit-label-model";
import { testPredictions, type LabelModelComparison } from "./label-model-comparison";
import type { EvaluationSplit } from "./evaluation-split";

/** The label-model stage's outcome, the same in the CLI and the studio. */
export interface LabelModelChoice {
  readonly name: string;
  /** One sentence: why this model was chosen. */
  readonly reason: string;
  /** Every label model tried (dev scores chose; test scores are for the record). */
  readonly comparison: readonly LabelModelComparison[];
  /** Per program: the chosen model's mean probability of its train votes (null if it never votes). */
  readonly learnedAccuracies: readonly (number | null)[];
  /** The class-balance prior the models were fitted with (Laplace-smoothed dev gold counts). */
  readonly classBalance: readonly number[];
  /** Mean of the chosen model's soft labels over the train rows. */
  readonly estimatedClassBalance: readonly number[];
  /** The chosen model's probabilities of every row (the pseudolabels), n x k. */
  readonly proba: Probabilities;
  /** Its predictions on the test rows (test order; -1 where no program votes, counted as wrong). */
  readonly testPred: Int32Array;
}

/**
 * Fits every label model on the train rows' votes, chooses one on dev gold (majority vote without
 * dev gold), and scores the pseudolabels of every row with the chosen model in the same fit (label
 * models score rows one at a time). Test gold only scores the comparison. The studio's worker and
 * the CLI both call this, so the same votes, splits and seed give the same choice and pseudolabels.
 *
 * @example
 * const choice = chooseLabelModel(L, evaluationSplit(splits, gold), { k: 2, seed: 42 });
 */
export function chooseLabelModel(L: LabelMatrix, split: EvaluationSplit, options: { k: number; seed: number }): LabelModelChoice {
  const { k, seed } = options;
  const all = Int32Array.from({ length: L.n }, (_, i) => i);
  const allGold = new Int32Array(L.n).fill(-1);
  split.test.forEach((row, at) => (allGold[row] = split.testGold[at]!));
  const stage = fitLabelModel(L, { train: split.train, dev: split.dev, test: all, devGold: split.devGold, testGold: allGold, k, seed });
  const { n, values } = stage.trainProba;
  const estimatedClassBalance = Array.from({ length: k }, (_, c) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i * k + c]!;
    return n > 0 ? sum / n : 0;
  });
  const proba = stage.testProba;
  const testProba = createProbabilities(split.test.length, k);
  split.test.forEach((row, at) => testProba.values.set(proba.values.subarray(row * k, (row + 1) * k), at * k));
  return {
    name: stage.name,
    reason: stage.reason,
    comparison: stage.comparison,
    learnedAccuracies: stage.learnedAccuracies,
    classBalance: Array.from(stage.classBalance),
    estimatedClassBalance,
    proba,
    testPred: testPredictions(testProba, subsetRows(L, split.test)),
  };
}
