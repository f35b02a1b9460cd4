import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, describe, expect, it } from "vitest";
import { MlpClassifier } from "../../models/mlp-classifier";
import { syntheticSparse } from "../../models/synthetic-sparse";
import { exportMlpOnnx } from "../../onnx/export-mlp-onnx";
import { readOnnxMetadata } from "../../onnx/read-onnx-metadata";
import { mlpParamsFromJson } from "../../models/mlp-json";

const dir = mkdtempSync(join(tmpdir(), "alchemist-onnx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Python with the `onnx` package, or null (python3 first, then Debian's /usr/bin/python3). */
function pythonWithOnnx(): string | null {
  for (const python of ["python3", "/usr/bin/python3"]) {
    if (spawnSync(python, ["-c", "import onnx"], { encoding: "utf8" }).status === 0) return python;
  }
  return null;
}

function trainedMlp(hidden: number[], k: number): { mlp: MlpClassifier; X: ReturnType<typeof syntheticSparse>["X"] } {
  const { X, targets } = syntheticSparse({ rows: 300, cols: 400, k, seed: 5 });
  const mlp = new MlpClassifier({ inputSize: 400, k, hidden, epochs: 3, seed: 2 });
  mlp.fit(X, targets);
  return { mlp, X };
}

function densify(X: { rows: number; cols: number; indptr: Int32Array; indices: Int32Array; values: Float32Array }): Float32Array {
  const out = new Float32Array(X.rows * X.cols);
  for (let i = 0; i < X.rows; i++) for (let p = X.indptr[i]!; p < X.indptr[i + 1]!; p++) out[i * X.cols + X.indices[p]!] = X.values[p]!;
  return out;
}

describe("exportMlpOnnx", () => {
  for (const [hidden, k] of [
    [[32, 32], 2],
    [[16], 3],
    [[8, 8, 8], 4],
  ] as const) {
    it(`onnxruntime-node matches our forward pass for hidden [${hidden.join(", ")}], k = ${k}`, async () => {
      const { mlp, X } = trainedMlp([...hidden], k);
      const { params } = mlpParamsFromJson(mlp.toJSON());
      const bytes = exportMlpOnnx(params, { metadata: { "alchemist.classes": JSON.stringify(["a", "b", "c", "d"].slice(0, k)) } });
      const session = await ort.InferenceSession.create(bytes);
      expect(session.inputNames).toEqual(["features"]);
      expect(session.outputNames).toEqual(["probabilities"]);
      const ours = mlp.predictProba(X).values;
      // Two batch sizes through the same session: the batch dimension is dynamic.
      for (const rows of [X.rows, 7]) {
        const input = new ort.Tensor("float32", densify(X).subarray(0, rows * X.cols), [rows, X.cols]);
        const out = (await session.run({ features: input })).probabilities!;
        expect(out.dims).toEqual([rows, k]);
        let maxDiff = 0;
        (out.data as Float32Array).forEach((p, x) => (maxDiff = Math.max(maxDiff, Math.abs(p - ours[x]!))));
        expect(maxDiff).toBeLessThan(1e-5);
      }
      await session.release();
      expect(JSON.parse(readOnnxMetadata(bytes)["alchemist.classes"]!)).toHaveLength(k);
    });
  }

  it("passes onnx.checker.check_model (full check) when Python's onnx is installed", (ctx) => {
    const python = pythonWithOnnx();
    if (!python) {
      console.warn("skipping onnx.checker: no python3 with the onnx package (Debian: apt-get install -y python3-onnx)");
      ctx.skip();
      return;
    }
    const { mlp } = trainedMlp([32, 32], 2);
    const path = join(dir, "model.onnx");
    writeFileSync(path, exportMlpOnnx(mlpParamsFromJson(mlp.toJSON()).params, { metadata: { spec: "{}" } }));
    const script =
      "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.opset_import[0].version, [p.key for p in m.metadata_props])";
    const result = spawnSync(python, ["-c", script, path], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("13 ['spec']");
  });

  it("rejects mismatched parameters and bytes that are not a model", () => {
    expect(() => exportMlpOnnx({ sizes: [4, 2], weights: [new Float32Array(7)], biases: [new Float32Array(2)] })).toThrow(
      /layer 0 has 7 weights and 2 biases, expected 8 and 2/,
    );
    expect(() => readOnnxMetadata(Uint8Array.from([0xff, 0xff, 0xff]), "x.onnx")).toThrow(/x.onnx: not an ONNX model/);
  });
});
