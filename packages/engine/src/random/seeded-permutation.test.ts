import { describe, expect, it } from "vitest";
import { seededPermutation } from "./seeded-permutation";
import { seededShuffle } from "./seeded-shuffle";

describe("seededPermutation", () => {
  it("is every index once, the same for a seed and the seeded shuffle of 0..n-1", () => {
    const order = seededPermutation(50, 7);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(seededPermutation(50, 7)).toEqual(order);
    expect(seededPermutation(50, 8)).not.toEqual(order);
    expect(Array.from(order)).toEqual(
      seededShuffle(
        Array.from({ length: 50 }, (_, i) => i),
        7,
      ),
    );
    expect(seededPermutation(0, 1)).toEqual(new Int32Array(0));
  });
});
