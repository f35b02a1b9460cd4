import { describe, expect, it } from "vitest";
import { classificationReport } from "./classification-report";
import { expectedCalibrationError } from "./expected-calibration-error";

describe("expectedCalibrationError", () => {
  it("weights |accuracy - confidence| per bin by bin size", () => {
    // bin of 0.8: 1 row right; bin of 0.6: 1 row right -> (0.2 + 0.4) / 2
    expect(expectedCalibrationError([1, 0], Float64Array.from([0.2, 0.8, 0.6, 0.4]), 2)).toBeCloseTo(0.3, 12);
    // two rows in the same bin (0.9): one right, one wrong -> |0.5 - 0.9|
    expect(expectedCalibrationError([0, 1], Float64Array.from([0.9, 0.1, 0.9, 0.1]), 2)).toBeCloseTo(0.4, 12);
    // perfectly calibrated certainty
    expect(expectedCalibrationError([0, 1], Float64Array.from([1, 0, 0, 1]), 2)).toBe(0);
    expect(expectedCalibrationError([-1], Float64Array.from([1, 0]), 2)).toBeNull();
    expect(() => expectedCalibrationError([0], [1], 2)).toThrow(/1 labels need 2 probabilities/);
  });

  it("skips abstaining predictions when yPred is given", () => {
    expect(expectedCalibrationError([0, 1], Float64Array.from([0.7, 0.3, 0.5, 0.5]), 2, { yPred: [0, -1] })).toBeCloseTo(0.3, 12);
  });
});

describe("classificationReport", () => {
  it("reports per-class precision/recall, confusion, abstentions, binary and macro F1", () => {
    const yTrue = [0, 0, 0, 1, 1, -1];
    const yPred = [0, 1, -1, 1, 1, 0];
    const r = classificationReport(yTrue, yPred, ["ham", "spam"], { proba: Float64Array.from([0.9, 0.1, 0.4, 0.6, 0.5, 0.5, 0.2, 0.8, 0.1, 0.9, 1, 0]) });
    expect(r.n).toBe(5);
    expect(r.accuracy).toBeCloseTo(3 / 5, 12);
    expect(r.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(r.abstained).toBe(1);
    expect(r.perClass[0]).toEqual({ name: "ham", precision: 1, recall: 1 / 3, f1: 0.5, support: 3 });
    expect(r.perClass[1]!.precision).toBeCloseTo(2 / 3, 12);
    expect(r.perClass[1]!.recall).toBe(1);
    expect(r.binaryF1).toBeCloseTo(0.8, 12);
    expect(r.f1).toBe(r.binaryF1);
    expect(r.macroF1).toBeCloseTo((0.5 + 0.8) / 2, 12);
    expect(r.ece).not.toBeNull();
    const three = classificationReport([0, 1, 2], [0, 1, 1], ["a", "b", "c"]);
    expect(three.binaryF1).toBeNull();
    expect(three.f1).toBe(three.macroF1);
    expect(three.ece).toBeNull();
  });
});
