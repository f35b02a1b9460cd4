import { randomBytes } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import {
  createDatasetWithRows,
  createGenerationRequest,
  createImprovementRound,
  createJob,
  createProgram,
  createProject,
  createRun,
  createTrainedModel,
  getImprovementRound,
  getRun,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES, cancelChannel, parseCancelMessage } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelJobCore, type CancelDeps } from "./cancel-job";

// Real Postgres and Redis; a real BullMQ worker stands in for the studio's worker process and
// honours the cancel channel the way it does (the worker side is tested in worker/).
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
let db: TestDatabase;
let queue: Queue;
let publisher: Redis;
let deps: CancelDeps;

beforeAll(async () => {
  db = await createTestDatabase();
  queue = new Queue(QUEUES.applyPrograms, { connection: { url: REDIS_URL }, prefix });
  publisher = new Redis(REDIS_URL);
  deps = {
    db: db.prisma,
    queue: (name) => (name === QUEUES.applyPrograms ? queue : null),
    publish: (channel, message) => publisher.publish(channel, message),
    prefix,
  };
});
afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await publisher?.quit();
  await db?.drop();
});

async function seed(status: "QUEUED" | "RUNNING" = "QUEUED") {
  const project = await createProject(db.prisma, { name: `c-${randomBytes(3).toString("hex")}` });
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows: [{ id: "a", fields: { text: "x" }, split: "train" }] });
  await createProgram(db.prisma, { projectId: project.id, name: "p", language: "JAVASCRIPT", source: "function label_function(text) { return -1; }" });
  const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
  const externalId = randomBytes(8).toString("hex");
  // apply-programs rows carry their run; cancelling one that never ran cancels the run too.
  const row = await createJob(db.prisma, { projectId: project.id, queue: QUEUES.applyPrograms, externalId, runId: run.id, payload: { projectId: project.id } });
  if (status === "RUNNING") await db.prisma.job.update({ where: { id: row.id }, data: { status } });
  return { project, run, row, externalId };
}

describe("cancelJobCore", () => {
  it("removes a waiting job from the queue and marks it and its run CANCELLED at once", async () => {
    const { project, run, row, externalId } = await seed();
    await queue.add(QUEUES.applyPrograms, {}, { jobId: externalId });
    expect(await cancelJobCore(deps, { projectId: project.id, jobId: row.id, reason: "by ada@example.com" })).toBe("cancelled");
    expect(await queue.getJob(externalId)).toBeUndefined();
    expect(await db.prisma.job.findUnique({ where: { id: row.id } })).toMatchObject({ status: "CANCELLED", error: "cancelled: by ada@example.com" });
    expect((await getRun(db.prisma, run.id))?.status).toBe("CANCELLED");
    await expect(cancelJobCore(deps, { projectId: project.id, jobId: row.id, reason: "again" })).rejects.toThrow(/already ended \(cancelled\)/);
  });

  it("asks the worker running an active job to stop through the queue's cancel channel", async () => {
    const { project, row, externalId } = await seed("RUNNING");
    const subscriber = new Redis(REDIS_URL);
    let worker: Worker | undefined;
    try {
      const aborted = new Promise<string>((resolve) => {
        worker = new Worker(
          QUEUES.applyPrograms,
          async (_job, _token, signal) => {
            await new Promise<void>((done) => signal?.addEventListener("abort", () => done(), { once: true }));
            resolve(String(signal?.reason));
            throw new Error("aborted");
          },
          { connection: { url: REDIS_URL }, prefix },
        );
      });
      subscriber.on("message", (_channel: string, text: string) => {
        const message = parseCancelMessage(text);
        if (message) worker?.cancelJob(message.jobId, message.reason);
      });
      await subscriber.subscribe(cancelChannel(QUEUES.applyPrograms, prefix));
      await queue.add(QUEUES.applyPrograms, {}, { jobId: externalId });
      for (let i = 0; i < 100 && (await (await queue.getJob(externalId))?.getState()) !== "active"; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await cancelJobCore(deps, { projectId: project.id, jobId: row.id, reason: "by bob@example.com" })).toBe("cancelling");
      expect(await aborted).toBe("by bob@example.com");
      expect(await db.prisma.job.findUnique({ where: { id: row.id } })).toMatchObject({ status: "RUNNING", stage: "cancelling…" });
    } finally {
      await worker?.close(true);
      await subscriber.quit();
    }
  });

  it("cancels a job Redis lost, refuses another project's job and finished jobs", async () => {
    const { project, row } = await seed();
    const other = await createProject(db.prisma, { name: `o-${randomBytes(3).toString("hex")}` });
    await expect(cancelJobCore(deps, { projectId: other.id, jobId: row.id, reason: "x" })).rejects.toThrow(/does not exist in the project/);
    expect(await cancelJobCore(deps, { projectId: project.id, jobId: row.id, reason: "by ada" })).toBe("cancelled");
    await expect(cancelJobCore(deps, { projectId: project.id, jobId: "nope", reason: "x" })).rejects.toThrow(/does not exist/);
  });

  it("ends the trained model of a train-model job that never ran, and leaves its (finished) run alone", async () => {
    const { project, run } = await seed();
    const model = await createTrainedModel(db.prisma, { projectId: project.id, runId: run.id });
    const row = await createJob(db.prisma, {
      projectId: project.id,
      queue: QUEUES.trainModel,
      externalId: model.id,
      runId: run.id,
      payload: { projectId: project.id, runId: run.id, trainedModelId: model.id },
    });
    expect(await cancelJobCore(deps, { projectId: project.id, jobId: row.id, reason: "by ada" })).toBe("cancelled");
    expect(await db.prisma.trainedModel.findUnique({ where: { id: model.id } })).toMatchObject({ status: "CANCELLED", error: "cancelled: by ada" });
    expect((await getRun(db.prisma, run.id))?.status).not.toBe("CANCELLED");
  });

  it("ends the round and its generation request of an improve-round job that never ran, so the next round may start", async () => {
    const { project, run } = await seed();
    const round = async () => {
      const request = await createGenerationRequest(db.prisma, {
        projectId: project.id,
        provider: "openai",
        model: "gpt-4o-mini",
        n: 2,
        language: "JAVASCRIPT",
      });
      return createImprovementRound(db.prisma, { projectId: project.id, baseRunId: run.id, generationRequestId: request.id });
    };
    const queued = await round();
    const row = await createJob(db.prisma, {
      projectId: project.id,
      queue: QUEUES.improveRound,
      externalId: queued.id,
      payload: { projectId: project.id, improvementRoundId: queued.id },
    });
    await expect(round()).rejects.toThrow(/round 2 of this project is still running/);
    expect(await cancelJobCore(deps, { projectId: project.id, jobId: row.id, reason: "by ada" })).toBe("cancelled");
    expect(await getImprovementRound(db.prisma, queued.id)).toMatchObject({ status: "CANCELLED", error: "cancelled: by ada" });
    expect(await db.prisma.generationRequest.findUnique({ where: { id: queued.generationRequestId } })).toMatchObject({ status: "CANCELLED" });
    expect((await round()).round).toBe(3);
  });
});
