import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../testing/seed-demo";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createProject } from "./projects";
import { readRunDataStamp } from "./run-data-stamp";

let db: TestDatabase;
let demo: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  db = await createTestDatabase();
  demo = await seedDemo(db.prisma);
});
afterAll(() => db?.drop());

const stamp = async () => (await readRunDataStamp(db.prisma, demo.projectId)).stamp;

describe("readRunDataStamp", () => {
  it("stays put without writes and changes on every insert, update and delete of the stamped tables", async () => {
    const first = await stamp();
    expect(await stamp()).toBe(first);
    const seen = new Set([first]);
    let added = "";
    const changes: [string, () => Promise<unknown>][] = [
      ["run analysis rewritten", () => db.prisma.run.update({ where: { id: demo.runId }, data: { analysis: { refit: 1 } } })],
      ["same run rewritten again", () => db.prisma.run.update({ where: { id: demo.runId }, data: { labelModel: "majority" } })],
      ["run added", async () => (added = (await db.prisma.run.create({ data: { projectId: demo.projectId, datasetId: demo.datasetId } })).id)],
      ["model trained", () => db.prisma.trainedModel.create({ data: { projectId: demo.projectId, runId: demo.runId, status: "SUCCEEDED" } })],
      ["task classes edited", () => db.prisma.task.updateMany({ where: { projectId: demo.projectId }, data: { classes: [{ name: "a" }, { name: "b" }] } })],
      ["dataset renamed", () => db.prisma.dataset.update({ where: { id: demo.datasetId }, data: { name: "renamed" } })],
      ["run deleted", () => db.prisma.run.delete({ where: { id: added } })],
    ];
    for (const [what, write] of changes) {
      await write();
      const next = await stamp();
      expect(seen.has(next), `${what} left the stamp as an earlier state's`).toBe(false);
      seen.add(next);
    }
  });

  it("ignores other projects' writes and reports queued or running jobs", async () => {
    const other = await createProject(db.prisma, { name: "other project", description: "" });
    const before = await readRunDataStamp(db.prisma, demo.projectId);
    await db.prisma.dataset.create({ data: { projectId: other.id, name: "elsewhere" } });
    expect(await readRunDataStamp(db.prisma, demo.projectId)).toEqual(before);
    expect(before.hasActiveJobs).toBe(false);
    const job = await db.prisma.job.create({ data: { projectId: demo.projectId, queue: "apply-programs", status: "RUNNING" } });
    expect((await readRunDataStamp(db.prisma, demo.projectId)).hasActiveJobs).toBe(true);
    await db.prisma.job.update({ where: { id: job.id }, data: { status: "SUCCEEDED" } });
    // An apply's chunk jobs are the parent's progress, not jobs of their own.
    await db.prisma.job.create({ data: { projectId: demo.projectId, queue: "apply-chunk", status: "RUNNING" } });
    expect(await readRunDataStamp(db.prisma, demo.projectId)).toEqual(before);
  });
});
