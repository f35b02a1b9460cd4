import { EngineError } from "../errors/engine-error";
import { confusionMatrix } from "./confusion-matrix";

export interface F1Options {
  readonly k: number;
  readonly average: "binary" | "macro";
  /** Positive class for "binary"; default k - 1. */
  readonly positive?: number;
}

/**
 * F1 over rows with yTrue >= 0; an abstaining prediction (-1) is a false negative. "binary": F1 of
 * the positive class; "macro": unweighted mean over all k classes (absent classes included). A
 * class with no true and no predicted rows scores 0 (sklearn's zero_division=0).
 *
 * @example
 * f1Score([0, 1, 1, 0], [0, 1, 0, 0], { k: 2, average: "binary" }); // 2/3
 */
export function f1Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: F1Options): number {
  const { k, average, positive = k - 1 } = options;
  if (average !== "binary" && average !== "macro")
    throw new EngineError("INVALID_ARGUMENT", `f1Score: average must be "binary" or "macro", got ${String(average)}`);
  if (!Number.isInteger(positive) || positive < 0 || positive >= k)
    throw new EngineError("INVALID_ARGUMENT", `f1Score: positive class ${positive} is outside 0..${k - 1}`);
  const { counts, abstained } = confusionMatrix(yTrue, yPred, k);
  const classF1 = (c: number): number => {
    let predicted = 0;
    let actual = abstained[c]!;
    for (let o = 0; o < k; o++) {
      predicted += counts[o * k + c]!;
      actual += counts[c * k + o]!;
    }
    const tp = counts[c * k + c]!;
    return predicted + actual === 0 ? 0 : (2 * tp) / (predicted + actual);
  };
  if (average === "binary") return classF1(positive);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += classF1(c);
  return sum / k;
}
