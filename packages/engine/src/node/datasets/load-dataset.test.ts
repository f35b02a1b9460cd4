import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "./load-dataset";

let dir: string;
const classNames = ["ham", "spam"];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "load-dataset-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe("loadDataset", () => {
  it("loads a header-less TSV with --columns, quotes kept as text", async () => {
    const path = await file("SMSSpamCollection", 'ham\tGo until "jurong"\nspam\tWIN "now\nham\tok, fine\n');
    const ds = await loadDataset(path, { mapping: { input: "text", label: "label" }, columns: ["label", "text"], classNames, seed: 1 });
    expect(ds.name).toBe("SMSSpamCollection");
    expect(ds.classNames).toEqual(classNames);
    expect(ds.rows.map((r) => [r.fields.text, r.gold])).toEqual([
      ['Go until "jurong"', 0],
      ['WIN "now', 1],
      ["ok, fine", 0],
    ]);
  });

  it("hints --columns when a mapped field is missing from the header", async () => {
    const path = await file("nohead.txt", "ham\thello\nspam\twin\n");
    const load = loadDataset(path, { mapping: { input: "text", label: "label" }, classNames, seed: 1 });
    await expect(load).rejects.toMatchObject({ code: "FIELD_NOT_FOUND" });
    await expect(load).rejects.toThrow(/input field "text" not found; available columns: ham, hello.*--columns/);
  });

  it("detects the delimiter of a .csv and honours a split column", async () => {
    const path = await file("semi.csv", "text;label;split\na;ham;train\nb;1;valid\nc;spam;test\n");
    const ds = await loadDataset(path, { mapping: { input: "text", label: "label", split: "split" }, classNames, seed: 1 });
    expect(ds.rows.map((r) => [r.fields.text, r.gold, r.split])).toEqual([
      ["a", 0, "train"],
      ["b", 1, "dev"],
      ["c", 1, "test"],
    ]);
  });

  it("sniffs JSON Lines without an extension and loads .jsonl", async () => {
    const content = '{"text": "a", "label": "spam"}\n{"text": "b", "label": 0}\n';
    for (const name of ["data", "data.jsonl"]) {
      const ds = await loadDataset(await file(name, content), { mapping: { input: "text", label: "label" }, classNames, seed: 1 });
      expect(ds.rows.map((r) => r.gold)).toEqual([1, 0]);
    }
  });

  it("loads a WRENCH folder with input defaulting to text, and checks the class count", async () => {
    const wrench = join(dir, "wrench");
    await mkdir(wrench);
    await writeFile(join(wrench, "label.json"), '{"0": "ham", "1": "spam"}');
    await writeFile(join(wrench, "train.json"), '{"0": {"label": 1, "weak_labels": [1], "data": {"text": "win"}}}');
    const ds = await loadDataset(wrench, { seed: 1 });
    expect(ds.rows).toEqual([{ id: "train-0", split: "train", gold: 1, fields: { text: "win" } }]);
    await expect(loadDataset(wrench, { seed: 1, classNames: ["a", "b", "c"] })).rejects.toThrow(/3 classes.*label\.json has 2/);
    await expect(loadDataset(wrench, { seed: 1, mapping: { input: "body" } })).rejects.toThrow(
      /input field "body" not found in "data"; available fields: text/,
    );
  });

  it("reports a missing path and a missing mapping", async () => {
    await expect(loadDataset(join(dir, "nope.csv"), { mapping: { input: "text" }, seed: 1 })).rejects.toMatchObject({ code: "DATASET_READ" });
    const path = await file("ok.csv", "text\na\n");
    await expect(loadDataset(path, { seed: 1 })).rejects.toThrow(/field mapping/);
  });
});
