import { describe, expect, it } from "vitest";
import { accuracy } from "./accuracy";
import { confusionMatrix } from "./confusion-matrix";
import { evaluatePredictions } from "./evaluate-predictions";
import { f1Score } from "./f1-score";

describe("metrics", () => {
  it("accuracy ignores unknown gold and counts abstains as wrong", () => {
    expect(accuracy([0, 1, -1, 1, 0], [0, 0, 1, 1, -1])).toBe(2 / 4);
    expect(accuracy([-1], [0])).toBe(0);
    expect(() => accuracy([0], [0, 1])).toThrow(/1 labels but 2 predictions/);
  });

  it("confusion matrix counts [true][pred] and abstains separately", () => {
    const { counts, abstained } = confusionMatrix([0, 0, 1, 2, 2, -1], [0, 1, 1, 0, -1, 2], 3);
    expect(Array.from(counts)).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 0]);
    expect(Array.from(abstained)).toEqual([0, 0, 1]);
    expect(() => confusionMatrix([0], [3], 3)).toThrow(/prediction 3, outside -1..2/);
  });

  it("binary F1 of the positive class", () => {
    // positive 1: tp = 2, fp = 1, fn = 1 -> 4 / 6
    const yTrue = [1, 1, 1, 0, 0, 0];
    const yPred = [1, 1, 0, 1, 0, 0];
    expect(f1Score(yTrue, yPred, { k: 2, average: "binary" })).toBeCloseTo(2 / 3, 12);
    // positive 0: tp = 2, fp = 1, fn = 1
    expect(f1Score(yTrue, yPred, { k: 2, average: "binary", positive: 0 })).toBeCloseTo(2 / 3, 12);
    expect(f1Score([0, 0], [0, 0], { k: 2, average: "binary" })).toBe(0);
  });

  it("macro F1 over all k classes for k = 3", () => {
    const yTrue = [0, 0, 0, 1, 1, 2, 2, 2];
    const yPred = [0, 0, 1, 1, 2, 2, 2, 0];
    // class 0: tp 2, fp 1, fn 1 -> 2/3; class 1: tp 1, fp 1, fn 1 -> 1/2; class 2: tp 2, fp 1, fn 1 -> 2/3
    expect(f1Score(yTrue, yPred, { k: 3, average: "macro" })).toBeCloseTo((2 / 3 + 1 / 2 + 2 / 3) / 3, 12);
    // class 2 absent from both: scores 0 and still counts in the mean
    expect(f1Score([0, 1], [0, 1], { k: 3, average: "macro" })).toBeCloseTo(2 / 3, 12);
  });

  it("evaluatePredictions uses the last class for k = 2 and macro otherwise", () => {
    expect(evaluatePredictions([0, 1, 1, -1], [0, 1, -1, 0], 2)).toEqual({ accuracy: 2 / 3, f1: 2 / 3, n: 3 });
    const e = evaluatePredictions([0, 0, 0, 1, 1, 2, 2, 2], [0, 0, 1, 1, 2, 2, 2, 0], 3);
    expect(e.accuracy).toBe(5 / 8);
    expect(e.f1).toBeCloseTo(11 / 18, 12);
    expect(e.n).toBe(8);
  });
});
