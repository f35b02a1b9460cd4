import { describe, expect, it } from "vitest";
import { parseConceptLines } from "./parse-concept-lines";

describe("parseConceptLines", () => {
  it("keeps one trimmed concept per line, skipping blank lines and # comments, in order", () => {
    expect(parseConceptLines("  a round circle \r\n\n# colours\na red object\n")).toEqual(["a round circle", "a red object"]);
  });
  it("leaves duplicates for the payload schema to name", () => {
    expect(parseConceptLines("water\nwater")).toEqual(["water", "water"]);
  });
});
