import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createDatasetWithRows } from "./datasets";
import { createChunkJobs } from "./chunk-jobs";
import { APPLY_CHUNK_QUEUE, createJob, hasActiveJobs, listNewestAndActiveJobs, updateJob } from "./jobs";
import { createProgram } from "./programs";
import { createProject } from "./projects";
import { createRun } from "./runs";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const ids = async (projectId: string, take: number) => (await listNewestAndActiveJobs(db.prisma, projectId, take)).map((j) => [j.queue, j.status]);

describe("listNewestAndActiveJobs (what pages list and follow live)", () => {
  it("lists the project's newest jobs and every queued or running one, newest first, never an apply's chunk rows", async () => {
    const project = await createProject(db.prisma, { name: "live" });
    const other = await createProject(db.prisma, { name: "other" });
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows: [{ id: "r0", fields: { text: "a" }, split: "train" }] });
    await createProgram(db.prisma, { projectId: project.id, name: "p", language: "JAVASCRIPT", source: "function label_function(t) { return -1; }" });
    const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
    expect(await listNewestAndActiveJobs(db.prisma, project.id, 5)).toEqual([]);

    // A chunk row left queued is internal to its apply: the page has nothing to follow.
    await createChunkJobs(db.prisma, { projectId: project.id, runId: run.id }, [{ externalId: `${run.id}-1-0`, payload: {} }]);
    await createJob(db.prisma, { projectId: other.id, queue: "export" });
    expect(await listNewestAndActiveJobs(db.prisma, project.id, 5)).toEqual([]);
    expect(await hasActiveJobs(db.prisma, project.id)).toBe(false);

    const old = await createJob(db.prisma, { projectId: project.id, queue: "train-model" });
    await updateJob(db.prisma, old.id, { status: "RUNNING", progress: 10 });
    await updateJob(db.prisma, old.id, { result: { note: "half way" } });
    const newest: string[] = [];
    for (let i = 0; i < 3; i++) {
      const job = await createJob(db.prisma, { projectId: project.id, queue: "export" });
      await updateJob(db.prisma, job.id, { status: "SUCCEEDED" });
      newest.unshift(job.id);
    }
    expect(await hasActiveJobs(db.prisma, project.id)).toBe(true);
    // The newest two jobs would leave the running one out: it comes after them, once.
    const listed = await listNewestAndActiveJobs(db.prisma, project.id, 2);
    expect(listed.map((j) => j.id)).toEqual([...newest.slice(0, 2), old.id]);
    expect(await ids(project.id, 2)).toEqual([
      ["export", "SUCCEEDED"],
      ["export", "SUCCEEDED"],
      ["train-model", "RUNNING"],
    ]);
    // A newest page that already holds it lists it once; the rows read like Prisma's (dates, JSON, no payload).
    expect((await listNewestAndActiveJobs(db.prisma, project.id, 10)).map((j) => j.id)).toEqual([...newest, old.id]);
    const running = listed[2]!;
    const stored = await db.prisma.job.findUniqueOrThrow({ where: { id: old.id } });
    const { payload: _payload, ...summary } = stored;
    expect(running).toEqual(summary);
    expect(running.startedAt).toBeInstanceOf(Date);
    expect(listed.some((j) => j.queue === APPLY_CHUNK_QUEUE)).toBe(false);

    await updateJob(db.prisma, old.id, { status: "CANCELLED" });
    expect(await hasActiveJobs(db.prisma, project.id)).toBe(false);
    expect(await ids(project.id, 2)).toEqual([
      ["export", "SUCCEEDED"],
      ["export", "SUCCEEDED"],
    ]);
    await expect(listNewestAndActiveJobs(db.prisma, project.id, 0)).rejects.toThrow(/positive whole number of jobs, got 0/);
  });
});
