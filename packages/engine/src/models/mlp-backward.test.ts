import { describe, expect, it } from "vitest";
import { sparseMatrixFromRows } from "../core/sparse-matrix";
import { initMlpParams } from "./init-mlp-params";
import { mlpBackward, type MlpGrads } from "./mlp-backward";
import { mlpForward } from "./mlp-forward";

describe("mlpBackward", () => {
  it("matches finite differences of the mean soft-label cross-entropy", () => {
    const sizes = [6, 5, 4, 3];
    const params = initMlpParams(sizes, 9);
    params.biases.forEach((b, l) => b.forEach((_, j) => (b[j] = 0.1 * ((j + l) % 3) - 0.05)));
    const X = sparseMatrixFromRows(
      [
        [
          [0, 1],
          [3, -0.5],
        ],
        [
          [1, 0.7],
          [2, 0.2],
          [5, 1],
        ],
        [[4, 2]],
      ],
      6,
    );
    const rows = Int32Array.of(0, 1, 2);
    const targets = Float64Array.of(0.7, 0.2, 0.1, 0, 1, 0, 0.3, 0.3, 0.4);
    const buffers = (): Float32Array[] => sizes.slice(1).map((s) => new Float32Array(3 * s));
    const acts = buffers();
    const grads: MlpGrads = { weights: params.weights.map((w) => new Float32Array(w.length)), biases: params.biases.map((b) => new Float32Array(b.length)) };
    const touched = { stamp: new Int32Array(6), list: new Int32Array(6), count: 0, step: 0 };
    const meanLoss = (): number => {
      mlpForward(params, X, rows, 3, acts);
      let loss = 0;
      for (let x = 0; x < 9; x++) if (targets[x]! > 0) loss -= targets[x]! * Math.log(acts[2]![x]!);
      return loss / 3;
    };
    mlpForward(params, X, rows, 3, acts);
    const lossSum = mlpBackward(params, X, rows, 3, acts, targets, buffers(), grads, touched);
    expect(lossSum / 3).toBeCloseTo(meanLoss(), 6);
    expect(Array.from(touched.list.subarray(0, touched.count))).toEqual([0, 3, 1, 2, 5, 4]);
    const eps = 1e-2;
    let checked = 0;
    for (const [kind, arrays] of [
      ["weights", params.weights],
      ["biases", params.biases],
    ] as const) {
      arrays.forEach((array, l) => {
        for (let x = 0; x < array.length; x++) {
          const original = array[x]!;
          array[x] = original + eps;
          const up = meanLoss();
          array[x] = original - eps;
          const down = meanLoss();
          array[x] = original;
          const numeric = (up - down) / (2 * eps);
          expect(Math.abs(grads[kind][l]![x]! - numeric), `${kind}[${l}][${x}]`).toBeLessThan(2e-3);
          checked++;
        }
      });
    }
    expect(checked).toBe(6 * 5 + 5 * 4 + 4 * 3 + 5 + 4 + 3);
  });
});
