import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";
import { l2NormalizeRows, type EmbeddingMatrix } from "./embedding-matrix";
import { calibrateEmbeddings } from "./roboshot-calibration";

/** What the distilled model of an image task reads: the CLIP image embedding, the concept scores, or both. */
export type ImageFeatureKind = "embeddings" | "scores" | "both";
export const IMAGE_FEATURE_KINDS: readonly ImageFeatureKind[] = ["embeddings", "scores", "both"];

/** Everything needed to turn a raw image embedding into MLP features (and into the ONNX preamble). */
export interface ImageFeatureSpec {
  readonly kind: ImageFeatureKind;
  /** Embedding size D. */
  readonly dim: number;
  /** RoboShot matrix (D x D, row vectors), or null. */
  readonly calibration: Float32Array | null;
  readonly concepts: readonly string[];
  /** Unit concept text embeddings, concepts.length x D (used unless kind is `embeddings`). */
  readonly conceptEmbeddings: Float32Array;
  /** Per feature column, fitted on train rows: features are `(value - mean) / std`. */
  readonly mean: Float32Array;
  readonly std: Float32Array;
}

/**
 * The image-side features for every row: embeddings L2-normalised (and RoboShot-calibrated when
 * `calibration` is given: the same vectors the concept scores are computed from), the cosine
 * scores on the concepts, either or both, standardised with means and deviations of the `train`
 * rows (a constant column, e.g. a projected-out direction, keeps std 1). Dense rows in CSR.
 *
 * @example
 * const { X, spec } = imageFeatures(embeddings, train, { kind: "embeddings", calibration: null, concepts, conceptEmbeddings });
 */
export function imageFeatures(
  embeddings: EmbeddingMatrix,
  train: Int32Array,
  o: {
    readonly kind: ImageFeatureKind;
    readonly calibration: Float32Array | null;
    readonly concepts: readonly string[];
    readonly conceptEmbeddings: EmbeddingMatrix;
  },
): { X: SparseMatrix; spec: ImageFeatureSpec } {
  const d = embeddings.cols;
  if (o.conceptEmbeddings.cols !== d || o.conceptEmbeddings.rows !== o.concepts.length) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `imageFeatures: ${o.concepts.length} concepts with ${o.conceptEmbeddings.rows} x ${o.conceptEmbeddings.cols} embeddings for ${d}-dimensional images`,
    );
  }
  if (train.length === 0) throw new EngineError("INVALID_ARGUMENT", "imageFeatures: no train rows to fit the standardisation on");
  const x = o.calibration ? calibrateEmbeddings(embeddings, o.calibration) : l2NormalizeRows(embeddings);
  const concepts = l2NormalizeRows(o.conceptEmbeddings);
  const c = o.kind === "embeddings" ? 0 : concepts.rows;
  const e = o.kind === "scores" ? 0 : d;
  const cols = e + c;
  const n = embeddings.rows;
  const values = new Float32Array(n * cols);
  for (let i = 0; i < n; i++) {
    const row = x.values.subarray(i * d, (i + 1) * d);
    if (e) values.set(row, i * cols);
    for (let j = 0; j < c; j++) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += row[t]! * concepts.values[j * d + t]!;
      values[i * cols + e + j] = dot;
    }
  }
  const mean = new Float32Array(cols);
  const std = new Float32Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    let ss = 0;
    for (const i of train) {
      s += values[i * cols + j]!;
      ss += values[i * cols + j]! ** 2;
    }
    const m = s / train.length;
    const sd = Math.sqrt(Math.max(0, ss / train.length - m * m));
    mean[j] = m;
    std[j] = sd > 1e-6 ? sd : 1;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) values[i * cols + j] = (values[i * cols + j]! - mean[j]!) / std[j]!;
  const indptr = Int32Array.from({ length: n + 1 }, (_, r) => r * cols);
  const indices = Int32Array.from({ length: n * cols }, (_, p) => p % cols);
  return {
    X: { rows: n, cols, indptr, indices, values },
    spec: { kind: o.kind, dim: d, calibration: o.calibration, concepts: [...o.concepts], conceptEmbeddings: concepts.values, mean, std },
  };
}
