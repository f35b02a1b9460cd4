import { describe, expect, it } from "vitest";
import { labelMatrixFromRows, labelMatrixToRows } from "./label-matrix";
import { subsetRows } from "./subset-rows";

describe("subsetRows", () => {
  it("copies rows in the given order, keeping the vote width", () => {
    const L = labelMatrixFromRows(
      [
        [0, 1],
        [1, -1],
        [-1, 0],
      ],
      300,
    );
    const S = subsetRows(L, [2, 0, 2]);
    expect(S.n).toBe(3);
    expect(S.values).toBeInstanceOf(Int16Array);
    expect(labelMatrixToRows(S)).toEqual([
      [-1, 0],
      [0, 1],
      [-1, 0],
    ]);
    S.values[0] = 1;
    expect(L.values[4]).toBe(-1);
  });

  it("rejects indices outside the matrix", () => {
    const L = labelMatrixFromRows([[0]], 2);
    expect(() => subsetRows(L, [0, 1])).toThrow(/row index 1 at position 1 is outside 0..0/);
  });
});
