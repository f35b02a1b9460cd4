/**
 * Baseline for bench-train: the same ReLU MLP (same init, same shuffles, softmax + soft-label
 * cross-entropy, Adam) trained the straightforward way — a dense input matrix multiplied in full
 * and every first-layer weight updated every batch, as a dense framework would.
 */
import { initMlpParams } from "../src/models/init-mlp-params";
import { createRng } from "../src/random/create-rng";

export interface DenseReferenceOptions {
  readonly sizes: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
}

/** Trains on dense row-major `X` (n x sizes[0]) and returns a predict function. */
export function trainDenseReference(X: Float32Array, n: number, targets: Float64Array, options: DenseReferenceOptions): (Xq: Float32Array, rows: number) => Int32Array {
  const { sizes, epochs, batchSize, learningRate, seed } = options;
  const L = sizes.length - 1;
  const { weights: W, biases: B } = initMlpParams(sizes, seed);
  const mW = W.map((w) => new Float32Array(w.length));
  const vW = W.map((w) => new Float32Array(w.length));
  const mB = B.map((b) => new Float32Array(b.length));
  const vB = B.map((b) => new Float32Array(b.length));
  const gW = W.map((w) => new Float32Array(w.length));
  const gB = B.map((b) => new Float32Array(b.length));
  const acts = [0, ...sizes.slice(1)].map((s, l) => new Float32Array(batchSize * (l === 0 ? sizes[0]! : s)));
  const deltas = sizes.map((s) => new Float32Array(batchSize * s));

  const forward = (count: number): void => {
    for (let l = 0; l < L; l++) {
      const [inS, outS, input, out] = [sizes[l]!, sizes[l + 1]!, acts[l]!, acts[l + 1]!];
      for (let r = 0; r < count; r++) {
        for (let j = 0; j < outS; j++) {
          let z = B[l]![j]!;
          for (let a = 0; a < inS; a++) z += input[r * inS + a]! * W[l]![a * outS + j]!;
          out[r * outS + j] = l < L - 1 ? Math.max(0, z) : z;
        }
        if (l < L - 1) continue;
        let max = -Infinity;
        let sum = 0;
        for (let j = 0; j < outS; j++) max = Math.max(max, out[r * outS + j]!);
        for (let j = 0; j < outS; j++) sum += out[r * outS + j] = Math.exp(out[r * outS + j]! - max);
        for (let j = 0; j < outS; j++) out[r * outS + j]! /= sum;
      }
    }
  };

  let t = 0;
  const order = new Int32Array(n);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = 0; i < n; i++) order[i] = i;
    const rng = createRng((seed + epoch) | 0);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      for (let r = 0; r < count; r++) acts[0]!.set(X.subarray(order[start + r]! * sizes[0]!, (order[start + r]! + 1) * sizes[0]!), r * sizes[0]!);
      forward(count);
      const k = sizes[L]!;
      for (let r = 0; r < count; r++) for (let c = 0; c < k; c++) deltas[L]![r * k + c] = (acts[L]![r * k + c]! - targets[order[start + r]! * k + c]!) / count;
      for (let l = L - 1; l >= 0; l--) {
        const [inS, outS, input, d] = [sizes[l]!, sizes[l + 1]!, acts[l]!, deltas[l + 1]!];
        gW[l]!.fill(0);
        gB[l]!.fill(0);
        for (let r = 0; r < count; r++) {
          for (let j = 0; j < outS; j++) gB[l]![j]! += d[r * outS + j]!;
          for (let a = 0; a < inS; a++) {
            let s = 0;
            for (let j = 0; j < outS; j++) {
              gW[l]![a * outS + j]! += input[r * inS + a]! * d[r * outS + j]!;
              s += d[r * outS + j]! * W[l]![a * outS + j]!;
            }
            deltas[l]![r * inS + a] = l > 0 && input[r * inS + a]! > 0 ? s : 0;
          }
        }
      }
      t++;
      const step = (learningRate * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      const adam = (p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array): void => {
        for (let x = 0; x < p.length; x++) {
          m[x] = 0.9 * m[x]! + 0.1 * g[x]!;
          v[x] = 0.999 * v[x]! + 0.001 * g[x]! * g[x]!;
          p[x]! -= (step * m[x]!) / (Math.sqrt(v[x]!) + 1e-7);
        }
      };
      for (let l = 0; l < L; l++) {
        adam(W[l]!, gW[l]!, mW[l]!, vW[l]!);
        adam(B[l]!, gB[l]!, mB[l]!, vB[l]!);
      }
    }
  }

  return (Xq, rows) => {
    const out = new Int32Array(rows);
    for (let start = 0; start < rows; start += batchSize) {
      const count = Math.min(batchSize, rows - start);
      acts[0]!.set(Xq.subarray(start * sizes[0]!, (start + count) * sizes[0]!));
      forward(count);
      const k = sizes[L]!;
      for (let r = 0; r < count; r++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (acts[L]![r * k + c]! > acts[L]![r * k + best]!) best = c;
        out[start + r] = best;
      }
    }
    return out;
  };
}
