import { EngineError } from "../errors/engine-error";

/**
 * Compressed sparse row matrix: row i's nonzeros are `indices[indptr[i] .. indptr[i+1])` (column
 * indices, ascending within a row) with `values` at the same positions.
 */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * Builds a CSR matrix from per-row `[column, value]` entries; duplicate columns in a row are summed,
 * zeros dropped, columns sorted.
 *
 * @example
 * const X = sparseMatrixFromRows([[[0, 1], [3, 0.5]], []], 4); // 2 x 4 with two nonzeros in row 0
 */
export function sparseMatrixFromRows(rows: readonly (readonly (readonly [number, number])[])[], cols: number): SparseMatrix {
  if (!Number.isInteger(cols) || cols < 0) throw new EngineError("INVALID_ARGUMENT", `sparse matrix columns must be a non-negative integer, got ${cols}`);
  const indptr = new Int32Array(rows.length + 1);
  const colsOut: number[] = [];
  const valsOut: number[] = [];
  rows.forEach((row, i) => {
    const merged = new Map<number, number>();
    for (const [c, v] of row) {
      if (!Number.isInteger(c) || c < 0 || c >= cols)
        throw new EngineError("INVALID_ARGUMENT", `sparse matrix row ${i}: column ${c} is outside 0..${cols - 1}`);
      merged.set(c, (merged.get(c) ?? 0) + v);
    }
    for (const c of [...merged.keys()].sort((a, b) => a - b)) {
      if (merged.get(c) === 0) continue;
      colsOut.push(c);
      valsOut.push(merged.get(c)!);
    }
    indptr[i + 1] = colsOut.length;
  });
  return { rows: rows.length, cols, indptr, indices: Int32Array.from(colsOut), values: Float32Array.from(valsOut) };
}

/**
 * Copies the given rows of a CSR matrix, in order.
 *
 * @example
 * const Xdev = sparseRowSubset(X, devIndices);
 */
export function sparseRowSubset(X: SparseMatrix, rowIndices: ArrayLike<number>): SparseMatrix {
  let nnz = 0;
  for (let r = 0; r < rowIndices.length; r++) {
    const i = rowIndices[r]!;
    if (!Number.isInteger(i) || i < 0 || i >= X.rows)
      throw new EngineError("INVALID_ARGUMENT", `sparseRowSubset: row index ${i} at position ${r} is outside 0..${X.rows - 1}`);
    nnz += X.indptr[i + 1]! - X.indptr[i]!;
  }
  const indptr = new Int32Array(rowIndices.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  for (let r = 0; r < rowIndices.length; r++) {
    const i = rowIndices[r]!;
    const a = X.indptr[i]!;
    const b = X.indptr[i + 1]!;
    indices.set(X.indices.subarray(a, b), at);
    values.set(X.values.subarray(a, b), at);
    at += b - a;
    indptr[r + 1] = at;
  }
  return { rows: rowIndices.length, cols: X.cols, indptr, indices, values };
}
