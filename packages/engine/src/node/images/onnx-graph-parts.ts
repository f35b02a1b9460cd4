import onnxProto from "onnx-proto";

const { onnx } = onnxProto;
export { onnx };

/** A symbolic (`"N"`) or fixed dimension. */
export type Dim = string | number;

/**
 * A float32 or int64 initializer.
 *
 * @example
 * initializer("W", [48, 16], weights);
 */
export function initializer(name: string, dims: readonly number[], values: Float32Array | readonly bigint[]): onnxProto.onnx.ITensorProto {
  if (values instanceof Float32Array) {
    return { name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, floatData: [...values] };
  }
  return { name, dims: [...dims], dataType: onnx.TensorProto.DataType.INT64, int64Data: values.map((v) => Number(v)) };
}

/**
 * A graph input/output declaration.
 *
 * @example
 * valueInfo("pixel_values", onnx.TensorProto.DataType.FLOAT, ["N", 3, 224, 224]);
 */
export function valueInfo(name: string, elemType: number, dims: readonly Dim[]): onnxProto.onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/**
 * One node; integer-list attributes only (all the tiny encoders need).
 *
 * @example
 * node("Flatten", ["pooled"], ["flat"], { axis: 1 });
 */
export function node(opType: string, input: string[], output: string[], attrs: Record<string, number | number[]> = {}): onnxProto.onnx.INodeProto {
  const attribute = Object.entries(attrs).map(([name, value]) =>
    Array.isArray(value)
      ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: value }
      : { name, type: onnx.AttributeProto.AttributeType.INT, i: value },
  );
  return { opType, input, output, name: `${opType}_${output[0]}`, attribute };
}

/**
 * Serialises a single-graph model at opset 13 (IR version 7).
 *
 * @example
 * await writeFile("m.onnx", encodeModel({ name: "g", node: [...], input: [...], output: [...], initializer: [...] }));
 */
export function encodeModel(graph: onnxProto.onnx.IGraphProto, producer = "alchemist"): Uint8Array {
  const model = onnx.ModelProto.create({ irVersion: 7, producerName: producer, opsetImport: [{ domain: "", version: 13 }], graph });
  return onnx.ModelProto.encode(model).finish();
}
