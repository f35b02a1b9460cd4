import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { TieBreak } from "../core/label-model";
import { EngineError } from "../errors/engine-error";
import { tieHash } from "./tie-hash";
import { wrenchTieIndex } from "./wrench-tie-index";

const TIE_TOL = 1e-5;

/**
 * Row-wise scoring of a fitted Snorkel model: logit_y = log p_y + sum over voting programs of
 * log mu[vote, y], read from one table with a zero row for abstain so the inner loop never branches.
 *
 * @example
 * const scorer = new SnorkelScorer(mu, p, m, k);
 * scorer.proba(L, out); // out: n x k row-major probabilities
 */
export class SnorkelScorer {
  private readonly table: Float64Array;
  private readonly logP: Float64Array;

  constructor(
    mu: Float64Array,
    p: Float64Array,
    private readonly m: number,
    private readonly k: number,
  ) {
    this.logP = p.map(Math.log);
    this.table = new Float64Array(m * (k + 1) * k);
    for (let j = 0; j < m; j++)
      for (let v = 0; v < k; v++) for (let y = 0; y < k; y++) this.table[(j * (k + 1) + v + 1) * k + y] = Math.log(mu[(j * k + v) * k + y]!);
  }

  /** Writes row i's logits into out[offset..offset + k). */
  logits(L: LabelMatrix, i: number, out: Float64Array, offset: number): void {
    const { k, m, table, logP } = this;
    const values = L.values;
    for (let c = 0; c < k; c++) out[offset + c] = logP[c]!;
    for (let j = 0, base = i * m; j < m; j++) {
      const v = values[base + j]!;
      if (v < ABSTAIN || v >= k) throw new EngineError("INVALID_ARGUMENT", `snorkel: row ${i} program ${j} votes ${v}, outside -1..${k - 1}`);
      const r = (j * (k + 1) + v + 1) * k;
      for (let c = 0; c < k; c++) out[offset + c]! += table[r + c]!;
    }
  }

  proba(L: LabelMatrix, out: Float64Array): void {
    const k = this.k;
    for (let i = 0, o = 0; i < L.n; i++, o += k) {
      this.logits(L, i, out, o);
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (out[o + c]! > max) max = out[o + c]!;
      let z = 0;
      for (let c = 0; c < k; c++) z += out[o + c] = Math.exp(out[o + c]! - max);
      for (let c = 0; c < k; c++) out[o + c]! /= z;
    }
  }

  /**
   * Argmax per row; classes whose probability is within 1e-5 of the best are tied (Snorkel's
   * `probs_to_preds`). Probabilities are only computed when the top two logits are close enough
   * to tie: p_best - p_c >= (1 - e^-gap) / k, so a gap above -log(1 - k * tol) cannot tie.
   */
  predict(L: LabelMatrix, tieBreak: TieBreak, seed: number, rowOffset: number): Int32Array {
    const k = this.k;
    const row = new Float64Array(k);
    const out = new Int32Array(L.n);
    const safeGap = -Math.log(1 - Math.min(0.5, k * TIE_TOL)) * 1.01;
    for (let i = 0; i < L.n; i++) {
      this.logits(L, i, row, 0);
      let best = 0;
      for (let c = 1; c < k; c++) if (row[c]! > row[best]!) best = c;
      let second = -Infinity;
      for (let c = 0; c < k; c++) if (c !== best && row[c]! > second) second = row[c]!;
      if (row[best]! - second > safeGap) {
        out[i] = best;
        continue;
      }
      const max = row[best]!;
      let z = 0;
      for (let c = 0; c < k; c++) z += row[c] = Math.exp(row[c]! - max);
      let ties = 0;
      for (let c = 0; c < k; c++) if ((row[best]! - row[c]!) / z < TIE_TOL) ties++;
      if (ties === 1) out[i] = best;
      else if (tieBreak === "abstain") out[i] = ABSTAIN;
      else {
        const index = rowOffset + i;
        let pick = tieBreak === "hash" ? wrenchTieIndex(index, ties) : Math.floor((tieHash(seed, index) / 4294967296) * ties);
        for (let c = 0; c < k; c++) if ((row[best]! - row[c]!) / z < TIE_TOL && pick-- === 0) out[i] = c;
      }
    }
    return out;
  }
}
