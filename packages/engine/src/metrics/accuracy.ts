import { EngineError } from "../errors/engine-error";

/**
 * Fraction of rows with a known label (yTrue >= 0) where the prediction matches; an abstaining
 * prediction (-1) counts as wrong. 0 when no row has a known label.
 *
 * @example
 * accuracy([0, 1, -1, 1], [0, 0, 1, 1]); // 2 / 3
 */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  if (yTrue.length !== yPred.length) throw new EngineError("INVALID_ARGUMENT", `accuracy: ${yTrue.length} labels but ${yPred.length} predictions`);
  let known = 0;
  let right = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i]! < 0) continue;
    known++;
    if (yPred[i] === yTrue[i]) right++;
  }
  return known === 0 ? 0 : right / known;
}
