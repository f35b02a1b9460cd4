import { EngineError } from "../errors/engine-error";
import type { LabelMatrix, VoteArray } from "./label-matrix";

/**
 * Copies the given rows of a label matrix, in the given order, into a new matrix of the same
 * vote width (Int8/Int16/Int32).
 *
 * @example
 * const dev = subsetRows(L, [0, 4, 7]); // dev.n === 3, dev.m === L.m
 */
export function subsetRows(L: LabelMatrix, rowIndices: ArrayLike<number>): LabelMatrix {
  const { n, m } = L;
  for (let r = 0; r < rowIndices.length; r++) {
    const i = rowIndices[r]!;
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new EngineError("INVALID_ARGUMENT", `subsetRows: row index ${i} at position ${r} is outside 0..${n - 1}`);
    }
  }
  const length = rowIndices.length * m;
  const values: VoteArray =
    L.values instanceof Int8Array ? new Int8Array(length) : L.values instanceof Int16Array ? new Int16Array(length) : new Int32Array(length);
  for (let r = 0; r < rowIndices.length; r++) {
    const start = rowIndices[r]! * m;
    values.set(L.values.subarray(start, start + m), r * m);
  }
  return { n: rowIndices.length, m, values };
}
