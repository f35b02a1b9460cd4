import { EngineError } from "../errors/engine-error";

export interface MultiLabelClassMetrics {
  readonly class: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Rows whose gold holds the class. */
  readonly support: number;
  /** Rows predicted to hold it. */
  readonly predicted: number;
}

/** Multi-label metrics over rows with gold. Precision, recall and F1 are 0 where undefined (sklearn's zero_division=0). */
export interface MultiLabelReport {
  readonly n: number;
  /** F1 of all (row, class) decisions pooled. */
  readonly microF1: number;
  readonly microPrecision: number;
  readonly microRecall: number;
  /** Unweighted mean of the per-class F1 (every class, absent ones included). */
  readonly macroF1: number;
  /** Rows whose predicted set equals the gold set exactly. */
  readonly subsetAccuracy: number;
  /** Share of (row, class) decisions that are wrong. */
  readonly hammingLoss: number;
  readonly perClass: readonly MultiLabelClassMetrics[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Per-class precision/recall/F1 and micro/macro F1 of multi-label predictions. `gold` and `pred`
 * are n x k indicator matrices, row-major (1 = the class applies).
 *
 * @example
 * // gold {a}, {a,b}, {b}; predicted {a}, {a}, {a,b}
 * multiLabelReport(Uint8Array.of(1,0, 1,1, 0,1), Uint8Array.of(1,0, 1,0, 1,1), ["a", "b"]);
 * // microF1 = 2*3 / (4 + 4) = 0.75; macroF1 = (0.8 + 2/3) / 2
 */
export function multiLabelReport(gold: ArrayLike<number>, pred: ArrayLike<number>, classNames: readonly string[]): MultiLabelReport {
  const k = classNames.length;
  if (k < 1) throw new EngineError("INVALID_ARGUMENT", "multiLabelReport needs at least 1 class, got 0");
  if (gold.length !== pred.length || gold.length % k !== 0) {
    throw new EngineError("INVALID_ARGUMENT", `multiLabelReport: gold has ${gold.length} entries and pred ${pred.length}; both must be n x ${k}`);
  }
  const n = gold.length / k;
  const tp = new Int32Array(k);
  const support = new Int32Array(k);
  const predicted = new Int32Array(k);
  let exact = 0;
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    let same = true;
    for (let c = 0; c < k; c++) {
      const g = gold[i * k + c] ? 1 : 0;
      const p = pred[i * k + c] ? 1 : 0;
      support[c]! += g;
      predicted[c]! += p;
      tp[c]! += g & p;
      if (g !== p) {
        same = false;
        wrong++;
      }
    }
    if (same) exact++;
  }
  const perClass = classNames.map((name, c): MultiLabelClassMetrics => ({
    class: name,
    precision: ratio(tp[c]!, predicted[c]!),
    recall: ratio(tp[c]!, support[c]!),
    f1: ratio(2 * tp[c]!, support[c]! + predicted[c]!),
    support: support[c]!,
    predicted: predicted[c]!,
  }));
  const sum = (a: Int32Array): number => a.reduce((s, x) => s + x, 0);
  const [allTp, allSupport, allPredicted] = [sum(tp), sum(support), sum(predicted)];
  return {
    n,
    microF1: ratio(2 * allTp, allSupport + allPredicted),
    microPrecision: ratio(allTp, allPredicted),
    microRecall: ratio(allTp, allSupport),
    macroF1: perClass.reduce((s, m) => s + m.f1, 0) / k,
    subsetAccuracy: ratio(exact, n),
    hammingLoss: ratio(wrong, n * k),
    perClass,
  };
}
