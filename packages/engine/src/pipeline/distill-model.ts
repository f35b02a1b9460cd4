import type { Probabilities } from "../core/probabilities";
import type { SparseMatrix } from "../core/sparse-matrix";
import { hstackSparse } from "../features/hstack-sparse";
import type { EncoderSpecJson, FeatureSpecJson } from "../features/row-featurizer";
import { RowFeaturizer, type RowFeaturizerOptions } from "../features/row-featurizer";
import type { MlpEpochInfo } from "../models/mlp-classifier";
import type { MlpParams } from "../models/mlp-forward";
import { distillOnFeatures } from "./distill-on-features";

export interface DistillOptions {
  /** Program input of every row (a string, or a record for multi-field tasks), in row order. */
  readonly inputs: readonly unknown[];
  /** Rows the MLP trains on and their soft targets, same order. */
  readonly fitRows: Int32Array;
  readonly targets: Probabilities;
  /** Train rows: feature statistics (idf, means, categories) are fitted on these inputs only. */
  readonly train: Int32Array;
  /** Dev rows with gold and their gold labels, for early stopping. */
  readonly devRows: Int32Array;
  readonly devGold: Int32Array;
  readonly k: number;
  readonly seed: number;
  readonly epochs: number;
  /** Hidden layer sizes; default [32, 32] (the paper's). */
  readonly hidden?: readonly number[];
  readonly features?: RowFeaturizerOptions;
  /** Sentence embeddings of every row (row order), appended after the fitted features. */
  readonly encoded?: { readonly X: SparseMatrix; readonly spec: EncoderSpecJson };
  readonly signal?: AbortSignal;
  readonly onFeatures?: () => void;
  readonly onEpoch?: (info: MlpEpochInfo) => void;
}

export interface DistillResult {
  /** Distilled-model probabilities of every row, in row order. */
  readonly proba: Probabilities;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly featuresMs: number;
  readonly distillMs: number;
  readonly featureSpec: FeatureSpecJson;
  readonly params: MlpParams;
}

/**
 * Default TF-IDF width. The exported ONNX graph takes a dense [N, D] input, so D sets the model
 * size (D x 32 floats) and predict-time memory; 2^16 buckets cost the demo nothing in F1 over
 * 2^18 (see issue 6's closing note) and keep model.onnx at 8 MiB.
 */
export const DEFAULT_TFIDF_DIMENSION = 2 ** 16;

/**
 * Fits features on train inputs (hashed TF-IDF of word 1-2 grams for text; standardised numbers
 * and one-hot categories for record fields) and an MLP on label-model soft targets (early stopping
 * on dev gold), then scores every row.
 *
 * @example
 * const { proba, featureSpec, params } = distillModel({ inputs, fitRows, targets, train, devRows, devGold, k: 2, seed: 42, epochs: 30 });
 */
export function distillModel(options: DistillOptions): DistillResult {
  const { inputs, fitRows, targets, train, devRows, devGold, k, seed, epochs, signal } = options;
  const started = performance.now();
  const tfidf = { dimension: DEFAULT_TFIDF_DIMENSION, wordNgrams: [1, 2] as const, sublinearTf: true, ...options.features?.tfidf };
  const featurizer = RowFeaturizer.fit(
    Array.from(train, (i) => inputs[i]),
    { ...options.features, tfidf },
  );
  const X = options.encoded ? hstackSparse([featurizer.transform(inputs), options.encoded.X]) : featurizer.transform(inputs);
  options.onFeatures?.();
  const featuresMs = performance.now() - started;
  const fit = distillOnFeatures(X, {
    fitRows,
    targets,
    devRows,
    devGold,
    k,
    seed,
    epochs,
    ...(options.hidden ? { hidden: options.hidden } : {}),
    ...(signal ? { signal } : {}),
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
  const { proba, params } = fit;
  return {
    proba,
    epochs: fit.epochs,
    bestEpoch: fit.bestEpoch,
    featuresMs,
    distillMs: performance.now() - started - featuresMs,
    featureSpec: { ...featurizer.toJSON(), encoder: options.encoded?.spec ?? null },
    params,
  };
}
