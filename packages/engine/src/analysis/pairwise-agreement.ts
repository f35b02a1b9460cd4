import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";

/** m x m row-major matrices of fractions over all n rows. */
export interface PairwiseAgreement {
  readonly m: number;
  /** Rows where programs a and b both vote; the diagonal is each program's coverage. */
  readonly overlap: Float64Array;
  /** Rows where both vote and the votes differ; the diagonal is 0. */
  readonly conflict: Float64Array;
  /** Rows where both vote the same class; the diagonal is each program's coverage. */
  readonly agreement: Float64Array;
}

/**
 * Pairwise overlap / conflict / agreement between labeling programs (`overlap = agreement + conflict`).
 *
 * @example
 * const { overlap, m } = pairwiseAgreement(L);
 * overlap[0 * m + 1]; // fraction of rows where programs 0 and 1 both vote
 */
export function pairwiseAgreement(L: LabelMatrix): PairwiseAgreement {
  const { n, m, values } = L;
  const overlap = new Float64Array(m * m);
  const conflict = new Float64Array(m * m);
  const agreement = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let a = 0; a < m; a++) {
      const va = values[row + a]!;
      if (va === ABSTAIN) continue;
      for (let b = 0; b < m; b++) {
        const vb = values[row + b]!;
        if (vb === ABSTAIN) continue;
        overlap[a * m + b]!++;
        if (va === vb) agreement[a * m + b]!++;
        else conflict[a * m + b]!++;
      }
    }
  }
  if (n > 0) {
    for (let x = 0; x < m * m; x++) {
      overlap[x]! /= n;
      conflict[x]! /= n;
      agreement[x]! /= n;
    }
  }
  return { m, overlap, conflict, agreement };
}
