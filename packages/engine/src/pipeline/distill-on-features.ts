import type { Probabilities } from "../core/probabilities";
import { sparseRowSubset, type SparseMatrix } from "../core/sparse-matrix";
import { MlpClassifier, type MlpEpochInfo } from "../models/mlp-classifier";
import type { MlpParams } from "../models/mlp-forward";
import { mlpParamsFromJson } from "../models/mlp-json";

export interface DistillOnFeaturesOptions {
  /** Rows the MLP trains on and their soft targets, same order. */
  readonly fitRows: Int32Array;
  readonly targets: Probabilities;
  /** Dev rows with gold and their gold labels, for early stopping. */
  readonly devRows: Int32Array;
  readonly devGold: Int32Array;
  readonly k: number;
  readonly seed: number;
  readonly epochs: number;
  /** Hidden layer sizes; default [32, 32] (the paper's). */
  readonly hidden?: readonly number[];
  readonly signal?: AbortSignal;
  readonly onEpoch?: (info: MlpEpochInfo) => void;
}

/**
 * The distilled MLP on ready features (every row of `X`): fitted on label-model soft targets of
 * `fitRows`, early-stopped on dev gold, then scoring every row.
 *
 * @example
 * const { proba, params } = distillOnFeatures(X, { fitRows, targets, devRows, devGold, k: 2, seed: 42, epochs: 30 });
 */
export function distillOnFeatures(
  X: SparseMatrix,
  o: DistillOnFeaturesOptions,
): { proba: Probabilities; epochs: number; bestEpoch: number; params: MlpParams } {
  const mlp = new MlpClassifier({
    inputSize: X.cols,
    k: o.k,
    hidden: o.hidden ?? [32, 32],
    epochs: o.epochs,
    batchSize: 32,
    learningRate: 0.001,
    seed: o.seed,
    patience: 5,
  });
  const dev = o.devRows.length > 0 ? { X: sparseRowSubset(X, o.devRows), y: o.devGold } : undefined;
  const fit = mlp.fit(sparseRowSubset(X, o.fitRows), o.targets, {
    ...(dev ? { dev } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onEpoch ? { onEpoch: o.onEpoch } : {}),
  });
  return { proba: mlp.predictProba(X), epochs: fit.epochs, bestEpoch: fit.bestEpoch, params: mlpParamsFromJson(mlp.toJSON()).params };
}
