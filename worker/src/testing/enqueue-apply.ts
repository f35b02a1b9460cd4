import type { Queue } from "bullmq";
import { jobRows, type Db } from "@alchemist/db";
import { QUEUES, applyProgramsJobId, enqueue, type JobInput } from "@alchemist/jobs";

/**
 * Test helper: queues a run's apply-programs job the way the studio does (`enqueue`: the Job row
 * first, job id = run id; a job of the run still waiting or running is left alone, a finished
 * one runs again).
 *
 * @example
 * const { jobId, added } = await enqueueApply(queue, prisma, { projectId, runId, datasetId, actorId });
 */
export async function enqueueApply(queue: Queue, db: Db, input: JobInput<typeof QUEUES.applyPrograms>) {
  return enqueue({ queue, rows: jobRows(db) }, QUEUES.applyPrograms, input, { jobId: applyProgramsJobId(input.runId), runId: input.runId });
}
