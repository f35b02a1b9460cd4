import { assembleLabelMatrix, getRun, readPseudolabels, runAnalysis, runPrograms } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { describe, expect, it } from "vitest";
import { checkApplyOutputs, seedApplyRun } from "./apply-fixture";
import { useCrashStack } from "./crash-stack";
import { waitFor } from "./harness";

// The proof of the fan-out: three real worker processes share one apply chunk by chunk, one is
// SIGKILLed while it holds a chunk, and the result equals what a single worker stores.
const { unsupported, budget, stack } = await useCrashStack("crash_fan_out");
const ROWS = 6000;
const CHUNK = 100;
const CHUNKS = ROWS / CHUNK;
// Per row and program: enough work that a chunk takes a while, so the kill lands inside one.
const APPLY = { rows: ROWS, chunkSize: CHUNK, programs: 3, work: 60_000 };
// Two applies (the fanned-out one, then a single worker's), four worker starts (three at once) and their stops, seeding and checks.
const BUDGET = 2 * budget.apply(APPLY) + 12 * budget.workerStart() + 4 * budget.rows(ROWS);

const workerName = (result: unknown) => (result as { worker?: string } | null)?.worker ?? "";
const pidOf = (name: string) => Number(name.slice(name.lastIndexOf(":") + 1));

describe.skipIf(unsupported !== null)("one apply spread over three worker processes", () => {
  it(
    "shares the chunks, survives a SIGKILL mid-chunk (that chunk runs once more elsewhere) and stores what one worker stores",
    async () => {
      const { prisma } = stack();
      const seeded = await seedApplyRun(prisma, "fan-out", ROWS, CHUNK, { work: APPLY.work });
      const workers = await stack().startWorkers(3);
      const row = await stack().enqueue(QUEUES.applyPrograms, seeded.payload, { runId: seeded.run.id, jobId: seeded.run.id });

      // A worker in the middle of a chunk, while another worker has already finished one.
      const victimName = await waitFor(
        "a chunk held by one worker while another has finished chunks",
        async () => {
          const chunks = await prisma.job.findMany({
            where: { runId: seeded.run.id, queue: QUEUES.applyChunk },
            select: { status: true, stage: true, result: true },
          });
          const finishers = new Set(chunks.filter((c) => c.status === "SUCCEEDED").map((c) => workerName(c.result)));
          for (const c of chunks) {
            const holder = c.status === "RUNNING" ? /^applying on (.+)$/.exec(c.stage ?? "")?.[1] : undefined;
            if (holder && [...finishers].some((f) => f !== holder)) return holder;
          }
          return null;
        },
        budget.apply(APPLY),
        20,
      );
      const victim = workers.find((w) => w.child.pid === pidOf(victimName))!;
      expect(victim, `worker ${victimName} is one of ours`).toBeDefined();
      await victim.stop("SIGKILL");
      const heldByVictim = await prisma.job.findMany({
        where: { runId: seeded.run.id, queue: QUEUES.applyChunk, status: "RUNNING", stage: `applying on ${victimName}` },
        select: { id: true },
      });
      expect(heldByVictim.length, "the kill landed inside a chunk").toBeGreaterThanOrEqual(1);
      const doneAtKill = await prisma.job.count({ where: { runId: seeded.run.id, queue: QUEUES.applyChunk, status: "SUCCEEDED" } });
      expect(doneAtKill, "the kill landed in the middle of the apply").toBeLessThan(CHUNKS);

      const done = await stack().untilSucceeded(row.id, budget.apply(APPLY));
      expect(done.progress).toBe(100);
      const chunks = await prisma.job.findMany({
        where: { runId: seeded.run.id, queue: QUEUES.applyChunk },
        select: { id: true, status: true, result: true, payload: true },
      });
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
      const single = await seedApplyRun(prisma, "single", ROWS, CHUNK, { work: APPLY.work });
      const one = await stack().startWorker();
      const singleRow = await stack().enqueue(QUEUES.applyPrograms, single.payload, { runId: single.run.id, jobId: single.run.id });
      await stack().untilSucceeded(singleRow.id, budget.apply(APPLY));
      expect(
        new Set(
          (await prisma.job.findMany({ where: { runId: single.run.id, queue: QUEUES.applyChunk }, select: { result: true } })).map((c) => workerName(c.result)),
        ),
      ).toEqual(new Set([`${victimName.slice(0, victimName.lastIndexOf(":"))}:${one.child.pid}`]));
      const fanned = (await getRun(prisma, seeded.run.id))!;
      const alone = (await getRun(prisma, single.run.id))!;
      const matrix = async (run: typeof fanned, dataset: typeof seeded.dataset) =>
        (
          await assembleLabelMatrix(
            prisma,
            dataset,
            runPrograms(run).map((p) => p.codeHash),
          )
        ).L;
      const [L3, L1] = [await matrix(fanned, seeded.dataset), await matrix(alone, single.dataset)];
      expect(runPrograms(fanned).map((p) => p.name)).toEqual(runPrograms(alone).map((p) => p.name));
      expect(Buffer.from(L3.values.buffer).equals(Buffer.from(L1.values.buffer))).toBe(true);
      const strip = (a: ReturnType<typeof runAnalysis>) => JSON.stringify({ ...a, programs: a!.programs.map(({ programId: _, ...p }) => p) });
      expect(strip(runAnalysis(fanned))).toBe(strip(runAnalysis(alone)));
      expect(fanned.labelModel).toBe(alone.labelModel);
      expect(Array.from((await readPseudolabels(prisma, fanned.id)).probs)).toEqual(Array.from((await readPseudolabels(prisma, alone.id)).probs));
      expect(await one.stop("SIGTERM")).toBe(0);
    },
    BUDGET,
  );
});
