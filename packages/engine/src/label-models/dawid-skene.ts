import type { LabelMatrix } from "../core/label-matrix";
import type { LabelModel, LabelModelFitOptions, TieBreak } from "../core/label-model";
import { createProbabilities, type Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import { checkVotes } from "./check-votes";
import { probsToPreds } from "./probs-to-preds";

export interface DawidSkeneOptions {
  /** Maximum EM iterations (WRENCH: 10000). */
  readonly maxIterations?: number;
  /** Stop when the summed absolute change of both the class marginals and the error rates is below this (WRENCH: 1e-5). */
  readonly tolerance?: number;
}

/**
 * Dawid-Skene EM exactly as WRENCH's `labelmodel/dawid_skene.py`: each program has a confusion
 * matrix over k + 1 observed categories (abstain is its own category), no smoothing; initialised
 * from majority-vote shares (uniform for rows without votes); M-step then E-step until both
 * parameter changes fall below the tolerance. The class balance is learned, never given.
 *
 * @example
 * const ds = new DawidSkene().fit(L, { k: 2 });
 * const P = ds.predictProba(L);
 */
export class DawidSkene implements LabelModel {
  readonly name = "dawid-skene";
  private k = 0;
  private m = 0;
  /** m x k x (k + 1): P(program j outputs category o | true class c), o = vote + 1. */
  errorRates = new Float64Array(0);
  classMarginals = new Float64Array(0);
  iterations = 0;

  constructor(private readonly options: DawidSkeneOptions = {}) {}

  fit(L: LabelMatrix, options: LabelModelFitOptions): this {
    const { k } = options;
    checkVotes(L, k, "DawidSkene.fit");
    if (L.n === 0) throw new EngineError("INVALID_ARGUMENT", "DawidSkene.fit: the label matrix has no rows");
    const { maxIterations = 10000, tolerance = 1e-5 } = this.options;
    [this.k, this.m] = [k, L.m];
    let Y = initialShares(L, k);
    let oldMarginals: Float64Array | null = null;
    let oldRates: Float64Array | null = null;
    for (let it = 0; it < maxIterations; it++) {
      this.iterations = it + 1;
      this.mStep(L, Y);
      Y = this.eStep(L).values;
      if (oldMarginals && oldRates && sumAbsDiff(this.classMarginals, oldMarginals) < tolerance && sumAbsDiff(this.errorRates, oldRates) < tolerance) break;
      [oldMarginals, oldRates] = [this.classMarginals, this.errorRates];
    }
    return this;
  }

  predictProba(L: LabelMatrix): Probabilities {
    if (this.k === 0) throw new EngineError("INVALID_ARGUMENT", "DawidSkene: call fit() before predicting");
    if (L.m !== this.m) throw new EngineError("INVALID_ARGUMENT", `DawidSkene: fitted on ${this.m} programs, got ${L.m}`);
    checkVotes(L, this.k, "DawidSkene.predictProba");
    return this.eStep(L);
  }

  predict(L: LabelMatrix, options: { tieBreak?: TieBreak; seed?: number } = {}): Int32Array {
    return probsToPreds(this.predictProba(L), options);
  }

  private mStep(L: LabelMatrix, Y: Float64Array): void {
    const { k, m } = this;
    const o = k + 1;
    const marginals = new Float64Array(k);
    const rates = new Float64Array(m * k * o);
    for (let i = 0; i < L.n; i++) {
      const y = i * k;
      for (let c = 0; c < k; c++) marginals[c]! += Y[y + c]!;
      for (let j = 0; j < m; j++) {
        const base = j * k * o + L.values[i * m + j]! + 1;
        for (let c = 0; c < k; c++) rates[base + c * o]! += Y[y + c]!;
      }
    }
    for (let c = 0; c < k; c++) marginals[c]! /= L.n;
    for (let r = 0; r < m * k; r++) {
      let s = 0;
      for (let q = 0; q < o; q++) s += rates[r * o + q]!;
      if (s !== 0) for (let q = 0; q < o; q++) rates[r * o + q]! /= s;
    }
    [this.classMarginals, this.errorRates] = [marginals, rates];
  }

  private eStep(L: LabelMatrix): Probabilities {
    const { k, m } = this;
    const o = k + 1;
    const P = createProbabilities(L.n, k);
    const v = P.values;
    const rates = this.errorRates;
    const cells = L.values;
    for (let i = 0; i < L.n; i++) {
      const row = i * m;
      let s = 0;
      for (let c = 0; c < k; c++) {
        // Same multiplication order as WRENCH (programs in order), so results match bit for bit.
        let prod = 1;
        for (let j = 0, at = c * o + 1; j < m; j++, at += k * o) prod *= rates[at + cells[row + j]!]!;
        v[i * k + c] = this.classMarginals[c]! * prod;
        s += v[i * k + c]!;
      }
      if (s !== 0) for (let c = 0; c < k; c++) v[i * k + c]! /= s;
    }
    return P;
  }
}

function initialShares(L: LabelMatrix, k: number): Float64Array {
  const Y = new Float64Array(L.n * k);
  for (let i = 0; i < L.n; i++) {
    let total = 0;
    for (let j = 0; j < L.m; j++) {
      const v = L.values[i * L.m + j]!;
      if (v >= 0) [Y[i * k + v], total] = [Y[i * k + v]! + 1, total + 1];
    }
    for (let c = 0; c < k; c++) Y[i * k + c] = total === 0 ? 1 / k : Y[i * k + c]! / total;
  }
  return Y;
}

function sumAbsDiff(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let x = 0; x < a.length; x++) s += Math.abs(a[x]! - b[x]!);
  return s;
}
