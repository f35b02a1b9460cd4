import { describe, expect, it } from "vitest";
import { parseAnalysisSnapshot } from "./analysis-view";
import { clickThroughHref, clickThroughTotal, describeClickThrough } from "./click-through";
import { parseAnalysisSearch } from "./parse-analysis-search";

const program = (name: string, extra: object = {}) => ({
  name,
  programId: `id-${name}`,
  polarity: [1],
  coverage: 0.2,
  overlaps: 0.1,
  conflicts: 0.05,
  empiricalAccuracy: 0.8,
  faults: { exception: 2, timeout: 1 },
  ...extra,
});
const snapshot = {
  summary: { coverage: 0.5, overlap: 0.2, conflict: 0.1 },
  programs: [
    program("free", { votes: 20, conflictRows: 5, devCorrect: 4, devIncorrect: 1, classVotes: [0, 20] }),
    program("hello", { votes: 30, conflictRows: 6, devCorrect: 3, devIncorrect: 2, classVotes: [30, 0] }),
  ],
  rows: 100,
  k: 2,
  pairs: { overlap: [20, 7, 7, 30], conflict: [0, 6, 6, 0] },
  classBalance: { votes: [30, 20], devGold: [6, 4] },
  devGoldRows: 10,
};

describe("parseAnalysisSnapshot", () => {
  it("shapes a full snapshot and flattens faults", () => {
    const view = parseAnalysisSnapshot(snapshot, "r1");
    expect(view.rows).toBe(100);
    expect(view.programs[0]).toMatchObject({ index: 0, name: "free", faults: 3, votes: 20, devIncorrect: 1, accuracy: 0.8 });
    expect(view.pairs?.conflict).toEqual([0, 6, 6, 0]);
    expect(view.classBalance?.devGold).toEqual([6, 4]);
  });

  it("reads snapshots older than the counts with nulls", () => {
    const view = parseAnalysisSnapshot({ summary: snapshot.summary, programs: [program("free")] }, "old");
    expect(view.pairs).toBeNull();
    expect(view.programs[0]!.votes).toBeNull();
    expect(clickThroughTotal(view, { view: "fires", p: 0 })).toBeNull();
  });

  it("rejects malformed snapshots and wrong-sized matrices, naming the run", () => {
    expect(() => parseAnalysisSnapshot({ summary: snapshot.summary, programs: [{ name: 3 }] }, "r9")).toThrow(
      /Run r9 has a malformed analysis snapshot at programs.0.name/,
    );
    expect(() => parseAnalysisSnapshot({ ...snapshot, pairs: { overlap: [1], conflict: [1] } }, "r9")).toThrow(/1 \/ 1 cells for 2 programs \(expected 4\)/);
  });
});

describe("click-through", () => {
  const view = parseAnalysisSnapshot(snapshot, "r1");
  it("takes totals from the snapshot", () => {
    expect(clickThroughTotal(view, { view: "fires", p: 1 })).toBe(30);
    expect(clickThroughTotal(view, { view: "conflicts", p: 0 })).toBe(5);
    expect(clickThroughTotal(view, { view: "wrong-on-dev", p: 1 })).toBe(2);
    expect(clickThroughTotal(view, { view: "pair-overlap", a: 0, b: 1 })).toBe(7);
    expect(clickThroughTotal(view, { view: "pair-conflict", a: 1, b: 0 })).toBe(6);
  });

  it("describes and links each click-through", () => {
    expect(describeClickThrough(view, { view: "pair-conflict", a: 0, b: 1 })).toBe("Rows where free and hello vote different classes");
    expect(clickThroughHref("p", "r1", { view: "wrong-on-dev", p: 1 }, 3)).toBe("/projects/p/analysis?run=r1&view=wrong-on-dev&p=1&page=3#rows");
  });

  it("parses the query string, dropping malformed click-throughs and clamping pages", () => {
    expect(parseAnalysisSearch({ run: "r1", view: "fires", p: "2", page: "3" })).toEqual({ runId: "r1", click: { view: "fires", p: 2 }, page: 2 });
    expect(parseAnalysisSearch({ view: "pair-overlap", a: "0", b: "1" }).click).toEqual({ view: "pair-overlap", a: 0, b: 1 });
    expect(parseAnalysisSearch({ view: "fires" }).click).toBeNull();
    expect(parseAnalysisSearch({ view: "drop table", p: "1" }).click).toBeNull();
    expect(parseAnalysisSearch({ run: "../x", page: "-4" })).toEqual({ runId: undefined, click: null, page: 0 });
  });
});
