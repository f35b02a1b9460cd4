import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { createRng } from "../random/create-rng";
import { pairwiseAgreement } from "./pairwise-agreement";
import { voteCounts } from "./vote-counts";

describe("voteCounts", () => {
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

  it("counts pairwise overlaps and conflicts, with vote counts on the diagonal", () => {
    const c = voteCounts(L, { k: 2 });
    expect(Array.from(c.overlap)).toEqual([2, 2, 1, 2, 4, 2, 1, 2, 2]);
    expect(Array.from(c.conflict)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(c.classVotes)).toEqual([1, 1, 4, 0, 2, 0]);
    expect(c.goldRows).toBe(0);
  });

  it("counts right and wrong votes only on rows with gold", () => {
    const c = voteCounts(L, { k: 2, gold: [0, 1, 0, -1, 1] });
    expect(Array.from(c.correct)).toEqual([0, 2, 1]);
    expect(Array.from(c.incorrect)).toEqual([2, 1, 1]);
    expect(c.goldRows).toBe(4);
    expect(Array.from(c.goldClassCounts)).toEqual([2, 2]);
  });

  it("agrees with pairwiseAgreement's fractions on a random sparse matrix", () => {
    const rng = createRng(7);
    const rows = Array.from({ length: 300 }, () => Array.from({ length: 6 }, () => (rng() < 0.6 ? -1 : Math.floor(rng() * 3))));
    const R = labelMatrixFromRows(rows, 3);
    const c = voteCounts(R, { k: 3 });
    const p = pairwiseAgreement(R);
    for (let x = 0; x < 36; x++) {
      expect(c.overlap[x]! / 300).toBeCloseTo(p.overlap[x]!, 12);
      expect(c.conflict[x]! / 300).toBeCloseTo(p.conflict[x]!, 12);
    }
  });

  it("rejects votes and gold outside the classes, naming the row", () => {
    expect(() => voteCounts(labelMatrixFromRows([[0, 1]], 2), { k: 2, gold: [2] })).toThrow(/row 0 has gold 2/);
    expect(() => voteCounts({ n: 1, m: 2, values: Int8Array.of(0, 3) }, { k: 2 })).toThrow(/row 0 program 1 votes 3/);
    expect(() => voteCounts(L, { k: 1 })).toThrow(/k must be an integer >= 2/);
  });
});
