import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { Probabilities } from "../core/probabilities";
import { evaluatePredictions } from "../metrics/evaluate-predictions";
import { expectedCalibrationError } from "../metrics/expected-calibration-error";
import { probsToPreds } from "./probs-to-preds";

export interface LabelModelScores {
  readonly accuracy: number;
  /** F1 of the last class for k = 2, macro F1 otherwise. */
  readonly f1: number;
  /** Expected calibration error over 10 confidence bins; null when no row is scored. */
  readonly ece: number | null;
  /** Fraction of rows where the model commits to one class: some program voted and no tie. */
  readonly coverage: number;
}

/**
 * Scores a label model's probabilities against gold labels, as WRENCH does: predictions by
 * Snorkel's `probs_to_preds` with the sha1 tie-break, accuracy and F1 over every row with gold.
 *
 * @example
 * const dev = scoreLabelModel(model.predictProba(Ldev), Ldev, devGold);
 */
export function scoreLabelModel(P: Probabilities, L: LabelMatrix, gold: ArrayLike<number>): LabelModelScores {
  const pred = probsToPreds(P);
  const committed = probsToPreds(P, { tieBreak: "abstain" });
  let covered = 0;
  for (let i = 0; i < L.n; i++) {
    let voted = false;
    for (let j = 0; j < L.m && !voted; j++) voted = L.values[i * L.m + j] !== ABSTAIN;
    if (voted && committed[i] !== ABSTAIN) covered++;
  }
  const { accuracy, f1 } = evaluatePredictions(gold, pred, P.k);
  const ece = expectedCalibrationError(gold, P.values, P.k, { yPred: pred, bins: 10 });
  return { accuracy, f1, ece, coverage: L.n === 0 ? 0 : covered / L.n };
}
