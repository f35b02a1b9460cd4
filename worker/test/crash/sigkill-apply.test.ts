import { Queue } from "bullmq";
import { createPrismaClient, type PrismaClient } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkApplyOutputs, seedApplyRun } from "./apply-fixture";
import { FAST_RECOVERY, crashTestsUnsupported, enqueueTracked, startPostgres, startRedis, startWorker, waitFor, type PrivatePostgres, type PrivateRedis, type WorkerProcess } from "./harness";

// Real processes: a private Postgres and Redis, the real worker under tsx, killed with SIGKILL.
let pg: PrivatePostgres;
let redis: PrivateRedis;
let prisma: PrismaClient;
let env: Record<string, string>;
let queue: Queue;
const workers: WorkerProcess[] = [];

const unsupported = crashTestsUnsupported();
if (unsupported) console.warn(`crash tests skipped: ${unsupported}`);

beforeAll(async () => {
  if (unsupported) return;
  pg = await startPostgres();
  redis = await startRedis();
  const url = await pg.createDatabase("crash_apply");
  prisma = createPrismaClient(url);
  env = { ...FAST_RECOVERY, DATABASE_URL: url, REDIS_URL: redis.url, QUEUE_PREFIX: "crash" };
  queue = new Queue(QUEUES.applyPrograms, { connection: { url: redis.url }, prefix: "crash" });
});
afterAll(async () => {
  for (const w of workers) await w.stop("SIGKILL");
  await queue?.close();
  await prisma?.$disconnect();
  await redis?.destroy();
  pg?.destroy();
});

describe.skipIf(unsupported !== null)("SIGKILL during apply-programs", () => {
  it("resumes after a restart and stores every (program, chunk) vote exactly once, equal to a clean run", async () => {
    const seeded = await seedApplyRun(prisma, "crash-apply", 3000, 100);
    const { dataset, run, total } = seeded;
    const first = await startWorker(env);
    workers.push(first);
    const row = await enqueueTracked(prisma, queue, seeded.payload, { projectId: seeded.project.id, runId: run.id, jobId: run.id });
    await waitFor("the first stored chunk", async () => (await prisma.programOutput.count({ where: { datasetId: dataset.id } })) >= 3, 120_000, 20);
    await first.stop("SIGKILL");
    const afterKill = await prisma.programOutput.count({ where: { datasetId: dataset.id } });
    expect(afterKill, "the kill must land in the middle of the job").toBeLessThan(total);
    expect((await prisma.job.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("RUNNING");

    const second = await startWorker(env);
    workers.push(second);
    const done = await waitFor("the job to succeed after the restart", async () => {
      const job = await prisma.job.findUniqueOrThrow({ where: { id: row.id } });
      if (job.status === "FAILED" || job.status === "CANCELLED") throw new Error(`job ended ${job.status}: ${job.error}`);
      return job.status === "SUCCEEDED" ? job : null;
    }, 180_000, 200);
    expect(done.progress).toBe(100);
    expect(await checkApplyOutputs(prisma, seeded)).toBeNull();
    // The chunks stored before the kill were not computed again: the restarted worker computed only what was missing.
    const chunks = await prisma.job.findMany({ where: { runId: run.id, queue: QUEUES.applyChunk } });
    expect(chunks.map((c) => c.status)).toEqual(new Array(30).fill("SUCCEEDED"));
    const bySecond = chunks.filter((c) => (c.result as { worker: string }).worker.endsWith(`:${second.child.pid}`));
    expect(bySecond.reduce((sum, c) => sum + (c.result as { computed: number }).computed, 0)).toBeLessThanOrEqual(total - afterKill);
    expect((done.result as { computed: number }).computed).toBeLessThanOrEqual(total);
    // One apply-programs Job row for the run, not a second one created by the restarted worker.
    expect(await prisma.job.count({ where: { runId: run.id, queue: QUEUES.applyPrograms } })).toBe(1);
    expect(await second.stop("SIGTERM")).toBe(0);
  });
});
