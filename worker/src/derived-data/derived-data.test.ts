import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, readReviewOrder, reviewOrderState, runDiffState, runPrograms, savePseudolabels, jobRows } from "@alchemist/db";
import { createTestDatabase, seedDemo, type TestDatabase } from "@alchemist/db/testing";
import { conflictReviewOrder, entropyReviewOrder } from "@alchemist/engine";
import { QUEUES, enqueue, parseReviewOrderPayload, parseRunDiffPayload, runDiffJobId } from "@alchemist/jobs";
import { createMember } from "../testing/create-member";
import { reviewOrderService } from "./review-order-service";
import { runDiffService } from "./run-diff-service";
import { startQueueWorkers, type QueueWorkers } from "../start-queue-workers";
import { createReviewOrderProcessor, createRunDiffProcessor } from "./derived-data-processors";
import { watchRunChanges } from "./watch-run-changes";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let db: TestDatabase;
let demo: Awaited<ReturnType<typeof seedDemo>>;
let actorId: string;
const report = async () => undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  demo = await seedDemo(db.prisma);
  actorId = await createMember(db.prisma, demo.projectId, "VIEWER");
});
afterAll(() => db?.drop());

/** Two-class pseudolabels for every demo row: p(class 1) per row from `p`. */
async function fit(runId: string, p: (i: number) => number) {
  const n = 200;
  await savePseudolabels(db.prisma, { runId, chunkSize: 100, probs: { n, k: 2, values: Array.from({ length: n }, (_, i) => [1 - p(i), p(i)]).flat() } });
}

describe("review-order job", () => {
  it("stores the conflict order (sorted off the event loop) and leaves a current one alone", async () => {
    const payload = parseReviewOrderPayload({ projectId: demo.projectId, runId: demo.runId, kind: "conflict", actorId });
    const stages: string[] = [];
    const result = await reviewOrderService(db.prisma, payload, async (_p, stage) => void stages.push(stage));
    expect(result).toMatchObject({ runId: demo.runId, kind: "conflict", rows: 200, upToDate: false });
    expect(stages).toEqual(["reading the programs' stored votes", "ordering rows by conflict"]);
    const state = await reviewOrderState(db.prisma, demo.runId, "conflict");
    expect(state.fresh).toBe(true);
    // The same order the engine gives in-process.
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: demo.runId } });
    const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: demo.datasetId } });
    const { assembleLabelMatrix } = await import("@alchemist/db");
    const expected = conflictReviewOrder(
      (
        await assembleLabelMatrix(
          db.prisma,
          dataset,
          runPrograms(run).map((p) => p.codeHash),
        )
      ).L,
    );
    expect(await readReviewOrder(db.prisma, state.stored!.id)).toEqual(expected.indices);
    expect(result.scored).toBe(expected.scored);
    expect(await reviewOrderService(db.prisma, payload, report)).toMatchObject({ upToDate: true });
  });

  it("orders by uncertainty once pseudolabels exist, stamped with their write; a refit makes it stale", async () => {
    await fit(demo.runId, (i) => i / 199);
    const payload = parseReviewOrderPayload({ projectId: demo.projectId, runId: demo.runId, kind: "uncertainty", actorId });
    expect(await reviewOrderService(db.prisma, payload, report)).toMatchObject({ kind: "uncertainty", upToDate: false, scored: 198 });
    const state = await reviewOrderState(db.prisma, demo.runId, "uncertainty");
    expect(state.fresh).toBe(true);
    const indices = await readReviewOrder(db.prisma, state.stored!.id);
    expect([...indices.slice(0, 2)].sort((a, b) => a - b)).toEqual([99, 100]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await fit(demo.runId, (i) => (i === 7 ? 0.5 : 0.01));
    expect((await reviewOrderState(db.prisma, demo.runId, "uncertainty")).fresh).toBe(false);
    await reviewOrderService(db.prisma, payload, report);
    const refit = await reviewOrderState(db.prisma, demo.runId, "uncertainty");
    expect(refit.fresh).toBe(true);
    expect((await readReviewOrder(db.prisma, refit.stored!.id))[0]).toBe(7);
    expect(Array.from(entropyReviewOrder(Float32Array.from([0.1, 0.5])).indices)).toEqual([1, 0]);
  });

  it("orders by likely errors (the label-error audit, in the thread) once pseudolabels exist, stamped like uncertainty", async () => {
    const other = await createRun(db.prisma, { projectId: demo.projectId, datasetId: demo.datasetId });
    expect(await reviewOrderState(db.prisma, other.id, "likely-errors")).toMatchObject({ kind: "conflict", fallback: true });
    // pseudolabels that say class 1 on every row: dev gold of class 0 and the votes dispute them
    await fit(demo.runId, () => 0.9);
    const payload = parseReviewOrderPayload({ projectId: demo.projectId, runId: demo.runId, kind: "likely-errors", actorId });
    const stages: string[] = [];
    const result = await reviewOrderService(db.prisma, payload, async (_p, stage) => void stages.push(stage));
    expect(result).toMatchObject({ kind: "likely-errors", rows: 200, upToDate: false });
    expect(result.scored).toBeGreaterThan(0);
    expect(stages[1]).toMatch(/^auditing the labels: 5 out-of-fold distilled models/);
    const state = await reviewOrderState(db.prisma, demo.runId, "likely-errors");
    expect(state).toMatchObject({ kind: "likely-errors", fresh: true, fallback: false });
    const indices = await readReviewOrder(db.prisma, state.stored!.id);
    expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    // test rows are never audited: none of the likely errors is a test row
    const rows = await db.prisma.row.findMany({
      where: { datasetId: demo.datasetId, index: { in: [...indices.slice(0, result.scored)] } },
      select: { split: true },
    });
    expect(rows.every((r) => r.split !== "TEST")).toBe(true);
    expect(await reviewOrderService(db.prisma, payload, report)).toMatchObject({ upToDate: true });
  });

  it("fails for an actor who left the project, writing nothing", async () => {
    const gone = await createMember(db.prisma, demo.projectId, "VIEWER");
    await db.prisma.membership.deleteMany({ where: { userId: gone } });
    const before = await db.prisma.reviewOrder.findMany({ where: { runId: demo.runId } });
    await db.prisma.reviewOrder.deleteMany({ where: { runId: demo.runId, kind: "conflict" } });
    await expect(
      reviewOrderService(db.prisma, parseReviewOrderPayload({ projectId: demo.projectId, runId: demo.runId, kind: "conflict", actorId: gone }), report),
    ).rejects.toThrow(/not a member|no longer/);
    expect(await db.prisma.reviewOrder.count({ where: { runId: demo.runId, kind: "conflict" } })).toBe(0);
    expect(before.length).toBeGreaterThan(0);
  });
});

describe("run-diff job", () => {
  it("stores the diff of two runs with per-chunk progress, then finds it current", async () => {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: demo.runId } });
    // Run B drops the first program: rows it voted on may change label.
    const kept = runPrograms(run)
      .slice(1)
      .map((p) => p.programVersionId);
    const runB = await createRun(db.prisma, { projectId: demo.projectId, datasetId: demo.datasetId, programVersionIds: kept });
    await fit(runB.id, (i) => (i % 3 === 0 ? 0.9 : 0.01));
    const payload = parseRunDiffPayload({ projectId: demo.projectId, runAId: demo.runId, runBId: runB.id, actorId });
    const progress: number[] = [];
    const result = await runDiffService(db.prisma, payload, { report: async (p) => void progress.push(p) });
    expect(result).toMatchObject({ rows: 200, upToDate: false });
    expect(result.changed).toBeGreaterThan(0);
    expect(progress).toEqual([50, 100]);
    const state = await runDiffState(db.prisma, { projectId: demo.projectId, runAId: demo.runId, runBId: runB.id });
    expect(state.result?.changed).toBe(result.changed);
    expect(state.result?.programs.removed.map((p) => p.name)).toEqual([runPrograms(run)[0]!.name]);
    expect(await runDiffService(db.prisma, payload, { report })).toMatchObject({ upToDate: true });
  });
});

describe("derived-data workers", () => {
  const prefix = `derived-test-${randomUUID().slice(0, 8)}`;
  let connection: Redis;
  let changer: Worker;
  let started: QueueWorkers;
  let watcher: { close(): Promise<void> };
  beforeAll(async () => {
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    // Stands in for apply-programs: a job that completes with a run-changing payload.
    changer = new Worker("fake-apply", async () => ({ ok: true }), { connection: { url: REDIS_URL }, prefix });
    started = await startQueueWorkers(
      { "review-order": { processor: createReviewOrderProcessor({ db: db.prisma }) }, "run-diff": { processor: createRunDiffProcessor({ db: db.prisma }) } },
      { db: db.prisma, connection, prefix },
    );
    watcher = watchRunChanges({ db: db.prisma, connection, prefix, runChangers: [changer] });
  });
  afterAll(async () => {
    await Promise.all([started.close(), changer.close(), watcher.close()]);
    await connection.quit();
  });

  it("queues the run's stale review orders when a run-changing job completes, and runs them through the queue", async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await fit(demo.runId, (i) => (i === 42 ? 0.5 : 0.02));
    expect((await reviewOrderState(db.prisma, demo.runId, "uncertainty")).fresh).toBe(false);
    const apply = new Queue("fake-apply", { connection: { url: REDIS_URL }, prefix });
    await apply.add("fake-apply", { projectId: demo.projectId, runId: demo.runId, datasetId: demo.datasetId, actorId, mode: "rescore" });
    await expect.poll(async () => (await reviewOrderState(db.prisma, demo.runId, "uncertainty")).fresh, { timeout: 20_000 }).toBe(true);
    const state = await reviewOrderState(db.prisma, demo.runId, "uncertainty");
    expect((await readReviewOrder(db.prisma, state.stored!.id))[0]).toBe(42);
    const jobs = await db.prisma.job.findMany({
      where: { runId: demo.runId, queue: QUEUES.reviewOrder, externalId: { endsWith: String(state.stamp!.getTime()) } },
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: "SUCCEEDED", progress: 100, payload: { kind: "uncertainty", actorId } });
    await apply.close();
  });

  it("runs a run-diff job enqueued once for two page views racing", async () => {
    const runB = await createRun(db.prisma, { projectId: demo.projectId, datasetId: demo.datasetId });
    await fit(runB.id, (i) => (i % 2 ? 0.8 : 0.1));
    const { stamps } = await runDiffState(db.prisma, { projectId: demo.projectId, runAId: demo.runId, runBId: runB.id });
    const queue = new Queue(QUEUES.runDiff, { connection: { url: REDIS_URL }, prefix });
    const jobId = runDiffJobId(demo.runId, runB.id, stamps.a.getTime(), stamps.b.getTime());
    const input = { projectId: demo.projectId, runAId: demo.runId, runBId: runB.id, actorId };
    const both = await Promise.all([1, 2].map(() => enqueue({ queue, rows: jobRows(db.prisma) }, QUEUES.runDiff, input, { jobId, runId: runB.id })));
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    expect(both[0]!.row.id).toBe(both[1]!.row.id);
    await expect.poll(async () => (await db.prisma.job.findUniqueOrThrow({ where: { id: both[0]!.row.id } })).status, { timeout: 20_000 }).toBe("SUCCEEDED");
    expect((await runDiffState(db.prisma, { projectId: demo.projectId, runAId: demo.runId, runBId: runB.id })).result).not.toBeNull();
    expect(await db.prisma.job.count({ where: { externalId: jobId } })).toBe(1);
    await queue.close();
  });
});
