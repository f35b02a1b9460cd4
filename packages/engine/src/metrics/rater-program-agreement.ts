import type { LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";
import { cohenKappa } from "./cohen-kappa";

export interface ProgramAgreement {
  /** Column of the program in L. */
  readonly program: number;
  /** Items the rater labeled. */
  readonly rated: number;
  /** Of those, items the program voted on (did not abstain). */
  readonly covered: number;
  /** Fraction of covered items where the program's vote equals the rater's label; null when covered = 0. */
  readonly agreement: number | null;
  /** Cohen's kappa between rater and program on the covered items; null when undefined. */
  readonly kappa: number | null;
}

/**
 * How well a rater's labels agree with each program's votes: per program column of L, raw
 * agreement and Cohen's kappa on the items the rater labeled and the program did not abstain on.
 * `labels[i] = -1` means the rater did not label row i.
 *
 * @example
 * const L = { n: 3, m: 1, values: Int8Array.of(0, 1, -1) };
 * raterProgramAgreement([0, 0, 1], L, 2)[0]; // { program: 0, rated: 3, covered: 2, agreement: 0.5, kappa: 0 }
 */
export function raterProgramAgreement(labels: ArrayLike<number>, L: LabelMatrix, k: number): ProgramAgreement[] {
  if (labels.length !== L.n) throw new EngineError("INVALID_ARGUMENT", `raterProgramAgreement: ${labels.length} labels but the label matrix has ${L.n} rows`);
  let rated = 0;
  for (let i = 0; i < L.n; i++) if (labels[i]! >= 0) rated++;
  const column = new Int32Array(L.n);
  const result: ProgramAgreement[] = [];
  for (let j = 0; j < L.m; j++) {
    for (let i = 0; i < L.n; i++) column[i] = L.values[i * L.m + j]!;
    const { kappa, observed, items } = cohenKappa(labels, column, k);
    result.push({ program: j, rated, covered: items, agreement: observed, kappa });
  }
  return result;
}
