import { describe, expect, it } from "vitest";
import { sparseMatrixFromRows, sparseRowSubset } from "./sparse-matrix";

describe("sparse matrices", () => {
  it("builds CSR with sorted, merged columns and no zeros", () => {
    const X = sparseMatrixFromRows(
      [
        [
          [3, 1],
          [0, 2],
          [3, 1],
        ],
        [],
        [[1, 0]],
      ],
      4,
    );
    expect(Array.from(X.indptr)).toEqual([0, 2, 2, 2]);
    expect(Array.from(X.indices)).toEqual([0, 3]);
    expect(Array.from(X.values)).toEqual([2, 2]);
    expect(() => sparseMatrixFromRows([[[4, 1]]], 4)).toThrow(/column 4 is outside 0..3/);
  });

  it("subsets rows in order", () => {
    const X = sparseMatrixFromRows(
      [
        [[0, 1]],
        [
          [1, 2],
          [2, 3],
        ],
        [],
      ],
      3,
    );
    const S = sparseRowSubset(X, [1, 2, 0]);
    expect(Array.from(S.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(S.indices)).toEqual([1, 2, 0]);
    expect(Array.from(S.values)).toEqual([2, 3, 1]);
    expect(() => sparseRowSubset(X, [3])).toThrow(/row index 3/);
  });
});
