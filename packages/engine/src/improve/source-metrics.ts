import type { LabelMatrix } from "../core/label-matrix";
import type { Probabilities } from "../core/probabilities";
import { ABSTAIN } from "../core/label-matrix";
import { evaluatePredictions } from "../metrics/evaluate-predictions";
import { subsetRows } from "../core/subset-rows";
import { chooseLabelModel } from "../pipeline/choose-label-model";
import { testPredictions } from "../pipeline/label-model-comparison";
import type { EvaluationSplit } from "../pipeline/evaluation-split";

/** Headline metrics (rows with gold; -1 predictions count as wrong) and coverage. */
export interface HeadlineMetrics {
  readonly accuracy: number | null;
  readonly f1: number | null;
  /** Rows with gold scored. */
  readonly n: number;
}

/** A set of sources (columns of L) through the label model, on dev (selection) and test (reporting). */
export interface SourceSetMetrics {
  readonly labelModel: string;
  readonly dev: HeadlineMetrics;
  readonly test: HeadlineMetrics;
  /** Share of all rows with at least one vote. */
  readonly coverage: number;
}

/**
 * Headline metrics over the rows with gold (nulls when none has gold).
 *
 * @example
 * headline(Int32Array.of(1, 0, -1), Int32Array.of(1, 1, 0), 2); // { accuracy: 0.5, f1: 0.667, n: 2 }
 */
export function headline(gold: Int32Array, pred: ArrayLike<number>, k: number): HeadlineMetrics {
  const { accuracy, f1, n } = evaluatePredictions(gold, pred, k);
  return n === 0 ? { accuracy: null, f1: null, n: 0 } : { accuracy, f1, n };
}

/**
 * The label model chosen on dev for these votes, its dev and test metrics (rows without a vote
 * count as wrong; test gold for reporting only), its coverage and its probabilities of every row: how rounds, LLM votes and sweeps compare sets of sources.
 *
 * @example
 * sourceSetMetrics(L, split, { k: 2, seed: 42 }); // { labelModel: "mv", dev: {...}, test: {...}, coverage: 0.8 }
 */
export function sourceSetMetrics(L: LabelMatrix, split: EvaluationSplit, o: { k: number; seed: number }): SourceSetMetrics & { readonly proba: Probabilities } {
  const choice = chooseLabelModel(L, split, o);
  const { k } = o;
  const voted = (i: number): boolean => {
    for (let j = 0; j < L.m; j++) if (L.values[i * L.m + j] !== ABSTAIN) return true;
    return false;
  };
  let covered = 0;
  for (let i = 0; i < L.n; i++) if (voted(i)) covered++;
  const devProba = {
    n: split.dev.length,
    k,
    values: Float64Array.from({ length: split.dev.length * k }, (_, x) => choice.proba.values[split.dev[Math.floor(x / k)]! * k + (x % k)]!),
  };
  return {
    labelModel: choice.name,
    dev: headline(split.devGold, testPredictions(devProba, subsetRows(L, split.dev)), k),
    test: headline(split.testGold, choice.testPred, k),
    coverage: L.n ? covered / L.n : 0,
    proba: choice.proba,
  };
}
