import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createDatasetWithRows } from "./datasets";
import { chunkJobCounts, createChunkJobs, settleChunkJobs, settleOrphanChunkJobs } from "./chunk-jobs";
import { APPLY_CHUNK_QUEUE, createJob, listNewestAndActiveJobs, updateJob } from "./jobs";
import { chunksMissingVotes, readVoteColumn, saveChunkVotesMany, storedCodeHashes } from "./program-outputs";
import { listProgramStops, recordProgramStops } from "./program-stops";
import { createProgram } from "./programs";
import { createProject } from "./projects";
import { createRun } from "./runs";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

async function seed(name: string) {
  const project = await createProject(db.prisma, { name });
  const rows = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, fields: { text: `m${i}` }, split: "train" as const }));
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows, chunkSize: 10 });
  await createProgram(db.prisma, { projectId: project.id, name: "p", language: "JAVASCRIPT", source: "function label_function(t) { return -1; }" });
  const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
  return { project, dataset, run };
}

describe("apply fan-out repositories", () => {
  it("finds the chunks missing any program's votes in one query and stores a chunk's programs together", async () => {
    const { dataset } = await seed("missing");
    const votes = (n: number) => new Int8Array(n).fill(1);
    await saveChunkVotesMany(db.prisma, [
      { datasetId: dataset.id, codeHash: "a", chunkIndex: 0, votes: votes(10) },
      { datasetId: dataset.id, codeHash: "b", chunkIndex: 0, votes: votes(10) },
      { datasetId: dataset.id, codeHash: "a", chunkIndex: 2, votes: votes(5), faults: { disabled: 5 }, stopped: { row: 3, reason: "3 consecutive timeouts" } },
    ]);
    expect(await chunksMissingVotes(db.prisma, dataset.id, ["a", "b", "a"], 3)).toEqual([1, 2]);
    expect(await chunksMissingVotes(db.prisma, dataset.id, ["a"], 3)).toEqual([1]);
    expect([...(await storedCodeHashes(db.prisma, dataset.id, 2, ["a", "b"]))]).toEqual(["a"]);
    // Upserts: storing a chunk again replaces it, votes and all.
    await saveChunkVotesMany(db.prisma, [{ datasetId: dataset.id, codeHash: "a", chunkIndex: 1, votes: votes(10) }]);
    await saveChunkVotesMany(db.prisma, [
      {
        datasetId: dataset.id,
        codeHash: "a",
        chunkIndex: 1,
        votes: Int8Array.from({ length: 10 }, (_, i) => (i % 3) - 1),
        faults: { exception: 2 },
        firstError: "row 4: boom",
        millis: 12.4,
      },
    ]);
    expect(await db.prisma.programOutput.count({ where: { datasetId: dataset.id, codeHash: "a" } })).toBe(3);
    const replaced = await db.prisma.programOutput.findFirstOrThrow({ where: { datasetId: dataset.id, codeHash: "a", chunkIndex: 1 } });
    expect(replaced).toMatchObject({ chunkRows: 10, faults: { exception: 2 }, firstError: "row 4: boom", millis: 12, stopped: null });
    expect(Array.from(new Int8Array(replaced.votes.buffer, replaced.votes.byteOffset, replaced.votes.byteLength))).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 3) - 1),
    );
    await expect(
      saveChunkVotesMany(db.prisma, [
        { datasetId: dataset.id, codeHash: "a", chunkIndex: 1, votes: votes(10) },
        { datasetId: dataset.id, codeHash: "a", chunkIndex: 1, votes: votes(10) },
      ]),
    ).rejects.toThrow(/twice/);
    expect((await readVoteColumn(db.prisma, dataset, "a")).stopped).toEqual({ row: 3, reason: "3 consecutive timeouts" });
  });

  it("keeps the earliest stop of a program when two workers record it", async () => {
    const { run } = await seed("stops");
    await recordProgramStops(db.prisma, run.id, [{ codeHash: "h", chunkIndex: 5, row: 5003, reason: "time budget" }]);
    await recordProgramStops(db.prisma, run.id, [{ codeHash: "h", chunkIndex: 2, row: 2001, reason: "3 consecutive timeouts" }]);
    await recordProgramStops(db.prisma, run.id, [{ codeHash: "h", chunkIndex: 7, row: 7000, reason: "later" }]);
    expect(await listProgramStops(db.prisma, run.id)).toEqual(new Map([["h", { codeHash: "h", chunkIndex: 2, row: 2001, reason: "3 consecutive timeouts" }]]));
  });

  it("counts a generation's chunk rows, hides them from job lists and settles the ones their apply left behind", async () => {
    const { project, run } = await seed("rows");
    const parent = await createJob(db.prisma, { projectId: project.id, runId: run.id, queue: "apply-programs", externalId: run.id });
    const ids = [0, 1, 2].map((i) => ({ externalId: `${run.id}-7-${i}`, payload: { chunkIndex: i } }));
    expect(await createChunkJobs(db.prisma, { projectId: project.id, runId: run.id }, ids)).toBe(3);
    expect(await createChunkJobs(db.prisma, { projectId: project.id, runId: run.id }, ids)).toBe(0);
    await createChunkJobs(db.prisma, { projectId: project.id, runId: run.id }, [{ externalId: `${run.id}-6-0`, payload: { chunkIndex: 0 } }]);
    const rows = await db.prisma.job.findMany({
      where: { runId: run.id, queue: APPLY_CHUNK_QUEUE, externalId: { startsWith: `${run.id}-7-` } },
      orderBy: { externalId: "asc" },
    });
    await updateJob(db.prisma, rows[0]!.id, { status: "SUCCEEDED", result: { worker: "a:1" } });
    await updateJob(db.prisma, rows[1]!.id, { status: "SUCCEEDED", result: { worker: "b:2" } });
    expect(await chunkJobCounts(db.prisma, run.id, `${run.id}-7-`)).toEqual({
      total: 3,
      queued: 1,
      running: 0,
      succeeded: 2,
      failed: 0,
      cancelled: 0,
      workers: 2,
    });
    expect((await listNewestAndActiveJobs(db.prisma, project.id)).map((j) => j.id)).toEqual([parent.id]);
    // A new generation supersedes the old one's unfinished rows.
    expect(await settleChunkJobs(db.prisma, run.id, { exceptPrefix: `${run.id}-7-`, status: "CANCELLED", error: "superseded" })).toBe(1);
    expect(await settleOrphanChunkJobs(db.prisma)).toBe(0);
    await updateJob(db.prisma, parent.id, { status: "CANCELLED" });
    expect(await settleOrphanChunkJobs(db.prisma)).toBe(1);
    expect(await chunkJobCounts(db.prisma, run.id, `${run.id}-7-`)).toMatchObject({ succeeded: 2, cancelled: 1, queued: 0 });
  });
});
