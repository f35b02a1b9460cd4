import type { SparseMatrix } from "../core/sparse-matrix";

/**
 * A dense row-major `rows x dim` matrix (e.g. sentence embeddings) in CSR form, every entry kept,
 * so it can be stacked beside sparse features.
 *
 * @example
 * denseRowsToSparse(Float32Array.of(1, 2, 3, 4), 2, 2).indptr; // Int32Array [0, 2, 4]
 */
export function denseRowsToSparse(values: Float32Array, rows: number, dim: number): SparseMatrix {
  const indptr = Int32Array.from({ length: rows + 1 }, (_, i) => i * dim);
  const indices = Int32Array.from({ length: rows * dim }, (_, x) => x % dim);
  return { rows, cols: dim, indptr, indices, values: values.subarray(0, rows * dim) };
}
