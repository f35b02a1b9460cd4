import { describe, expect, it } from "vitest";
import { dataColumns } from "./data-columns";

describe("dataColumns", () => {
  it("reads a CSV or TSV header row, quotes included", () => {
    expect(dataColumns('\uFEFFid,"the ""text""",label\r\n1,hi,spam', "csv")).toEqual(["id", 'the "text"', "label"]);
    expect(dataColumns("ref\tbody\nr1\thello", "tsv")).toEqual(["ref", "body"]);
    expect(dataColumns('"a,b",c', "csv")).toEqual(["a,b", "c"]);
  });

  it("reads the keys of the first JSON line, and gives [] for anything else", () => {
    expect(dataColumns('\n{"ref": 1, "body": "hi"}\n{"x": 2}', "jsonl")).toEqual(["ref", "body"]);
    expect(dataColumns("[1,2]", "jsonl")).toEqual([]);
    expect(dataColumns("{not json", "jsonl")).toEqual([]);
    expect(dataColumns("", "csv")).toEqual([]);
  });
});
