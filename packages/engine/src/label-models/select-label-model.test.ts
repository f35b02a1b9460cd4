import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { scoreLabelModel } from "./score-label-model";
import { selectLabelModel } from "./select-label-model";

// Program 0 is always right, program 1 right 3/4 of the time, program 2 always votes 0.
function matrix(n: number, offset: number): { L: ReturnType<typeof labelMatrixFromRows>; gold: number[] } {
  const rows: number[][] = [];
  const gold: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = (i + offset) % 3 === 0 ? 1 : 0;
    rows.push([y, (i + offset) % 4 === 0 ? 1 - y : y, 0, i % 7 === 0 ? -1 : y]);
    gold.push(y);
  }
  return { L: labelMatrixFromRows(rows, 2), gold };
}

describe("selectLabelModel", () => {
  it("fits every model, scores dev, and picks the best dev F1 with a reason", () => {
    const train = matrix(120, 0);
    const dev = matrix(30, 1);
    const selection = selectLabelModel(train.L, dev.L, dev.gold, { k: 2, classBalance: Float64Array.of(0.6, 0.4) });
    expect(selection.candidates.map((c) => c.name)).toEqual(["mv", "wmv", "dawid-skene", "flyingsquid", "snorkel"]);
    const best = Math.max(...selection.candidates.map((c) => c.dev!.f1));
    expect(selection.chosen.dev.f1).toBe(best);
    expect(selection.reason).toContain(selection.chosen.name);
    expect(selection.reason).toMatch(/ on 30 dev rows with gold/);
    expect(selection.chosen.name).toBe("dawid-skene");
    for (const c of selection.candidates) {
      expect(c.dev!.coverage).toBeGreaterThan(0);
      expect(c.dev!.coverage).toBeLessThanOrEqual(1);
      expect(c.dev!.ece).not.toBeNull();
    }
  });

  it("breaks F1 and accuracy ties toward the simpler model, and ignores dev rows without gold", () => {
    const L = labelMatrixFromRows(
      [
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
        [1, 1, 1],
      ],
      2,
    );
    const selection = selectLabelModel(L, L, [0, 1, -1, 1], { k: 2, models: ["mv", "wmv"] });
    expect(selection.chosen.name).toBe("mv");
    expect(selection.reason).toBe("mv ties wmv on dev F1 (1.000) and accuracy (1.000) on 3 dev rows with gold, and is the simpler model.");
  });

  it("skips models that need more programs and explains guards", () => {
    const L = labelMatrixFromRows(
      [
        [0, 0],
        [1, 1],
        [0, 1],
      ],
      2,
    );
    const selection = selectLabelModel(L, L, [0, 1, 0], { k: 2, models: ["mv", "flyingsquid"] });
    expect(selection.candidates[1]).toMatchObject({ name: "flyingsquid", dev: null, skipped: "needs at least 3 programs, got 2" });
    expect(selection.reason).toMatch(/^mv is the only model that could be fitted/);
    expect(() => selectLabelModel(L, L, [-1, -1, -1], { k: 2 })).toThrow(/none of the 3 dev rows has a gold label/);
    expect(() => selectLabelModel(L, L, [0, 1], { k: 2 })).toThrow(/2 dev labels for 3 dev rows/);
    expect(() => selectLabelModel(L, L, [0, 1, 0], { k: 2, models: ["nope"] })).toThrow(/unknown model\(s\) nope/);
  });
});

describe("scoreLabelModel", () => {
  it("scores hashed predictions, counts ties and empty rows as uncovered, and bins calibration", () => {
    const L = labelMatrixFromRows(
      [
        [0, 0],
        [1, 0],
        [-1, -1],
        [1, 1],
      ],
      2,
    );
    const P = { n: 4, k: 2, values: Float64Array.of(0.9, 0.1, 0.5, 0.5, 0.5, 0.5, 0.2, 0.8) };
    const s = scoreLabelModel(P, L, [0, 1, 0, 1]);
    expect(s.coverage).toBe(0.5);
    // rows 1 and 2 are tied: sha1("1") is odd -> class 1, sha1("2") even -> class 0, so all four are right
    expect(s.accuracy).toBe(1);
    expect(s.f1).toBe(1);
    // bins: 0.9 (1 right), 0.5 x2 (2 right), 0.8 (1 right) -> (0.1 + 2 * 0.5 + 0.2) / 4
    expect(s.ece).toBeCloseTo(0.325, 12);
  });
});
