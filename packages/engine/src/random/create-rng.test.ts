import { describe, expect, it } from "vitest";
import { createRng } from "./create-rng";
import { seededShuffle } from "./seeded-shuffle";

describe("createRng", () => {
  it("is deterministic per seed and stays in [0, 1)", () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("gives unrelated streams for nearby seeds", () => {
    const first = [0, 1, 2, 3].map((s) => createRng(s)());
    expect(new Set(first).size).toBe(4);
    const a = createRng(1);
    const b = createRng(2);
    const same = Array.from({ length: 100 }, () => a() === b()).filter(Boolean).length;
    expect(same).toBe(0);
  });

  it("is roughly uniform", () => {
    const rng = createRng(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(rng() * 10)]!++;
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("rejects a non-integer seed", () => {
    expect(() => createRng(1.5)).toThrow(/integer, got 1.5/);
  });
});

describe("seededShuffle", () => {
  it("returns a deterministic permutation without touching the input", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = seededShuffle(items, 3);
    expect(seededShuffle(items, 3)).toEqual(a);
    expect(a).not.toEqual(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(items[0]).toBe(0);
    expect(seededShuffle(items, 4)).not.toEqual(a);
  });
});
