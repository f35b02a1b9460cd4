import { describe, expect, it } from "vitest";
import { runAnalysisSchema } from "../contracts/run-analysis-schema";
import { buildRunAnalysis } from "./build-run-analysis";
import { lfAnalysis } from "./lf-analysis";
import { voteCounts } from "./vote-counts";

// 4 rows x 2 programs, binary: p0 votes 0,0,1,-1; p1 votes 0,1,1,1. Dev gold on rows 0..1 only.
const L = { n: 4, m: 2, values: Int8Array.from([0, 0, 0, 1, 1, 1, -1, 1]) };
const gold = [0, 0, -1, -1];
const programs = [
  { programId: "a", name: "p0" },
  { programId: "b", name: "p1" },
];
const columns = [
  { faults: { timeout: 1 }, votes: Int8Array.from([0, 0, 1, -1]), stopped: { row: 3, reason: "3 timeouts in a row" } },
  { faults: {}, votes: Int8Array.from([0, 1, 1, 1]), stopped: null },
];

describe("buildRunAnalysis", () => {
  it("stores per-program stats, pair counts, class balance and dev right/wrong counts in the shared contract", () => {
    const analysis = buildRunAnalysis(lfAnalysis(L, { k: 2, names: ["p0", "p1"], gold }), programs, columns, voteCounts(L, { k: 2, gold }));
    expect(runAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis).toMatchObject({
      rows: 4,
      k: 2,
      devGoldRows: 2,
      pairs: { overlap: [3, 3, 3, 4], conflict: [0, 1, 1, 0] },
      classBalance: { votes: [3, 4], devGold: [2, 0] },
    });
    expect(analysis.programs[0]).toMatchObject({
      name: "p0",
      programId: "a",
      votes: 3,
      classVotes: [2, 1],
      conflictRows: 1,
      devCorrect: 2,
      devIncorrect: 0,
      faults: { timeout: 1 },
      stopped: { row: 3, reason: "3 timeouts in a row" },
    });
    expect(analysis.programs[1]).toMatchObject({ votes: 4, classVotes: [1, 3], devCorrect: 1, devIncorrect: 1 });
    expect(analysis.programs[1]!.stopped).toBeUndefined();
  });

  it("computes the counts from whole vote columns when none are given (no gold: devGold null)", () => {
    const analysis = buildRunAnalysis(lfAnalysis(L, { k: 2 }), programs, columns);
    expect(analysis).toMatchObject({ rows: 4, pairs: { overlap: [3, 3, 3, 4] }, classBalance: { devGold: null }, devGoldRows: null });
  });

  it("names mismatched program, column and count sizes", () => {
    expect(() => buildRunAnalysis(lfAnalysis(L, { k: 2 }), programs.slice(0, 1), columns)).toThrow(/2 analysed, 1 programs, 2 vote columns/);
  });
});
