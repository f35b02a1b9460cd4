import { describe, expect, it } from "vitest";
import { cohenKappa } from "./cohen-kappa";
import { fleissKappa } from "./fleiss-kappa";
import { percentAgreement } from "./percent-agreement";
import { raterProgramAgreement } from "./rater-program-agreement";

/** Two raters' labels from a 2x2 table of [yes/yes, yes/no, no/yes, no/no] counts (yes = 1). */
function fromTable(yy: number, yn: number, ny: number, nn: number): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  const push = (x: number, y: number, times: number) => {
    for (let t = 0; t < times; t++) {
      a.push(x);
      b.push(y);
    }
  };
  push(1, 1, yy);
  push(1, 0, yn);
  push(0, 1, ny);
  push(0, 0, nn);
  return [a, b];
}

// Fleiss (1971) as tabulated on Wikipedia: 10 subjects, 14 raters, 5 categories.
const FLEISS_1971 = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
].flat();

describe("percentAgreement", () => {
  it("compares only the items both raters labeled", () => {
    expect(percentAgreement([0, 1, 1, -1], [0, 1, 0, 1])).toEqual({ agreement: 2 / 3, items: 3 });
    expect(percentAgreement([-1, 0], [1, -1])).toEqual({ agreement: null, items: 0 });
  });

  it("names the mismatched lengths", () => {
    expect(() => percentAgreement([0, 1], [0])).toThrow(/rater a has 2 labels but rater b has 1/);
  });
});

describe("cohenKappa", () => {
  it("matches the classic 2x2 example (po 0.7, pe 0.5, kappa 0.4)", () => {
    const [a, b] = fromTable(20, 5, 10, 15);
    const r = cohenKappa(a, b, 2);
    expect(r.items).toBe(50);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });

  it("matches a second textbook table (45/15/25/15: po 0.6, pe 0.54, kappa 0.1304)", () => {
    const [a, b] = fromTable(45, 15, 25, 15);
    const r = cohenKappa(a, b, 2);
    expect(r.observed).toBeCloseTo(0.6, 12);
    expect(r.expected).toBeCloseTo(0.54, 12);
    expect(r.kappa).toBeCloseTo(0.06 / 0.46, 12);
  });

  it("is 1 for perfect agreement, negative below chance and null when undefined", () => {
    expect(cohenKappa([0, 1, 2, 1], [0, 1, 2, 1], 3).kappa).toBeCloseTo(1, 12);
    // always disagreeing on a balanced binary task: po 0, pe 0.5 -> -1
    expect(cohenKappa([0, 1, 0, 1], [1, 0, 1, 0], 2).kappa).toBeCloseTo(-1, 12);
    expect(cohenKappa([1, 1, 1], [1, 1, 1], 2).kappa).toBeNull();
    expect(cohenKappa([-1], [0], 2)).toEqual({ kappa: null, observed: null, expected: null, items: 0 });
  });

  it("skips unrated items and rejects labels outside 0..k-1", () => {
    const [a, b] = fromTable(20, 5, 10, 15);
    const withGaps = cohenKappa([...a, -1, 1], [...b, 0, -1], 2);
    expect(withGaps.items).toBe(50);
    expect(withGaps.kappa).toBeCloseTo(0.4, 12);
    expect(() => cohenKappa([0, 3], [0, 1], 3)).toThrow(/item 1 has labels 3 \/ 1, outside 0..2/);
    expect(() => cohenKappa([0], [0], 0)).toThrow(/k must be a positive integer, got 0/);
  });
});

describe("fleissKappa", () => {
  // Wikipedia prints P̄e 0.213 from proportions rounded to 3 digits; exactly it is 4170 / 19600.
  it("matches Fleiss (1971): P̄ 0.378, P̄e 0.2128, kappa 0.210", () => {
    const r = fleissKappa(FLEISS_1971, 10, 5);
    expect(r.items).toBe(10);
    expect(r.ratings).toBe(140);
    expect(r.observed).toBeCloseTo(0.37802, 5);
    expect(r.expected).toBeCloseTo(4170 / 19600, 12);
    expect(r.kappa).toBeCloseTo(0.20993, 5);
  });

  it("handles a varying number of raters per item (hand computed)", () => {
    // item 0: 3 raters all class 0 -> P 1; item 1: 2 raters split -> P 0; item 2: 4 raters 2/2 -> P 4/12
    // item 3: a single rating, left out. Pooled: class 0 = 3 + 1 + 2 = 6, class 1 = 1 + 2 = 3 of 9.
    const r = fleissKappa([3, 0, 1, 1, 2, 2, 0, 1], 4, 2);
    expect(r.items).toBe(3);
    expect(r.ratings).toBe(9);
    const observed = (1 + 0 + 1 / 3) / 3;
    const expected = (6 / 9) ** 2 + (3 / 9) ** 2;
    expect(r.observed).toBeCloseTo(observed, 12);
    expect(r.expected).toBeCloseTo(expected, 12);
    expect(r.kappa).toBeCloseTo((observed - expected) / (1 - expected), 12);
  });

  it("is null when nothing can be measured and names bad shapes", () => {
    expect(fleissKappa([1, 0, 0, 1], 2, 2).kappa).toBeNull();
    expect(fleissKappa([2, 0, 3, 0], 2, 2).kappa).toBeNull();
    expect(() => fleissKappa([1, 2, 3], 2, 2)).toThrow(/counts has 3 cells, expected 2 items x 2 classes = 4/);
    expect(() => fleissKappa([1, -2], 1, 2)).toThrow(/item 0 class 1 has count -2/);
  });
});

describe("raterProgramAgreement", () => {
  it("scores each program on the rows the rater labeled and the program voted on", () => {
    // rows x programs: program 0 copies the rater, program 1 always says 1, program 2 abstains
    const labels = [0, 1, 0, 1, -1];
    const L = { n: 5, m: 3, values: Int8Array.of(0, 1, -1, 1, 1, -1, 0, 1, -1, 1, 1, -1, 0, 1, -1) };
    const [copy, constant, silent] = raterProgramAgreement(labels, L, 2);
    expect(copy).toEqual({ program: 0, rated: 4, covered: 4, agreement: 1, kappa: 1 });
    expect(constant).toEqual({ program: 1, rated: 4, covered: 4, agreement: 0.5, kappa: 0 });
    expect(silent).toEqual({ program: 2, rated: 4, covered: 0, agreement: null, kappa: null });
  });

  it("names a length mismatch", () => {
    expect(() => raterProgramAgreement([0], { n: 2, m: 1, values: Int8Array.of(0, 0) }, 2)).toThrow(/1 labels but the label matrix has 2 rows/);
  });
});
