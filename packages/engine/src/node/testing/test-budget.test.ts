import { afterEach, describe, expect, it } from "vitest";
import { testBudget } from "./test-budget";

describe("testBudget", () => {
  const saved = process.env.ALCHEMIST_TEST_SLOWDOWN;
  afterEach(() => {
    if (saved === undefined) delete process.env.ALCHEMIST_TEST_SLOWDOWN;
    else process.env.ALCHEMIST_TEST_SLOWDOWN = saved;
  });

  it("scales the idle budget by the machine's measured slowdown, never below the idle budget", () => {
    process.env.ALCHEMIST_TEST_SLOWDOWN = "2.5";
    expect(testBudget(60_000)).toBe(150_000);
    process.env.ALCHEMIST_TEST_SLOWDOWN = "0.4";
    expect(testBudget(60_000)).toBe(60_000);
    process.env.ALCHEMIST_TEST_SLOWDOWN = "not a number";
    expect(testBudget(1000)).toBe(1000);
  });

  it("refuses a budget that is not a positive number of milliseconds", () => {
    expect(() => testBudget(0)).toThrow(/positive number of milliseconds, got 0/);
    expect(() => testBudget(Number.NaN)).toThrow(/got NaN/);
  });
});
