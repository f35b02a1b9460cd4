import { describe, expect, it } from "vitest";
import { mapRecords, type MapRecordsOptions, type SourceRecord } from "./map-records";

const classNames = ["ham", "spam"];
const options = (mapping: MapRecordsOptions["mapping"]): MapRecordsOptions => ({ source: "data.csv", mapping, classNames, seed: 1 });
const records = (...values: Record<string, unknown>[]): SourceRecord[] => values.map((v, i) => ({ line: i + 2, values: v }));

describe("mapRecords", () => {
  it("maps gold labels given by name (any case) or by index", async () => {
    const rows = await mapRecords(
      records({ text: "a", y: "ham" }, { text: "b", y: "SPAM" }, { text: "c", y: "1" }, { text: "d", y: 0 }, { text: "e", y: "" }),
      options({ input: "text", label: "y" }),
    );
    expect(rows.map((r) => r.gold)).toEqual([0, 1, 1, 0, undefined]);
    expect(rows.map((r) => r.id)).toEqual(["1", "2", "3", "4", "5"]);
    expect(rows[0]!.fields).toEqual({ text: "a" });
  });

  it("rejects an unknown label, naming the file and line", async () => {
    const bad = records({ text: "a", y: "ham" }, { text: "b", y: "eggs" });
    await expect(mapRecords(bad, options({ input: "text", label: "y" }))).rejects.toThrow(
      /data\.csv line 3: label "eggs" is not one of the classes ham, spam or an index 0\.\.1/,
    );
    await expect(mapRecords(records({ text: "a", y: 2 }), options({ input: "text", label: "y" }))).rejects.toMatchObject({ code: "DATASET_PARSE" });
  });

  it("reads a split column, case-insensitive, with valid/validation as dev", async () => {
    const rows = await mapRecords(
      records({ t: "a", s: "train" }, { t: "b", s: "Valid" }, { t: "c", s: "VALIDATION" }, { t: "d", s: " test " }, { t: "e", s: "dev" }),
      options({ input: "t", split: "s" }),
    );
    expect(rows.map((r) => r.split)).toEqual(["train", "dev", "dev", "test", "dev"]);
    await expect(mapRecords(records({ t: "a", s: "holdout" }), options({ input: "t", split: "s" }))).rejects.toThrow(/data\.csv line 2: split "holdout"/);
  });

  it("assigns seeded splits when there is no split column", async () => {
    const many = records(...Array.from({ length: 50 }, (_, i) => ({ t: `row ${i}` })));
    const a = await mapRecords(many, options({ input: "t" }));
    const b = await mapRecords(many, options({ input: "t" }));
    const c = await mapRecords(many, { ...options({ input: "t" }), seed: 2 });
    expect(a.map((r) => r.split)).toEqual(b.map((r) => r.split));
    expect(a.map((r) => r.split)).not.toEqual(c.map((r) => r.split));
    expect(a.filter((r) => r.split === "test")).toHaveLength(10);
    expect(a.filter((r) => r.split === "dev")).toHaveLength(5);
  });

  it("takes ids from the id field and rejects duplicates, naming both lines", async () => {
    const rows = await mapRecords(records({ id: "x1", t: "a" }, { id: 7, t: "b" }), options({ input: "t", id: "id" }));
    expect(rows.map((r) => r.id)).toEqual(["x1", "7"]);
    const dup = records({ id: "x1", t: "a" }, { id: "x2", t: "b" }, { id: "x1", t: "c" });
    await expect(mapRecords(dup, options({ input: "t", id: "id" }))).rejects.toThrow(/duplicate id "x1" on lines 2 and 4/);
  });

  it("names the file, field and available columns when a mapped field is missing", async () => {
    const promise = mapRecords(records({ label: "ham", body: "hi" }), options({ input: "text", label: "label" }));
    await expect(promise).rejects.toThrow(/data\.csv: input field "text" not found; available columns: label, body/);
    await expect(mapRecords(records({ text: "a" }), options({ input: "text", label: "y" }))).rejects.toMatchObject({ code: "FIELD_NOT_FOUND" });
  });

  it("allows an empty input value but not a record without the input field", async () => {
    const rows = await mapRecords(records({ text: "" }, { text: "b" }), options({ input: ["text"] }));
    expect(rows[0]!.fields.text).toBe("");
    await expect(mapRecords(records({ text: "a" }, { other: "b" }), options({ input: "text" }))).rejects.toThrow(
      /data\.csv line 3: input field "text" is missing/,
    );
  });

  it("reads async iterables and returns nothing for no records", async () => {
    async function* source() {
      yield* records({ text: "a", y: "spam" });
    }
    const rows = await mapRecords(source(), options({ input: "text", label: "y" }));
    expect(rows).toEqual([{ id: "1", fields: { text: "a" }, split: "train", gold: 1 }]);
    expect(await mapRecords([], options({ input: "text" }))).toEqual([]);
  });
});
