import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { FlyingSquid } from "./flying-squid";

/** Solves the 6 x 6 system B e = r of FlyingSquid by Gaussian elimination (an independent check of the closed form). */
function solve(A: number[][], r: number[]): number[] {
  const M = A.map((row, i) => [...row, r[i]!]);
  for (let c = 0; c < 6; c++) {
    const p = M.findIndex((row, i) => i >= c && Math.abs(row[c]!) > 1e-12);
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let i = 0; i < 6; i++) if (i !== c) M[i] = M[i]!.map((x, j) => x - (M[i]![c]! / M[c]![c]!) * M[c]![j]!);
  }
  return M.map((row, i) => row[6]! / row[i]!);
}

// 8 rows, 3 programs; class 1 -> +1, class 0 -> -1, abstain -> 0
const rows = [
  [1, 1, 1],
  [1, 1, -1],
  [0, 0, 0],
  [0, 0, 1],
  [1, -1, 1],
  [0, 0, -1],
  [1, 0, 1],
  [-1, 0, 0],
];
const L = labelMatrixFromRows(rows, 2);
const sign = (v: number) => (v === 1 ? 1 : v === 0 ? -1 : 0);

describe("FlyingSquid", () => {
  it("estimates triplet accuracies and joint tables as FlyingSquid, then predicts by its junction-tree formula", () => {
    const n = rows.length;
    const S = rows.map((r) => r.map(sign));
    const M = (a: number, b: number) => S.reduce((s, r) => s + r[a]! * r[b]!, 0) / n;
    const acc = [
      Math.sqrt(Math.abs((M(0, 1) * M(0, 2)) / M(1, 2))),
      Math.sqrt(Math.abs((M(1, 0) * M(1, 2)) / M(0, 2))),
      Math.sqrt(Math.abs((M(2, 0) * M(2, 1)) / M(0, 1))),
    ];
    const p = 0.6;
    const tables = [0, 1, 2].map((j) => {
      const a = S.filter((r) => r[j] === 1).length / n;
      const z = S.filter((r) => r[j] === 0).length / n;
      const q = 0.5 * (1 + acc[j]! - z);
      // unknowns e = P(l, Y) for (l, Y) = (1,1), (0,1), (-1,1), (1,-1), (0,-1), (-1,-1)
      const B = [
        [1, 1, 1, 1, 1, 1],
        [1, 0, 0, 1, 0, 0],
        [0, 1, 0, 0, 1, 0],
        [1, 1, 1, 0, 0, 0],
        [1, 0, 0, 0, 0, 1],
        [0, 1, 0, 0, 0, 0],
      ];
      const e = solve(B, [1, a, z, p, q, p * z]).map(Math.abs);
      const s = e.reduce((x, y) => x + y, 0);
      const P = (l: number, y: number) => e[(y === 1 ? 0 : 3) + (1 - l)]! / s;
      return P;
    });
    const fs = new FlyingSquid().fit(L, { k: 2, classBalance: Float64Array.of(0.4, 0.6) });
    const out = fs.predictProba(L).values;
    S.forEach((r, i) => {
      const pos = tables.reduce((x, P, j) => x * P(r[j]!, 1), 1) / p;
      const neg = tables.reduce((x, P, j) => x * P(r[j]!, -1), 1) / (1 - p);
      expect(out[2 * i + 1]).toBeCloseTo(pos / (pos + neg), 10);
      expect(out[2 * i]! + out[2 * i + 1]!).toBeCloseTo(1, 12);
    });
    expect(fs.predict(L)[0]).toBe(1);
  });

  it("one-vs-rest for k > 2 softmaxes each class's probability", () => {
    const L3 = labelMatrixFromRows(
      [
        [0, 0, 0, 2],
        [1, 1, -1, 1],
        [2, 2, 2, -1],
        [0, 1, 0, 0],
        [2, -1, 2, 2],
        [1, 1, 1, 0],
      ],
      3,
    );
    const fs = new FlyingSquid().fit(L3, { k: 3, classBalance: Float64Array.of(1 / 3, 1 / 3, 1 / 3) });
    const P = fs.predictProba(L3).values;
    for (let i = 0; i < 6; i++) expect(P[3 * i]! + P[3 * i + 1]! + P[3 * i + 2]!).toBeCloseTo(1, 12);
    // a softmax of probabilities never leaves [e^0, e^1] / sum, so no class exceeds e / (e + 2)
    expect(Math.max(...P)).toBeLessThanOrEqual(Math.E / (Math.E + 2) + 1e-12);
    expect(Array.from(fs.predict(L3)).slice(0, 3)).toEqual([0, 1, 2]);
  });

  it("needs three programs and a class balance inside (0, 1]", () => {
    expect(() => new FlyingSquid().fit(labelMatrixFromRows([[0, 1]], 2), { k: 2 })).toThrow(/at least 3 programs, got 2/);
    expect(() => new FlyingSquid().fit(L, { k: 2, classBalance: Float64Array.of(0, 1) })).toThrow(/entry 0 is 0/);
    expect(() => new FlyingSquid().predict(L)).toThrow(/call fit/);
  });
});
