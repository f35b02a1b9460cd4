import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import type { FeatureSpecJson } from "../features/row-featurizer";
import { MODEL_METADATA_KEYS } from "./export-model-onnx";
import { readOnnxMetadata } from "./read-onnx-metadata";

export interface ModelSpec {
  readonly classNames: string[];
  readonly input: TaskSpec["input"];
  readonly features: FeatureSpecJson;
  readonly taskName: string | null;
  /** Sigmoid outputs: every class at probability >= 0.5 applies (a multi-label task's model). */
  readonly multiLabel: boolean;
}

/**
 * Reads the feature spec, class names and input field(s) that `exportModelOnnx` stored in a
 * model's metadata. Throws MODEL_INVALID naming `source` and the missing or broken key.
 *
 * @example
 * const { classNames, input, features } = readModelSpec(await readFile("model.onnx"), "model.onnx");
 */
export function readModelSpec(bytes: Uint8Array, source = "model"): ModelSpec {
  const meta = readOnnxMetadata(bytes, source);
  if (meta[MODEL_METADATA_KEYS.format] !== "1") {
    throw new EngineError(
      "MODEL_INVALID",
      `${source}: not an Alchemist model (metadata ${MODEL_METADATA_KEYS.format} is ${JSON.stringify(meta[MODEL_METADATA_KEYS.format] ?? null)}, expected "1")`,
      { file: source },
    );
  }
  const parse = (key: string): unknown => {
    try {
      return JSON.parse(meta[key] ?? "");
    } catch {
      throw new EngineError("MODEL_INVALID", `${source}: metadata ${key} is missing or not JSON`, { file: source });
    }
  };
  const classNames = parse(MODEL_METADATA_KEYS.classes);
  if (!Array.isArray(classNames) || classNames.length < 2 || !classNames.every((c) => typeof c === "string")) {
    throw new EngineError("MODEL_INVALID", `${source}: metadata ${MODEL_METADATA_KEYS.classes} must list >= 2 class names`, { file: source });
  }
  const input = parse(MODEL_METADATA_KEYS.input);
  if (typeof input !== "string" && !(Array.isArray(input) && input.every((f) => typeof f === "string"))) {
    throw new EngineError("MODEL_INVALID", `${source}: metadata ${MODEL_METADATA_KEYS.input} must be a field name or a list of them`, { file: source });
  }
  const features = parse(MODEL_METADATA_KEYS.features) as FeatureSpecJson;
  const task = meta[MODEL_METADATA_KEYS.task] === undefined ? null : parse(MODEL_METADATA_KEYS.task);
  return { classNames, input, features, taskName: typeof task === "string" ? task : null, multiLabel: meta[MODEL_METADATA_KEYS.multiLabel] === "true" };
}
