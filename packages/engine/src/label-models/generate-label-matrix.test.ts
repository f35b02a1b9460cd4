import { describe, expect, it } from "vitest";
import { generateLabelMatrix } from "./generate-label-matrix";

describe("generateLabelMatrix", () => {
  it("is seeded and votes from each program's conditional table", () => {
    const a = generateLabelMatrix({ n: 10000, m: 4, k: 3, seed: 9 });
    expect(generateLabelMatrix({ n: 10000, m: 4, k: 3, seed: 9 })).toEqual(a);
    expect(generateLabelMatrix({ n: 10000, m: 4, k: 3, seed: 10 }).L.values).not.toEqual(a.L.values);
    const { L, Y, conditionals } = a;
    // Empirical P(program 2 votes v | Y = 1) against the table, v = -1..2.
    const rows = Array.from(Y).flatMap((y, i) => (y === 1 ? [i] : []));
    for (let v = -1; v < 3; v++) {
      const share = rows.filter((i) => L.values[i * 4 + 2] === v).length / rows.length;
      expect(share).toBeCloseTo(conditionals[(2 * 4 + v + 1) * 3 + 1]!, 1);
    }
    expect(rows.length / 10000).toBeCloseTo(1 / 3, 1);
  });

  it("draws labels from the class balance and rejects a bad one", () => {
    const { Y } = generateLabelMatrix({ n: 10000, m: 3, k: 2, seed: 1, classBalance: [0.9, 0.1] });
    expect(Y.reduce((s, y) => s + y, 0) / 10000).toBeCloseTo(0.1, 1);
    expect(() => generateLabelMatrix({ n: 10, m: 3, k: 2, seed: 1, classBalance: [1] })).toThrow(/k = 2/);
  });
});
