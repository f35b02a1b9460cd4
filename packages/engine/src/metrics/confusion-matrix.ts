import { EngineError } from "../errors/engine-error";

/**
 * k x k counts, row-major `[true][predicted]`, over rows with yTrue >= 0 (unknown gold is -1).
 * Abstaining predictions (-1) are in no cell: `abstained[trueClass]` counts them.
 *
 * @example
 * confusionMatrix([0, 1, 1], [0, 0, 1], 2).counts; // Int32Array [1, 0, 1, 1]
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): { k: number; counts: Int32Array; abstained: Int32Array } {
  if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `confusionMatrix: k must be an integer >= 2, got ${k}`);
  if (yTrue.length !== yPred.length) throw new EngineError("INVALID_ARGUMENT", `confusionMatrix: ${yTrue.length} labels but ${yPred.length} predictions`);
  const counts = new Int32Array(k * k);
  const abstained = new Int32Array(k);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    const p = yPred[i]!;
    if (t < 0) continue;
    if (!Number.isInteger(t) || t >= k) throw new EngineError("INVALID_ARGUMENT", `confusionMatrix: row ${i} has label ${t}, outside 0..${k - 1}`);
    if (p === -1) abstained[t]!++;
    else if (Number.isInteger(p) && p >= 0 && p < k) counts[t * k + p]!++;
    else throw new EngineError("INVALID_ARGUMENT", `confusionMatrix: row ${i} has prediction ${p}, outside -1..${k - 1}`);
  }
  return { k, counts, abstained };
}
