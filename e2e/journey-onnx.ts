import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-node";

const { onnx } = onnxProto;

/** What a downloaded model file turned out to be. */
export interface OnnxCheck {
  readonly irVersion: number;
  readonly inputName: string;
  readonly featureCount: number;
  readonly classes: string[];
  /** Each input row's class probabilities, from onnxruntime running the file. */
  readonly probabilities: number[][];
}

/**
 * Proves bytes are a usable ONNX model: a protobuf ModelProto (its first field is `ir_version`,
 * tag 0x08) that decodes with a graph, whose `alchemist.classes` metadata names the classes, and
 * that onnxruntime loads and runs on a batch of rows (all-zero and one-hot feature vectors).
 *
 * @example
 * const check = await checkOnnxModel(await readFile("model.onnx"));
 */
export async function checkOnnxModel(bytes: Uint8Array): Promise<OnnxCheck> {
  if (bytes.length === 0) throw new Error("the model file is empty");
  if (bytes[0] !== 0x08) throw new Error(`not an ONNX ModelProto: first byte 0x${bytes[0]!.toString(16)}, expected 0x08 (ir_version)`);
  const model = onnx.ModelProto.decode(bytes);
  const input = model.graph?.input?.[0];
  if (!input?.name) throw new Error("the model has no graph input");
  const dims = input.type?.tensorType?.shape?.dim ?? [];
  const featureCount = Number(dims[1]?.dimValue ?? 0);
  if (featureCount <= 0) throw new Error(`the input ${input.name} has no fixed feature width (dims ${JSON.stringify(dims)})`);
  const classesProp = model.metadataProps?.find((p) => p.key === "alchemist.classes")?.value;
  const classes = classesProp ? (JSON.parse(classesProp) as string[]) : [];
  const session = await ort.InferenceSession.create(bytes);
  try {
    const rows = 3;
    const data = new Float32Array(rows * featureCount);
    data[featureCount] = 1; // row 1: first feature on
    data[2 * featureCount + featureCount - 1] = 1; // row 2: last feature on
    const out = (await session.run({ [input.name]: new ort.Tensor("float32", data, [rows, featureCount]) }))[session.outputNames[0]!]!;
    const k = Number(out.dims[1]);
    const values = Array.from(out.data as Float32Array);
    const probabilities = Array.from({ length: rows }, (_, r) => values.slice(r * k, (r + 1) * k));
    return { irVersion: Number(model.irVersion), inputName: input.name, featureCount, classes, probabilities };
  } finally {
    await session.release();
  }
}
