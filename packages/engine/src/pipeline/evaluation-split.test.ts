import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { chooseLabelModel } from "./choose-label-model";
import { distillTargets } from "./distill-targets";
import { devGoldByRow, devRowsWithGold, evaluationSplit } from "./evaluation-split";

const splits = ["train", "dev", "test", "train", "dev", "test", "train"] as const;
const gold = [1, 0, 1, 0, null, -1, 1];

describe("evaluationSplit", () => {
  it("keeps dev and test gold in their own order and never hands out train gold", () => {
    const split = evaluationSplit(splits, gold);
    expect(Array.from(split.train)).toEqual([0, 3, 6]);
    expect(Array.from(split.devGold)).toEqual([0, -1]);
    expect(Array.from(split.testGold)).toEqual([1, -1]);
    expect(Object.values(split).some((v) => v instanceof Int32Array && v.length === splits.length)).toBe(false);
    expect(Array.from(devGoldByRow(split))).toEqual([-1, 0, -1, -1, -1, -1, -1]);
    expect(devRowsWithGold(split)).toEqual({ rows: Int32Array.of(1), gold: Int32Array.of(0) });
  });

  it("rejects mismatched lengths and unknown splits, naming them", () => {
    expect(() => evaluationSplit(["train"], [])).toThrow(/1 splits but 0 gold labels/);
    expect(() => evaluationSplit(["valid" as "dev"], [0])).toThrow(/row 0 has split "valid"/);
  });
});

describe("distillTargets and chooseLabelModel", () => {
  const L = labelMatrixFromRows(
    [
      [1, -1],
      [0, 0],
      [1, 1],
      [-1, -1],
      [0, -1],
      [1, 1],
      [1, -1],
    ],
    2,
  );
  const split = evaluationSplit(splits, [0, 0, 1, 1, 0, 1, 0]); // train gold (rows 0, 3, 6) disagrees with the votes on purpose

  it("distils from covered train rows only (unless asked), with the label model's probabilities", () => {
    const choice = chooseLabelModel(L, split, { k: 2, seed: 1 });
    const { fitRows, targets } = distillTargets(L, split, choice.proba);
    expect(Array.from(fitRows)).toEqual([0, 6]);
    expect(Array.from(targets)).toEqual(Array.from(choice.proba.values.subarray(0, 2)).concat(Array.from(choice.proba.values.subarray(12, 14))));
    expect(Array.from(distillTargets(L, split, choice.proba, { keepUncovered: true }).fitRows)).toEqual([0, 3, 6]);
  });

  it("gives every row a pseudolabel and the test rows their predictions, whatever train gold says", () => {
    const choice = chooseLabelModel(L, split, { k: 2, seed: 1 });
    expect(choice.proba.n).toBe(7);
    const flipped = chooseLabelModel(L, evaluationSplit(splits, [1, 0, 1, 0, 0, 1, 1]), { k: 2, seed: 1 });
    expect(Array.from(flipped.proba.values)).toEqual(Array.from(choice.proba.values));
    expect(Array.from(choice.testPred)).toEqual([1, 1]);
  });
});
