import { multiLabelReport, type MultiLabelReport } from "../metrics/multi-label-report";
import { goldSetIndicators } from "./gold-set-indicators";

/** A class applies to a row where its probability is at least this. */
export const MULTI_LABEL_THRESHOLD = 0.5;

/**
 * Multi-label metrics (per class, micro/macro F1) of n x k class probabilities at the 0.5
 * threshold over `rows` that have gold (the test rows: final metrics only); null when none has.
 *
 * @example
 * const report = multiLabelTestReport(proba, 4, split.test, goldSets, ["sports", "politics", "tech", "business"]);
 * report?.microF1; // 0.92
 */
export function multiLabelTestReport(
  values: ArrayLike<number>,
  k: number,
  rows: Int32Array,
  goldSets: readonly (readonly number[] | undefined)[],
  classNames: readonly string[],
): MultiLabelReport | null {
  const gold = goldSetIndicators(goldSets, rows, k);
  if (gold.kept.length === 0) return null;
  const pred = Uint8Array.from({ length: gold.kept.length * k }, (_, x) =>
    values[gold.kept[Math.floor(x / k)]! * k + (x % k)]! >= MULTI_LABEL_THRESHOLD ? 1 : 0,
  );
  return multiLabelReport(gold.values, pred, classNames);
}
