import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { subsetRows } from "../core/subset-rows";
import { generateLabelMatrix } from "./generate-label-matrix";
import { SnorkelLabelModel } from "./snorkel-label-model";
import { sufficientStatistics } from "./sufficient-statistics";
import { mergeSufficientStatistics } from "./sufficient-statistics-merge";

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe("SnorkelLabelModel", () => {
  it("recovers the generator's conditional probabilities and beats chance by far", () => {
    const { L, Y, conditionals } = generateLabelMatrix({ n: 20000, m: 10, k: 2, seed: 3 });
    const model = new SnorkelLabelModel({ epochs: 500 }).fit(L, { k: 2, seed: 1 });
    const mu = model.conditionalProbabilities();
    let worst = 0;
    for (let j = 0; j < 10; j++) {
      for (let v = 0; v < 2; v++)
        for (let y = 0; y < 2; y++) worst = Math.max(worst, Math.abs(mu[(j * 2 + v) * 2 + y]! - conditionals[(j * 3 + v + 1) * 2 + y]!));
    }
    expect(worst).toBeLessThan(0.05);
    const pred = model.predict(L, { tieBreak: "random" });
    expect(pred.filter((y, i) => y === Y[i]).length / 20000).toBeGreaterThan(0.85);
  });

  it("is deterministic for a seed, and fits the same from merged chunk statistics", () => {
    const { L } = generateLabelMatrix({ n: 3000, m: 5, k: 3, seed: 2 });
    const a = new SnorkelLabelModel().fit(L, { k: 3, seed: 11 });
    expect(new SnorkelLabelModel().fit(L, { k: 3, seed: 11 }).conditionalProbabilities()).toEqual(a.conditionalProbabilities());
    expect(new SnorkelLabelModel().fit(L, { k: 3, seed: 12 }).conditionalProbabilities()).not.toEqual(a.conditionalProbabilities());
    const stats = mergeSufficientStatistics(sufficientStatistics(subsetRows(L, range(0, 1234)), 3), sufficientStatistics(subsetRows(L, range(1234, 3000)), 3));
    const b = new SnorkelLabelModel().fitFromStatistics(stats, { k: 3, seed: 11 });
    expect(b.conditionalProbabilities()).toEqual(a.conditionalProbabilities());
  });

  it("returns rows that sum to 1, streams chunk by chunk, and follows Snorkel's docstring example", () => {
    const { L } = generateLabelMatrix({ n: 500, m: 4, k: 4, seed: 5 });
    const model = new SnorkelLabelModel().fit(L, { k: 4, seed: 1 });
    const P = model.predictProba(L);
    for (let i = 0; i < 500; i++) expect(P.values.subarray(i * 4, i * 4 + 4).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    const tail = model.predictProba(subsetRows(L, range(200, 500)));
    expect(tail.values).toEqual(P.values.subarray(800));
    const whole = model.predict(L, { tieBreak: "random" });
    expect(model.predict(subsetRows(L, range(200, 500)), { tieBreak: "random", rowOffset: 200 })).toEqual(whole.subarray(200));
    expect(model.predict(subsetRows(L, range(200, 500)), { tieBreak: "hash", rowOffset: 200 })).toEqual(model.predict(L, { tieBreak: "hash" }).subarray(200));
    // The logit-gap shortcut agrees with thresholding the probabilities themselves.
    const fromProba = Int32Array.from({ length: 500 }, (_, i) => {
      const row = Array.from(P.values.subarray(i * 4, i * 4 + 4));
      const tied = row.flatMap((x, c) => (Math.max(...row) - x < 1e-5 ? [c] : []));
      return tied.length === 1 ? tied[0]! : -1;
    });
    expect(model.predict(L)).toEqual(fromProba);
    const small = labelMatrixFromRows(
      [
        [0, 0, -1],
        [1, 1, -1],
        [0, 0, -1],
      ],
      2,
    );
    expect(Array.from(new SnorkelLabelModel().fit(small, { k: 2, seed: 123 }).predict(small))).toEqual([0, 1, 0]);
  });

  it("abstains on ties by default and breaks them by seed on request", () => {
    // Rows where every program abstains get the (uniform) prior: an exact tie.
    const L = labelMatrixFromRows(
      [
        [0, 0, 0],
        [1, 1, 1],
        [-1, -1, -1],
        [0, 1, -1],
        [-1, -1, -1],
      ],
      2,
    );
    const model = new SnorkelLabelModel().fit(L, { k: 2, seed: 1 });
    expect(Array.from(model.predict(L)).slice(2)).toEqual([-1, -1, -1]);
    const picks = new Set(range(0, 30).map((seed) => model.predict(L, { tieBreak: "random", seed })[2]));
    expect(picks).toEqual(new Set([0, 1]));
  });

  it("takes the class balance from dev gold and reports learned accuracies", () => {
    const { L } = generateLabelMatrix({ n: 5000, m: 6, k: 2, seed: 8, classBalance: [0.8, 0.2] });
    const model = new SnorkelLabelModel({ epochs: 300 }).fit(L, { k: 2, seed: 1, devGold: [0, 0, 0, 0, 1] });
    expect(model.predictProba(labelMatrixFromRows([[-1, -1, -1, -1, -1, -1]], 2)).values[0]).toBeCloseTo(0.8, 12);
    for (const acc of model.accuracies()) expect(acc).toBeGreaterThan(0.5);
  });

  it("rejects fewer than 3 programs, a bad class balance, and use before fit", () => {
    expect(() => new SnorkelLabelModel().fit(labelMatrixFromRows([[0, 1]], 2), { k: 2 })).toThrow(/at least 3 programs, got m = 2/);
    const L = labelMatrixFromRows([[0, 1, 0]], 2);
    expect(() => new SnorkelLabelModel().fit(L, { k: 2, classBalance: Float64Array.of(1, 0) })).toThrow(/class 1 is 0/);
    expect(() => new SnorkelLabelModel().fit(L, { k: 2, classBalance: Float64Array.of(1) })).toThrow(/1 entries for k = 2/);
    expect(() => new SnorkelLabelModel().predict(L)).toThrow(/call fit/);
    expect(() => new SnorkelLabelModel({ signal: AbortSignal.abort() }).fit(labelMatrixFromRows([[0, 1, 0]], 2), { k: 2 })).toThrow(
      /aborted at epoch 0 of 100/,
    );
    expect(() => new SnorkelLabelModel({ precInit: [0.7, 0.7] }).fit(L, { k: 2 })).toThrow(/precInit has 2 entries for m = 3/);
    expect(() => new SnorkelLabelModel().fit(L, { k: 2 }).predict(labelMatrixFromRows([[0, 1, 0, 1]], 2))).toThrow(/fitted on 3 programs, got a matrix with 4/);
  });
});
