import type { Probabilities } from "../../core/probabilities";
import { sparseRowSubset, type SparseMatrix } from "../../core/sparse-matrix";
import { HashedTfidf } from "../../features/hashed-tfidf";
import { MlpClassifier } from "../../models/mlp-classifier";

export interface DistillOptions {
  /** Feature text of every row, in row order. */
  readonly texts: readonly string[];
  /** Rows the MLP trains on (train rows covered by >= 1 program) and their soft targets, same order. */
  readonly fitRows: Int32Array;
  readonly targets: Probabilities;
  /** Train rows: the TF-IDF vocabulary statistics are fitted on these texts only. */
  readonly train: Int32Array;
  /** Dev rows with gold and their gold labels, for early stopping. */
  readonly devRows: Int32Array;
  readonly devGold: Int32Array;
  readonly k: number;
  readonly seed: number;
  readonly epochs: number;
  readonly signal?: AbortSignal;
  readonly onFeatures?: () => void;
  readonly onEpoch?: (epoch: number) => void;
}

export interface DistillResult {
  /** Distilled-model probabilities of every row, in row order. */
  readonly proba: Probabilities;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly featuresMs: number;
  readonly distillMs: number;
}

/** Feature hashing width: 2^16 buckets keep the MLP's sparse first layer small. */
const DIMENSION = 2 ** 16;

/**
 * Fits hashed TF-IDF on train texts and an MLP on label-model soft targets (early stopping on dev
 * gold), then scores every row.
 *
 * @example
 * const { proba } = distillModel({ texts, fitRows, targets, train, devRows, devGold, k: 2, seed: 42, epochs: 30 });
 */
export function distillModel(options: DistillOptions): DistillResult {
  const { texts, fitRows, targets, train, devRows, devGold, k, seed, epochs, signal } = options;
  const started = performance.now();
  const tfidf = new HashedTfidf({ dimension: DIMENSION, wordNgrams: [1, 2], sublinearTf: true }).fit(Array.from(train, (i) => texts[i]!));
  const X: SparseMatrix = tfidf.transform(texts);
  options.onFeatures?.();
  const featuresMs = performance.now() - started;
  const mlp = new MlpClassifier({ inputSize: DIMENSION, k, hidden: [32, 32], epochs, batchSize: 32, learningRate: 0.001, seed, patience: 5 });
  const dev = devRows.length > 0 ? { X: sparseRowSubset(X, devRows), y: devGold } : undefined;
  const fit = mlp.fit(sparseRowSubset(X, fitRows), targets, {
    ...(dev ? { dev } : {}),
    ...(signal ? { signal } : {}),
    onEpoch: (info: { epoch: number }) => options.onEpoch?.(info.epoch),
  });
  const proba = mlp.predictProba(X);
  return { proba, epochs: fit.epochs, bestEpoch: fit.bestEpoch, featuresMs, distillMs: performance.now() - started - featuresMs };
}
