import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { sparseMatrixFromRows } from "../core/sparse-matrix";
import { exportMlpOnnx } from "../onnx/export-mlp-onnx";
import { exportModelOnnx } from "../onnx/export-model-onnx";
import { readOnnxMetadata } from "../onnx/read-onnx-metadata";
import { fitMultiLabelMlp } from "./fit-multi-label-mlp";
import { mlpProbabilities } from "./mlp-probabilities";

// Feature 0 means class a, feature 1 class b, independently; feature 2 is noise on every row.
function data(rows: number): { X: ReturnType<typeof sparseMatrixFromRows>; targets: Float64Array } {
  const cells: [number, number][][] = [];
  const targets = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    const [a, b] = [i % 2, Math.floor(i / 2) % 2];
    cells.push([...(a ? [[0, 1] as [number, number]] : []), ...(b ? [[1, 1] as [number, number]] : []), [2, 1]]);
    targets[i * 2] = a ? 0.9 : 0.1;
    targets[i * 2 + 1] = b ? 0.9 : 0.1;
  }
  return { X: sparseMatrixFromRows(cells, 3), targets };
}

describe("fitMultiLabelMlp", () => {
  const { X, targets } = data(200);
  const gold = Uint8Array.from(targets, (t) => (t > 0.5 ? 1 : 0));

  it("learns independent sigmoid outputs: both classes, one, or none apply", () => {
    const fit = fitMultiLabelMlp(X, targets, { inputSize: 3, k: 2, hidden: [8], epochs: 60, batchSize: 16, learningRate: 0.01, seed: 3, dev: { X, gold } });
    expect(fit.params.output).toBe("sigmoid");
    const P = mlpProbabilities(fit.params, X);
    // rows 0..3: {}, {a}, {b}, {a,b}
    expect(Array.from(P.subarray(0, 8), (p) => (p >= 0.5 ? 1 : 0))).toEqual([0, 0, 1, 0, 0, 1, 1, 1]);
    expect(P[6]! + P[7]!).toBeGreaterThan(1); // softmax outputs of a row sum to 1
  });

  it("is deterministic for a seed and refuses mismatched targets", () => {
    const o = { inputSize: 3, k: 2, hidden: [4], epochs: 3, seed: 9 };
    const a = fitMultiLabelMlp(X, targets, o);
    const b = fitMultiLabelMlp(X, targets, o);
    expect(Array.from(mlpProbabilities(a.params, X))).toEqual(Array.from(mlpProbabilities(b.params, X)));
    expect(() => fitMultiLabelMlp(X, targets.subarray(1), o)).toThrow(/399 targets for 200 rows x 2 classes/);
  });

  it("exports a Sigmoid graph that onnxruntime scores like the engine", async () => {
    const fit = fitMultiLabelMlp(X, targets, { inputSize: 3, k: 2, hidden: [8], epochs: 5, seed: 3 });
    const session = await ort.InferenceSession.create(exportMlpOnnx(fit.params));
    const dense = new Float32Array(4 * 3);
    for (let i = 0; i < 4; i++) for (let p = X.indptr[i]!; p < X.indptr[i + 1]!; p++) dense[i * 3 + X.indices[p]!] = X.values[p]!;
    const out = await session.run({ features: new ort.Tensor("float32", dense, [4, 3]) });
    const engine = mlpProbabilities(fit.params, X).subarray(0, 8);
    Array.from(out.probabilities!.data as Float32Array).forEach((p, x) => expect(p).toBeCloseTo(engine[x]!, 5));
    const model = exportModelOnnx({ params: fit.params, features: { text: null } as never, classNames: ["a", "b"], input: "text" });
    expect(readOnnxMetadata(model)["alchemist.multiLabel"]).toBe("true");
  });
});
