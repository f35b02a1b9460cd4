import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createDatasetWithRows, createProgram, createProject, createRun } from "../index";
import { hasPseudolabels, readPseudolabels, savePseudolabels } from "./pseudolabels";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

async function seedRun(n: number) {
  const project = await createProject(db.prisma, { name: `pl-${Math.random().toString(36).slice(2, 8)}` });
  const rows = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, fields: { text: `row ${i}` }, split: "train" as const }));
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "toy", rows, chunkSize: 4 });
  await createProgram(db.prisma, { projectId: project.id, name: "p", language: "PYTHON", source: "def label_function(text):\n    return -1\n" });
  return createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
}

// 10 rows x 3 classes; row i's confidence falls as i grows (row 9 is uniform).
const k = 3;
const values = Array.from({ length: 10 }, (_, i) => {
  const top = 1 - (i * (2 / 3)) / 9;
  return [top, (1 - top) / 2, (1 - top) / 2];
}).flat();

describe("pseudolabels", () => {
  it("round-trips probabilities per chunk and decodes any row range", async () => {
    const run = await seedRun(10);
    expect(await hasPseudolabels(db.prisma, run.id)).toBe(false);
    expect(await savePseudolabels(db.prisma, { runId: run.id, chunkSize: 4, probs: { n: 10, k, values } })).toEqual({ chunks: 3 });
    const all = await readPseudolabels(db.prisma, run.id);
    expect(all.probs.length).toBe(30);
    for (let i = 0; i < 30; i++) expect(all.probs[i]).toBeCloseTo(values[i]!, 6);
    expect(Array.from(all.predicted)).toEqual(Array(10).fill(0));
    expect(all.confidence[0]).toBeCloseTo(1, 6);
    expect(all.entropy[9]).toBeCloseTo(Math.log(3), 5);
    const mid = await readPseudolabels(db.prisma, run.id, { fromIndex: 3, toIndex: 9 });
    expect(mid.fromIndex).toBe(3);
    expect(Array.from(mid.confidence)).toEqual(Array.from(all.confidence.slice(3, 9)));
    await expect(readPseudolabels(db.prisma, run.id, { fromIndex: 8, toIndex: 13 })).rejects.toThrow(/chunk\(s\) 3/);
  });

  it("replaces a run's chunks when written again instead of duplicating them", async () => {
    const run = await seedRun(10);
    await savePseudolabels(db.prisma, { runId: run.id, chunkSize: 4, probs: { n: 10, k, values } });
    const flipped = values.map((_, i) => values[i - (i % k) + (k - 1 - (i % k))]!);
    await savePseudolabels(db.prisma, { runId: run.id, chunkSize: 4, probs: { n: 10, k, values: flipped } });
    expect(await db.prisma.pseudolabel.count({ where: { runId: run.id } })).toBe(3);
    const back = await readPseudolabels(db.prisma, run.id, { fromIndex: 0, toIndex: 1 });
    expect(back.predicted[0]).toBe(2);
  });

  it("refuses probabilities that do not match n x k, leaving the stored ones", async () => {
    const run = await seedRun(10);
    await savePseudolabels(db.prisma, { runId: run.id, chunkSize: 4, probs: { n: 10, k, values } });
    await expect(savePseudolabels(db.prisma, { runId: run.id, chunkSize: 4, probs: { n: 10, k, values: values.slice(1) } })).rejects.toThrow(
      /29 probabilities for 10 rows x 3 classes/,
    );
    expect(await db.prisma.pseudolabel.count({ where: { runId: run.id } })).toBe(3);
  });
});
