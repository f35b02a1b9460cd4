import type { Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import { embeddingMatrix } from "../images/embedding-matrix";
import { imageFeatures } from "../images/image-features";
import type { MlpEpochInfo } from "../models/mlp-classifier";
import { exportImageModelOnnx, type ImagePreprocessingSpec } from "../onnx/export-image-model-onnx";
import { distillOnFeatures } from "./distill-on-features";

export interface DistillImageModelOptions {
  /** Raw CLIP image embeddings, n x dim row-major (row order). */
  readonly embeddings: Float32Array;
  readonly dim: number;
  /** Rows the standardisation is fitted on (the train split). */
  readonly train: Int32Array;
  readonly fitRows: Int32Array;
  readonly targets: Probabilities;
  readonly devRows: Int32Array;
  readonly devGold: Int32Array;
  readonly k: number;
  readonly seed: number;
  readonly epochs: number;
  readonly hidden?: readonly number[];
  readonly classNames: readonly string[];
  readonly taskName: string;
  readonly template: string;
  readonly preprocessing: ImagePreprocessingSpec;
  readonly onFeatures?: () => void;
  readonly onEpoch?: (info: MlpEpochInfo) => void;
}

/**
 * The studio's image distillation, the same stages as `runImagePipeline` with `featureKind:
 * "embeddings"`: `imageFeatures` (L2-normalised CLIP embeddings standardised on train rows),
 * `distillOnFeatures`, and `exportImageModelOnnx` (image embedding in, class probabilities out,
 * the preprocessing in its metadata).
 *
 * @example
 * const { onnx, proba } = distillImageModel({ embeddings, dim: 512, train, fitRows, targets, devRows, devGold, k: 2, seed: 42, epochs: 30, classNames, taskName, template, preprocessing });
 */
export function distillImageModel(
  o: DistillImageModelOptions,
): ReturnType<typeof distillOnFeatures> & { onnx: Uint8Array; featuresMs: number; distillMs: number } {
  if (!Number.isInteger(o.dim) || o.dim < 1 || o.embeddings.length % o.dim !== 0) {
    throw new EngineError("INVALID_ARGUMENT", `distillImageModel: ${o.embeddings.length} floats are not rows of ${o.dim}`);
  }
  const t0 = performance.now();
  const n = o.embeddings.length / o.dim;
  const { X, spec } = imageFeatures(embeddingMatrix(n, o.dim, o.embeddings), o.train, {
    kind: "embeddings",
    calibration: null,
    concepts: [],
    conceptEmbeddings: embeddingMatrix(0, o.dim, new Float32Array(0)),
  });
  o.onFeatures?.();
  const t1 = performance.now();
  const distilled = distillOnFeatures(X, {
    fitRows: o.fitRows,
    targets: o.targets,
    devRows: o.devRows,
    devGold: o.devGold,
    k: o.k,
    seed: o.seed,
    epochs: o.epochs,
    ...(o.hidden ? { hidden: o.hidden } : {}),
    ...(o.onEpoch ? { onEpoch: o.onEpoch } : {}),
  });
  const onnx = exportImageModelOnnx({
    params: distilled.params,
    features: spec,
    classNames: o.classNames,
    taskName: o.taskName,
    template: o.template,
    insights: null,
    preprocessing: o.preprocessing,
  });
  return { ...distilled, onnx, featuresMs: t1 - t0, distillMs: performance.now() - t1 };
}
