// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the test checks the pure-TS hash against Node's reference implementation
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha1Hex } from "./sha1-hex";
import { wrenchTieIndex } from "./wrench-tie-index";

const reference = (text: string): string => createHash("sha1").update(text, "utf8").digest("hex");

describe("sha1Hex", () => {
  it("matches node:crypto on the FIPS vectors, block boundaries and non-ASCII text", () => {
    expect(sha1Hex("abc")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    const texts = ["", "0", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "a".repeat(1000), "héllo wörld ✓ 日本"];
    for (let i = 0; i < 2000; i += 7) texts.push(String(i));
    for (const t of texts) expect(sha1Hex(t), JSON.stringify(t)).toBe(reference(t));
  });
});

describe("wrenchTieIndex", () => {
  it("is int(sha1(str(i)).hexdigest(), 16) % nTies", () => {
    for (let i = 0; i < 500; i++) {
      for (const ties of [2, 3, 6]) expect(wrenchTieIndex(i, ties)).toBe(Number(BigInt(`0x${reference(String(i))}`) % BigInt(ties)));
    }
    // Values computed with Python: [int(hashlib.sha1(str(i).encode()).hexdigest(), 16) % 3 for i in range(10)]
    expect(Array.from({ length: 10 }, (_, i) => wrenchTieIndex(i, 3))).toEqual([0, 0, 0, 1, 0, 0, 1, 2, 1, 1]);
  });

  it("rejects negative rows and empty tie sets", () => {
    expect(() => wrenchTieIndex(-1, 2)).toThrow(/row must be a non-negative integer, got -1/);
    expect(() => wrenchTieIndex(3, 0)).toThrow(/nTies must be a positive integer, got 0/);
  });
});
