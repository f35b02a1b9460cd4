import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { createPrismaClient, createRun, type PrismaClient } from "@alchemist/db";
import { QUEUES, cancelChannel } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkApplyOutputs, seedApplyRun } from "./apply-fixture";
import { FAST_RECOVERY, crashTestsUnsupported, enqueueTracked, startPostgres, startRedis, startWorker, waitFor, type PrivatePostgres, type PrivateRedis, type WorkerProcess } from "./harness";

// Redis restarted (empty: it keeps nothing on disk), Postgres restarted, and SIGTERM, each in the
// middle of an apply-programs job run by the real worker process.
//
// What "survives" means: the Job table in Postgres is the source of truth. Redis loses every
// waiting and active BullMQ job when it restarts; the worker's reconciler re-adds the ones whose
// Job row is still QUEUED/RUNNING and has no live heartbeat, from Job.payload, under the same id.
// A job that was running keeps running (its processor writes to Postgres) and finishes; stored
// votes make any re-run of it cheap and idempotent.
let pg: PrivatePostgres;
let redis: PrivateRedis;
let prisma: PrismaClient;
let env: Record<string, string>;
const workers: WorkerProcess[] = [];

const unsupported = crashTestsUnsupported();
if (unsupported) console.warn(`crash tests skipped: ${unsupported}`);

beforeAll(async () => {
  if (unsupported) return;
  pg = await startPostgres();
  redis = await startRedis();
  const url = await pg.createDatabase("crash_restarts");
  prisma = createPrismaClient(url);
  env = { ...FAST_RECOVERY, DATABASE_URL: url, REDIS_URL: redis.url, QUEUE_PREFIX: "crash" };
});
afterAll(async () => {
  for (const w of workers) await w.stop("SIGKILL");
  await prisma?.$disconnect();
  await redis?.destroy();
  pg?.destroy();
});

const newQueue = () => {
  const queue = new Queue(QUEUES.applyPrograms, { connection: { url: redis.url }, prefix: "crash" });
  queue.on("error", () => undefined);
  return queue;
};

async function started(extra: Record<string, string> = {}) {
  const worker = await startWorker({ ...env, ...extra });
  workers.push(worker);
  return worker;
}

async function untilSucceeded(id: string, worker: WorkerProcess, timeoutMs = 180_000) {
  return waitFor(`job ${id} to succeed`, async () => {
    const job = await prisma.job.findUniqueOrThrow({ where: { id } });
    if (job.status === "FAILED" || job.status === "CANCELLED") throw new Error(`job ended ${job.status}: ${job.error}\n${worker.output().slice(-2000)}`);
    return job.status === "SUCCEEDED" ? job : null;
  }, timeoutMs, 200);
}

describe.skipIf(unsupported !== null)("restarts in the middle of a job", () => {
  it("Redis restart: the running job finishes and the queued job Redis forgot is re-queued by the reconciler", async () => {
    const a = await seedApplyRun(prisma, "redis-a", 6000, 100);
    const b = await seedApplyRun(prisma, "redis-b", 600, 100);
    const worker = await started();
    const queue = newQueue();
    const rowA = await enqueueTracked(prisma, queue, a.payload, { projectId: a.project.id, runId: a.run.id, jobId: a.run.id });
    await waitFor("job A to store votes", async () => (await prisma.programOutput.count({ where: { datasetId: a.dataset.id } })) >= 3, 120_000, 20);
    // Concurrency 1: B waits in Redis behind A.
    const rowB = await enqueueTracked(prisma, queue, b.payload, { projectId: b.project.id, runId: b.run.id, jobId: b.run.id });
    await queue.close();
    await redis.kill();
    await redis.start();
    expect(await prisma.programOutput.count({ where: { datasetId: a.dataset.id } })).toBeLessThan(a.total);
    const check = newQueue();
    expect(await check.getJob(b.run.id), "the restarted Redis is empty").toBeUndefined();
    await untilSucceeded(rowA.id, worker);
    await untilSucceeded(rowB.id, worker);
    expect(worker.output()).toMatch(/reconciler: re-queued [1-9]/);
    expect(await checkApplyOutputs(prisma, a)).toBeNull();
    expect(await checkApplyOutputs(prisma, b)).toBeNull();
    expect(await prisma.job.count({ where: { runId: { in: [a.run.id, b.run.id] }, queue: QUEUES.applyPrograms } })).toBe(2);
    await check.close();
    expect(await worker.stop("SIGTERM")).toBe(0);
  });

  it("Postgres restart: the job retries its transient failures and completes with every vote once", async () => {
    const seeded = await seedApplyRun(prisma, "pg", 3000, 100);
    const worker = await started();
    const queue = newQueue();
    const row = await enqueueTracked(prisma, queue, seeded.payload, { projectId: seeded.project.id, runId: seeded.run.id, jobId: seeded.run.id });
    await waitFor("votes stored", async () => (await prisma.programOutput.count({ where: { datasetId: seeded.dataset.id } })) >= 3, 120_000, 20);
    await prisma.$disconnect();
    pg.restart();
    const done = await untilSucceeded(row.id, worker);
    expect(done.progress).toBe(100);
    expect(await checkApplyOutputs(prisma, seeded)).toBeNull();
    expect(worker.output()).toMatch(/transient failure/);
    await queue.close();
    expect(await worker.stop("SIGTERM")).toBe(0);
  });

  it("SIGTERM: the worker puts its running job back in the queue and exits 0; the next worker finishes it", async () => {
    const seeded = await seedApplyRun(prisma, "sigterm", 6000, 100);
    // A grace far shorter than the apply: its active chunk is re-queued (or finishes), the rest wait.
    const first = await started({ WORKER_SHUTDOWN_GRACE_MS: "0" });
    const queue = newQueue();
    const row = await enqueueTracked(prisma, queue, seeded.payload, { projectId: seeded.project.id, runId: seeded.run.id, jobId: seeded.run.id });
    await waitFor("votes stored", async () => (await prisma.programOutput.count({ where: { datasetId: seeded.dataset.id } })) >= 3, 120_000, 20);
    expect(await first.stop("SIGTERM")).toBe(0);
    const stored = await prisma.programOutput.count({ where: { datasetId: seeded.dataset.id } });
    expect(stored).toBeLessThan(seeded.total);
    // The chunk job it was running finished within the grace or went back to the queue: none is left
    // claimed by the stopped worker. The run's apply-programs job still waits for its chunks.
    const left = await prisma.job.findMany({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk } });
    expect(new Set(left.map((c) => c.status))).toEqual(new Set(["SUCCEEDED", "QUEUED"]));
    for (const chunk of left.filter((c) => /re-queued/.test(c.stage ?? ""))) expect(chunk.status).toBe("QUEUED");
    expect((await prisma.job.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("RUNNING");
    expect(await (await queue.getJob(seeded.run.id))!.getState()).toBe("waiting-children");
    const second = await started();
    const done = await untilSucceeded(row.id, second);
    const chunks = await prisma.job.findMany({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk } });
    const bySecond = chunks.filter((c) => (c.result as { worker?: string } | null)?.worker?.endsWith(`:${second.child.pid}`));
    expect(bySecond.reduce((sum, c) => sum + (c.result as { computed: number }).computed, 0)).toBeLessThanOrEqual(seeded.total - stored);
    expect((done.result as { computed: number }).computed).toBeLessThanOrEqual(seeded.total);
    expect(await checkApplyOutputs(prisma, seeded)).toBeNull();
    await queue.close();
    expect(await second.stop("SIGTERM")).toBe(0);
  });

  it("cancel through the queue's cancel channel (what the studio's Cancel button publishes): CANCELLED, stored chunks complete, a later run finishes the rest", async () => {
    const seeded = await seedApplyRun(prisma, "cancel", 3000, 100);
    const worker = await started();
    const queue = newQueue();
    const row = await enqueueTracked(prisma, queue, seeded.payload, { projectId: seeded.project.id, runId: seeded.run.id, jobId: seeded.run.id });
    await waitFor("votes stored", async () => (await prisma.programOutput.count({ where: { datasetId: seeded.dataset.id } })) >= 3, 120_000, 20);
    const publisher = new Redis(redis.url);
    await publisher.publish(cancelChannel(QUEUES.applyPrograms, "crash"), JSON.stringify({ jobId: seeded.run.id, reason: "by ada@example.com" }));
    await publisher.quit();
    const cancelled = await waitFor("the job to be cancelled", async () => {
      const job = await prisma.job.findUniqueOrThrow({ where: { id: row.id } });
      return job.status === "CANCELLED" ? job : null;
    }, 60_000, 100);
    expect(cancelled.error).toBe("cancelled: by ada@example.com");
    expect((await prisma.run.findUniqueOrThrow({ where: { id: seeded.run.id } })).status).toBe("CANCELLED");
    const stored = await prisma.programOutput.findMany({ where: { datasetId: seeded.dataset.id }, select: { chunkIndex: true, votes: true } });
    expect(stored.length).toBeLessThan(seeded.total);
    // Partial outputs are whole chunks: every stored vote row has all of its chunk's rows.
    for (const o of stored) expect(o.votes.length).toBe(Math.min(100, 3000 - o.chunkIndex * 100));
    // Not retried: the job stays cancelled.
    await new Promise((r) => setTimeout(r, 2000));
    expect((await prisma.job.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("CANCELLED");
    // A new run over the same programs reuses the stored chunks and completes the rest.
    const again = await createRun(prisma, { projectId: seeded.project.id, datasetId: seeded.dataset.id });
    const row2 = await enqueueTracked(prisma, queue, { ...seeded.payload, runId: again.id }, { projectId: seeded.project.id, runId: again.id, jobId: again.id });
    const done = await untilSucceeded(row2.id, worker);
    expect((done.result as { computed: number }).computed).toBe(seeded.total - stored.length);
    expect(await checkApplyOutputs(prisma, { ...seeded, run: again })).toBeNull();
    await queue.close();
    expect(await worker.stop("SIGTERM")).toBe(0);
  });
});
