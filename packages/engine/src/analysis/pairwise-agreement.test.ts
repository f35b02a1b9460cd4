import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { pairwiseAgreement } from "./pairwise-agreement";

describe("pairwiseAgreement", () => {
  it("computes overlap, conflict and agreement fractions for every pair", () => {
    const L = labelMatrixFromRows(
      [
        [-1, 0, 0],
        [-1, -1, -1],
        [1, 0, -1],
        [-1, 0, -1],
        [0, 0, 0],
      ],
      2,
    );
    const { m, overlap, conflict, agreement } = pairwiseAgreement(L);
    expect(m).toBe(3);
    expect(Array.from(overlap)).toEqual([0.4, 0.4, 0.2, 0.4, 0.8, 0.4, 0.2, 0.4, 0.4]);
    expect(Array.from(conflict)).toEqual([0, 0.2, 0, 0.2, 0, 0, 0, 0, 0]);
    expect(Array.from(agreement)).toEqual([0.4, 0.2, 0.2, 0.2, 0.8, 0.4, 0.2, 0.4, 0.4]);
  });

  it("returns zeros for an empty matrix", () => {
    const { overlap } = pairwiseAgreement(labelMatrixFromRows([], 2));
    expect(overlap.length).toBe(0);
  });
});
