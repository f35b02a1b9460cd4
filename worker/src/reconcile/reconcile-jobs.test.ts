import { randomBytes } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { createJob, createProject } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES, jobDefinition } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileJobs } from "./reconcile-jobs";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
let db: TestDatabase;
let queue: Queue;
let other: Queue;

beforeAll(async () => {
  db = await createTestDatabase();
  queue = new Queue(QUEUES.importDataset, { connection: { url: REDIS_URL }, prefix });
  other = new Queue(QUEUES.predict, { connection: { url: REDIS_URL }, prefix });
});
afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await other?.obliterate({ force: true }).catch(() => undefined);
  await Promise.all([queue?.close(), other?.close()]);
  await db?.drop();
});

const old = new Date(Date.now() - 3600_000);

describe("reconcileJobs", () => {
  it("re-queues lost jobs from their payload, settles finished ones, fails lost ones without payload, leaves fresh and waiting ones", async () => {
    const project = await createProject(db.prisma, { name: "reconcile" });
    const make = async (status: "QUEUED" | "RUNNING", payload: object | null, createdAt = old, heartbeatAt: Date | null = null) => {
      const row = await createJob(db.prisma, { projectId: project.id, queue: QUEUES.importDataset, externalId: randomBytes(6).toString("hex"), payload });
      await db.prisma.job.update({ where: { id: row.id }, data: { status, createdAt, heartbeatAt } });
      return row;
    };
    // Stored payloads carry the actor: a re-queued job is re-checked for the same user.
    const lostQueued = await make("QUEUED", { projectId: project.id, actorId: "user_a", n: 1 });
    const lostRunning = await make("RUNNING", { projectId: project.id, actorId: "user_b", n: 2 }, old, old);
    const noPayload = await make("QUEUED", null);
    const fresh = await make("RUNNING", { projectId: project.id }, old, new Date());
    const young = await make("QUEUED", { projectId: project.id }, new Date());
    const waiting = await make("QUEUED", { projectId: project.id });
    await queue.add(QUEUES.importDataset, {}, { jobId: waiting.externalId! });
    // A job BullMQ failed (e.g. it crashed its worker too often) while the row still says RUNNING.
    const failed = await createJob(db.prisma, {
      projectId: project.id,
      queue: QUEUES.predict,
      externalId: randomBytes(6).toString("hex"),
      payload: { projectId: project.id },
    });
    await db.prisma.job.update({ where: { id: failed.id }, data: { status: "RUNNING", createdAt: old, heartbeatAt: old } });
    const worker = new Worker(
      QUEUES.predict,
      async () => {
        throw new Error("job stalled more than allowable limit");
      },
      { connection: { url: REDIS_URL }, prefix },
    );
    const failedJob = await other.add(QUEUES.predict, {}, { jobId: failed.externalId! });
    for (let i = 0; i < 100 && (await failedJob.getState()) !== "failed"; i++) await new Promise((r) => setTimeout(r, 50));
    await worker.close();

    const queues = new Map<string, Queue>([
      [QUEUES.importDataset, queue],
      [QUEUES.predict, other],
    ]);
    const report = await reconcileJobs(db.prisma, queues, { staleMs: 60_000 });
    expect(report).toEqual({ requeued: 2, settled: 1, lost: 1 });
    expect(await db.prisma.job.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "FAILED",
      error: "job stalled more than allowable limit",
    });
    const row = (id: string) => db.prisma.job.findUniqueOrThrow({ where: { id } });
    for (const r of [lostQueued, lostRunning]) {
      expect(await row(r.id)).toMatchObject({ status: "QUEUED", stage: expect.stringMatching(/re-queued/) });
      const job = await queue.getJob(r.externalId!);
      expect(job?.data).toEqual(r.payload);
      expect(job?.data.actorId).toMatch(/^user_[ab]$/);
      // With the registry's options, like every other add of the queue.
      expect(job?.opts).toMatchObject({ ...jobDefinition(QUEUES.importDataset).options, jobId: r.externalId });
    }
    expect(await row(noPayload.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/no stored payload/) });
    expect((await row(fresh.id)).status).toBe("RUNNING");
    expect((await row(young.id)).status).toBe("QUEUED");
    expect(await queue.getJob(young.externalId!)).toBeUndefined();
    expect((await row(waiting.id)).stage).toBeNull();
    // Running the pass again changes nothing more: the re-queued jobs now wait in BullMQ.
    expect(await reconcileJobs(db.prisma, queues, { staleMs: 60_000 })).toEqual({ requeued: 0, settled: 0, lost: 0 });
  });
});
