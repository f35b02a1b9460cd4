import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { learnedAccuracies } from "./learned-accuracies";

describe("learnedAccuracies", () => {
  it("averages the model's probability of each program's vote over the rows it votes on", () => {
    const L = labelMatrixFromRows(
      [
        [0, 1, -1],
        [1, 1, -1],
        [0, -1, -1],
      ],
      2,
    );
    const P = { n: 3, k: 2, values: Float64Array.of(0.9, 0.1, 0.2, 0.8, 0.6, 0.4) };
    const acc = learnedAccuracies(L, P);
    expect(acc[0]).toBeCloseTo((0.9 + 0.8 + 0.6) / 3, 12);
    expect(acc[1]).toBeCloseTo((0.1 + 0.8) / 2, 12);
    expect(acc[2]).toBeNull();
  });

  it("rejects mismatched shapes and votes outside the classes", () => {
    const L = labelMatrixFromRows([[0], [2]], 3);
    expect(() => learnedAccuracies(L, { n: 1, k: 2, values: new Float64Array(2) })).toThrow(/1 probability rows for 2 label rows/);
    expect(() => learnedAccuracies(L, { n: 2, k: 2, values: new Float64Array(4) })).toThrow(/row 1 program 0 votes 2/);
  });
});
