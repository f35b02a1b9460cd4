import { describe, expect, it } from "vitest";
import { bestScore, parseLabelModelMetrics } from "./label-model-view";

const metrics = {
  labelModel: { name: "snorkel", reason: "Best dev F1." },
  labelModels: [
    { name: "mv", chosen: false, dev: { accuracy: 0.8, f1: 0.7, ece: 0.12, coverage: 0.9 }, test: { accuracy: 0.79, f1: 0.69 }, fitMs: 1 },
    { name: "snorkel", chosen: true, dev: { accuracy: 0.85, f1: 0.8, ece: 0.05, coverage: 0.95 }, test: { accuracy: 0.83, f1: 0.78 }, fitMs: 40 },
    { name: "flyingsquid", chosen: false, dev: null, test: null, fitMs: 0, skipped: "needs k = 2" },
  ],
  learnedAccuracies: [0.9, null],
  classBalance: { prior: [0.6, 0.4], estimated: [0.55, 0.45] },
};

describe("parseLabelModelMetrics", () => {
  it("reads the stored comparison, learned accuracies and class balance", () => {
    const view = parseLabelModelMetrics(metrics, "r1")!;
    expect(view.chosen?.name).toBe("snorkel");
    expect(view.models.map((m) => m.skipped)).toEqual([null, null, "needs k = 2"]);
    expect(view.learnedAccuracies).toEqual([0.9, null]);
    expect(view.classBalance?.estimated).toEqual([0.55, 0.45]);
  });

  it("reads a multi-label run's per-class choices and micro/macro F1", () => {
    const test = { n: 4, microF1: 0.8, microPrecision: 0.8, microRecall: 0.8, macroF1: 0.7, subsetAccuracy: 0.5, hammingLoss: 0.1, perClass: [] };
    const view = parseLabelModelMetrics(
      { labelModel: { name: "one-vs-rest", reason: "per class" }, labelModels: [], multiLabel: { threshold: 0.5, perClass: [], test } },
      "r2",
    )!;
    expect(view.multiLabel?.test?.microF1).toBe(0.8);
    expect(parseLabelModelMetrics(metrics, "r1")!.multiLabel).toBeNull();
    expect(() => parseLabelModelMetrics({ labelModel: null, labelModels: [], multiLabel: { threshold: 0.5, perClass: [], test: { n: 1 } } }, "r3")).toThrow(
      /Run r3 has malformed label-model metrics at multiLabel.test.microF1/,
    );
  });

  it("is null without metrics, tolerates fits stored before learned accuracies, and names a bad path", () => {
    expect(parseLabelModelMetrics(null, "r1")).toBeNull();
    expect(parseLabelModelMetrics({ labelModel: null, labelModels: [] }, "r1")).toMatchObject({ learnedAccuracies: null, classBalance: null });
    expect(() => parseLabelModelMetrics({ labelModel: null, labelModels: [{ name: "mv" }] }, "r7")).toThrow(
      /Run r7 has malformed label-model metrics at labelModels.0.chosen/,
    );
  });

  it("finds the best dev score per column (lowest ECE)", () => {
    const view = parseLabelModelMetrics(metrics, "r1")!;
    expect(bestScore(view.models, "f1")).toBe(0.8);
    expect(bestScore(view.models, "ece")).toBe(0.05);
  });
});
