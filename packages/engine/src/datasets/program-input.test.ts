import { describe, expect, it } from "vitest";
import type { DataRow } from "../core/dataset";
import { programInput } from "./program-input";

const row: DataRow = { id: "7", split: "train", fields: { title: "Win", body: "", n: 3 } };

describe("programInput", () => {
  it("passes one field's value, or a record for a list of fields", () => {
    expect(programInput(row, "title")).toBe("Win");
    expect(programInput(row, "body")).toBe("");
    expect(programInput(row, ["title", "n"])).toEqual({ title: "Win", n: 3 });
  });

  it("names the row and field when the field is missing", () => {
    expect(() => programInput(row, "text")).toThrow(/row 7 has no field "text"; fields: title, body, n/);
    expect(() => programInput(row, [])).toThrow(/0 fields/);
  });
});
