import { describe, expect, it } from "vitest";
import { JsonlRecordParser } from "./jsonl-record-parser";
import type { SourceRecord } from "./map-records";
import { DEFAULT_READING_LIMITS, type ReadingLimits } from "./reading-limits";

function parsePieces(text: string, size: number, limits: ReadingLimits = DEFAULT_READING_LIMITS): SourceRecord[] {
  const parser = new JsonlRecordParser("t.jsonl", limits);
  const out: SourceRecord[] = [];
  for (let at = 0; at < text.length; at += size) {
    parser.feed(text.slice(at, at + size));
    while (parser.take(out, Infinity, false));
  }
  parser.take(out, Infinity, true);
  return out;
}

describe("JsonlRecordParser", () => {
  it("gives the same records, with lines, whatever the piece size", () => {
    const text = '{"a": 1}\r\n\n  {"b": [1, {"c": "}\\n{"}]}  \n{"d": "é"}';
    const whole = parsePieces(text, text.length);
    expect(whole).toEqual([
      { line: 1, values: { a: 1 } },
      { line: 3, values: { b: [1, { c: "}\n{" }] } },
      { line: 4, values: { d: "é" } },
    ]);
    for (const size of [1, 2, 5, 11]) expect(parsePieces(text, size)).toEqual(whole);
  });

  it("scans the depth only of lines with more openers than the limit, and still refuses deep ones", () => {
    const limits = { ...DEFAULT_READING_LIMITS, maxJsonDepth: 3 };
    // Many brackets but shallow: the scan runs and lets it through.
    expect(parsePieces('{"a": [1], "b": [2], "c": {"d": [3]}}\n', 100, limits)).toHaveLength(1);
    expect(() => parsePieces('{"a": 1}\n{"a": [[[1]]]}\n', 100, limits)).toThrow(/t\.jsonl line 2: JSON nested 4 levels deep; the limit is 3/);
    // Brackets inside strings are not nesting.
    expect(parsePieces('{"a": "[[[[[[{{{{"}\n', 4, limits)).toHaveLength(1);
  });

  it("counts keys only when a line is long enough to hold too many", () => {
    const limits = { ...DEFAULT_READING_LIMITS, maxColumns: 2 };
    expect(parsePieces('{"a":1,"b":2}\n', 3, limits)).toHaveLength(1);
    expect(() => parsePieces('{"a":1,"b":2,"c":3}\n', 3, limits)).toThrow(/line 1: the object has 3 keys; the limit is 2/);
  });

  it("fails a line past maxFieldChars while it is still arriving", () => {
    const limits = { ...DEFAULT_READING_LIMITS, maxFieldChars: 20 };
    expect(() => parsePieces(`{"a":1}\n{"b":"${"x".repeat(100)}`, 5, limits)).toThrow(/t\.jsonl line 2: the line is longer than the limit of 20 characters/);
  });
});
