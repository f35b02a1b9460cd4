import type { DataRow } from "@alchemist/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatasetWithRows } from "./repositories/datasets";
import { getLatestDataset, readRowPage, readSampleRows } from "./repositories/row-pages";
import { createProject } from "./repositories/projects";
import { createJob, updateJob } from "./repositories/jobs";
import { getProjectTask, saveProjectTask } from "./repositories/tasks";
import { createTestDatabase, type TestDatabase } from "./testing/create-test-database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const rows: DataRow[] = Array.from({ length: 30 }, (_, i) => ({
  id: `r${i}`,
  fields: { text: `m${i}` },
  split: i % 5 === 0 ? "dev" : "train",
  ...(i % 10 === 0 ? { gold: 1 } : {}),
}));
const spec = (names: string[], description = "") => ({
  name: "t",
  description,
  input: "text",
  language: "python" as const,
  functionName: "label_function",
  classes: names.map((name) => ({ name, description: "" })),
});

describe("studio repositories", () => {
  it("reports insert progress, stores class names, pages rows and samples dev rows with gold first", async () => {
    const project = await createProject(db.prisma, { name: "s1" });
    const seen: number[] = [];
    const dataset = await createDatasetWithRows(db.prisma, {
      projectId: project.id,
      name: "d",
      rows,
      batchSize: 12,
      classNames: ["ham", "spam"],
      onProgress: (n) => void seen.push(n),
    });
    expect(seen).toEqual([12, 24, 30]);
    expect(dataset.classNames).toEqual(["ham", "spam"]);
    const page = await readRowPage(db.prisma, dataset.id, 2, 12);
    expect(page.total).toBe(30);
    expect(page.rows.map((r) => r.index)).toEqual([24, 25, 26, 27, 28, 29]);
    await expect(readRowPage(db.prisma, dataset.id, 0, 501)).rejects.toThrow(/1..500, got 501/);
    const sample = await readSampleRows(db.prisma, dataset.id, 5);
    expect(sample.map((r) => r.index)).toEqual([0, 1, 2, 10, 20]);
    expect((await getLatestDataset(db.prisma, project.id))?.id).toBe(dataset.id);
  });

  it("creates the task once and then updates it in place; stores a job's result", async () => {
    const project = await createProject(db.prisma, { name: "s2" });
    const first = await saveProjectTask(db.prisma, project.id, spec(["ham", "spam"]));
    const second = await saveProjectTask(db.prisma, project.id, spec(["ham", "spam", "other"], "three"));
    expect(second.id).toBe(first.id);
    expect((await getProjectTask(db.prisma, project.id)).description).toBe("three");
    await expect(saveProjectTask(db.prisma, project.id, spec(["one"]))).rejects.toThrow(/1 classes/);
    const a = await createJob(db.prisma, { projectId: project.id, queue: "import-dataset" });
    const b = await createJob(db.prisma, { projectId: project.id, queue: "import-dataset" });
    await updateJob(db.prisma, b.id, { status: "SUCCEEDED", result: { datasetId: "x" } });
    expect((await db.prisma.job.findUnique({ where: { id: a.id } }))?.status).toBe("QUEUED");
    expect((await db.prisma.job.findUnique({ where: { id: b.id } }))?.result).toEqual({ datasetId: "x" });
  });
});
