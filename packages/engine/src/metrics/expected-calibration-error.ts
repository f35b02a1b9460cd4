import { EngineError } from "../errors/engine-error";

/**
 * Expected calibration error with `bins` equal-width confidence bins (default 15): the mean over
 * rows of |accuracy(bin) - mean confidence(bin)| weighted by bin size. A row's confidence is its
 * probability of its predicted class (`yPred`, argmax when omitted). Rows with unknown gold
 * (yTrue < 0) or an abstaining prediction (-1) are left out; returns null when none remain.
 *
 * @example
 * expectedCalibrationError([1, 0], Float64Array.from([0.2, 0.8, 0.6, 0.4]), 2); // (|1-0.8| + |1-0.6|) / 2 = 0.3
 */
export function expectedCalibrationError(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  k: number,
  options: { yPred?: ArrayLike<number>; bins?: number } = {},
): number | null {
  const bins = options.bins ?? 15;
  if (!Number.isInteger(bins) || bins < 1) throw new EngineError("INVALID_ARGUMENT", `expectedCalibrationError: bins must be a positive integer, got ${bins}`);
  if (proba.length !== yTrue.length * k)
    throw new EngineError(
      "INVALID_ARGUMENT",
      `expectedCalibrationError: ${yTrue.length} labels need ${yTrue.length * k} probabilities (k = ${k}), got ${proba.length}`,
    );
  const count = new Float64Array(bins);
  const correct = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i]! < 0) continue;
    let pred = options.yPred ? options.yPred[i]! : 0;
    if (!options.yPred) for (let c = 1; c < k; c++) if (proba[i * k + c]! > proba[i * k + pred]!) pred = c;
    if (pred < 0) continue;
    const conf = proba[i * k + pred]!;
    const b = Math.min(bins - 1, Math.floor(conf * bins));
    count[b]!++;
    confidence[b]! += conf;
    if (pred === yTrue[i]) correct[b]!++;
    n++;
  }
  if (n === 0) return null;
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(correct[b]! - confidence[b]!) / n;
  return ece;
}
