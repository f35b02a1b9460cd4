import { describe, expect, it } from "vitest";
import { snorkelPermutation } from "./snorkel-permutation";

// 3 programs, k = 2, each program's block [[P(v=0|y=0), P(v=0|y=1)], [P(v=1|y=0), P(v=1|y=1)]].
const flipped = Float64Array.from([0.1, 0.6, 0.7, 0.2, 0.2, 0.5, 0.6, 0.1, 0.05, 0.8, 0.9, 0.1]);

describe("snorkelPermutation", () => {
  it("swaps the columns of classes with equal priors so that programs look accurate", () => {
    const out = snorkelPermutation(flipped, Float64Array.of(0.5, 0.5), 3, 2);
    for (let a = 0; a < 6; a++) expect([out[a * 2], out[a * 2 + 1]]).toEqual([flipped[a * 2 + 1], flipped[a * 2]]);
  });

  it("leaves columns alone when the priors differ (after rounding to 3 decimals), or when already accurate", () => {
    expect(snorkelPermutation(flipped, Float64Array.of(0.4, 0.6), 3, 2)).toEqual(flipped);
    const fixed = snorkelPermutation(flipped, Float64Array.of(0.5, 0.5), 3, 2);
    expect(snorkelPermutation(fixed, Float64Array.of(0.5, 0.5001), 3, 2)).toEqual(fixed);
  });

  it("permutes only within a group of equal priors for k = 3", () => {
    // One program, classes 0 and 2 share a prior and are swapped; class 1 differs.
    const mu = Float64Array.from([0.1, 0, 0.8, 0, 0.9, 0, 0.7, 0, 0.1]);
    const out = snorkelPermutation(mu, Float64Array.of(0.3, 0.4, 0.3), 1, 3);
    expect(Array.from(out)).toEqual([0.8, 0, 0.1, 0, 0.9, 0, 0.1, 0, 0.7]);
  });
});
