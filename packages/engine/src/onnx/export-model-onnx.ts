import type { TaskSpec } from "../core/task";
import type { FeatureSpecJson } from "../features/row-featurizer";
import type { MlpParams } from "../models/mlp-forward";
import { exportMlpOnnx } from "./export-mlp-onnx";

/** `metadata_props` keys of an Alchemist model; values are JSON. */
export const MODEL_METADATA_KEYS = {
  format: "alchemist.format",
  classes: "alchemist.classes",
  input: "alchemist.input",
  features: "alchemist.features",
  task: "alchemist.task",
  /** "true" when the outputs are independent sigmoid probabilities (a multi-label task; each class applies at >= 0.5). */
  multiLabel: "alchemist.multiLabel",
} as const;

export interface ModelOnnxContents {
  readonly params: MlpParams;
  readonly features: FeatureSpecJson;
  readonly classNames: readonly string[];
  /** The task's input: which record field(s) a row's features come from. */
  readonly input: TaskSpec["input"];
  readonly taskName?: string;
}

/**
 * The distilled model as ONNX bytes: the MLP graph (dense float input [N, D] -> probabilities
 * [N, k]) plus, in `metadata_props`, the feature spec (TF-IDF dims, n-gram ranges, idf statistics,
 * hashing; tabular columns), the class names and the input field(s), so `predictWithModel` can
 * featurise new rows exactly as training did.
 *
 * @example
 * await writeFile("model.onnx", exportModelOnnx({ params, features: featurizer.toJSON(), classNames, input: "text" }));
 */
export function exportModelOnnx(contents: ModelOnnxContents): Uint8Array {
  const { params, features, classNames, input, taskName } = contents;
  return exportMlpOnnx(params, {
    docString: `Alchemist distilled model${taskName ? ` for task ${taskName}` : ""}: ${classNames.join(", ")}. Features are computed outside the graph from ${MODEL_METADATA_KEYS.features}.`,
    metadata: {
      [MODEL_METADATA_KEYS.format]: "1",
      [MODEL_METADATA_KEYS.classes]: JSON.stringify(classNames),
      [MODEL_METADATA_KEYS.input]: JSON.stringify(input),
      [MODEL_METADATA_KEYS.features]: JSON.stringify(features),
      ...(taskName ? { [MODEL_METADATA_KEYS.task]: JSON.stringify(taskName) } : {}),
      ...(params.output === "sigmoid" ? { [MODEL_METADATA_KEYS.multiLabel]: "true" } : {}),
    },
  });
}
