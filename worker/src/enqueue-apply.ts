import type { Queue } from "bullmq";
import { createJob, findJobByExternalId, type Db } from "@alchemist/db";
import { QUEUES, applyProgramsJobId, parseApplyProgramsPayload, type ApplyProgramsInput } from "@alchemist/jobs";

/**
 * Enqueues the apply-programs job of a run (job id = run id) and records it in the Job table.
 * Idempotent: a waiting or active job for the run is left alone; a finished one is replaced so
 * the run can be re-applied (stored votes make that cheap).
 *
 * @example
 * const queue = new Queue(QUEUES.applyPrograms, { connection });
 * await enqueueApplyPrograms(queue, prisma, { projectId, runId, datasetId, actorId });
 */
export async function enqueueApplyPrograms(queue: Queue, db: Db, input: ApplyProgramsInput): Promise<{ jobId: string; added: boolean }> {
  if (queue.name !== QUEUES.applyPrograms) throw new Error(`enqueueApplyPrograms needs the "${QUEUES.applyPrograms}" queue, got "${queue.name}"`);
  const payload = parseApplyProgramsPayload(input);
  const jobId = applyProgramsJobId(payload.runId);
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (state !== "completed" && state !== "failed") return { jobId, added: false };
    await existing.remove();
  }
  await queue.add(QUEUES.applyPrograms, payload, { jobId, attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } });
  const row = await findJobByExternalId(db, QUEUES.applyPrograms, jobId);
  if (!row || row.status !== "QUEUED") await createJob(db, { projectId: payload.projectId, runId: payload.runId, queue: QUEUES.applyPrograms, externalId: jobId, payload });
  return { jobId, added: true };
}
