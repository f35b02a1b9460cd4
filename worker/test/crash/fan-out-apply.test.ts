import { Queue } from "bullmq";
import { assembleLabelMatrix, createPrismaClient, getRun, readPseudolabels, runAnalysis, runPrograms, type PrismaClient } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkApplyOutputs, seedApplyRun } from "./apply-fixture";
import { FAST_RECOVERY, crashTestsUnsupported, enqueueTracked, startPostgres, startRedis, startWorker, waitFor, type PrivatePostgres, type PrivateRedis, type WorkerProcess } from "./harness";

// The proof of the fan-out: three real worker processes share one apply chunk by chunk, one is
// SIGKILLed while it holds a chunk, and the result equals what a single worker stores.
let pg: PrivatePostgres;
let redis: PrivateRedis;
let prisma: PrismaClient;
let env: Record<string, string>;
let queue: Queue;
const workers: WorkerProcess[] = [];

const ROWS = 6000;
const CHUNK = 100;
const CHUNKS = ROWS / CHUNK;
// Per row and program: enough work that a chunk takes a while, so the kill lands inside one.
const WORK = 60_000;
// Waits scale with the work (a busy 2-core machine runs three workers' sandboxes at once); they are ceilings, not sleeps.
const BUDGET_MS = 120_000 + CHUNKS * 3_000;

const unsupported = crashTestsUnsupported();
if (unsupported) console.warn(`crash tests skipped: ${unsupported}`);

beforeAll(async () => {
  if (unsupported) return;
  pg = await startPostgres();
  redis = await startRedis();
  const url = await pg.createDatabase("crash_fan_out");
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

const workerName = (result: unknown) => (result as { worker?: string } | null)?.worker ?? "";
const pidOf = (name: string) => Number(name.slice(name.lastIndexOf(":") + 1));

async function untilSucceeded(id: string) {
  return waitFor(`job ${id} to succeed`, async () => {
    const job = await prisma.job.findUniqueOrThrow({ where: { id } });
    if (job.status === "FAILED" || job.status === "CANCELLED") throw new Error(`job ended ${job.status}: ${job.error}\n${workers.map((w) => w.output().slice(-1500)).join("\n---\n")}`);
    return job.status === "SUCCEEDED" ? job : null;
  }, BUDGET_MS, 200);
}

describe.skipIf(unsupported !== null)("one apply spread over three worker processes", () => {
  it("shares the chunks, survives a SIGKILL mid-chunk (that chunk runs once more elsewhere) and stores what one worker stores", async () => {
    const seeded = await seedApplyRun(prisma, "fan-out", ROWS, CHUNK, { work: WORK });
    const started = await Promise.all([0, 1, 2].map(() => startWorker(env)));
    workers.push(...started);
    const row = await enqueueTracked(prisma, queue, seeded.payload, { projectId: seeded.project.id, runId: seeded.run.id, jobId: seeded.run.id });

    // A worker in the middle of a chunk, while another worker has already finished one.
    const victimName = await waitFor("a chunk held by one worker while another has finished chunks", async () => {
      const chunks = await prisma.job.findMany({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk }, select: { status: true, stage: true, result: true } });
      const finishers = new Set(chunks.filter((c) => c.status === "SUCCEEDED").map((c) => workerName(c.result)));
      for (const c of chunks) {
        const holder = c.status === "RUNNING" ? /^applying on (.+)$/.exec(c.stage ?? "")?.[1] : undefined;
        if (holder && [...finishers].some((f) => f !== holder)) return holder;
      }
      return null;
    }, BUDGET_MS, 20);
    const victim = workers.find((w) => w.child.pid === pidOf(victimName))!;
    expect(victim, `worker ${victimName} is one of ours`).toBeDefined();
    await victim.stop("SIGKILL");
    const heldByVictim = await prisma.job.findMany({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk, status: "RUNNING", stage: `applying on ${victimName}` }, select: { id: true } });
    expect(heldByVictim.length, "the kill landed inside a chunk").toBeGreaterThanOrEqual(1);
    const doneAtKill = await prisma.job.count({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk, status: "SUCCEEDED" } });
    expect(doneAtKill, "the kill landed in the middle of the apply").toBeLessThan(CHUNKS);

    const done = await untilSucceeded(row.id);
    expect(done.progress).toBe(100);
    const chunks = await prisma.job.findMany({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk }, select: { id: true, status: true, result: true, payload: true } });
    // One row per chunk, every one done once; taken by more than one worker.
    expect(chunks).toHaveLength(CHUNKS);
    expect(chunks.every((c) => c.status === "SUCCEEDED")).toBe(true);
    expect(new Set(chunks.map((c) => (c.payload as { chunkIndex: number }).chunkIndex)).size).toBe(CHUNKS);
    const perWorker = new Map<string, number>();
    for (const c of chunks) perWorker.set(workerName(c.result), (perWorker.get(workerName(c.result)) ?? 0) + 1);
    expect(perWorker.size, `chunks per worker: ${JSON.stringify([...perWorker])}`).toBeGreaterThanOrEqual(2);
    // The chunk(s) the victim held were finished by a surviving worker.
    for (const held of heldByVictim) expect(workerName(chunks.find((c) => c.id === held.id)!.result)).not.toBe(victimName);
    // No (program, chunk) vote stored twice, and no program computed twice on a chunk by successful jobs.
    expect(await checkApplyOutputs(prisma, seeded)).toBeNull();
    const computed = chunks.reduce((sum, c) => sum + (c.result as { computed: number }).computed, 0);
    expect(computed).toBeLessThanOrEqual(seeded.total);
    expect(computed).toBe((done.result as { computed: number }).computed);

    // The same apply with a single worker process: the same L, analysis and pseudolabels.
    for (const w of workers.filter((x) => x !== victim)) expect(await w.stop("SIGTERM")).toBe(0);
    const single = await seedApplyRun(prisma, "single", ROWS, CHUNK, { work: WORK });
    const one = await startWorker(env);
    workers.push(one);
    const singleRow = await enqueueTracked(prisma, queue, single.payload, { projectId: single.project.id, runId: single.run.id, jobId: single.run.id });
    await untilSucceeded(singleRow.id);
    expect(new Set((await prisma.job.findMany({ where: { runId: single.run.id, queue: QUEUES.applyChunk }, select: { result: true } })).map((c) => workerName(c.result)))).toEqual(new Set([`${victimName.slice(0, victimName.lastIndexOf(":"))}:${one.child.pid}`]));
    const fanned = (await getRun(prisma, seeded.run.id))!;
    const alone = (await getRun(prisma, single.run.id))!;
    const matrix = async (run: typeof fanned, dataset: typeof seeded.dataset) => (await assembleLabelMatrix(prisma, dataset, runPrograms(run).map((p) => p.codeHash))).L;
    const [L3, L1] = [await matrix(fanned, seeded.dataset), await matrix(alone, single.dataset)];
    expect(runPrograms(fanned).map((p) => p.name)).toEqual(runPrograms(alone).map((p) => p.name));
    expect(Buffer.from(L3.values.buffer).equals(Buffer.from(L1.values.buffer))).toBe(true);
    const strip = (a: ReturnType<typeof runAnalysis>) => JSON.stringify({ ...a, programs: a!.programs.map(({ programId: _, ...p }) => p) });
    expect(strip(runAnalysis(fanned))).toBe(strip(runAnalysis(alone)));
    expect(fanned.labelModel).toBe(alone.labelModel);
    expect(Array.from((await readPseudolabels(prisma, fanned.id)).probs)).toEqual(Array.from((await readPseudolabels(prisma, alone.id)).probs));
    expect(await one.stop("SIGTERM")).toBe(0);
  }, BUDGET_MS * 3);
});
