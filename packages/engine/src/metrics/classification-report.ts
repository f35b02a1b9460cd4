import { accuracy } from "./accuracy";
import { confusionMatrix } from "./confusion-matrix";
import { expectedCalibrationError } from "./expected-calibration-error";
import { f1Score } from "./f1-score";

export interface ClassMetrics {
  readonly name: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Rows with this gold class. */
  readonly support: number;
}

/** Everything we report about one model on one split (rows with known gold only). */
export interface ClassificationReport {
  readonly n: number;
  readonly accuracy: number;
  /** F1 of the last class for k = 2, macro F1 otherwise (the headline number). */
  readonly f1: number;
  /** F1 of the last class when k = 2, else null. */
  readonly binaryF1: number | null;
  readonly macroF1: number;
  readonly perClass: readonly ClassMetrics[];
  /** `confusion[true][predicted]`. */
  readonly confusion: readonly (readonly number[])[];
  /** Rows where the model abstained (predicted -1), counted as wrong everywhere above. */
  readonly abstained: number;
  /** Expected calibration error (15 bins); null without probabilities. */
  readonly ece: number | null;
}

/**
 * Accuracy, binary and macro F1, per-class precision/recall/F1, confusion matrix and ECE over the
 * rows with yTrue >= 0. Abstentions (-1) count as wrong and are reported in `abstained`; a class
 * that is never predicted has precision 0.
 *
 * @example
 * const r = classificationReport([0, 1, 1], [0, 1, 0], ["ham", "spam"], { proba });
 * r.perClass[1].recall; // 0.5
 */
export function classificationReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classNames: readonly string[],
  options: { proba?: ArrayLike<number> } = {},
): ClassificationReport {
  const k = classNames.length;
  const { counts, abstained } = confusionMatrix(yTrue, yPred, k);
  const confusion = Array.from({ length: k }, (_, t) => Array.from(counts.subarray(t * k, (t + 1) * k)));
  const perClass = classNames.map((name, c) => {
    let predicted = 0;
    let support = abstained[c]!;
    for (let o = 0; o < k; o++) {
      predicted += counts[o * k + c]!;
      support += counts[c * k + o]!;
    }
    const tp = counts[c * k + c]!;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    return { name, precision, recall, f1: predicted + support === 0 ? 0 : (2 * tp) / (predicted + support), support };
  });
  const n = perClass.reduce((sum, c) => sum + c.support, 0);
  const macroF1 = f1Score(yTrue, yPred, { k, average: "macro" });
  const binaryF1 = k === 2 ? f1Score(yTrue, yPred, { k, average: "binary", positive: 1 }) : null;
  const ece = options.proba ? expectedCalibrationError(yTrue, options.proba, k, { yPred }) : null;
  return {
    n,
    accuracy: accuracy(yTrue, yPred),
    f1: binaryF1 ?? macroF1,
    binaryF1,
    macroF1,
    perClass,
    confusion,
    abstained: abstained.reduce((a, b) => a + b, 0),
    ece,
  };
}
