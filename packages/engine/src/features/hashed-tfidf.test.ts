import { describe, expect, it } from "vitest";
import type { SparseMatrix } from "../core/sparse-matrix";
import { fnv1a } from "./fnv1a";
import { hashFeatures } from "./hash-features";
import { HashedTfidf } from "./hashed-tfidf";
import { tokenizeWords } from "./tokenize-words";

const texts = ["The cat sat on the mat", "A dog sat", "Cats and dogs: the best!", "Çafé ünïcode 42"];

function row(X: SparseMatrix, i: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let p = X.indptr[i]!; p < X.indptr[i + 1]!; p++) out.set(X.indices[p]!, X.values[p]!);
  return out;
}

describe("HashedTfidf", () => {
  it("tokenises unicode words and hashes FNV-1a incrementally", () => {
    expect(tokenizeWords("Çafé, ünïcode—42x!")).toEqual(["Çafé", "ünïcode", "42x"]);
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c); // published FNV-1a 32-bit test vector
    expect(fnv1a("b", fnv1a(" ", fnv1a("a")))).toBe(fnv1a("a b"));
  });

  it("emits word unigrams + bigrams, and char n-grams when asked", () => {
    const base = { dimension: 2 ** 20, wordNgrams: [1, 2] as const, charNgrams: null, lowercase: true };
    expect(hashFeatures("a b c", base)).toHaveLength(5);
    expect(hashFeatures("A B", base)).toEqual(hashFeatures("a b", base));
    expect(hashFeatures("a b c", { ...base, wordNgrams: [2, 2] })).toHaveLength(2);
    // " ab " has 3 bigrams and 2 trigrams
    expect(hashFeatures("ab", { ...base, wordNgrams: [1, 1], charNgrams: [2, 3] })).toHaveLength(1 + 5);
    expect(hashFeatures("x y", { ...base, dimension: 7 }).every((b) => b >= 0 && b < 7)).toBe(true);
  });

  it("produces L2-normalised rows with sorted columns and smooth idf weights", () => {
    const tfidf = new HashedTfidf({ dimension: 2 ** 16, wordNgrams: [1, 1] }).fit(texts);
    const X = tfidf.transform([...texts, "", "!!!"]);
    expect(X.rows).toBe(6);
    expect(X.cols).toBe(2 ** 16);
    for (let i = 0; i < 4; i++) {
      const values = [...row(X, i).values()];
      expect(Math.hypot(...values)).toBeCloseTo(1, 6);
      const cols = X.indices.subarray(X.indptr[i]!, X.indptr[i + 1]!);
      expect(Array.from(cols)).toEqual(Array.from(cols).sort((a, b) => a - b));
    }
    expect(X.indptr[5]! - X.indptr[4]!).toBe(0);
    // row 1 "a dog sat": "sat" occurs in 2 of 4 docs, "a" and "dog" in 1
    const opts = { dimension: 2 ** 16, wordNgrams: [1, 1] as const, charNgrams: null, lowercase: true };
    const [a, dog, sat] = hashFeatures("a dog sat", opts);
    const rare = Math.log(5 / 2) + 1;
    const common = Math.log(5 / 3) + 1;
    const norm = Math.hypot(rare, rare, common);
    const r1 = row(X, 1);
    expect(r1.get(a!)).toBeCloseTo(rare / norm, 6);
    expect(r1.get(dog!)).toBeCloseTo(rare / norm, 6);
    expect(r1.get(sat!)).toBeCloseTo(common / norm, 6);
  });

  it("applies sublinear tf", () => {
    const opts = { dimension: 2 ** 16, wordNgrams: [1, 1] as const };
    const raw = new HashedTfidf(opts).fit(["x x x x y"]).transform(["x x x x y"]);
    const sub = new HashedTfidf({ ...opts, sublinearTf: true }).fit(["x x x x y"]).transform(["x x x x y"]);
    const ratio = (X: SparseMatrix): number => Math.max(...X.values) / Math.min(...X.values);
    expect(ratio(raw)).toBeCloseTo(4, 5);
    expect(ratio(sub)).toBeCloseTo(1 + Math.log(4), 5);
  });

  it("is deterministic and round-trips through small JSON", () => {
    const a = new HashedTfidf({ charNgrams: [2, 4] }).fit(texts);
    const b = new HashedTfidf({ charNgrams: [2, 4] }).fit(texts);
    expect(a.transform(texts)).toEqual(b.transform(texts));
    const text = JSON.stringify(a.toJSON());
    expect(text.length).toBeLessThan(4000);
    const c = HashedTfidf.fromJSON(JSON.parse(text));
    expect(c.charNgrams).toEqual([2, 4]);
    expect(c.transform([...texts, "unseen words"])).toEqual(a.transform([...texts, "unseen words"]));
  });

  it("rejects bad options, transform before fit and corrupt JSON", () => {
    expect(() => new HashedTfidf({ dimension: 0 })).toThrow(/dimension must be an integer/);
    expect(() => new HashedTfidf({ wordNgrams: [2, 1] })).toThrow(/wordNgrams must be \[min, max\].*\[2, 1\]/);
    expect(() => new HashedTfidf().transform(["x"])).toThrow(/call fit/);
    const json = new HashedTfidf({ dimension: 8 }).fit(["x"]).toJSON();
    expect(() => HashedTfidf.fromJSON({ ...json, dfIndices: [9], dfCounts: [1] })).toThrow(/bucket 9 outside 0..7/);
  });
});
