import { describe, expect, it } from "vitest";
import { createLabelMatrix, labelMatrixFromRows } from "../core/label-matrix";
import { subsetRows } from "../core/subset-rows";
import { MajorityVote } from "./majority-vote";

// rows: clear 0 | clear 1 | tie 0/1 | no votes | tie 0/1/2
const L = labelMatrixFromRows(
  [
    [0, 0, 1],
    [1, -1, 1],
    [0, 1, -1],
    [-1, -1, -1],
    [0, 1, 2],
  ],
  3,
);

describe("MajorityVote", () => {
  it("predicts the majority and abstains on ties and empty rows by default", () => {
    const mv = new MajorityVote().fit(L, { k: 3 });
    expect(mv.name).toBe("mv");
    expect(Array.from(mv.predict(L))).toEqual([0, 1, -1, -1, -1]);
  });

  it("breaks ties among the tied classes only, by seed and row index", () => {
    const mv = new MajorityVote().fit(L, { k: 3 });
    const picks = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const y = mv.predict(L, { tieBreak: "random", seed });
      expect(y[0]).toBe(0);
      expect(y[1]).toBe(1);
      expect([0, 1]).toContain(y[2]);
      expect([0, 1, 2]).toContain(y[3]);
      picks.add(`${y[2]}${y[4]}`);
    }
    expect(picks.size).toBeGreaterThan(3);
  });

  it("tie-breaks each row by its index alone, so a prefix batch agrees with the whole", () => {
    const big = createLabelMatrix(200, 2, 2);
    for (let i = 0; i < 200; i++) [big.values[2 * i], big.values[2 * i + 1]] = [0, 1];
    const mv = new MajorityVote().fit(big, { k: 2, seed: 5 });
    const all = mv.predict(big, { tieBreak: "random" });
    expect(new Set(all).size).toBe(2);
    const prefix = mv.predict(
      subsetRows(
        big,
        Array.from({ length: 50 }, (_, i) => i),
      ),
      { tieBreak: "random", seed: 5 },
    );
    expect(prefix).toEqual(all.subarray(0, 50));
    expect(mv.predict(big, { tieBreak: "random", seed: 5 })).toEqual(all);
    expect(mv.predict(big, { tieBreak: "random", seed: 6 })).not.toEqual(all);
  });

  it("breaks ties with WRENCH's sha1 hash of the row index under tieBreak 'hash'", () => {
    const tied = labelMatrixFromRows(
      Array.from({ length: 40 }, () => [0, 1, 2, -1]),
      3,
    );
    const y = new MajorityVote().fit(tied, { k: 3 }).predict(tied, { tieBreak: "hash" });
    // [int(hashlib.sha1(str(i).encode()).hexdigest(), 16) % 3 for i in range(10)] in Python
    expect(Array.from(y.subarray(0, 10))).toEqual([0, 0, 0, 1, 0, 0, 1, 2, 1, 1]);
    const empty = labelMatrixFromRows(
      [
        [-1, -1],
        [-1, -1],
        [-1, -1],
        [-1, -1],
      ],
      2,
    );
    expect(Array.from(new MajorityVote().fit(empty, { k: 2 }).predict(empty, { tieBreak: "hash" }))).toEqual([0, 1, 0, 1]);
  });

  it("predicts the class-balance argmax for empty rows when not abstaining", () => {
    const mv = new MajorityVote().fit(L, { k: 3, classBalance: Float64Array.of(1, 3, 1) });
    expect(mv.predict(L, { tieBreak: "random" })[3]).toBe(1);
  });

  it("returns vote shares, and the class balance for empty rows", () => {
    const mv = new MajorityVote().fit(L, { k: 3, classBalance: Float64Array.of(2, 1, 1) });
    const P = mv.predictProba(L);
    expect(Array.from(P.values.subarray(0, 3))).toEqual([2 / 3, 1 / 3, 0]);
    expect(Array.from(P.values.subarray(9, 12))).toEqual([0.5, 0.25, 0.25]);
    expect(Array.from(new MajorityVote().fit(L, { k: 3 }).predictProba(L).values.subarray(9, 12))).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("rejects bad class balances, out-of-range votes and use before fit", () => {
    expect(() => new MajorityVote().predict(L)).toThrow(/call fit/);
    expect(() => new MajorityVote().fit(L, { k: 3, classBalance: Float64Array.of(1, 1) })).toThrow(/2 entries for k = 3/);
    expect(() => new MajorityVote().fit(L, { k: 2 }).predict(L)).toThrow(/row 4 program 2 votes 2/);
  });
});
