import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { lfAnalysis } from "./lf-analysis";

const snorkel = labelMatrixFromRows(
  [
    [-1, 0, 0],
    [-1, -1, -1],
    [1, 0, -1],
    [-1, 0, -1],
    [0, 0, 0],
  ],
  2,
);

describe("lfAnalysis", () => {
  it("reproduces Snorkel's LFAnalysis docstring example", () => {
    const a = lfAnalysis(snorkel, { k: 2 });
    expect(a.coverage).toBeCloseTo(0.8);
    expect(a.overlap).toBeCloseTo(0.6);
    expect(a.conflict).toBeCloseTo(0.2);
    expect(a.programs.map((p) => p.coverage)).toEqual([0.4, 0.8, 0.4]);
    expect(a.programs.map((p) => p.overlaps)).toEqual([0.4, 0.6, 0.4]);
    expect(a.programs.map((p) => p.conflicts)).toEqual([0.2, 0.2, 0]);
    expect(a.programs.map((p) => p.polarity)).toEqual([[0, 1], [0], [0]]);
    expect(a.programs.map((p) => p.name)).toEqual(["lf_0", "lf_1", "lf_2"]);
    expect(a.programs[0]).not.toHaveProperty("correct");
  });

  it("counts per-class coverage", () => {
    // class 0 is voted on rows 0, 2, 3, 4; class 1 only on row 2
    expect(lfAnalysis(snorkel, { k: 2 }).classCoverage).toEqual([0.8, 0.2]);
  });

  it("scores programs against gold, ignoring unknown gold", () => {
    const gold = [0, 1, 1, -1, 1];
    const a = lfAnalysis(snorkel, { k: 2, names: ["a", "b", "c"], gold });
    expect(a.programs.map((p) => p.name)).toEqual(["a", "b", "c"]);
    // a votes 1 on row 2 (gold 1) and 0 on row 4 (gold 1)
    expect(a.programs[0]).toMatchObject({ correct: 1, incorrect: 1, empiricalAccuracy: 0.5 });
    // b votes 0 on rows 0, 2, 3, 4: row 3's gold is unknown
    expect(a.programs[1]).toMatchObject({ correct: 1, incorrect: 2 });
    expect(a.programs[1]!.empiricalAccuracy).toBeCloseTo(1 / 3);
  });

  it("reports null accuracy for a program that never votes on a gold row", () => {
    const a = lfAnalysis(snorkel, { k: 2, gold: [-1, -1, -1, -1, -1] });
    expect(a.programs[0]).toMatchObject({ correct: 0, incorrect: 0, empiricalAccuracy: null });
  });

  it("rejects mismatched names, gold and out-of-range votes", () => {
    expect(() => lfAnalysis(snorkel, { k: 2, names: ["a"] })).toThrow(/1 names for 3 programs/);
    expect(() => lfAnalysis(snorkel, { k: 2, gold: [0] })).toThrow(/1 gold labels for 5 rows/);
    const bad = labelMatrixFromRows([[2, 0]], 3);
    expect(() => lfAnalysis(bad, { k: 2 })).toThrow(/row 0 program 0 votes 2/);
  });
});
