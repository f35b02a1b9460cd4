import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import type { EvaluationSplit } from "./evaluation-split";

/** What the distilled model trains on: rows and their soft targets. */
export interface DistillTargets {
  /** Train rows the MLP fits (row indices). */
  readonly fitRows: Int32Array;
  /** Their pseudolabels, fitRows.length x k row-major. */
  readonly targets: Float64Array;
}

/**
 * The distillation set, one rule for the CLI and the studio: the train rows (never their gold)
 * with the label model's probabilities as targets. Train rows no program votes on carry only the
 * label model's prior, so they are dropped unless `keepUncovered` (as the paper's code does).
 *
 * @example
 * const { fitRows, targets } = distillTargets(L, split, choice.proba, { keepUncovered: false });
 */
export function distillTargets(
  L: LabelMatrix,
  split: EvaluationSplit,
  proba: Probabilities | { readonly k: number; readonly values: ArrayLike<number> },
  options: { keepUncovered?: boolean } = {},
): DistillTargets {
  const { k } = proba;
  const rows: number[] = [];
  for (const row of split.train) {
    let covered = options.keepUncovered === true;
    for (let j = 0; j < L.m && !covered; j++) covered = L.values[row * L.m + j] !== ABSTAIN;
    if (covered) rows.push(row);
  }
  if (rows.length === 0)
    throw new EngineError("INVALID_ARGUMENT", `the ${L.m} programs vote on none of the ${split.train.length} train rows; nothing to distil`);
  const targets = new Float64Array(rows.length * k);
  rows.forEach((row, at) => {
    for (let c = 0; c < k; c++) targets[at * k + c] = proba.values[row * k + c]!;
  });
  return { fitRows: Int32Array.from(rows), targets };
}
