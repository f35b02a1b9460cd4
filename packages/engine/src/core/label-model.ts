import type { LabelMatrix } from "./label-matrix";
import type { Probabilities } from "./probabilities";

export type TieBreak = "abstain" | "random" | "hash";

export interface LabelModelFitOptions {
  readonly k: number;
  readonly seed?: number;
  readonly classBalance?: Float64Array;
}

/** Shared shape of every label model: fit on a label matrix, then predict. */
export interface LabelModel {
  readonly name: string;
  fit(L: LabelMatrix, options: LabelModelFitOptions): this;
  predictProba(L: LabelMatrix): Probabilities;
  /** Class index per row, -1 where the model abstains (tie policy "abstain" or no votes). */
  predict(L: LabelMatrix, options?: { tieBreak?: TieBreak; seed?: number }): Int32Array;
}
