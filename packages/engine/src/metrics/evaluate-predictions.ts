import { accuracy } from "./accuracy";
import { f1Score } from "./f1-score";

/** Headline metrics over rows with known gold. */
export interface Evaluation {
  readonly accuracy: number;
  /** F1 of the last class when k = 2, macro F1 otherwise. */
  readonly f1: number;
  /** Rows with known gold (yTrue >= 0). */
  readonly n: number;
}

/**
 * Accuracy and F1 over rows with yTrue >= 0; an abstaining prediction (-1) counts as wrong.
 *
 * @example
 * evaluatePredictions([0, 1, 1, -1], [0, 1, -1, 0], 2); // { accuracy: 2/3, f1: 2/3, n: 3 }
 */
export function evaluatePredictions(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): Evaluation {
  const f1 = f1Score(yTrue, yPred, k === 2 ? { k, average: "binary", positive: 1 } : { k, average: "macro" });
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i]! >= 0) n++;
  return { accuracy: accuracy(yTrue, yPred), f1, n };
}
