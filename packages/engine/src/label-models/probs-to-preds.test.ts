import { describe, expect, it } from "vitest";
import { probsToPreds } from "./probs-to-preds";
import { wrenchTieIndex } from "./wrench-tie-index";

const P = (k: number, rows: number[][]) => ({ n: rows.length, k, values: Float64Array.from(rows.flat()) });

describe("probsToPreds", () => {
  it("takes the argmax and treats classes within 1e-5 of the maximum as tied", () => {
    const probs = P(3, [
      [0.2, 0.7, 0.1],
      [0.4, 0.4 - 5e-6, 0.2],
      [0.4, 0.4 - 5e-5, 0.2],
      [1 / 3, 1 / 3, 1 / 3],
    ]);
    expect(Array.from(probsToPreds(probs, { tieBreak: "abstain" }))).toEqual([1, -1, 0, -1]);
    const hashed = probsToPreds(probs);
    expect(hashed[1]).toBe([0, 1][wrenchTieIndex(1, 2)]);
    expect(hashed[3]).toBe(wrenchTieIndex(3, 3));
  });

  it("breaks seeded random ties among the tied classes only, and abstains on NaN rows", () => {
    const probs = P(3, [
      [0.5, 0, 0.5],
      [NaN, NaN, NaN],
    ]);
    const picks = new Set<number>();
    for (let seed = 0; seed < 30; seed++) picks.add(probsToPreds(probs, { tieBreak: "random", seed })[0]!);
    expect([...picks].sort()).toEqual([0, 2]);
    expect(probsToPreds(probs)[1]).toBe(-1);
  });
});
