import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { Probabilities } from "../core/probabilities";
import { probsToPreds } from "../label-models/probs-to-preds";
import type { LabelModelScores } from "../label-models/score-label-model";
import { evaluatePredictions } from "../metrics/evaluate-predictions";

/** One label model's line in `report.labelModels`. */
export interface LabelModelComparison {
  readonly name: string;
  readonly chosen: boolean;
  /** Dev scores (rows with gold); null when the model was not scored (skipped, or no dev gold). */
  readonly dev: LabelModelScores | null;
  /** Test accuracy/F1 (rows with gold; rows without votes count as wrong); null without test gold. */
  readonly test: { readonly accuracy: number | null; readonly f1: number | null } | null;
  readonly fitMs: number;
  readonly skipped?: string;
}

/**
 * Test predictions from label-model probabilities: WRENCH's sha1 tie-break, and -1 on rows no
 * program voted on (the label model has no opinion there, which counts as wrong).
 *
 * @example
 * const pred = testPredictions(model.predictProba(Ltest), Ltest);
 */
export function testPredictions(P: Probabilities, L: LabelMatrix): Int32Array {
  const pred = probsToPreds(P);
  for (let i = 0; i < L.n; i++) {
    let voted = false;
    for (let j = 0; j < L.m && !voted; j++) voted = L.values[i * L.m + j] !== ABSTAIN;
    if (!voted) pred[i] = ABSTAIN;
  }
  return pred;
}

/**
 * Accuracy and F1 of `testPredictions` over the test rows with gold; nulls when none has gold.
 *
 * @example
 * testScores(model.predictProba(Ltest), Ltest, testGold); // {accuracy: 0.84, f1: 0.81}
 */
export function testScores(P: Probabilities, L: LabelMatrix, gold: Int32Array): { accuracy: number | null; f1: number | null } {
  const pred = testPredictions(P, L);
  const known = Array.from(gold.keys()).filter((i) => gold[i]! >= 0);
  if (known.length === 0) return { accuracy: null, f1: null };
  const { accuracy, f1 } = evaluatePredictions(
    known.map((i) => gold[i]!),
    known.map((i) => pred[i]!),
    P.k,
  );
  return { accuracy, f1 };
}
