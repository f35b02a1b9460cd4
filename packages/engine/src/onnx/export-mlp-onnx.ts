import onnxProto from "onnx-proto";
import { EngineError } from "../errors/engine-error";
import type { MlpParams } from "../models/mlp-forward";

const { onnx } = onnxProto;

/** Opset of the exported graph (Gemm, Relu, Softmax with axis -1). */
export const MLP_ONNX_OPSET = 13;
/** IR version 7 pairs with opset 13 and is read by every onnxruntime since 1.6. */
const IR_VERSION = 7;

export interface MlpOnnxOptions {
  /** String key/value pairs stored in the model's `metadata_props` (feature spec, class names). */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly graphName?: string;
  readonly docString?: string;
  /**
   * Nodes that compute the MLP's input `features` from another graph input (e.g. image
   * embeddings -> normalised, calibrated, scored, standardised), so the model covers the whole
   * inference. The graph input is then `input` instead of `features`.
   */
  readonly preamble?: {
    readonly input: { readonly name: string; readonly dims: readonly (number | string)[] };
    readonly nodes: readonly InstanceType<typeof onnx.NodeProto>[];
    readonly initializers: readonly InstanceType<typeof onnx.TensorProto>[];
  };
}

/**
 * A float32 initializer as raw little-endian bytes (the layout of a Float32Array on every host we run on).
 *
 * @example
 * floatTensor("W0", [512, 32], weights);
 */
export function floatTensor(name: string, dims: number[], values: Float32Array): InstanceType<typeof onnx.TensorProto> {
  const rawData = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData });
}

function valueInfo(name: string, dims: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
  const dim = dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d }));
  return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } } });
}

/**
 * Encodes a trained ReLU MLP as an ONNX model: input `features` float [N, D] ->
 * (Gemm -> Relu) per hidden layer -> Gemm -> Softmax(axis -1) (Sigmoid for `output: "sigmoid"`, one
 * independent probability per class) -> output `probabilities` [N, k],
 * batch size dynamic (`N`). Weights travel as raw little-endian float32 initializers, in the
 * row-major [in][out] layout Gemm takes without transposition.
 *
 * @example
 * const bytes = exportMlpOnnx(params, { metadata: { "alchemist.classes": JSON.stringify(["ham", "spam"]) } });
 * await writeFile("model.onnx", bytes);
 */
export function exportMlpOnnx(params: MlpParams, options: MlpOnnxOptions = {}): Uint8Array {
  const { sizes, weights, biases } = params;
  if (sizes.length < 2 || weights.length !== sizes.length - 1 || biases.length !== sizes.length - 1) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `exportMlpOnnx: ${sizes.length} layer sizes need ${sizes.length - 1} weight and bias arrays, got ${weights.length} and ${biases.length}`,
    );
  }
  const initializer = [...(options.preamble?.initializers ?? [])];
  const node = [...(options.preamble?.nodes ?? [])];
  let input = "features";
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [inSize, outSize] = [sizes[l]!, sizes[l + 1]!];
    if (weights[l]!.length !== inSize * outSize || biases[l]!.length !== outSize) {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `exportMlpOnnx: layer ${l} has ${weights[l]!.length} weights and ${biases[l]!.length} biases, expected ${inSize * outSize} and ${outSize}`,
      );
    }
    initializer.push(floatTensor(`W${l}`, [inSize, outSize], weights[l]!), floatTensor(`b${l}`, [outSize], biases[l]!));
    const last = l + 2 === sizes.length;
    node.push(onnx.NodeProto.create({ opType: "Gemm", name: `gemm${l}`, input: [input, `W${l}`, `b${l}`], output: [`z${l}`] }));
    if (last && params.output === "sigmoid") {
      node.push(onnx.NodeProto.create({ opType: "Sigmoid", name: "sigmoid", input: [`z${l}`], output: ["probabilities"] }));
    } else if (last) {
      node.push(
        onnx.NodeProto.create({
          opType: "Softmax",
          name: "softmax",
          input: [`z${l}`],
          output: ["probabilities"],
          attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: -1 }],
        }),
      );
    } else {
      node.push(onnx.NodeProto.create({ opType: "Relu", name: `relu${l}`, input: [`z${l}`], output: [`h${l}`] }));
      input = `h${l}`;
    }
  }
  const graph = onnx.GraphProto.create({
    name: options.graphName ?? "alchemist_mlp",
    node,
    initializer,
    input: [options.preamble ? valueInfo(options.preamble.input.name, [...options.preamble.input.dims]) : valueInfo("features", ["N", sizes[0]!])],
    output: [valueInfo("probabilities", ["N", sizes[sizes.length - 1]!])],
  });
  const metadataProps = Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value }));
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: "alchemist",
    producerVersion: "0.1.0",
    ...(options.docString ? { docString: options.docString } : {}),
    opsetImport: [{ domain: "", version: MLP_ONNX_OPSET }],
    graph,
    metadataProps,
  });
  return onnx.ModelProto.encode(model).finish();
}
