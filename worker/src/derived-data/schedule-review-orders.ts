import type { Queue } from "bullmq";
import { jobRows, reviewOrderState, type Db } from "@alchemist/db";
import { QUEUES, enqueue, reviewOrderJobId, type ReviewOrderKind } from "@alchemist/jobs";
import { z } from "zod";

/** The ids every run-changing job's payload carries (apply-programs, fit-label-models, train-model). */
const RunJob = z.object({ projectId: z.string(), runId: z.string(), actorId: z.string() });

/**
 * After a job that (re)writes a run's votes analysis or pseudolabels has finished (apply,
 * re-score, refit, a training that fitted the label model first), queues the `review-order` jobs
 * of every order of the run that is missing or stale, as the same actor, so the review page finds
 * them stored. Each is queued once per version of its inputs (see `reviewOrderJobId`).
 *
 * @example
 * applyWorker.on("completed", (job) => void scheduleReviewOrders(prisma, reviewOrderQueue, job.data));
 */
export async function scheduleReviewOrders(db: Db, queue: Queue, jobData: unknown): Promise<{ queued: ReviewOrderKind[] }> {
  const parsed = RunJob.safeParse(jobData);
  if (!parsed.success) return { queued: [] };
  const { projectId, runId, actorId } = parsed.data;
  const queued: ReviewOrderKind[] = [];
  for (const wanted of ["conflict", "uncertainty"] as const) {
    const state = await reviewOrderState(db, runId, wanted);
    // Without pseudolabels "uncertainty" is the conflict order, already handled.
    if (state.fresh || state.kind !== wanted) continue;
    const jobId = reviewOrderJobId(runId, wanted, state.stamp?.getTime() ?? null);
    const { created } = await enqueue({ queue, rows: jobRows(db) }, QUEUES.reviewOrder, { projectId, runId, kind: wanted, actorId }, { jobId, runId });
    if (created) queued.push(wanted);
  }
  return { queued };
}
