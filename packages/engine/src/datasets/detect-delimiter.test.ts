import { describe, expect, it } from "vitest";
import { detectDelimiter } from "./detect-delimiter";

describe("detectDelimiter", () => {
  it("finds each candidate delimiter", () => {
    expect(detectDelimiter("a,b,c\n1,2,3\n4,5,6\n")).toBe(",");
    expect(detectDelimiter("label\ttext\nham\thi, there, you\nspam\twin, now\n")).toBe("\t");
    expect(detectDelimiter("a;b\n1,5;2\n3,5;4\n")).toBe(";");
    expect(detectDelimiter("a|b|c\n1|2|3\n")).toBe("|");
  });

  it("ignores delimiters inside quoted fields, including multi-line ones", () => {
    const csv = 'id,text\n1,"a; b; c"\n2,"x;\ny; z"\n3,plain\n';
    expect(detectDelimiter(csv)).toBe(",");
  });

  it("ignores a BOM and a truncated last record", () => {
    expect(detectDelimiter("\uFEFFa;b\n1;2\n3;4\n5,6,7,8,9")).toBe(";");
  });

  it("falls back to a comma for a single column", () => {
    expect(detectDelimiter("text\nhello\nworld\n")).toBe(",");
    expect(detectDelimiter("")).toBe(",");
  });
});
