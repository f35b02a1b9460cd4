import onnxProto from "onnx-proto";
import type { ImageFeatureSpec } from "../images/image-features";
import type { RoboShotInsights } from "../images/roboshot-calibration";
import type { MlpParams } from "../models/mlp-forward";
import { exportMlpOnnx, floatTensor } from "./export-mlp-onnx";
import { MODEL_METADATA_KEYS } from "./export-model-onnx";

const { onnx } = onnxProto;

/** How pictures become the model's input: CLIP preprocessing, then the CLIP image encoder. */
export interface ImagePreprocessingSpec {
  readonly imageSize: number;
  readonly resizeTo: number;
  readonly mean: readonly number[];
  readonly std: readonly number[];
  /** sha256 of the image encoder + preprocessing (`ClipModel.key`): the embeddings this model expects. */
  readonly clipModelKey: string;
}

/** `metadata_props` of an image model; values are JSON. */
export const IMAGE_MODEL_METADATA_KEYS = { preprocessing: "alchemist.preprocessing", image: "alchemist.image" } as const;
/** `alchemist.format` of an image model (text models have "1"). */
export const IMAGE_MODEL_FORMAT = "image-1";

export interface ImageModelOnnxContents {
  readonly params: MlpParams;
  readonly features: ImageFeatureSpec;
  readonly classNames: readonly string[];
  readonly preprocessing: ImagePreprocessingSpec;
  /** Prompt template the concept embeddings were made with, and the RoboShot insights behind the calibration. */
  readonly template: string;
  readonly insights: RoboShotInsights | null;
  readonly taskName?: string;
}

const attr = (name: string, i: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });

/**
 * The whole inference of an image task as one ONNX graph: input `image_embeds` float [N, D] (the
 * CLIP image encoder's output) -> L2 normalisation -> RoboShot matrix and normalisation (when
 * calibrated) -> concept scores (MatMul with the unit concept embeddings) and/or the embedding ->
 * standardisation -> the distilled MLP -> `probabilities` [N, k]. The preprocessing that makes the
 * embeddings (image size, resize, mean/std, the CLIP model's key), the concepts, template and
 * insights travel in the metadata.
 *
 * @example
 * await writeFile("model.onnx", exportImageModelOnnx({ params, features: spec, classNames, preprocessing, template: "a photo of {}.", insights: null }));
 */
export function exportImageModelOnnx(contents: ImageModelOnnxContents): Uint8Array {
  const { params, features: f, classNames, preprocessing, taskName } = contents;
  const nodes = [
    onnx.NodeProto.create({
      opType: "LpNormalization",
      name: "normalise",
      input: ["image_embeds"],
      output: ["unit"],
      attribute: [attr("axis", -1), attr("p", 2)],
    }),
  ];
  const initializers = [floatTensor("feature_mean", [f.mean.length], f.mean), floatTensor("feature_std", [f.std.length], f.std)];
  let x = "unit";
  if (f.calibration) {
    initializers.push(floatTensor("roboshot", [f.dim, f.dim], f.calibration));
    nodes.push(
      onnx.NodeProto.create({ opType: "MatMul", name: "calibrate", input: ["unit", "roboshot"], output: ["calibrated_raw"] }),
      onnx.NodeProto.create({
        opType: "LpNormalization",
        name: "renormalise",
        input: ["calibrated_raw"],
        output: ["calibrated"],
        attribute: [attr("axis", -1), attr("p", 2)],
      }),
    );
    x = "calibrated";
  }
  const parts: string[] = f.kind === "scores" ? [] : [x];
  if (f.kind !== "embeddings") {
    const c = f.concepts.length;
    const transposed = new Float32Array(f.dim * c);
    for (let j = 0; j < c; j++) for (let t = 0; t < f.dim; t++) transposed[t * c + j] = f.conceptEmbeddings[j * f.dim + t]!;
    initializers.push(floatTensor("concepts", [f.dim, c], transposed));
    nodes.push(onnx.NodeProto.create({ opType: "MatMul", name: "score", input: [x, "concepts"], output: ["scores"] }));
    parts.push("scores");
  }
  if (parts.length > 1)
    nodes.push(onnx.NodeProto.create({ opType: "Concat", name: "join", input: parts, output: ["raw_features"], attribute: [attr("axis", 1)] }));
  nodes.push(
    onnx.NodeProto.create({ opType: "Sub", name: "centre", input: [parts.length > 1 ? "raw_features" : parts[0]!, "feature_mean"], output: ["centred"] }),
    onnx.NodeProto.create({ opType: "Div", name: "scale", input: ["centred", "feature_std"], output: ["features"] }),
  );
  return exportMlpOnnx(params, {
    graphName: "alchemist_image_model",
    docString: `Alchemist image model${taskName ? ` for task ${taskName}` : ""}: ${classNames.join(", ")}. Input: CLIP image embeddings (see ${IMAGE_MODEL_METADATA_KEYS.preprocessing}); output: class probabilities.`,
    preamble: { input: { name: "image_embeds", dims: ["N", f.dim] }, nodes, initializers },
    metadata: {
      [MODEL_METADATA_KEYS.format]: IMAGE_MODEL_FORMAT,
      [MODEL_METADATA_KEYS.classes]: JSON.stringify(classNames),
      [MODEL_METADATA_KEYS.input]: JSON.stringify("image_embeds"),
      [IMAGE_MODEL_METADATA_KEYS.preprocessing]: JSON.stringify({
        ...preprocessing,
        resize: "shortest side, bicubic",
        crop: "center",
        channels: "RGB",
        layout: "NCHW",
        scale: "1/255, then (x - mean) / std",
      }),
      [IMAGE_MODEL_METADATA_KEYS.image]: JSON.stringify({
        features: f.kind,
        concepts: f.concepts,
        template: contents.template,
        insights: contents.insights,
        calibrated: f.calibration !== null,
      }),
      ...(taskName ? { [MODEL_METADATA_KEYS.task]: JSON.stringify(taskName) } : {}),
    },
  });
}
