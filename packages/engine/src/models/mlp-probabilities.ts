import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";
import { mlpForward, type MlpParams } from "./mlp-forward";

/**
 * The MLP's output for every row of X, n x k row-major: softmax probabilities, or one independent
 * probability per class for a sigmoid output. Rows go through in chunks of 256.
 *
 * @example
 * const P = mlpProbabilities(params, X); // P[i * k + c]
 */
export function mlpProbabilities(params: MlpParams, X: SparseMatrix): Float64Array {
  const inputSize = params.sizes[0]!;
  const k = params.sizes.at(-1)!;
  if (X.cols !== inputSize) throw new EngineError("INVALID_ARGUMENT", `mlpProbabilities: X has ${X.cols} columns, the model takes ${inputSize}`);
  const chunk = 256;
  const acts = params.sizes.slice(1).map((size) => new Float32Array(chunk * size));
  const rows = new Int32Array(chunk);
  const out = new Float64Array(X.rows * k);
  for (let start = 0; start < X.rows; start += chunk) {
    const count = Math.min(chunk, X.rows - start);
    for (let r = 0; r < count; r++) rows[r] = start + r;
    mlpForward(params, X, rows, count, acts);
    const probs = acts[acts.length - 1]!;
    for (let x = 0; x < count * k; x++) out[start * k + x] = probs[x]!;
  }
  return out;
}
