import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { subsetRows } from "../core/subset-rows";
import { generateLabelMatrix } from "./generate-label-matrix";
import { emptySufficientStatistics, sufficientStatistics } from "./sufficient-statistics";
import { mergeSufficientStatistics } from "./sufficient-statistics-merge";

describe("sufficientStatistics", () => {
  it("counts indicator co-occurrences, votes per program and class, and covered rows", () => {
    const L = labelMatrixFromRows(
      [
        [0, 1, -1],
        [1, 1, 0],
        [-1, -1, -1],
      ],
      2,
    );
    const s = sufficientStatistics(L, 2);
    const d = 6;
    // Dense L_ind^T L_ind by hand: columns j*2+v.
    const ind = [
      [1, 0, 0, 1, 0, 0],
      [0, 1, 0, 1, 1, 0],
      [0, 0, 0, 0, 0, 0],
    ];
    const expected = Array.from({ length: d * d }, (_, x) => ind.reduce((t, r) => t + r[Math.floor(x / d)]! * r[x % d]!, 0));
    expect(Array.from(s.O)).toEqual(expected);
    expect(Array.from(s.voteCounts)).toEqual([1, 1, 0, 2, 1, 0]);
    expect(Array.from(s.classVotes)).toEqual([2, 3]);
    expect([s.n, s.m, s.k, s.coveredRows]).toEqual([3, 3, 2, 2]);
  });

  it("merged chunk statistics equal the statistics of the whole matrix", () => {
    const { L } = generateLabelMatrix({ n: 1000, m: 6, k: 3, seed: 4 });
    const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);
    const chunks = [
      [0, 250],
      [250, 251],
      [251, 1000],
    ].map(([a, b]) => sufficientStatistics(subsetRows(L, range(a!, b!)), 3));
    const merged = chunks.reduce(mergeSufficientStatistics, emptySufficientStatistics(6, 3));
    expect(merged).toEqual(sufficientStatistics(L, 3));
  });

  it("rejects out-of-range votes and mismatched shapes", () => {
    expect(() => sufficientStatistics(labelMatrixFromRows([[0, 2]], 3), 2)).toThrow(/row 0 program 1 votes 2, outside -1..1/);
    expect(() => mergeSufficientStatistics(emptySufficientStatistics(3, 2), emptySufficientStatistics(4, 2))).toThrow(/m = 3, k = 2 vs m = 4, k = 2/);
  });
});
