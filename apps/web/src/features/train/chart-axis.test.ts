import { describe, expect, it } from "vitest";
import { epochTicks, niceAxis } from "./chart-axis";

describe("niceAxis", () => {
  it("widens the domain to round ticks", () => {
    expect(niceAxis(0.31, 0.69, 4)).toEqual({ min: 0.3, max: 0.7, ticks: [0.3, 0.4, 0.5, 0.6, 0.7] });
  });

  it("keeps an accuracy axis inside 0..1 and readable when the values are close", () => {
    const axis = niceAxis(0.91, 0.97, 4, { floor: 0, ceil: 1 });
    expect(axis.min).toBeGreaterThanOrEqual(0.9);
    expect(axis.max).toBeLessThanOrEqual(1);
    expect(axis.ticks[0]).toBe(axis.min);
    expect(axis.ticks.at(-1)).toBe(axis.max);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
    expect(niceAxis(0.2, 1, 4, { floor: 0, ceil: 1 }).max).toBe(1);
  });

  it("gives a flat series some height", () => {
    const axis = niceAxis(0.5, 0.5, 4);
    expect(axis.min).toBeLessThan(0.5);
    expect(axis.max).toBeGreaterThan(0.5);
  });
});

describe("epochTicks", () => {
  it("ends at the last trained epoch", () => {
    expect(epochTicks(7, 6)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(epochTicks(30, 6)).toEqual([1, 5, 10, 15, 20, 25, 30]);
    expect(epochTicks(1, 6)).toEqual([1]);
    expect(epochTicks(31, 6).at(-1)).toBe(31);
    expect(epochTicks(31, 6)).not.toContain(30);
  });
});
