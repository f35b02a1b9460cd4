import { EngineError } from "../../errors/engine-error";
import { imageFeatures, type ImageFeatureKind } from "../../images/image-features";
import { exportImageModelOnnx } from "../../onnx/export-image-model-onnx";
import type { ClipModel } from "../images/load-clip-model";
import type { ScoredImageDataset } from "../images/score-image-dataset";
import { runPipeline } from "./run-pipeline";
import type { PipelineOptions, PipelineResult } from "./pipeline-types";

export interface ImagePipelineOptions extends Omit<PipelineOptions, "dataset" | "featureMatrix" | "features" | "encoder"> {
  readonly scored: ScoredImageDataset;
  readonly clip: Pick<ClipModel, "config" | "key">;
  /** What the distilled model reads; default `embeddings` (the paper's). */
  readonly featureKind?: ImageFeatureKind;
}

/**
 * The pipeline for an image task: programs vote on the rows' `{concept: score}` records, the label
 * model aggregates, and the distilled MLP trains on the (RoboShot-calibrated) CLIP image
 * embeddings, the concept scores or both, standardised on train rows. The model's ONNX covers the
 * whole inference from the CLIP image embedding (`exportImageModelOnnx`).
 *
 * @example
 * const { report, model } = await runImagePipeline({ scored, clip, task, programs, runner, seed: 42, featureKind: "both", groupField: "place" });
 */
export async function runImagePipeline(options: ImagePipelineOptions): Promise<PipelineResult> {
  const { scored, clip, task } = options;
  if (task.input !== "scores")
    throw new EngineError("INVALID_ARGUMENT", `an image task's programs read "scores", the task's input is ${JSON.stringify(task.input)}`);
  const train = Int32Array.from(scored.dataset.rows.flatMap((row, i) => (row.split === "train" ? [i] : [])));
  const kind = options.featureKind ?? "embeddings";
  const { X, spec } = imageFeatures(scored.embeddings, train.length ? train : Int32Array.from(scored.dataset.rows.keys()), {
    kind,
    calibration: scored.calibration,
    concepts: scored.concepts,
    conceptEmbeddings: scored.conceptEmbeddings,
  });
  const { imageSize, resizeTo, mean, std } = clip.config;
  const classNames = task.classes.map((c) => c.name);
  return runPipeline({
    ...options,
    dataset: scored.dataset,
    featureMatrix: {
      X,
      exportModel: (params) =>
        exportImageModelOnnx({
          params,
          features: spec,
          classNames,
          taskName: task.name,
          template: scored.template,
          insights: scored.insights,
          preprocessing: { imageSize, resizeTo, mean: [...mean], std: [...std], clipModelKey: clip.key },
        }),
    },
  });
}
