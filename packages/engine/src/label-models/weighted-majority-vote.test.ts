import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { accuracyWeights } from "./accuracy-weights";
import { WeightedMajorityVote } from "./weighted-majority-vote";

// rows: 2 x class 0 vs 1 x class 1 | 1 vs 1 | no votes
const L = labelMatrixFromRows(
  [
    [0, 0, 1],
    [0, -1, 1],
    [-1, -1, -1],
  ],
  2,
);

describe("WeightedMajorityVote", () => {
  it("weights each vote by its class's balance, as WRENCH's MajorityWeightedVoting", () => {
    const wmv = new WeightedMajorityVote().fit(L, { k: 2, classBalance: Float64Array.of(0.2, 0.8) });
    expect(wmv.name).toBe("wmv");
    const P = Array.from(wmv.predictProba(L).values);
    // row 0: counts [0.4, 0.8] -> [1/3, 2/3]; row 1: [0.2, 0.8]; empty row uniform
    [1 / 3, 2 / 3, 0.2, 0.8, 0.5, 0.5].forEach((p, x) => expect(P[x]).toBeCloseTo(p, 12));
    expect(Array.from(wmv.predict(L, { tieBreak: "abstain" }))).toEqual([1, 1, -1]);
  });

  it("equals majority vote under a uniform balance, and uses per-program weights when given", () => {
    const uniform = new WeightedMajorityVote().fit(L, { k: 2 });
    expect(Array.from(uniform.predict(L, { tieBreak: "abstain" }))).toEqual([0, -1, -1]);
    const weighted = new WeightedMajorityVote({ weights: [1, 1, 3] }).fit(L, { k: 2 });
    expect(Array.from(weighted.predictProba(L).values.subarray(0, 4))).toEqual([0.4, 0.6, 0.25, 0.75]);
  });

  it("rejects wrong weight counts and negative weights", () => {
    expect(() => new WeightedMajorityVote({ weights: [1, 1] }).fit(L, { k: 2 })).toThrow(/2 program weights for 3 programs/);
    expect(() => new WeightedMajorityVote({ weights: [1, -1, 1] }).fit(L, { k: 2 })).toThrow(/program 1 has weight -1/);
    expect(() => new WeightedMajorityVote().fit(L, { k: 2, classBalance: Float64Array.of(1) })).toThrow(/1 entries for k = 2/);
  });
});

describe("accuracyWeights", () => {
  it("gives log-odds weights, zero for worse-than-chance programs, 1 when unknown", () => {
    const w = accuracyWeights([0.9, 0.5, 0.3, undefined, 1], 2);
    expect(w[0]).toBeCloseTo(Math.log(9), 12);
    expect(Array.from(w.subarray(1, 4))).toEqual([0, 0, 1]);
    expect(w[4]).toBeCloseTo(Math.log(99), 12);
    expect(accuracyWeights([0.5], 3)[0]).toBeCloseTo(Math.log(2), 12);
  });
});
