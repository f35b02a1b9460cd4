import { describe, expect, it } from "vitest";
import { formatPercent } from "./format-percent";

describe("formatPercent", () => {
  it("scales fractions to percentages with one decimal by default", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0)).toBe("0.0%");
  });

  it("honours the decimals argument", () => {
    expect(formatPercent(0.98765, 2)).toBe("98.77%");
    expect(formatPercent(0.5, 0)).toBe("50%");
  });

  it("renders missing or non-finite values as a dash", () => {
    expect(formatPercent(undefined)).toBe("—");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });

  it("never prints negative zero", () => {
    expect(formatPercent(-0.00001)).toBe("0.0%");
  });

  it("rejects invalid decimals", () => {
    expect(() => formatPercent(0.5, -1)).toThrow(/decimals must be an integer in 0..6, got -1/);
  });
});
