import { describe, expect, it } from "vitest";
import { createRng } from "../random/create-rng";
import { snorkelHungarian } from "./snorkel-hungarian";

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe("snorkelHungarian", () => {
  it("finds the minimum-cost assignment (checked against brute force)", () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + (trial % 6);
      const cost = Array.from({ length: n }, () => Array.from({ length: n }, () => Math.round(rng() * 20) - 10));
      const total = (a: ArrayLike<number>): number => Array.from(a).reduce((s, c, r) => s + cost[r]![c]!, 0);
      const best = Math.min(...permutations(n).map(total));
      const assignment = snorkelHungarian(cost);
      expect(new Set(assignment).size).toBe(n);
      expect(total(assignment)).toBe(best);
    }
  });

  it("rejects a non-square matrix", () => {
    expect(() => snorkelHungarian([[1, 2], [3]])).toThrow(/row 1 has 1 entries, expected 2/);
  });
});
