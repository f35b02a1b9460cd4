import type { SparseMatrix } from "../core/sparse-matrix";
import type { MlpParams } from "./mlp-forward";

/** Gradient buffers shaped like MlpParams; only the `touched` rows of `weights[0]` are valid. */
export interface MlpGrads {
  readonly weights: Float32Array[];
  readonly biases: Float32Array[];
}

/** First-layer rows (input features) seen in the current batch: `list[0..count)`, in first-seen order. */
export interface TouchedRows {
  readonly stamp: Int32Array;
  readonly list: Int32Array;
  count: number;
  step: number;
}

const EPSILON = 1e-7;

/**
 * Backpropagates the mean soft-label cross-entropy (binary cross-entropy per output for a sigmoid
 * output) of a batch whose forward pass is in `acts`,
 * writing gradients into `grads` (first layer: only the rows of features present in the batch,
 * listed in `touched`). Returns the summed (not averaged) cross-entropy of the batch.
 *
 * @example
 * mlpForward(params, X, rows, count, acts);
 * const lossSum = mlpBackward(params, X, rows, count, acts, targets.values, deltas, grads, touched);
 */
export function mlpBackward(
  params: MlpParams,
  X: SparseMatrix,
  rows: ArrayLike<number>,
  count: number,
  acts: Float32Array[],
  targets: Float64Array,
  deltas: Float32Array[],
  grads: MlpGrads,
  touched: TouchedRows,
): number {
  const { sizes, weights } = params;
  const layers = sizes.length - 1;
  const k = sizes[layers]!;
  const probs = acts[layers - 1]!;
  const top = deltas[layers - 1]!;
  // Softmax + cross-entropy and sigmoid + binary cross-entropy share the output gradient p - target.
  const sigmoid = params.output === "sigmoid";
  let loss = 0;
  for (let r = 0; r < count; r++) {
    const t = rows[r]! * k;
    for (let c = 0; c < k; c++) {
      const p = probs[r * k + c]!;
      const target = targets[t + c]!;
      if (target > 0) loss -= target * Math.log(p > EPSILON ? p : EPSILON);
      if (sigmoid && target < 1) loss -= (1 - target) * Math.log(1 - p > EPSILON ? 1 - p : EPSILON);
      top[r * k + c] = (p - target) / count;
    }
  }
  for (let l = layers - 1; l >= 1; l--) {
    const input = acts[l - 1]!;
    const inSize = sizes[l]!;
    const outSize = sizes[l + 1]!;
    const d = deltas[l]!;
    const gW = grads.weights[l]!.fill(0);
    biasGrad(d, outSize, count, grads.biases[l]!);
    const W = weights[l]!;
    const prev = deltas[l - 1]!;
    for (let r = 0; r < count; r++) {
      for (let a = 0; a < inSize; a++) {
        const x = input[r * inSize + a]!;
        if (x <= 0) {
          prev[r * inSize + a] = 0; // ReLU is flat here
          continue;
        }
        let s = 0;
        for (let j = 0; j < outSize; j++) {
          const dj = d[r * outSize + j]!;
          gW[a * outSize + j]! += x * dj;
          s += dj * W[a * outSize + j]!;
        }
        prev[r * inSize + a] = s;
      }
    }
  }
  const h = sizes[1]!;
  const d0 = deltas[0]!;
  const gW0 = grads.weights[0]!;
  biasGrad(d0, h, count, grads.biases[0]!);
  touched.step++;
  touched.count = 0;
  const { indptr, indices, values } = X;
  for (let r = 0; r < count; r++) {
    const i = rows[r]!;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const f = indices[p]!;
      const v = values[p]!;
      const base = f * h;
      if (touched.stamp[f] !== touched.step) {
        touched.stamp[f] = touched.step;
        touched.list[touched.count++] = f;
        gW0.fill(0, base, base + h);
      }
      for (let j = 0; j < h; j++) gW0[base + j]! += v * d0[r * h + j]!;
    }
  }
  return loss;
}

function biasGrad(d: Float32Array, size: number, count: number, gb: Float32Array): void {
  gb.fill(0);
  for (let r = 0; r < count; r++) for (let j = 0; j < size; j++) gb[j]! += d[r * size + j]!;
}
