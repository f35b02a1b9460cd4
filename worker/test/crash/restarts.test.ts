import { Redis } from "ioredis";
import { createRun } from "@alchemist/db";
import { QUEUES, cancelChannel } from "@alchemist/jobs";
import { describe, expect, it } from "vitest";
import { checkApplyOutputs, seedApplyRun } from "./apply-fixture";
import { useCrashStack } from "./crash-stack";
import { FAST_RECOVERY, waitFor } from "./harness";

// Redis restarted (empty: it keeps nothing on disk), Postgres restarted, and SIGTERM, each in the
// middle of an apply-programs job run by the real worker process.
//
// What "survives" means: the Job table in Postgres is the source of truth. Redis loses every
// waiting and active BullMQ job when it restarts; the worker's reconciler re-adds the ones whose
// Job row is still QUEUED/RUNNING and has no live heartbeat, from Job.payload, under the same id.
// A job that was running keeps running (its processor writes to Postgres) and finishes; stored
// votes make any re-run of it cheap and idempotent.
const { unsupported, budget, stack } = await useCrashStack("crash_restarts");
const apply = (rows: number) => budget.apply({ rows, chunkSize: 100, programs: 3, work: 4000 });

const firstVotes = (datasetId: string, rows: number) =>
  waitFor("the first stored chunk", async () => (await stack().prisma.programOutput.count({ where: { datasetId } })) >= 3, apply(rows), 20);

describe.skipIf(unsupported !== null)("restarts in the middle of a job", () => {
  it(
    "Redis restart: the running job finishes and the queued job Redis forgot is re-queued by the reconciler",
    async () => {
      const { prisma, redis } = stack();
      const a = await seedApplyRun(prisma, "redis-a", 6000, 100);
      const b = await seedApplyRun(prisma, "redis-b", 600, 100);
      const worker = await stack().startWorker();
      const rowA = await stack().enqueue(QUEUES.applyPrograms, a.payload, { runId: a.run.id, jobId: a.run.id });
      await firstVotes(a.dataset.id, 6000);
      // Concurrency 1: B waits in Redis behind A.
      const rowB = await stack().enqueue(QUEUES.applyPrograms, b.payload, { runId: b.run.id, jobId: b.run.id });
      await redis.kill();
      await redis.start();
      expect(await prisma.programOutput.count({ where: { datasetId: a.dataset.id } })).toBeLessThan(a.total);
      expect(await stack().queue(QUEUES.applyPrograms).getJob(b.run.id), "the restarted Redis is empty").toBeUndefined();
      await stack().untilSucceeded(rowA.id, apply(6000));
      await stack().untilSucceeded(rowB.id, apply(600));
      expect(worker.output()).toMatch(/reconciler: re-queued [1-9]/);
      expect(await checkApplyOutputs(prisma, a)).toBeNull();
      expect(await checkApplyOutputs(prisma, b)).toBeNull();
      expect(await prisma.job.count({ where: { runId: { in: [a.run.id, b.run.id] }, queue: QUEUES.applyPrograms } })).toBe(2);
      expect(await worker.stop("SIGTERM")).toBe(0);
    },
    2 * budget.workerStart() + budget.restart() + 2 * apply(6600) + 2 * budget.rows(6600),
  );

  it(
    "Postgres restart: the job retries its transient failures and completes with every vote once",
    async () => {
      const { prisma, pg } = stack();
      const seeded = await seedApplyRun(prisma, "pg", 3000, 100);
      const worker = await stack().startWorker();
      const row = await stack().enqueue(QUEUES.applyPrograms, seeded.payload, { runId: seeded.run.id, jobId: seeded.run.id });
      await firstVotes(seeded.dataset.id, 3000);
      await prisma.$disconnect();
      // Down until the worker has met it gone: when a chunk next writes depends on the machine's load,
      // so a bare restart can fall between two writes and the job would see no failure at all.
      pg.stop();
      await waitFor("the worker to meet Postgres gone", () => /transient failure/.test(worker.output()), apply(3000));
      pg.start();
      // Retried transient failures wait with backoff, up to WORKER_TRANSIENT_RETRY_MS.
      const done = await stack().untilSucceeded(row.id, apply(3000) + Number(stack().env.WORKER_TRANSIENT_RETRY_MS));
      expect(done.progress).toBe(100);
      expect(await checkApplyOutputs(prisma, seeded)).toBeNull();
      expect(worker.output()).toMatch(/transient failure/);
      expect(await worker.stop("SIGTERM")).toBe(0);
    },
    2 * budget.workerStart() + budget.restart() + 2 * apply(3000) + Number(FAST_RECOVERY.WORKER_TRANSIENT_RETRY_MS) + 2 * budget.rows(3000),
  );

  it(
    "SIGTERM: the worker puts its running job back in the queue and exits 0; the next worker finishes it",
    async () => {
      const { prisma } = stack();
      const seeded = await seedApplyRun(prisma, "sigterm", 6000, 100);
      // A grace far shorter than the apply: its active chunk is re-queued (or finishes), the rest wait.
      const first = await stack().startWorker({ WORKER_SHUTDOWN_GRACE_MS: "0" });
      const queue = stack().queue(QUEUES.applyPrograms);
      const row = await stack().enqueue(QUEUES.applyPrograms, seeded.payload, { runId: seeded.run.id, jobId: seeded.run.id });
      await firstVotes(seeded.dataset.id, 6000);
      expect(await first.stop("SIGTERM")).toBe(0);
      const stored = await prisma.programOutput.count({ where: { datasetId: seeded.dataset.id } });
      expect(stored).toBeLessThan(seeded.total);
      // The chunk job it was running finished within the grace or went back to the queue: none is left
      // claimed by the stopped worker. The run's apply-programs job still waits for its chunks.
      const left = await prisma.job.findMany({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk } });
      const claimed = left.filter((c) => c.status === "RUNNING").map((c) => `${c.externalId}: ${c.stage}`);
      expect(claimed, `chunks left RUNNING by the stopped worker; its output:\n${first.output().slice(-3000)}`).toEqual([]);
      expect(new Set(left.map((c) => c.status))).toEqual(new Set(["SUCCEEDED", "QUEUED"]));
      for (const chunk of left.filter((c) => /re-queued/.test(c.stage ?? ""))) expect(chunk.status).toBe("QUEUED");
      expect((await prisma.job.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("RUNNING");
      expect(await (await queue.getJob(seeded.run.id))!.getState()).toBe("waiting-children");
      const second = await stack().startWorker();
      const done = await stack().untilSucceeded(row.id, apply(6000));
      const chunks = await prisma.job.findMany({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk } });
      const bySecond = chunks.filter((c) => (c.result as { worker?: string } | null)?.worker?.endsWith(`:${second.child.pid}`));
      expect(bySecond.reduce((sum, c) => sum + (c.result as { computed: number }).computed, 0)).toBeLessThanOrEqual(seeded.total - stored);
      expect((done.result as { computed: number }).computed).toBeLessThanOrEqual(seeded.total);
      expect(await checkApplyOutputs(prisma, seeded)).toBeNull();
      expect(await second.stop("SIGTERM")).toBe(0);
    },
    4 * budget.workerStart() + 2 * apply(6000) + 2 * budget.rows(6000),
  );

  it(
    "cancel through the queue's cancel channel (what the studio's Cancel button publishes): CANCELLED, stored chunks complete, a later run finishes the rest",
    async () => {
      const { prisma, redis } = stack();
      const seeded = await seedApplyRun(prisma, "cancel", 3000, 100);
      const worker = await stack().startWorker();
      const queue = stack().queue(QUEUES.applyPrograms);
      const row = await stack().enqueue(QUEUES.applyPrograms, seeded.payload, { runId: seeded.run.id, jobId: seeded.run.id });
      await firstVotes(seeded.dataset.id, 3000);
      const publisher = new Redis(redis.url);
      await publisher.publish(cancelChannel(QUEUES.applyPrograms, "crash"), JSON.stringify({ jobId: seeded.run.id, reason: "by ada@example.com" }));
      await publisher.quit();
      const cancelled = await waitFor(
        "the job to be cancelled",
        async () => {
          const job = await prisma.job.findUniqueOrThrow({ where: { id: row.id } });
          return job.status === "CANCELLED" ? job : null;
        },
        apply(3000),
        100,
      );
      expect(cancelled.error).toBe("cancelled: by ada@example.com");
      expect((await prisma.run.findUniqueOrThrow({ where: { id: seeded.run.id } })).status).toBe("CANCELLED");
      const stored = await prisma.programOutput.findMany({ where: { datasetId: seeded.dataset.id }, select: { chunkIndex: true, votes: true } });
      expect(stored.length).toBeLessThan(seeded.total);
      // Partial outputs are whole chunks: every stored vote row has all of its chunk's rows.
      for (const o of stored) expect(o.votes.length).toBe(Math.min(100, 3000 - o.chunkIndex * 100));
      // Not retried: BullMQ has failed the job for good (one attempt, the registry's retry policy) and the row stays cancelled.
      const bull = (await queue.getJob(seeded.run.id))!;
      await waitFor("BullMQ to fail the cancelled job", async () => (await bull.getState()) === "failed", apply(3000), 100);
      expect(bull.opts.attempts).toBe(1);
      expect((await prisma.job.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("CANCELLED");
      // A new run over the same programs reuses the stored chunks and completes the rest.
      const again = await createRun(prisma, { projectId: seeded.project.id, datasetId: seeded.dataset.id });
      const row2 = await stack().enqueue(QUEUES.applyPrograms, { ...seeded.payload, runId: again.id }, { runId: again.id, jobId: again.id });
      const done = await stack().untilSucceeded(row2.id, apply(3000));
      expect((done.result as { computed: number }).computed).toBe(seeded.total - stored.length);
      expect(await checkApplyOutputs(prisma, { ...seeded, run: again })).toBeNull();
      expect(await worker.stop("SIGTERM")).toBe(0);
    },
    2 * budget.workerStart() + 5 * apply(3000) + 2 * budget.rows(3000),
  );
});
