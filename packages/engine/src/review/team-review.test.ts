import { describe, expect, it } from "vitest";
import { cohenKappa } from "../metrics/cohen-kappa";
import { fleissKappa } from "../metrics/fleiss-kappa";
import { percentAgreement } from "../metrics/percent-agreement";
import { assignReviewers } from "./assign-reviewers";
import { batchAgreement } from "./batch-agreement";
import { consensusLabel } from "./consensus-label";
import { findDisagreements } from "./find-disagreements";

describe("assignReviewers", () => {
  it("gives every row exactly `overlap` distinct reviewers with loads within one row", () => {
    const assignments = assignReviewers(10, ["a", "b", "c"], 2);
    expect(assignments).toHaveLength(20);
    for (let row = 0; row < 10; row++) expect(new Set(assignments.filter((a) => a.row === row).map((a) => a.userId)).size).toBe(2);
    const loads = ["a", "b", "c"].map((u) => assignments.filter((a) => a.userId === u).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(assignReviewers(2, ["a", "b", "c"], 2)).toEqual([
      { row: 0, userId: "a" },
      { row: 0, userId: "b" },
      { row: 1, userId: "c" },
      { row: 1, userId: "a" },
    ]);
  });

  it("refuses an overlap above the reviewers picked, a reviewer listed twice and no reviewer", () => {
    expect(() => assignReviewers(3, ["a"], 2)).toThrow(/overlap must be 1..1 \(the number of reviewers picked\), got 2/);
    expect(() => assignReviewers(3, ["a", "b"], 0)).toThrow(/overlap must be 1..2/);
    expect(() => assignReviewers(3, ["a", "a"], 1)).toThrow(/a reviewer is listed twice/);
    expect(() => assignReviewers(3, [], 1)).toThrow(/pick at least one reviewer/);
  });
});

describe("consensusLabel", () => {
  it("is the shared label once every reviewer answered and nobody adjudicated", () => {
    expect(consensusLabel({ labels: [2, 2, 2], pending: 0, adjudicated: false })).toBe(2);
    expect(consensusLabel({ labels: [0], pending: 0, adjudicated: false })).toBe(0);
  });

  it("is null while reviewers are missing, on a disagreement, or after an adjudication", () => {
    expect(consensusLabel({ labels: [1, 1], pending: 1, adjudicated: false })).toBeNull();
    expect(consensusLabel({ labels: [1, 0], pending: 0, adjudicated: false })).toBeNull();
    expect(consensusLabel({ labels: [1, 1], pending: 0, adjudicated: true })).toBeNull();
    expect(consensusLabel({ labels: [], pending: 0, adjudicated: false })).toBeNull();
  });
});

describe("findDisagreements", () => {
  const annotations = [
    { rowId: "b", userId: "x", label: 1 },
    { rowId: "a", userId: "x", label: 0 },
    { rowId: "a", userId: "y", label: 1 },
    { rowId: "b", userId: "y", label: 1 },
    { rowId: "c", userId: "x", label: 0 },
    { rowId: "c", userId: "y", label: 2 },
  ];

  it("keeps rows with two or more distinct labels, with all their labels, in first-annotation order", () => {
    expect(findDisagreements(annotations)).toEqual([
      { rowId: "a", labels: [annotations[1], annotations[2]] },
      { rowId: "c", labels: [annotations[4], annotations[5]] },
    ]);
  });

  it("leaves adjudicated rows out", () => {
    expect(findDisagreements(annotations, new Set(["a"])).map((d) => d.rowId)).toEqual(["c"]);
    expect(findDisagreements(annotations, new Set(["b"])).map((d) => d.rowId)).toEqual(["a", "c"]);
  });
});

describe("batchAgreement", () => {
  // Three reviewers over 8 rows; r3 leaves the last row unlabeled (-1).
  const plan: Record<"r1" | "r2" | "r3", number[]> = { r1: [0, 0, 1, 1, 0, 1, 0, 1], r2: [0, 1, 1, 1, 0, 0, 0, 1], r3: [0, 0, 1, 0, 0, 1, 1, -1] };
  const rowIds = Array.from({ length: 8 }, (_, i) => `row${i}`);
  const reviewers = (["r1", "r2", "r3"] as const).map((id) => ({ id, label: id.toUpperCase() }));
  const annotations = (["r1", "r2", "r3"] as const).flatMap((userId) =>
    plan[userId].flatMap((label, i) => (label < 0 ? [] : [{ rowId: rowIds[i]!, userId, label }])),
  );

  it("matches the engine's percent agreement, Cohen's and Fleiss' kappa on hand-built labels", () => {
    const stats = batchAgreement({ k: 2, rowIds, reviewers, annotations });
    expect(stats).toMatchObject({ k: 2, rows: 8, annotations: 23, programs: [] });
    expect(stats.pairs.map((p) => [p.a.id, p.b.id])).toEqual([
      ["r1", "r2"],
      ["r1", "r3"],
      ["r2", "r3"],
    ]);
    for (const pair of stats.pairs) {
      const a = plan[pair.a.id as "r1"];
      const b = plan[pair.b.id as "r1"];
      expect(pair.agreement).toBeCloseTo(percentAgreement(a, b).agreement!, 12);
      expect(pair.kappa).toBeCloseTo(cohenKappa(a, b, 2).kappa!, 12);
    }
    expect(stats.pairs[0]!.agreement).toBeCloseTo(6 / 8, 12);
    expect(stats.pairs[1]!.items).toBe(7);
    const counts = rowIds.flatMap((_, i) => [0, 1].map((c) => (["r1", "r2", "r3"] as const).filter((w) => plan[w][i] === c).length));
    expect(stats.fleiss!.kappa).toBeCloseTo(fleissKappa(counts, 8, 2).kappa!, 12);
  });

  it("scores each reviewer against each program's votes on the batch's rows", () => {
    // Program "always0" votes 0 everywhere; "echo_r1" votes r1's labels except an abstain on row 0.
    const values = new Int8Array(8 * 2);
    for (let i = 0; i < 8; i++) {
      values[i * 2] = 0;
      values[i * 2 + 1] = i === 0 ? -1 : plan.r1[i]!;
    }
    const stats = batchAgreement({ k: 2, rowIds, reviewers, annotations, programs: { names: ["always0", "echo_r1"], L: { n: 8, m: 2, values } } });
    const r1 = stats.programs.find((p) => p.reviewer.id === "r1")!;
    expect(r1.byProgram.map((p) => p.name)).toEqual(["always0", "echo_r1"]);
    expect(r1.byProgram[1]).toMatchObject({ covered: 7, agreement: 1, kappa: 1 });
    expect(r1.byProgram[0]).toMatchObject({ covered: 8, agreement: 4 / 8 });
    expect(stats.programs.find((p) => p.reviewer.id === "r3")!.byProgram[1]!.covered).toBe(6);
  });

  it("has no kappa without classes and names votes that do not fit the rows", () => {
    expect(batchAgreement({ k: 0, rowIds, reviewers, annotations })).toMatchObject({
      fleiss: null,
      pairs: [{ kappa: null }, { kappa: null }, { kappa: null }],
    });
    expect(() => batchAgreement({ k: 2, rowIds, reviewers, annotations, programs: { names: ["p"], L: { n: 3, m: 1, values: new Int8Array(3) } } })).toThrow(
      /program votes cover 3 rows, the batch has 8/,
    );
  });
});
