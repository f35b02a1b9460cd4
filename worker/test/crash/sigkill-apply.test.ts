import { QUEUES } from "@alchemist/jobs";
import { describe, expect, it } from "vitest";
import { checkApplyOutputs, seedApplyRun } from "./apply-fixture";
import { useCrashStack } from "./crash-stack";
import { waitFor } from "./harness";

// Real processes: a private Postgres and Redis, the real worker under tsx, killed with SIGKILL.
const { unsupported, budget, stack } = await useCrashStack("crash_apply");
const APPLY = { rows: 3000, chunkSize: 100, programs: 3, work: 4000 };
// The tests own timeout is the sum of its waits (three worker starts and stops, two applies, seeding and checks), so a wait always fails first.
const BUDGET = 3 * budget.workerStart() + 2 * budget.apply(APPLY) + 2 * budget.rows(APPLY.rows);

describe.skipIf(unsupported !== null)("SIGKILL during apply-programs", () => {
  it(
    "resumes after a restart and stores every (program, chunk) vote exactly once, equal to a clean run",
    async () => {
      const { prisma } = stack();
      const seeded = await seedApplyRun(prisma, "crash-apply", APPLY.rows, APPLY.chunkSize);
      const { dataset, run, total } = seeded;
      const first = await stack().startWorker();
      const row = await stack().enqueue(QUEUES.applyPrograms, seeded.payload, { runId: run.id, jobId: run.id });
      await waitFor(
        "the first stored chunk",
        async () => (await prisma.programOutput.count({ where: { datasetId: dataset.id } })) >= 3,
        budget.apply(APPLY),
        20,
      );
      await first.stop("SIGKILL");
      const afterKill = await prisma.programOutput.count({ where: { datasetId: dataset.id } });
      expect(afterKill, "the kill must land in the middle of the job").toBeLessThan(total);
      expect((await prisma.job.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("RUNNING");

      const second = await stack().startWorker();
      const done = await stack().untilSucceeded(row.id, budget.apply(APPLY));
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
    },
    BUDGET,
  );
});
