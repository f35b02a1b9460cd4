import { describe, expect, it } from "vitest";
import { conflictReviewOrder } from "./conflict-review-order";
import { entropyReviewOrder } from "./entropy-review-order";

describe("conflictReviewOrder", () => {
  it("puts the most conflicting rows first, then more votes cast, then lower index", () => {
    // row 0: 0,1,1 (1/3 conflict, 3 votes); row 1: 0,1,-1 (1/2); row 2: 1,1,1 (0);
    // row 3: -1,-1,-1 (0, no votes); row 4: 0,1,2 (2/3); row 5: 1,0,0 (1/3, 3 votes).
    const L = { n: 6, m: 3, values: Int8Array.from([0, 1, 1, 0, 1, -1, 1, 1, 1, -1, -1, -1, 0, 1, 2, 1, 0, 0]) };
    const order = conflictReviewOrder(L);
    expect(Array.from(order.indices)).toEqual([4, 1, 0, 5, 2, 3]);
    expect(order.scored).toBe(4);
  });

  it("keeps every row exactly once and rejects a matrix whose size does not match its shape", () => {
    const order = conflictReviewOrder({ n: 0, m: 4, values: new Int8Array(0) });
    expect(order).toEqual({ indices: new Int32Array(0), scored: 0 });
    expect(() => conflictReviewOrder({ n: 2, m: 3, values: new Int8Array(5) })).toThrow(/5 votes for 2 rows x 3 programs \(expected 6\)/);
  });
});

describe("entropyReviewOrder", () => {
  it("orders by entropy, most uncertain first, ties by index, and counts uncertain rows", () => {
    const order = entropyReviewOrder(Float32Array.from([0, 0.69, 0.2, 0.69, 1e-12]));
    // 1e-12 sorts before 0 but does not count as uncertain.
    expect(Array.from(order.indices)).toEqual([1, 3, 2, 4, 0]);
    expect(order.scored).toBe(3);
  });

  it("names the row with a bad entropy", () => {
    expect(() => entropyReviewOrder([0.1, Number.NaN])).toThrow(/row 1 has entropy NaN/);
    expect(() => entropyReviewOrder([-0.5])).toThrow(/row 0 has entropy -0.5/);
  });
});

describe("likelyErrorsReviewOrder", () => {
  it("puts the audit's issues first in its ranking, then every other row in row order", async () => {
    const { likelyErrorsReviewOrder } = await import("./likely-errors-review-order");
    expect(likelyErrorsReviewOrder([{ row: 3 }, { row: 0 }], 5)).toEqual({ indices: Int32Array.from([3, 0, 1, 2, 4]), scored: 2 });
    expect(likelyErrorsReviewOrder([], 3)).toEqual({ indices: Int32Array.from([0, 1, 2]), scored: 0 });
  });

  it("names a row outside the dataset or listed twice", async () => {
    const { likelyErrorsReviewOrder } = await import("./likely-errors-review-order");
    expect(() => likelyErrorsReviewOrder([{ row: 5 }], 5)).toThrow("likelyErrorsReviewOrder: issue row 5 is outside 0..4");
    expect(() => likelyErrorsReviewOrder([{ row: 1 }, { row: 1 }], 5)).toThrow("likelyErrorsReviewOrder: row 1 is listed twice");
  });

  it("with auditLabels: a dev row whose gold contradicts the votes and the model comes first", async () => {
    const { auditLabels } = await import("../improve/audit-labels");
    const { evaluationSplit } = await import("../pipeline/evaluation-split");
    const { likelyErrorsReviewOrder } = await import("./likely-errors-review-order");
    // 80 rows: "buy ..." spam (1), "hello ..." ham (0); one dev row labeled wrongly (ham on a spam text)
    const n = 80;
    const spam = (i: number) => i % 2 === 0;
    const inputs = Array.from({ length: n }, (_, i) => (spam(i) ? `buy cheap pills now ${i}` : `hello friend see you soon ${i}`));
    const splits = Array.from({ length: n }, (_, i) => (i < 56 ? "train" : i < 72 ? "dev" : "test") as "train" | "dev" | "test");
    const wrong = 56;
    const gold = Array.from({ length: n }, (_, i) => (i === wrong ? 0 : spam(i) ? 1 : 0));
    const L = { n, m: 1, values: Int8Array.from({ length: n }, (_, i) => (spam(i) ? 1 : 0)) };
    const pseudolabels = { k: 2, values: Float64Array.from({ length: n * 2 }, (_, x) => (x % 2 === (spam(Math.floor(x / 2)) ? 1 : 0) ? 0.9 : 0.1)) };
    const audit = auditLabels({ inputs, split: evaluationSplit(splits, gold), L, pseudolabels, k: 2, seed: 1, epochs: 5, folds: 2 });
    expect(audit.issues[0]).toMatchObject({ row: wrong, label: 0, suggested: 1 });
    expect(audit.labelSource(wrong)).toBe("dev gold");
    expect(audit.labelSource(0)).toBe("pseudolabel");
    expect(audit.audited).toBe(56 + 16);
    expect(likelyErrorsReviewOrder(audit.issues, n).indices[0]).toBe(wrong);
  });
});
