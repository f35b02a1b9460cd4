import { describe, expect, it } from "vitest";
import { bytesToVotes, votesToBytes } from "./votes";

describe("vote bytes", () => {
  it("round-trips signed votes through unsigned bytes without sharing memory", () => {
    const backing = Int8Array.of(9, -1, 0, 1, 127, -128, 9);
    const votes = backing.subarray(1, 6);
    const bytes = votesToBytes(votes);
    expect(Array.from(bytes)).toEqual([255, 0, 1, 127, 128]);
    backing[1] = 5;
    expect(Array.from(bytesToVotes(bytes))).toEqual([-1, 0, 1, 127, -128]);
    expect(Array.from(bytesToVotes(Buffer.from([255, 2]).subarray(1)))).toEqual([2]);
  });
});
