import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "./load-dataset";
import { readLabelStudio } from "./read-label-studio";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "read-label-studio-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const choice = (c: string) => [{ from_name: "sentiment", to_name: "text", type: "choices", value: { choices: [c] } }];
const tasks = [
  { id: 1, data: { text: "good" }, annotations: [{ result: choice("pos") }], predictions: [{ model_version: "lf_good", result: choice("pos") }] },
  {
    id: 2,
    data: { text: "bad" },
    annotations: [],
    predictions: [
      { model_version: "lf_good", result: [] },
      { model_version: "alchemist-label-model", score: 0.5, result: choice("neg") },
    ],
  },
];

describe("readLabelStudio", () => {
  it("loadDataset reads a .json list of tasks as Label Studio without being told", async () => {
    const path = join(dir, "project-1.json");
    await writeFile(path, `\uFEFF ${JSON.stringify(tasks)}`);
    const ds = await loadDataset(path, { mapping: { input: "text" }, classNames: ["neg", "pos"], seed: 1 });
    expect(ds.rows.map((r) => [r.id, r.fields, r.gold])).toEqual([
      ["1", { text: "good" }, 1],
      ["2", { text: "bad" }, undefined],
    ]);
    expect(ds.importedVotes?.names).toEqual(["lf_good"]);
    expect(Array.from(ds.importedVotes!.L.values)).toEqual([1, -1]);
  });

  it("refuses what is not a Label Studio export, naming the file", async () => {
    const empty = join(dir, "empty.json");
    await writeFile(empty, " \n");
    await expect(readLabelStudio(empty, { classNames: ["a", "b"], inputs: "text", seed: 1 })).rejects.toThrow(`${empty} is empty: no Label Studio tasks`);
    const broken = join(dir, "broken.json");
    await writeFile(broken, '[{"data": {"text": "x"}');
    await expect(readLabelStudio(broken, { classNames: ["a", "b"], inputs: "text", seed: 1 })).rejects.toThrow(`${broken}: not valid JSON`);
    const deep = join(dir, "deep.json");
    await writeFile(deep, `${"[".repeat(100)}${"]".repeat(100)}`);
    await expect(readLabelStudio(deep, { classNames: ["a", "b"], inputs: "text", seed: 1 })).rejects.toThrow(/nested 100 levels deep; the limit is 64/);
    const binary = join(dir, "png.json");
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    await expect(readLabelStudio(binary, { classNames: ["a", "b"], inputs: "text", seed: 1 })).rejects.toThrow(/png\.json/);
  });
});
