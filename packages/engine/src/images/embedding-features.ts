import type { SparseMatrix } from "../core/sparse-matrix";
import { l2NormalizeRows, type EmbeddingMatrix } from "./embedding-matrix";

/**
 * Image embeddings as MLP input: L2-normalised rows in the CSR layout `MlpClassifier` takes (every
 * entry stored, since CLIP embeddings are dense).
 *
 * @example
 * const X = embeddingFeatures(result.imageEmbeddings);
 * new MlpClassifier({ inputSize: X.cols, k: 2 }).fit(X, pseudolabels);
 */
export function embeddingFeatures(embeddings: EmbeddingMatrix): SparseMatrix {
  const { rows, cols, values } = l2NormalizeRows(embeddings);
  const indptr = new Int32Array(rows + 1);
  for (let r = 0; r <= rows; r++) indptr[r] = r * cols;
  const indices = new Int32Array(rows * cols);
  for (let i = 0; i < indices.length; i++) indices[i] = i % cols;
  return { rows, cols, indptr, indices, values };
}
