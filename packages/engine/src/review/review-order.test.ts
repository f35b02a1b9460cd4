import { describe, expect, it } from "vitest";
import { conflictReviewOrder } from "./conflict-review-order";
import { entropyReviewOrder } from "./entropy-review-order";

describe("conflictReviewOrder", () => {
  it("puts the most conflicting rows first, then more votes cast, then lower index", () => {
    // row 0: 0,1,1 (1/3 conflict, 3 votes); row 1: 0,1,-1 (1/2); row 2: 1,1,1 (0);
    // row 3: -1,-1,-1 (0, no votes); row 4: 0,1,2 (2/3); row 5: 1,0,0 (1/3, 3 votes).
    const L = { n: 6, m: 3, values: Int8Array.from([0, 1, 1, 0, 1, -1, 1, 1, 1, -1, -1, -1, 0, 1, 2, 1, 0, 0]) };
    const order = conflictReviewOrder(L);
    expect(Array.from(order.indices)).toEqual([4, 1, 0, 5, 2, 3]);
    expect(order.scored).toBe(4);
  });

  it("keeps every row exactly once and rejects a matrix whose size does not match its shape", () => {
    const order = conflictReviewOrder({ n: 0, m: 4, values: new Int8Array(0) });
    expect(order).toEqual({ indices: new Int32Array(0), scored: 0 });
    expect(() => conflictReviewOrder({ n: 2, m: 3, values: new Int8Array(5) })).toThrow(/5 votes for 2 rows x 3 programs \(expected 6\)/);
  });
});

describe("entropyReviewOrder", () => {
  it("orders by entropy, most uncertain first, ties by index, and counts uncertain rows", () => {
    const order = entropyReviewOrder(Float32Array.from([0, 0.69, 0.2, 0.69, 1e-12]));
    // 1e-12 sorts before 0 but does not count as uncertain.
    expect(Array.from(order.indices)).toEqual([1, 3, 2, 4, 0]);
    expect(order.scored).toBe(3);
  });

  it("names the row with a bad entropy", () => {
    expect(() => entropyReviewOrder([0.1, Number.NaN])).toThrow(/row 1 has entropy NaN/);
    expect(() => entropyReviewOrder([-0.5])).toThrow(/row 0 has entropy -0.5/);
  });
});
