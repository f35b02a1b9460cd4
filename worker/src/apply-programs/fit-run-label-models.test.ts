import { labelMatrixFromRows } from "@alchemist/engine";
import { createDatasetWithRows, createProgram, createProject, createRun, createTask, getRun } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitRunLabelModels } from "./fit-run-label-models";
import { textTask } from "../testing/text-task";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

// 40 rows: 0..23 train (train gold is stored but must never matter), 24..31 dev, 32..39 test.
const gold = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 1 : 0));
const split = (i: number) => (i < 24 ? "train" : i < 32 ? "dev" : "test");
const votes = gold.map((y, i) => [y, i % 4 === 0 ? 1 - y : y, i % 5 === 0 ? -1 : y]);

async function seed(trainGold: (i: number) => number) {
  const project = await createProject(db.prisma, { name: `lm-${Math.random().toString(36).slice(2, 8)}` });
  const rows = gold.map((y, i) => ({
    id: `r${i}`,
    fields: { text: `row ${i}` },
    split: split(i) as "train" | "dev" | "test",
    gold: split(i) === "train" ? trainGold(i) : y,
  }));
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "toy", rows, chunkSize: 16, classNames: ["ham", "spam"] });
  await createTask(db.prisma, project.id, textTask("spam", "python", ["ham", "spam"]));
  await createProgram(db.prisma, { projectId: project.id, name: "silent", language: "PYTHON", source: "def label_function(text):\n    return -1\n" });
  const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
  return { run, dataset };
}

describe("fitRunLabelModels", () => {
  it("stores the chosen label model and the dev/test comparison on the run, never reading train gold", async () => {
    const a = await seed((i) => gold[i]!);
    const b = await seed((i) => 1 - gold[i]!);
    const L = labelMatrixFromRows(votes, 2);
    const first = await fitRunLabelModels(db.prisma, { runId: a.run.id, datasetId: a.dataset.id, L, k: 2 });
    const second = await fitRunLabelModels(db.prisma, { runId: b.run.id, datasetId: b.dataset.id, L, k: 2 });
    // Identical apart from fit times, whatever the stored train gold says.
    const stable = (r: typeof first) =>
      JSON.stringify({ ...r, metrics: { ...r.metrics, labelModels: r.metrics.labelModels.map((c) => ({ ...c, fitMs: 0 })) } });
    expect(stable(second)).toBe(stable(first));
    const stored = await getRun(db.prisma, a.run.id);
    expect(stored!.labelModel).toBe(first.labelModel);
    const metrics = stored!.metrics as {
      labelModel: { name: string; reason: string };
      labelModels: { name: string; chosen: boolean; dev: { f1: number }; test: { accuracy: number } }[];
    };
    expect(metrics.labelModels.map((c) => c.name)).toEqual(["mv", "wmv", "dawid-skene", "flyingsquid", "snorkel"]);
    expect(metrics.labelModels.filter((c) => c.chosen).map((c) => c.name)).toEqual([first.labelModel]);
    expect(metrics.labelModel.reason).toMatch(/on 8 dev rows with gold/);
    for (const c of metrics.labelModels) expect(c.test.accuracy).toBeGreaterThan(0.5);
  });
});
