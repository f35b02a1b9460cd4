import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { fitLabelModel } from "./fit-label-model";

// 100 rows: 0..59 train, 60..79 dev, 80..99 test; program 0 is right, program 1 says 0 on every
// third row, program 2 is right but abstains on every fourth row; row 99 has no votes.
const gold = Array.from({ length: 100 }, (_, i) => (i % 5 < 2 ? 1 : 0));
const L = labelMatrixFromRows(
  gold.map((y, i) => (i === 99 ? [-1, -1, -1] : [y, i % 3 === 0 ? 0 : y, i % 4 === 0 ? -1 : y])),
  2,
);
const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
const [train, dev, test] = [range(0, 60), range(60, 80), range(80, 100)];
const pick = (idx: Int32Array) => Int32Array.from(idx, (i) => gold[i]!);

describe("fitLabelModel", () => {
  it("compares every label model on dev gold, explains the choice and scores each on test", () => {
    const stage = fitLabelModel(L, { train, dev, test, devGold: pick(dev), testGold: pick(test), k: 2, seed: 1 });
    expect(stage.comparison.map((c) => c.name)).toEqual(["mv", "wmv", "dawid-skene", "flyingsquid", "snorkel"]);
    expect(stage.comparison.filter((c) => c.chosen).map((c) => c.name)).toEqual([stage.name]);
    const chosen = stage.comparison.find((c) => c.chosen)!;
    expect(chosen.dev!.f1).toBe(Math.max(...stage.comparison.map((c) => c.dev!.f1)));
    expect(stage.reason).toContain(stage.name);
    expect(stage.trainProba.n).toBe(60);
    // program 0 is always right, program 1 wrong on every third row: the chosen model should rank them so
    expect(stage.learnedAccuracies[0]!).toBeGreaterThan(stage.learnedAccuracies[1]!);
    // the row without votes abstains, so at most 19 of 20 test rows can be right
    expect(stage.testPred[19]).toBe(-1);
    expect(chosen.test!.accuracy).toBeLessThanOrEqual(19 / 20);
    for (const c of stage.comparison) expect(c.dev!.coverage).toBeGreaterThan(0.9);
  });

  it("keeps majority vote when no dev row has gold", () => {
    const stage = fitLabelModel(L, { train, dev, test, devGold: new Int32Array(20).fill(-1), k: 2, seed: 1 });
    expect(stage.name).toBe("mv");
    expect(stage.reason).toMatch(/No dev row has a gold label/);
    expect(stage.comparison).toEqual([{ name: "mv", chosen: true, dev: null, fitMs: 0, test: null }]);
  });
});
