import { classificationReport } from "../metrics/classification-report";
import { pickRows } from "./pick-rows";
import type { TestMetrics } from "./report-types";

/**
 * The classification report of `pred` (test rows, in `gold` order) over the test rows with gold;
 * `{accuracy: null, f1: null, n: 0}` when no test row has gold. `proba` (test rows x k, same
 * order) adds the calibration error.
 *
 * @example
 * testMetrics(split.testGold, choice.testPred, classNames, testProba);
 */
export function testMetrics(gold: Int32Array, pred: ArrayLike<number>, classNames: readonly string[], proba?: ArrayLike<number>): TestMetrics {
  const k = classNames.length;
  const known = Int32Array.from(Array.from(gold.keys()).filter((r) => gold[r]! >= 0));
  if (known.length === 0) return { accuracy: null, f1: null, n: 0 };
  const knownProba = proba ? Float64Array.from({ length: known.length * k }, (_, x) => proba[known[Math.floor(x / k)]! * k + (x % k)]!) : undefined;
  return classificationReport(pickRows(gold, known), pickRows(pred, known), classNames, knownProba ? { proba: knownProba } : {});
}
