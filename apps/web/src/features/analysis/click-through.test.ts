import { describe, expect, it } from "vitest";
import { otherVotesByClass } from "./click-through";

describe("otherVotesByClass", () => {
  it("groups every voting program outside the focus by class, classes ascending, programs in order", () => {
    expect(otherVotesByClass([1, -1, 0, 1, 2, 0], new Set([0]))).toEqual([
      [0, [2, 5]],
      [1, [3]],
      [2, [4]],
    ]);
  });

  it("leaves out abstains and every focus program (a pair's two)", () => {
    expect(otherVotesByClass([0, 1, -1, 1], new Set([0, 1]))).toEqual([[1, [3]]]);
    expect(otherVotesByClass([-1, -1], new Set())).toEqual([]);
  });

  it("keeps multi-label class-set codes apart (bitmasks are classes of their own)", () => {
    expect(otherVotesByClass([3, 1, 3, 2], new Set())).toEqual([
      [1, [1]],
      [2, [3]],
      [3, [0, 2]],
    ]);
  });
});
