import { createProbabilities, type Probabilities } from "../core/probabilities";
import type { SparseMatrix } from "../core/sparse-matrix";
import { createRng } from "../random/create-rng";

/**
 * A linearly separable sparse problem for tests and benchmarks: each row of class c draws
 * `signal` features from class c's block of `blockSize` columns and `noise` features from the
 * columns after all blocks; values are 1 before L2 normalisation. With `purity` < 1 each signal
 * feature comes from a random other class's block with probability 1 - purity, so some rows are
 * ambiguous and accuracy has headroom. Targets put `confidence` on the true class, spread the rest.
 *
 * @example
 * const { X, y, targets } = syntheticSparse({ rows: 500, cols: 1000, k: 3, seed: 1 });
 */
export function syntheticSparse(options: {
  rows: number;
  cols: number;
  k: number;
  seed: number;
  signal?: number;
  noise?: number;
  blockSize?: number;
  confidence?: number;
  purity?: number;
}): { X: SparseMatrix; y: Int32Array; targets: Probabilities } {
  const { rows, cols, k, seed, signal = 6, noise = 14, blockSize = 50, confidence = 0.8, purity = 1 } = options;
  const rng = createRng(seed);
  const y = new Int32Array(rows);
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(rows * (signal + noise));
  const values = new Float32Array(rows * (signal + noise));
  const noiseStart = k * blockSize;
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(rng() * k);
    y[i] = c;
    const picked = new Set<number>();
    while (picked.size < signal) {
      const block = purity < 1 && rng() >= purity ? (c + 1 + Math.floor(rng() * (k - 1))) % k : c;
      picked.add(block * blockSize + Math.floor(rng() * blockSize));
    }
    while (picked.size < signal + noise) picked.add(noiseStart + Math.floor(rng() * (cols - noiseStart)));
    const sorted = [...picked].sort((a, b) => a - b);
    for (const f of sorted) {
      indices[at] = f;
      values[at++] = 1 / Math.sqrt(sorted.length);
    }
    indptr[i + 1] = at;
  }
  const targets = createProbabilities(rows, k);
  for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) targets.values[i * k + c] = c === y[i] ? confidence : (1 - confidence) / (k - 1);
  return { X: { rows, cols, indptr, indices: indices.subarray(0, at), values: values.subarray(0, at) }, y, targets };
}
