import { ABSTAIN, createLabelMatrix, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

/** Class sets travel as 16-bit signed bitmasks (the runner's vote codes), so 15 classes at most. */
export const MAX_MULTI_LABEL_CLASSES = 15;

/**
 * Splits a multi-label vote matrix (each vote the bitmask of the classes a program returned, -1 an
 * abstain) into k one-vs-rest binary matrices: in matrix c a program votes 1 when its set holds
 * class c, 0 when it returned a set without c, and abstains where it abstained. The binary label
 * models then run on each matrix as they do on any two-class task.
 *
 * @example
 * const L = labelMatrixFromRows([[0b011, -1], [0b100, 0b001]], 8); // 2 rows, 2 programs, 3 classes
 * const [a, b, c] = multiLabelVotes(L, 3);
 * Array.from(a.values); // [1, -1, 0, 1]
 * Array.from(c.values); // [0, -1, 1, 0]
 */
export function multiLabelVotes(L: LabelMatrix, k: number): LabelMatrix[] {
  if (!Number.isInteger(k) || k < 2 || k > MAX_MULTI_LABEL_CLASSES) {
    throw new EngineError("INVALID_ARGUMENT", `multi-label votes need 2..${MAX_MULTI_LABEL_CLASSES} classes, got ${k}`);
  }
  const limit = 2 ** k;
  const out = Array.from({ length: k }, () => createLabelMatrix(L.n, L.m, 2));
  for (let x = 0; x < L.values.length; x++) {
    const mask = L.values[x]!;
    if (mask === ABSTAIN) continue;
    if (!Number.isInteger(mask) || mask < 0 || mask >= limit) {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `multi-label vote ${mask} at row ${Math.floor(x / L.m)} program ${x % L.m} is not a set of ${k} classes (0..${limit - 1}) or -1`,
      );
    }
    for (let c = 0; c < k; c++) out[c]!.values[x] = (mask >> c) & 1;
  }
  return out;
}
