import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { DawidSkene } from "./dawid-skene";

describe("DawidSkene", () => {
  it("after one EM step from majority-vote shares, matches the hand-computed WRENCH update", () => {
    const L = labelMatrixFromRows(
      [
        [0, 0],
        [1, 1],
        [0, 1],
        [-1, 0],
      ],
      2,
    );
    const ds = new DawidSkene({ maxIterations: 1 }).fit(L, { k: 2 });
    // MV shares: [1,0], [0,1], [.5,.5], [1,0] -> class marginals [2.5/4, 1.5/4]
    expect(Array.from(ds.classMarginals)).toEqual([0.625, 0.375]);
    // program 0 given class 0: abstain 1, vote0 1.5, vote1 0 (of 2.5); categories are vote + 1
    const r = Array.from(ds.errorRates);
    [0.4, 0.6, 0, 0, 1 / 3, 2 / 3].forEach((p, x) => expect(r[x]).toBeCloseTo(p, 12));
    // E-step for votes [0, 1]: class 0 ∝ .625 * P0(0|0) = .6 * P1(1|0) = .5/2.5; class 1 ∝ .375 * 1/3 * 1.5/1.5
    const P = ds.predictProba(labelMatrixFromRows([[0, 1]], 2)).values;
    const a = 0.625 * 0.6 * 0.2;
    const b = 0.375 * (1 / 3) * 1;
    expect(P[0]).toBeCloseTo(a / (a + b), 12);
  });

  it("converges on a clean matrix, recovers the labels and learns a reliable program's confusion", () => {
    const rows: number[][] = [];
    for (let i = 0; i < 60; i++) {
      const y = i % 3 === 0 ? 1 : 0;
      rows.push([y, i % 5 === 0 ? 1 - y : y, i % 4 === 0 ? -1 : y]);
    }
    const L = labelMatrixFromRows(rows, 2);
    const ds = new DawidSkene().fit(L, { k: 2 });
    expect(ds.iterations).toBeLessThan(10000);
    expect(Array.from(ds.predict(L))).toEqual(rows.map((r) => r[0]));
    // program 0 is always right: P(vote 0 | class 0) = 1
    expect(ds.errorRates[1]).toBeCloseTo(1, 6);
  });

  it("rejects out-of-range votes and predicting with another program count", () => {
    expect(() => new DawidSkene().fit(labelMatrixFromRows([[0, 2]], 3), { k: 2 })).toThrow(/row 0 program 1 votes 2/);
    const ds = new DawidSkene().fit(labelMatrixFromRows([[0, 1]], 2), { k: 2 });
    expect(() => ds.predictProba(labelMatrixFromRows([[0, 1, 1]], 2))).toThrow(/fitted on 2 programs, got 3/);
    expect(() => new DawidSkene().predict(labelMatrixFromRows([[0]], 2))).toThrow(/call fit/);
  });
});
