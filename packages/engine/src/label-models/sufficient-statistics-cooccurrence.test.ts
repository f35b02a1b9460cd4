import { describe, expect, it } from "vitest";
import { generateLabelMatrix } from "./generate-label-matrix";
import { countCooccurrences } from "./sufficient-statistics-cooccurrence";

describe("countCooccurrences", () => {
  // (m, k): one group, two uneven groups, four groups with a 1-program tail, and the sparse fallback.
  it.each([
    [3, 2],
    [7, 2],
    [10, 4],
    [5, 12],
    [3, 40],
  ])("equals the dense upper triangle of L_ind^T L_ind (m %i, k %i)", (m, k) => {
    const { L } = generateLabelMatrix({ n: 400, m, k, seed: m * k });
    const d = m * k;
    const expected = new Float64Array(d * d);
    let covered = 0;
    for (let i = 0; i < L.n; i++) {
      const ind = new Float64Array(d);
      for (let j = 0; j < m; j++) if (L.values[i * m + j]! >= 0) ind[j * k + L.values[i * m + j]!] = 1;
      if (ind.some((x) => x > 0)) covered++;
      for (let a = 0; a < d; a++) for (let b = a; b < d; b++) expected[a * d + b]! += ind[a]! * ind[b]!;
    }
    const O = new Float64Array(d * d);
    expect(countCooccurrences(L, k, O)).toBe(covered);
    expect(O).toEqual(expected);
  });

  it("names the row and program of an out-of-range vote on both paths", () => {
    const L = { n: 2, m: 4, values: Int8Array.of(0, 1, 0, 1, 1, 0, 5, 0) };
    expect(() => countCooccurrences(L, 2, new Float64Array(64))).toThrow(/row 1 program 2 votes 5, outside -1..1/);
    expect(() => countCooccurrences(L, 200, new Float64Array(800 * 800))).not.toThrow();
    expect(() => countCooccurrences({ n: 1, m: 3, values: Int16Array.of(0, -2, 1) }, 200, new Float64Array(600 * 600))).toThrow(/row 0 program 1 votes -2/);
  });
});
