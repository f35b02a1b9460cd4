import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelMatrixToRows } from "../../core/label-matrix";
import { readWrench } from "./read-wrench";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "read-wrench-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function folder(name: string, files: Record<string, unknown>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir);
  for (const [file, value] of Object.entries(files)) await writeFile(join(dir, file), JSON.stringify(value));
  return dir;
}

const entry = (label: number, weak: number[], text: string) => ({ label, weak_labels: weak, data: { text } });

describe("readWrench", () => {
  it("reads splits, ids, gold, class names and imported votes", async () => {
    const dir = await folder("tiny", {
      "label.json": { "0": "ham", "1": "spam" },
      "train.json": { "0": entry(0, [-1, 0, 1], "hi"), "5": entry(1, [1, 1, -1], "win") },
      "valid.json": { "0": entry(1, [1, -1, -1], "prize") },
      "test.json": { "9": entry(0, [-1, -1, -1], "ok") },
    });
    const ds = await readWrench(dir);
    expect(ds.name).toBe("tiny");
    expect(ds.classNames).toEqual(["ham", "spam"]);
    expect(ds.rows).toEqual([
      { id: "train-0", split: "train", gold: 0, fields: { text: "hi" } },
      { id: "train-5", split: "train", gold: 1, fields: { text: "win" } },
      { id: "dev-0", split: "dev", gold: 1, fields: { text: "prize" } },
      { id: "test-9", split: "test", gold: 0, fields: { text: "ok" } },
    ]);
    expect(ds.importedVotes?.names).toEqual(["lf_0", "lf_1", "lf_2"]);
    expect(labelMatrixToRows(ds.importedVotes!.L)).toEqual([
      [-1, 0, 1],
      [1, 1, -1],
      [1, -1, -1],
      [-1, -1, -1],
    ]);
  });

  it("names the file and id of a bad entry", async () => {
    const labels = { "0": "a", "1": "b" };
    const outOfRange = await folder("range", { "label.json": labels, "train.json": { "3": entry(2, [0], "x") } });
    await expect(readWrench(outOfRange)).rejects.toThrow(/train\.json id "3": label 2 is not a class index 0\.\.1/);
    const badVote = await folder("vote", { "label.json": labels, "train.json": { "0": entry(0, [0], "x"), "1": entry(0, [5], "y") } });
    await expect(readWrench(badVote)).rejects.toThrow(/train\.json id "1": weak_labels must be a list of votes in -1\.\.1/);
    const ragged = await folder("ragged", { "label.json": labels, "train.json": { "0": entry(0, [0, 1], "x") }, "test.json": { "1": entry(0, [1], "y") } });
    await expect(readWrench(ragged)).rejects.toThrow(/test\.json id "1": 1 weak_labels, expected 2/);
  });

  it("requires label.json with classes 0..k-1 and train.json", async () => {
    const gap = await folder("gap", { "label.json": { "0": "a", "2": "c" }, "train.json": {} });
    await expect(readWrench(gap)).rejects.toThrow(/class 1 has no name/);
    const noTrain = await folder("notrain", { "label.json": { "0": "a", "1": "b" } });
    await expect(readWrench(noTrain)).rejects.toMatchObject({ code: "DATASET_READ", message: expect.stringContaining("train.json") });
    await expect(readWrench(join(root, "absent"))).rejects.toThrow(/label\.json/);
  });
});
