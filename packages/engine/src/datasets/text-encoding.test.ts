import { describe, expect, it } from "vitest";
import { parseTextEncoding } from "./text-encoding";

describe("parseTextEncoding", () => {
  it("reads the names people write", () => {
    expect(["UTF-8", "utf8", "latin-1", "ISO-8859-1", "cp1252", "utf-16", "UTF-16LE", "auto"].map((n) => parseTextEncoding(n))).toEqual([
      "utf-8",
      "utf-8",
      "latin1",
      "latin1",
      "latin1",
      "utf-16",
      "utf-16le",
      "auto",
    ]);
  });
  it("names the accepted encodings for anything else", () => {
    expect(() => parseTextEncoding("ebcdic")).toThrow(/--encoding: unknown encoding "ebcdic"; use utf-8, latin-1, utf-16 or auto/);
  });
});
