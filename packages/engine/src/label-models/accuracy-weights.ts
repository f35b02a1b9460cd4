import { EngineError } from "../errors/engine-error";

/**
 * Per-program vote weights from accuracies (dev-set or learned): the log-odds
 * `log((k - 1) * a / (1 - a))` — the Bayes-optimal weight for independent programs with symmetric
 * errors — clamped at 0 so a worse-than-chance program is ignored rather than inverted. Accuracies
 * are clipped to [0.01, 0.99]; unknown accuracies (NaN/undefined) get weight 1.
 *
 * @example
 * accuracyWeights([0.9, 0.5, 0.3], 2); // [2.197..., 0, 0]
 */
export function accuracyWeights(accuracies: ArrayLike<number | undefined>, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `accuracyWeights: k must be an integer >= 2, got ${k}`);
  const out = new Float64Array(accuracies.length);
  for (let j = 0; j < accuracies.length; j++) {
    const a = accuracies[j];
    if (a === undefined || Number.isNaN(a)) {
      out[j] = 1;
      continue;
    }
    const p = Math.min(0.99, Math.max(0.01, a));
    out[j] = Math.max(0, Math.log(((k - 1) * p) / (1 - p)));
  }
  return out;
}
