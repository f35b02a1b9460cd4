import { describe, expect, it } from "vitest";
import { guessMapping } from "./guess-mapping";
import { uploadFormat } from "./upload-format";

describe("guessMapping", () => {
  it("picks conventional names, else the longest column as input", () => {
    expect(guessMapping(["ID", "Text", "Label", "split"], [])).toEqual({ input: "Text", label: "Label", split: "split", id: "ID" });
    const rows = [{ a: "x", b: "a much longer value", c: "1" }];
    expect(guessMapping(["a", "b", "c"], rows)).toEqual({ input: "b", label: null, split: null, id: null });
    expect(guessMapping([], []).input).toBeNull();
  });
});

describe("uploadFormat", () => {
  it("maps extensions and rejects the rest", () => {
    expect(uploadFormat("a.CSV")).toBe("csv");
    expect(uploadFormat("a.tsv")).toBe("tsv");
    expect(uploadFormat("a.ndjson")).toBe("jsonl");
    expect(uploadFormat("a.xlsx")).toBeNull();
    expect(uploadFormat("noext")).toBeNull();
  });
});
