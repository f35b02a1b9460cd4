import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createDatasetWithRows } from "./datasets";
import { createChunkJobs } from "./chunk-jobs";
import { APPLY_CHUNK_QUEUE, createJob, hasActiveJobs, listActiveJobs, listJobs, updateJob } from "./jobs";
import { createProgram } from "./programs";
import { createProject } from "./projects";
import { createRun } from "./runs";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("active jobs (what pages follow live)", () => {
  it("counts queued and running jobs of the project only, never an apply's chunk rows, and lists an old active job the newest page misses", async () => {
    const project = await createProject(db.prisma, { name: "live" });
    const other = await createProject(db.prisma, { name: "other" });
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows: [{ id: "r0", fields: { text: "a" }, split: "train" }] });
    await createProgram(db.prisma, { projectId: project.id, name: "p", language: "JAVASCRIPT", source: "function label_function(t) { return -1; }" });
    const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
    expect(await hasActiveJobs(db.prisma, project.id)).toBe(false);

    // A chunk row left queued is internal to its apply: the page has nothing to follow.
    await createChunkJobs(db.prisma, { projectId: project.id, runId: run.id }, [{ externalId: `${run.id}-1-0`, payload: {} }]);
    await createJob(db.prisma, { projectId: other.id, queue: "export" });
    expect(await hasActiveJobs(db.prisma, project.id)).toBe(false);
    expect(await listActiveJobs(db.prisma, project.id)).toEqual([]);

    const old = await createJob(db.prisma, { projectId: project.id, queue: "train-model" });
    await updateJob(db.prisma, old.id, { status: "RUNNING", progress: 10 });
    for (let i = 0; i < 3; i++)
      await updateJob(db.prisma, (await createJob(db.prisma, { projectId: project.id, queue: "export" })).id, { status: "SUCCEEDED" });
    expect(await hasActiveJobs(db.prisma, project.id)).toBe(true);
    // The newest two jobs leave the running one out; listActiveJobs still names it.
    expect((await listJobs(db.prisma, project.id, 2)).map((j) => j.id)).not.toContain(old.id);
    expect((await listActiveJobs(db.prisma, project.id)).map((j) => [j.id, j.status])).toEqual([[old.id, "RUNNING"]]);
    expect((await listActiveJobs(db.prisma, project.id)).some((j) => j.queue === APPLY_CHUNK_QUEUE)).toBe(false);

    await updateJob(db.prisma, old.id, { status: "CANCELLED" });
    expect(await hasActiveJobs(db.prisma, project.id)).toBe(false);
  });
});
