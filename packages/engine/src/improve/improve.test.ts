import { describe, expect, it } from "vitest";
import type { DataRow } from "../core/dataset";
import { labelMatrixFromRows } from "../core/label-matrix";
import type { TaskSpec } from "../core/task";
import { evaluationSplit } from "../pipeline/evaluation-split";
import { dedupeByVotes, programSize } from "./dedupe-programs";
import { findWeakSpots } from "./find-weak-spots";
import { appendColumns, selectColumns } from "./label-matrix-columns";
import { labelErrorAudit } from "./label-error-audit";
import { pruneFlags } from "./prune-programs";
import { weakSpotContext } from "./weak-spot-context";

const task: TaskSpec = {
  name: "sms",
  description: "spam or ham",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "" },
    { name: "spam", description: "" },
  ],
};
const uniform = (n: number): { n: number; k: number; values: Float64Array } => ({ n, k: 2, values: new Float64Array(n * 2).fill(0.5) });

describe("findWeakSpots", () => {
  // rows 0-3 train, 4-7 dev (gold 1,1,0,0), 8-9 test
  const splits = ["train", "train", "train", "train", "dev", "dev", "dev", "dev", "test", "test"] as const;
  const gold = [1, 0, 1, 0, 1, 1, 0, 0, 1, 0];
  const split = evaluationSplit(splits, gold);
  const L = labelMatrixFromRows(
    [
      [0, -1],
      [-1, -1],
      [0, 1],
      [0, 0],
      [-1, -1],
      [0, -1],
      [0, 0],
      [0, -1],
      [-1, -1],
      [-1, -1],
    ],
    2,
  );
  const proba = {
    n: 10,
    k: 2,
    values: Float64Array.from([0.9, 0.1, 0.5, 0.5, 0.5, 0.5, 0.95, 0.05, 0.5, 0.5, 0.8, 0.2, 0.99, 0.01, 0.9, 0.1, 0.5, 0.5, 0.5, 0.5]),
  };
  const spots = findWeakSpots(L, proba, split, { k: 2 });

  it("finds uncovered, unsure and conflicting rows among train and dev only, and the dev rows it gets wrong", () => {
    expect(Array.from(spots.uncovered)).toEqual([1, 4]);
    // row 2: a tie (entropy 1); row 5: 0.8/0.2 (normalised entropy 0.72)
    expect(Array.from(spots.uncertain)).toEqual([2, 5]);
    expect(Array.from(spots.conflicted)).toEqual([2]);
    expect(spots.devErrors).toEqual([
      { row: 4, gold: 1, predicted: -1 },
      { row: 5, gold: 1, predicted: 0 },
    ]);
    expect(spots.counts).toEqual({ uncovered: 2, uncertain: 2, conflicted: 1, devErrors: 2 });
    expect(spots.rows).toBe(8);
  });

  it("names the class the programs rarely vote for against its dev share", () => {
    // spam: 1 of 8 rows covered (12.5%) vs (2+1)/(4+2) = 50% by dev gold
    expect(spots.weakClasses).toEqual([{ class: 1, coveredShare: 0.125, expectedShare: 0.5 }]);
  });

  it("builds prompt context aimed at each weak spot in turn, never quoting test rows or train gold", () => {
    const rows: DataRow[] = splits.map((split, i) => ({ id: String(i), fields: { text: `message ${i}` }, split, gold: gold[i]! }));
    const contextFor = weakSpotContext(spots, rows, task, {
      seed: 1,
      corrections: [
        { row: 6, label: 1 },
        { row: 0, label: 0 },
      ],
    })!;
    const focuses = [0, 1, 2, 3, 4].map((s) => contextFor(s).focus);
    expect(focuses).toEqual(["uncovered", "dev-errors", "weak-class", "uncertain", "uncovered"]);
    const uncovered = contextFor(0);
    expect(uncovered.items[0]!.title).toBe("Texts no current program labels (2 of 8)");
    expect(uncovered.items[0]!.text).toMatch(/^These 2 texts get no vote from any current program/);
    expect(uncovered.items[0]!.text).toContain("- message 1");
    const errors = contextFor(1).items[0]!.text;
    expect(errors).toContain("spam (1): message 5  [current programs: ham]");
    expect(errors).toContain("spam (1): message 6  [corrected by a reviewer]");
    // a correction on a train row would be train gold: never shown
    expect(errors).not.toContain("message 0");
    expect(contextFor(2).items[0]!.text).toMatch(/^Class "spam" \(1\) gets a vote on only 13% of the texts, but about 50%/);
    const all = [0, 1, 2, 3].flatMap((s) => contextFor(s).rows);
    expect(all.every((r) => splits[r] !== "test")).toBe(true);
  });

  it("returns no context when nothing is weak", () => {
    const none = {
      uncovered: new Int32Array(0),
      uncertain: new Int32Array(0),
      conflicted: new Int32Array(0),
      devErrors: [],
      weakClasses: [],
      rows: 4,
      counts: { uncovered: 0, uncertain: 0, conflicted: 0, devErrors: 0 },
    };
    expect(weakSpotContext(none, [], task, { seed: 1 })).toBeUndefined();
  });
});

describe("dedupeByVotes", () => {
  it("merges programs that vote alike on train rows where either votes, keeping the simplest", () => {
    const L = labelMatrixFromRows(
      [
        [1, 1, 1, -1],
        [0, 0, 0, -1],
        [-1, -1, 1, 0],
        [-1, -1, -1, -1],
        [1, 1, 0, 0],
      ],
      2,
    );
    const sizes = [40, 20, 30, 10];
    const { keep, merged } = dedupeByVotes(L, [0, 1, 2, 3, 4], sizes);
    expect(keep).toEqual([1, 2, 3]);
    expect(merged).toEqual([{ kept: 1, dropped: 0, agreement: 1 }]);
    // programs from earlier rounds stay even when a new one is simpler
    expect(dedupeByVotes(L, [0, 1, 2, 3, 4], sizes, { fixed: 1 }).merged).toEqual([{ kept: 0, dropped: 1, agreement: 1 }]);
    // program 2 agrees with program 1 on 2 of the 4 rows where either votes
    expect(dedupeByVotes(L, [0, 1, 2, 3, 4], sizes, { agreement: 0.5 }).merged).toContainEqual({ kept: 1, dropped: 2, agreement: 0.5 });
    expect(dedupeByVotes(L, [0, 1, 2, 3, 4], sizes, { agreement: 0.6 }).merged).toHaveLength(1);
  });

  it("measures simplicity without comments and blank space", () => {
    expect(programSize("def f(t):\n    # why\n    return 1\n")).toBe(programSize("def f(t):\n  return 1"));
    expect(programSize("function f(t) { /* a\nb */ return 1; } // x")).toBe("functionf(t){return1;}".length);
  });
});

describe("pruneFlags", () => {
  // 3 train rows... votes from an accurate program, a coin-flip program and a contrarian one
  const n = 40;
  const splits = Array.from({ length: n }, (_, i) => (i < 20 ? "train" : "dev") as "train" | "dev");
  const gold = Array.from({ length: n }, (_, i) => i % 2);
  const split = evaluationSplit(splits, gold);
  const L = labelMatrixFromRows(
    gold.map((g, i) => [g, i % 3 === 0 ? g : -1, 1 - g]),
    2,
  );

  it("flags a program below chance on dev, with its numbers", () => {
    const flags = pruneFlags(L, split, { k: 2, seed: 1, model: "mv" });
    expect(flags[0]).toMatchObject({ column: 2, reason: "below-chance", devAccuracy: 0, devVotes: 20 });
    expect(flags[0]!.detail).toBe("below chance on dev: 0.000 accuracy on 20 votes (chance 0.500)");
  });

  it("flags by leave-one-out when removing a program raises the dev metric", () => {
    // a near-random program that ties the accurate one and breaks its votes under majority vote
    const noisy = labelMatrixFromRows(
      gold.map((g, i) => [g, i % 4 < 2 ? 1 - g : g]),
      2,
    );
    const flags = pruneFlags(noisy, split, { k: 2, seed: 1, model: "mv", minDevVotes: 1000 });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ column: 1, reason: "leave-one-out", devMetricWithout: 1 });
    expect(flags[0]!.devMetricWith!).toBeLessThan(1);
  });

  it("keeps every program that helps", () => {
    expect(pruneFlags(selectColumns(L, [0, 1]), split, { k: 2, seed: 1, model: "mv" })).toEqual([]);
  });
});

describe("label matrix columns", () => {
  it("selects and appends columns", () => {
    const L = labelMatrixFromRows(
      [
        [0, 1, -1],
        [1, -1, 0],
      ],
      2,
    );
    expect(Array.from(selectColumns(L, [2, 0]).values)).toEqual([-1, 0, 0, 1]);
    const both = appendColumns(L, { n: 2, m: 1, values: Int32Array.of(1, -1) }, 2);
    expect(both.m).toBe(4);
    expect(Array.from(both.values)).toEqual([0, 1, -1, 1, 1, -1, 0, -1]);
  });
});

describe("labelErrorAudit (confident learning)", () => {
  it("ranks rows whose label the out-of-fold model and the votes contradict, lowest self-confidence first", () => {
    const labels = Int32Array.of(0, 0, 0, 1, 1, 1, 0, 1);
    // rows 2 and 7 look like the other class to the model and to the votes
    const proba = { n: 8, k: 2, values: Float64Array.from([0.9, 0.1, 0.8, 0.2, 0.3, 0.7, 0.1, 0.9, 0.2, 0.8, 0.15, 0.85, 0.7, 0.3, 0.6, 0.4]) };
    const L = labelMatrixFromRows(
      [
        [0, 0],
        [0, -1],
        [1, -1],
        [1, 1],
        [1, -1],
        [1, 1],
        [-1, -1],
        [0, 0],
      ],
      2,
    );
    const issues = labelErrorAudit({ labels, proba, L });
    // evidence of row 2's label: (0.3 + 0) / 2; row 7's: (0.4 + 0) / 2
    expect(issues.map((x) => x.row)).toEqual([2, 7]);
    expect(issues[0]).toMatchObject({ label: 0, suggested: 1, voteDisagreement: 1, modelConfidence: 0.3 });
    expect(issues[0]!.selfConfidence).toBeCloseTo(0.15, 12);
    expect(issues[1]).toMatchObject({ row: 7, label: 1, suggested: 0, voteDisagreement: 1 });
    expect(issues[1]!.selfConfidence).toBeCloseTo(0.2, 12);
    // a row the model doubts but the votes back is not an issue: row 6 (no votes, 0.7 for its label)
    expect(labelErrorAudit({ labels, proba, L, rows: [0, 1, 2] }).map((x) => x.row)).toEqual([2]);
    expect(labelErrorAudit({ labels: Int32Array.of(-1, -1), proba: uniform(2) })).toEqual([]);
  });
});

describe("outOfFoldProba", () => {
  it("scores each fit row with a model that never saw it, deterministically", async () => {
    const { outOfFoldProba } = await import("./out-of-fold-proba");
    const texts = Array.from({ length: 40 }, (_, i) => (i % 2 ? `free prize ${i}` : `lunch later ${i}`));
    const fitRows = Int32Array.from({ length: 30 }, (_, i) => i);
    const targets = Float64Array.from({ length: 60 }, (_, x) => ((x >> 1) % 2 === x % 2 ? 0.9 : 0.1));
    const o = {
      inputs: texts,
      fitRows,
      targets,
      train: fitRows,
      devRows: Int32Array.of(30, 31),
      devGold: Int32Array.of(0, 1),
      k: 2,
      seed: 3,
      epochs: 3,
      folds: 3,
      hidden: [4],
      features: { tfidf: { dimension: 256 } },
    };
    const a = outOfFoldProba(o);
    expect(a.n).toBe(40);
    for (let i = 0; i < 40; i++) expect(a.values[2 * i]! + a.values[2 * i + 1]!).toBeCloseTo(1, 6);
    expect(Array.from(outOfFoldProba(o).values)).toEqual(Array.from(a.values));
    expect(() => outOfFoldProba({ ...o, folds: 1 })).toThrow(/at least 2 folds, got 1/);
  });
});
