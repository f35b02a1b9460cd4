import onnxProto from "onnx-proto";
import { EngineError } from "../errors/engine-error";

const { onnx } = onnxProto;

/**
 * The `metadata_props` of an encoded ONNX model as a plain record. Throws MODEL_INVALID when the
 * bytes are not an ONNX model.
 *
 * @example
 * readOnnxMetadata(bytes)["alchemist.classes"]; // '["ham","spam"]'
 */
export function readOnnxMetadata(bytes: Uint8Array, source = "model"): Record<string, string> {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new EngineError("MODEL_INVALID", `${source}: not an ONNX model (${(error as Error).message})`, { file: source });
  }
  if (!model.graph) throw new EngineError("MODEL_INVALID", `${source}: not an ONNX model (no graph)`, { file: source });
  const out: Record<string, string> = {};
  for (const entry of model.metadataProps ?? []) if (entry.key) out[entry.key] = entry.value ?? "";
  return out;
}
