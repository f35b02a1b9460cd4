import type { SparseMatrix } from "../core/sparse-matrix";

/**
 * Parameters of a ReLU MLP with a softmax output. `sizes = [inputSize, ...hidden, k]`;
 * `weights[l]` is sizes[l] x sizes[l + 1], row-major by input unit (`W[a * out + j]`).
 */
export interface MlpParams {
  readonly sizes: readonly number[];
  readonly weights: Float32Array[];
  readonly biases: Float32Array[];
  /** `sigmoid`: one independent probability per output (multi-label, binary cross-entropy); default softmax. */
  readonly output?: "softmax" | "sigmoid";
}

/**
 * Forward pass for `count` rows of X (`rows[0..count)`): `h1 = relu(x W0 + b0)`, ...,
 * `p = softmax(h W_last + b_last)`. The first layer only reads W0's rows of the row's nonzero
 * columns. `acts[l]` (at least count x sizes[l + 1]) receives layer l's output: post-ReLU for
 * hidden layers, probabilities for the last.
 *
 * @example
 * mlpForward(params, X, order, 64, acts); // acts.at(-1) holds 64 x k probabilities
 */
export function mlpForward(params: MlpParams, X: SparseMatrix, rows: ArrayLike<number>, count: number, acts: Float32Array[]): void {
  const { sizes, weights, biases } = params;
  const layers = sizes.length - 1;
  const h = sizes[1]!;
  const W0 = weights[0]!;
  const first = acts[0]!;
  const { indptr, indices, values } = X;
  for (let r = 0; r < count; r++) {
    const i = rows[r]!;
    const o = r * h;
    first.set(biases[0]!, o);
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const v = values[p]!;
      const base = indices[p]! * h;
      for (let j = 0; j < h; j++) first[o + j]! += v * W0[base + j]!;
    }
  }
  for (let l = 0; l < layers; l++) {
    if (l > 0) denseLayer(acts[l - 1]!, sizes[l]!, weights[l]!, biases[l]!, sizes[l + 1]!, acts[l]!, count);
    if (l === layers - 1) break;
    const a = acts[l]!;
    for (let x = 0; x < count * sizes[l + 1]!; x++) if (a[x]! < 0) a[x] = 0;
  }
  if (params.output === "sigmoid") sigmoidAll(acts[layers - 1]!, count * sizes[layers]!);
  else softmaxRows(acts[layers - 1]!, sizes[layers]!, count);
}

function sigmoidAll(z: Float32Array, length: number): void {
  for (let x = 0; x < length; x++) z[x] = 1 / (1 + Math.exp(-z[x]!));
}

function denseLayer(input: Float32Array, inSize: number, W: Float32Array, b: Float32Array, outSize: number, out: Float32Array, count: number): void {
  for (let r = 0; r < count; r++) {
    const o = r * outSize;
    out.set(b, o);
    for (let a = 0; a < inSize; a++) {
      const x = input[r * inSize + a]!;
      if (x === 0) continue;
      const base = a * outSize;
      for (let j = 0; j < outSize; j++) out[o + j]! += x * W[base + j]!;
    }
  }
}

function softmaxRows(z: Float32Array, k: number, count: number): void {
  for (let r = 0; r < count; r++) {
    const o = r * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (z[o + c]! > max) max = z[o + c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[o + c]! - max);
      z[o + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) z[o + c]! /= sum;
  }
}
