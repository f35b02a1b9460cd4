import { EngineError } from "../errors/engine-error";
import { checkMlpOptions, type MlpClassifierOptions } from "./check-mlp-options";
import { float32FromBase64, float32ToBase64 } from "./float32-base64";
import type { MlpParams } from "./mlp-forward";

/** Serialised MLP: `layers[l]` maps `sizes[l]` inputs to `sizes[l + 1]` outputs, weights row-major [in][out]. */
export interface MlpJson {
  readonly version: 1;
  readonly activation: "relu";
  readonly output: "softmax";
  readonly sizes: number[];
  readonly options: Required<MlpClassifierOptions>;
  /** Base64 of little-endian Float32 values. */
  readonly layers: { readonly weights: string; readonly biases: string }[];
}

/**
 * Serialises MLP parameters with the options that trained them.
 *
 * @example
 * JSON.stringify(mlpParamsToJson(params, options));
 */
export function mlpParamsToJson(params: MlpParams, options: Required<MlpClassifierOptions>): MlpJson {
  const layers = params.weights.map((w, l) => ({ weights: float32ToBase64(w), biases: float32ToBase64(params.biases[l]!) }));
  return { version: 1, activation: "relu", output: "softmax", sizes: [...params.sizes], options: { ...options, hidden: [...options.hidden] }, layers };
}

/**
 * Parses `mlpParamsToJson` output, checking every layer's size.
 *
 * @example
 * const { options, params } = mlpParamsFromJson(JSON.parse(text));
 */
export function mlpParamsFromJson(json: MlpJson): { options: Required<MlpClassifierOptions>; params: MlpParams } {
  if (json?.version !== 1) throw new EngineError("INVALID_ARGUMENT", `MlpClassifier.fromJSON: unsupported version ${String(json?.version)}`);
  const options = checkMlpOptions(json.options);
  const sizes = [options.inputSize, ...options.hidden, options.k];
  if (sizes.join() !== json.sizes.join() || json.layers.length !== sizes.length - 1) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `MlpClassifier.fromJSON: sizes [${json.sizes.join(", ")}] with ${json.layers.length} layers do not match options [${sizes.join(", ")}]`,
    );
  }
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  json.layers.forEach((layer, l) => {
    const W = float32FromBase64(layer.weights);
    const b = float32FromBase64(layer.biases);
    if (W.length !== sizes[l]! * sizes[l + 1]! || b.length !== sizes[l + 1]!) {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `MlpClassifier.fromJSON: layer ${l} has ${W.length} weights and ${b.length} biases, expected ${sizes[l]! * sizes[l + 1]!} and ${sizes[l + 1]}`,
      );
    }
    weights.push(W);
    biases.push(b);
  });
  return { options, params: { sizes, weights, biases } };
}
