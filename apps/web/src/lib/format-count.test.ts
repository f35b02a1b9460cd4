import { describe, expect, it } from "vitest";
import { formatCount } from "./format-count";

describe("formatCount", () => {
  it("adds thousands separators", () => {
    expect(formatCount(5574)).toBe("5,574");
    expect(formatCount(0)).toBe("0");
  });

  it("rejects non-finite numbers", () => {
    expect(() => formatCount(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});
