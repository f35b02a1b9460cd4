import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { DelimitedRecordParser, type DelimitedParserOptions } from "./delimited-record-parser";
import type { SourceRecord } from "./map-records";
import { DEFAULT_READING_LIMITS } from "./reading-limits";

/** Parses `text` fed in pieces of the given sizes (cycled), taking records in batches of `batch`. */
function parsePieces(text: string, sizes: readonly number[], options: Partial<DelimitedParserOptions> = {}, batch = 3): SourceRecord[] {
  const parser = new DelimitedRecordParser("t.csv", { delimiter: ",", limits: DEFAULT_READING_LIMITS, ...options });
  const out: SourceRecord[] = [];
  const taken: SourceRecord[] = [];
  for (let at = 0, i = 0; at < text.length; at += sizes[i++ % sizes.length]!) {
    parser.feed(text.slice(at, at + sizes[i % sizes.length]!));
    while (parser.take(taken, batch, false)) out.push(...taken.splice(0));
  }
  while (parser.take(taken, batch, true)) out.push(...taken.splice(0));
  out.push(...taken);
  return out;
}

/** A seeded generator of awkward CSV: quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF, blank lines. */
function randomCsv(seed: number, rows: number): { csv: string; newline: string } {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
  const pieces = ["a", "b c", ",", '"', "\n", "\r\n", "é", "✓", " ", "x".repeat(40)];
  const field = () => {
    const raw = Array.from({ length: next(6) }, () => pieces[next(pieces.length)]).join("");
    return /[",\r\n]/.test(raw) || next(4) === 0 ? `"${raw.replace(/"/g, '""')}"` : raw;
  };
  const lines = ["h1,h2,h3"];
  for (let r = 0; r < rows; r++) {
    lines.push([field(), field(), field()].join(","));
    if (next(10) === 0) lines.push("");
  }
  const newline = next(2) === 0 ? "\n" : "\r\n";
  return { csv: lines.join(newline) + newline, newline };
}

describe("DelimitedRecordParser", () => {
  it("gives the same records, with start lines, whatever the piece and batch sizes", () => {
    const csv = 'id,text\n1,"a, ""b""\nc"\r\n\n2,plain\n3,"x"\n';
    const whole = parsePieces(csv, [csv.length]);
    expect(whole).toEqual([
      { line: 2, values: { id: "1", text: 'a, "b"\nc' } },
      { line: 5, values: { id: "2", text: "plain" } },
      { line: 6, values: { id: "3", text: "x" } },
    ]);
    for (const sizes of [[1], [2, 3], [7], [5, 1, 9]]) expect(parsePieces(csv, sizes, {}, 1)).toEqual(whole);
  });

  it("agrees with csv-parse on seeded random CSV with quotes, line breaks and CRLF, fed in small pieces", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { csv, newline } = randomCsv(seed, 60);
      const expected = parse(csv, { columns: true, skip_empty_lines: true, record_delimiter: newline }) as Record<string, string>[];
      const ours = parsePieces(csv, [1 + (seed % 13), 17, 64]).map((r) => r.values);
      expect(ours, `seed ${seed}`).toEqual(expected);
    }
  });

  it("reads old Mac CR line ends, multi-character delimiters and a __proto__ column as data", () => {
    expect(parsePieces("a,b\r1,2\r\r3,4\r", [3]).map((r) => [r.line, r.values])).toEqual([
      [2, { a: "1", b: "2" }],
      [4, { a: "3", b: "4" }],
    ]);
    expect(parsePieces("a::b\n1::2\n", [100], { delimiter: "::" })[0]!.values).toEqual({ a: "1", b: "2" });
    const [record] = parsePieces("__proto__,b\nx,y\n", [100]);
    expect(Object.keys(record!.values)).toEqual(["__proto__", "b"]);
    expect(Object.getPrototypeOf(record!.values)).toBe(Object.prototype);
  });

  it("treats quotes as text when the delimiter is a tab", () => {
    expect(parsePieces('a\tb\n"x\ty"z\n', [100], { delimiter: "\t" })[0]!.values).toEqual({ a: '"x', b: 'y"z' });
  });

  it("names the line of quote errors, of a wrong field count and of an unclosed quote", () => {
    expect(() => parsePieces('a,b\n1,x"y"\n', [100])).toThrow(/t\.csv line 2: Invalid Opening Quote: unquoted field 2/);
    expect(() => parsePieces('a,b\n1,"x\n"y\n', [100])).toThrow(/t\.csv line 3: Invalid Closing Quote: field 2/);
    expect(() => parsePieces('a,b\n"1\n\n",2,3\n', [2])).toThrow(/t\.csv line 2: the header has 2 columns but the row has 3 fields/);
    expect(() => parsePieces('a,b\n1,"open\n2,3\n4,5', [4])).toThrow(
      /t\.csv line 4: the file ends inside a quoted field: the quote opened on line 2 is never closed/,
    );
  });

  it("fails a record past maxFieldChars while it is still arriving, and refuses bad delimiters", () => {
    const limits = { ...DEFAULT_READING_LIMITS, maxFieldChars: 50 };
    expect(() => parsePieces(`a\n"${"x".repeat(200)}`, [10], { limits })).toThrow(/t\.csv line 2: a field is longer than the limit of 50 characters/);
    expect(() => parsePieces(`a\n${"x".repeat(200)}`, [10], { limits })).toThrow(/t\.csv line 2: a field is longer than the limit of 50/);
    expect(() => new DelimitedRecordParser("t.csv", { delimiter: '"', limits })).toThrow(/delimiter/);
    expect(() => new DelimitedRecordParser("t.csv", { delimiter: ",", columns: [], limits })).toThrow(/at least 1 column/);
  });
});
