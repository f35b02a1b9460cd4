import { EngineError } from "../errors/engine-error";
import { embeddingMatrix } from "../images/embedding-matrix";
import { imageFeatures, type ImageFeatureKind } from "../images/image-features";
import type { RoboShotInsights } from "../images/roboshot-calibration";
import { exportImageModelOnnx, type ImagePreprocessingSpec } from "../onnx/export-image-model-onnx";
import { distillOnFeatures, type DistillOnFeaturesOptions } from "./distill-on-features";

/** The MLP's options (`distillOnFeatures`) plus the image features' and the ONNX model's inputs. */
export interface DistillImageModelOptions extends DistillOnFeaturesOptions {
  /** Raw CLIP image embeddings, n x dim row-major (row order). */
  readonly embeddings: Float32Array;
  readonly dim: number;
  /** Rows the standardisation is fitted on (the train split). */
  readonly train: Int32Array;
  readonly classNames: readonly string[];
  readonly taskName: string;
  readonly template: string;
  readonly preprocessing: ImagePreprocessingSpec;
  /** What the MLP reads: the embeddings (default), the concept scores, or both (the CLI's `--features`). */
  readonly features?: ImageFeatureKind;
  /** The concepts and their raw text embeddings (concepts.length x dim); needed unless `features` is `embeddings`. */
  readonly concepts?: readonly string[];
  readonly conceptEmbeddings?: Float32Array;
  /** RoboShot matrix (dim x dim) the embeddings are calibrated with, and the insights behind it (ONNX metadata). */
  readonly calibration?: Float32Array | null;
  readonly insights?: RoboShotInsights | null;
  readonly onFeatures?: () => void;
}

/**
 * The studio's image distillation, the same stages as `runImagePipeline`: `imageFeatures`
 * (L2-normalised CLIP embeddings, cosine scores on the concepts, or both, standardised on train
 * rows), `distillOnFeatures`, and `exportImageModelOnnx` (image embedding in, class probabilities
 * out, the concept embeddings in the graph, the preprocessing in its metadata).
 *
 * @example
 * const { onnx, proba } = distillImageModel({ embeddings, dim: 512, train, fitRows, targets, devRows, devGold, k: 2, seed: 42, epochs: 30, classNames, taskName, template, preprocessing });
 */
export function distillImageModel(
  o: DistillImageModelOptions,
): ReturnType<typeof distillOnFeatures> & { onnx: Uint8Array; featuresMs: number; distillMs: number } {
  const {
    embeddings,
    dim,
    train,
    classNames,
    taskName,
    template,
    preprocessing,
    onFeatures,
    features,
    concepts,
    conceptEmbeddings,
    calibration,
    insights,
    ...mlp
  } = o;
  if (!Number.isInteger(dim) || dim < 1 || embeddings.length % dim !== 0) {
    throw new EngineError("INVALID_ARGUMENT", `distillImageModel: ${embeddings.length} floats are not rows of ${dim}`);
  }
  const kind = features ?? "embeddings";
  const read = kind === "embeddings" ? [] : (concepts ?? []);
  if (kind !== "embeddings" && (read.length === 0 || conceptEmbeddings?.length !== read.length * dim)) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `distillImageModel: features "${kind}" need the concepts and their ${dim}-float text embeddings, got ${read.length} concepts and ${conceptEmbeddings?.length ?? 0} floats`,
    );
  }
  const t0 = performance.now();
  const { X, spec } = imageFeatures(embeddingMatrix(embeddings.length / dim, dim, embeddings), train, {
    kind,
    calibration: calibration ?? null,
    concepts: read,
    conceptEmbeddings: embeddingMatrix(read.length, dim, kind === "embeddings" ? new Float32Array(0) : conceptEmbeddings!),
  });
  onFeatures?.();
  const t1 = performance.now();
  const distilled = distillOnFeatures(X, mlp);
  const onnx = exportImageModelOnnx({ params: distilled.params, features: spec, classNames, taskName, template, insights: insights ?? null, preprocessing });
  return { ...distilled, onnx, featuresMs: t1 - t0, distillMs: performance.now() - t1 };
}
