import { describe, expect, it } from "vitest";
import type { Split } from "../core/dataset";
import { labelMatrixFromRows } from "../core/label-matrix";
import { parseGoldLabelSet } from "../datasets/parse-gold-label-set";
import { multiLabelReport } from "../metrics/multi-label-report";
import { chooseOneVsRestLabelModels } from "./choose-one-vs-rest-label-models";
import { goldSetIndicators } from "./gold-set-indicators";
import { goldSetMask } from "./gold-set-mask";
import { classSetNames } from "./class-set-names";
import { multiLabelTestReport } from "./multi-label-test-report";
import { multiLabelVotes } from "./multi-label-votes";
import { voteCodeCount } from "./vote-code-count";

describe("multiLabelVotes", () => {
  it("splits class-set bitmasks into one-vs-rest columns (1 present, 0 absent, -1 abstain)", () => {
    const L = labelMatrixFromRows(
      [
        [0b011, -1],
        [0b100, 0b000],
      ],
      voteCodeCount(3, true),
    );
    const [a, b, c] = multiLabelVotes(L, 3).map((m) => Array.from(m.values));
    expect(a).toEqual([1, -1, 0, 0]);
    expect(b).toEqual([1, -1, 0, 0]);
    expect(c).toEqual([0, -1, 1, 0]);
  });

  it("refuses votes that are not sets of k classes, and k past 15", () => {
    expect(() => multiLabelVotes(labelMatrixFromRows([[8]], 16), 3)).toThrow(/vote 8 at row 0 program 0 is not a set of 3 classes \(0\.\.7\)/);
    expect(() => multiLabelVotes(labelMatrixFromRows([[0]], 2), 16)).toThrow(/2\.\.15 classes, got 16/);
  });
});

describe("parseGoldLabelSet", () => {
  const classes = ["sports", "politics", "tech"];
  it("reads |-separated text, JSON lists in text, arrays, one class and indices", () => {
    expect(parseGoldLabelSet("tech|Sports", classes)).toEqual([0, 2]);
    expect(parseGoldLabelSet('["politics", 0, "politics"]', classes)).toEqual([0, 1]);
    expect(parseGoldLabelSet(["tech"], classes)).toEqual([2]);
    expect(parseGoldLabelSet(1, classes)).toEqual([1]);
    expect(parseGoldLabelSet("[]", classes)).toEqual([]);
    expect(parseGoldLabelSet("  ", classes)).toBeUndefined();
    expect(parseGoldLabelSet(null, classes)).toBeUndefined();
  });

  it("names the item that is no class and text that is no list", () => {
    expect(parseGoldLabelSet("sports|golf", classes)).toEqual({ unknown: "golf" });
    expect(parseGoldLabelSet("[sports", classes)).toMatchObject({ malformed: expect.stringMatching(/does not parse/) });
    expect(parseGoldLabelSet({ a: 1 }, classes)).toEqual({ malformed: "expected a list of classes, got object" });
  });
});

describe("multiLabelReport", () => {
  it("matches hand-computed per-class, micro and macro F1", () => {
    // gold {a}, {a,b}, {b}; predicted {a}, {a}, {a,b}
    const r = multiLabelReport(Uint8Array.of(1, 0, 1, 1, 0, 1), Uint8Array.of(1, 0, 1, 0, 1, 1), ["a", "b"]);
    // a: tp 2, support 2, predicted 3 -> P 2/3, R 1, F1 4/5; b: tp 1, support 2, predicted 1 -> P 1, R 1/2, F1 2/3
    expect(r.perClass[0]).toMatchObject({ class: "a", support: 2, predicted: 3, recall: 1 });
    expect(r.perClass[0]!.precision).toBeCloseTo(2 / 3, 12);
    expect(r.perClass[0]!.f1).toBeCloseTo(0.8, 12);
    expect(r.perClass[1]).toMatchObject({ class: "b", support: 2, predicted: 1, precision: 1, recall: 0.5 });
    expect(r.perClass[1]!.f1).toBeCloseTo(2 / 3, 12);
    // micro: tp 3 of 4 gold and 4 predicted decisions -> 6 / 8
    expect(r.microF1).toBeCloseTo(0.75, 12);
    expect(r.microPrecision).toBeCloseTo(0.75, 12);
    expect(r.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2, 12);
    expect(r.subsetAccuracy).toBeCloseTo(1 / 3, 12);
    expect(r.hammingLoss).toBeCloseTo(2 / 6, 12);
    expect(r.n).toBe(3);
  });

  it("scores a class nobody has or predicts 0, and checks shapes", () => {
    const r = multiLabelReport(Uint8Array.of(1, 0), Uint8Array.of(1, 0), ["a", "b"]);
    expect(r.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(r.macroF1).toBeCloseTo(0.5, 12);
    expect(r.microF1).toBe(1);
    expect(() => multiLabelReport(Uint8Array.of(1, 0, 1), Uint8Array.of(1, 0, 1), ["a", "b"])).toThrow(/both must be n x 2/);
  });
});

describe("goldSetIndicators", () => {
  it("keeps the rows with gold, in order", () => {
    const out = goldSetIndicators([[0], undefined, [1, 2], []], Int32Array.of(3, 1, 2), 3);
    expect(Array.from(out.kept)).toEqual([3, 2]);
    expect(Array.from(out.values)).toEqual([0, 0, 0, 0, 1, 1]);
  });
});

describe("chooseOneVsRestLabelModels", () => {
  // 3 programs returning whole class sets over a (bit 0) and b (bit 1): p0 always right, p1 wrong
  // (the complement) on rows 0, 28 and 56, p2 abstains on rows with i % 4 === 1; every row keeps a majority.
  const rows: number[][] = [];
  const splits: Split[] = [];
  const gold: (number[] | undefined)[] = [];
  for (let i = 0; i < 60; i++) {
    const set = (i % 2 === 0 ? 1 : 0) | (i % 3 === 0 ? 2 : 0);
    rows.push([set, i % 28 === 0 ? 3 - set : set, i % 4 === 1 ? -1 : set]);
    splits.push(i < 40 ? "train" : i < 50 ? "dev" : "test");
    gold.push([...(set & 1 ? [0] : []), ...(set & 2 ? [1] : [])]);
  }
  const L = labelMatrixFromRows(rows, 4);

  it("gives each class its own binary label model and presence probabilities", () => {
    const choice = chooseOneVsRestLabelModels(multiLabelVotes(L, 2), splits, gold, { classNames: ["a", "b"], seed: 1 });
    expect(choice.perClass.map((c) => c.class)).toEqual(["a", "b"]);
    expect(choice.proba.k).toBe(2);
    const decided = Array.from(choice.proba.values, (p) => (p >= 0.5 ? 1 : 0));
    expect(decided).toEqual(rows.flatMap(([set]) => [set! & 1, (set! >> 1) & 1]));
  });

  it("never reads train gold", () => {
    const scrambled = gold.map((set, i) => (splits[i] === "train" ? [0, 1] : set));
    const a = chooseOneVsRestLabelModels(multiLabelVotes(L, 2), splits, gold, { classNames: ["a", "b"], seed: 1 });
    const b = chooseOneVsRestLabelModels(multiLabelVotes(L, 2), splits, scrambled, { classNames: ["a", "b"], seed: 1 });
    expect(Array.from(b.proba.values)).toEqual(Array.from(a.proba.values));
  });
});

describe("goldSetMask and multiLabelTestReport", () => {
  it("names every class set by its bitmask", () => {
    expect(classSetNames(["a", "b", "c"])).toEqual(["(none)", "a", "b", "a|b", "c", "a|c", "b|c", "a|b|c"]);
    expect(() => classSetNames(Array.from({ length: 16 }, (_, i) => `c${i}`))).toThrow(/1\.\.15 classes, got 16/);
  });
  it("stores a class set as the bitmask votes use, and back", () => {
    expect(goldSetMask.fromSet([0, 2])).toBe(5);
    expect(goldSetMask.fromSet([])).toBe(0);
    expect(goldSetMask.toSet(5, 3)).toEqual([0, 2]);
    expect(goldSetMask.toSet(goldSetMask.fromSet([1, 6]), 7)).toEqual([1, 6]);
  });
  it("scores the given rows with gold at probability >= 0.5, null without gold", () => {
    // rows 0..2, k 2: row 1 has no gold; row 0 predicted {a} (gold {a}), row 2 predicted {a,b} (gold {b})
    const proba = [0.9, 0.1, 0.7, 0.7, 0.5, 0.6];
    const report = multiLabelTestReport(proba, 2, Int32Array.of(0, 1, 2), [[0], undefined, [1]], ["a", "b"])!;
    expect(report.n).toBe(2);
    expect(report.perClass.map((c) => [c.support, c.predicted])).toEqual([
      [1, 2],
      [1, 1],
    ]);
    expect(report.microF1).toBeCloseTo(0.8, 12);
    expect(multiLabelTestReport(proba, 2, Int32Array.of(1), [[0], undefined, [1]], ["a", "b"])).toBeNull();
  });
});
