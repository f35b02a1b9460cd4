/**
 * Straightforward reference implementations for `bench-label-model.ts`, written the obvious way:
 * Snorkel's O from a dense indicator row and a loop over all d x d pairs per row, its loss and
 * gradient from dense d x d matrices with an explicit mask; majority vote with a Map per row.
 * They compute the same numbers as the engine's models (checked by the benchmark), only slower.
 */
import type { LabelMatrix } from "../src/core/label-matrix";

export function referenceMajorityVote(L: LabelMatrix, k: number): Int32Array {
  const out = new Int32Array(L.n);
  for (let i = 0; i < L.n; i++) {
    const counts = new Map<number, number>();
    const row = Array.from(L.values.subarray(i * L.m, (i + 1) * L.m));
    for (const v of row) if (v >= 0 && v < k) counts.set(v, (counts.get(v) ?? 0) + 1);
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    out[i] = sorted.length === 0 || (sorted.length > 1 && sorted[0]![1] === sorted[1]![1]) ? -1 : sorted[0]![0];
  }
  return out;
}

export interface ReferenceSnorkel {
  readonly mu: Float64Array;
  predict(L: LabelMatrix): Int32Array;
}

/** Snorkel's fit without exploiting structure; same init scale, optimiser, clamp (no permutation step). */
export function referenceSnorkel(L: LabelMatrix, k: number, p: Float64Array, scale: number, epochs: number): ReferenceSnorkel {
  const { n, m } = L;
  const d = m * k;
  const O = new Float64Array(d * d);
  const ind = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    ind.fill(0);
    for (let j = 0; j < m; j++) {
      const v = L.values[i * m + j]!;
      if (v >= 0) ind[j * k + v] = 1;
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) O[a * d + b]! += ind[a]! * ind[b]!;
  }
  for (let x = 0; x < d * d; x++) O[x]! /= n;
  const mask = new Uint8Array(d * d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) mask[a * d + b] = Math.floor(a / k) === Math.floor(b / k) ? 0 : 1;
  const mu = new Float64Array(d * k);
  for (let a = 0; a < d; a++) mu[a * k + (a % k)] = Math.min(1, (O[a * d + a]! * 0.7) / p[a % k]!) * scale;
  const velocity = new Float64Array(d * k);
  const M = new Float64Array(d * d);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Float64Array(d * k);
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += mu[a * k + c]! * p[c]! * mu[b * k + c]!;
        M[a * d + b] = s;
      }
    for (let a = 0; a < d; a++)
      for (let c = 0; c < k; c++) {
        let g = 0;
        for (let b = 0; b < d; b++) g += -2 * mask[a * d + b]! * (O[a * d + b]! - M[a * d + b]!) * p[c]! * mu[b * k + c]! * 2;
        let s = 0;
        for (let cc = 0; cc < k; cc++) s += mu[a * k + cc]! * p[cc]!;
        grad[a * k + c] = g + 2 * (s - O[a * d + a]!) * p[c]!;
      }
    for (let x = 0; x < d * k; x++) {
      velocity[x] = epoch === 0 ? grad[x]! : 0.9 * velocity[x]! + grad[x]!;
      mu[x]! -= 0.01 * velocity[x]!;
    }
  }
  const eps = Math.min(0.01, 1 / 10 ** Math.ceil(Math.log10(n)));
  for (let x = 0; x < d * k; x++) mu[x] = Math.min(1 - eps, Math.max(eps, mu[x]!));
  const predict = (X: LabelMatrix): Int32Array => {
    const out = new Int32Array(X.n);
    for (let i = 0; i < X.n; i++) {
      const row = new Float64Array(d);
      for (let j = 0; j < m; j++) if (X.values[i * m + j]! >= 0) row[j * k + X.values[i * m + j]!] = 1;
      const logits = Array.from(p, (pc, c) => Math.log(pc) + row.reduce((s, x, a) => s + x * Math.log(mu[a * k + c]!), 0));
      out[i] = logits.indexOf(Math.max(...logits));
    }
    return out;
  };
  return { mu, predict };
}
