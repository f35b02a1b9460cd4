import { describe, expect, it } from "vitest";
import { assignSplits } from "./assign-splits";

const count = (splits: string[]) => ({
  train: splits.filter((s) => s === "train").length,
  dev: splits.filter((s) => s === "dev").length,
  test: splits.filter((s) => s === "test").length,
});

describe("assignSplits", () => {
  it("gives exact counts: rounded dev and test, the rest to train", () => {
    expect(count(assignSplits(10, 1))).toEqual({ train: 7, dev: 1, test: 2 });
    expect(count(assignSplits(5574, 1))).toEqual({ train: 5574 - 557 - 1115, dev: 557, test: 1115 });
    expect(count(assignSplits(3, 1, { train: 0.5, dev: 0.25, test: 0.25 }))).toEqual({ train: 1, dev: 1, test: 1 });
    expect(assignSplits(0, 1)).toEqual([]);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const a = assignSplits(200, 5);
    expect(assignSplits(200, 5)).toEqual(a);
    expect(assignSplits(200, 6)).not.toEqual(a);
    expect(a.slice(0, 140).every((s) => s === "train")).toBe(false);
  });

  it("rejects bad arguments, naming the numbers", () => {
    expect(() => assignSplits(-1, 1)).toThrow(/got -1/);
    expect(() => assignSplits(10, 1, { train: 0.5, dev: 0.1, test: 0.1 })).toThrow(/sum to 1.*0\.7/);
    expect(() => assignSplits(10, 1, { train: 1.2, dev: -0.1, test: -0.1 })).toThrow(/\[0, 1\]/);
  });
});
