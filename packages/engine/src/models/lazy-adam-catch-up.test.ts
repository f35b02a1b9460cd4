import { describe, expect, it } from "vitest";
import { adamConfig, adamStep } from "./adam-step";
import { CatchUpTable, lazyAdamCatchUp } from "./lazy-adam-catch-up";

describe("lazyAdamCatchUp", () => {
  it("matches dense Adam's zero-gradient steps and moment decay over the skipped steps", () => {
    const start = { p: Float32Array.of(0.5, -0.2, 0), m: Float32Array.of(0.01, -0.03, 0), v: Float32Array.of(1e-4, 4e-4, 0) };
    const dense = { p: start.p.slice(), m: start.m.slice(), v: start.v.slice() };
    const zero = new Float32Array(3);
    const t0 = 500;
    const skipped = 40;
    for (let t = t0 + 1; t <= t0 + skipped; t++) adamStep(dense.p, zero, dense.m, dense.v, 0, 3, adamConfig(1e-3, 0.9, 0.999, 1e-7, t));
    const lazy = { p: start.p.slice(), m: start.m.slice(), v: start.v.slice() };
    lazyAdamCatchUp(lazy.p, lazy.m, lazy.v, 0, 3, new CatchUpTable(1e-3, 0.9, 0.999).factors(t0 + 1, skipped), 1e-7);
    for (let x = 0; x < 3; x++) {
      // within 2% of the distance dense Adam moved (the step size drifts with bias correction)
      expect(Math.abs(lazy.p[x]! - dense.p[x]!)).toBeLessThanOrEqual(0.02 * Math.abs(dense.p[x]! - start.p[x]!) + 1e-9);
      expect(lazy.m[x]).toBeCloseTo(dense.m[x]!, 9);
      expect(lazy.v[x]).toBeCloseTo(dense.v[x]!, 9);
    }
    // the row did move: catch-up is not a no-op
    expect(Math.abs(lazy.p[0]! - 0.5)).toBeGreaterThan(1e-3);
  });

  it("memoises the same factors as direct computation", () => {
    const table = new CatchUpTable(1e-3, 0.9, 0.999);
    const f = table.factors(3, 5);
    const q = 0.9 / Math.sqrt(0.999);
    const step3 = (1e-3 * Math.sqrt(1 - 0.999 ** 3)) / (1 - 0.9 ** 3);
    expect(f.move).toBeCloseTo((step3 * (q * (1 - q ** 5))) / (1 - q), 12);
    expect(f.decay1).toBeCloseTo(0.9 ** 5, 12);
    expect(table.factors(300, 200).decay2).toBeCloseTo(0.999 ** 200, 12);
  });
});
