import "server-only";
import { getPrisma, jobRows, type Job } from "@alchemist/db";
import { QUEUES, enqueue, reviewOrderJobId, runDiffJobId, type ReviewOrderKind } from "@alchemist/jobs";
import type { JobView } from "../job-view";
import { getQueue } from "./get-queue";
import { toJobView } from "./to-job-view";

/** The job computing what a page needs, or why it could not be queued (the page still renders). */
export type DerivedJob = { readonly job: JobView; readonly error: null } | { readonly job: null; readonly error: string };

async function queueOnce(work: () => Promise<{ row: Job }>): Promise<DerivedJob> {
  try {
    const { row } = await work();
    return { job: toJobView(row), error: null };
  } catch (error) {
    console.error("[derived-data] could not queue the job", error);
    return { job: null, error: `could not queue the job (is Redis reachable?): ${(error as Error).message}` };
  }
}

/**
 * Queues (once per version of its inputs) the `review-order` job a review page needs, as the
 * viewing user, and returns its Job row for live progress. A queue outage is returned, not thrown.
 *
 * @example
 * const pending = await queueReviewOrder({ projectId, runId, kind: "conflict", stamp: null, actorId });
 */
export async function queueReviewOrder(input: {
  projectId: string;
  runId: string;
  kind: ReviewOrderKind;
  stamp: Date | null;
  actorId: string;
}): Promise<DerivedJob> {
  const jobId = reviewOrderJobId(input.runId, input.kind, input.stamp?.getTime() ?? null);
  const payload = { projectId: input.projectId, runId: input.runId, kind: input.kind, actorId: input.actorId };
  return queueOnce(() =>
    enqueue({ queue: getQueue(QUEUES.reviewOrder), rows: jobRows(getPrisma()) }, QUEUES.reviewOrder, payload, { jobId, runId: input.runId }),
  );
}

/**
 * Queues (once per version of both runs' pseudolabels) the `run-diff` job of runs A and B as the
 * user who first asked for it, and returns its Job row for live progress.
 *
 * @example
 * const pending = await queueRunDiff({ projectId, runAId, runBId, stamps, actorId });
 */
export async function queueRunDiff(input: {
  projectId: string;
  runAId: string;
  runBId: string;
  stamps: { a: Date; b: Date };
  actorId: string;
}): Promise<DerivedJob> {
  const jobId = runDiffJobId(input.runAId, input.runBId, input.stamps.a.getTime(), input.stamps.b.getTime());
  const payload = { projectId: input.projectId, runAId: input.runAId, runBId: input.runBId, actorId: input.actorId };
  return queueOnce(() => enqueue({ queue: getQueue(QUEUES.runDiff), rows: jobRows(getPrisma()) }, QUEUES.runDiff, payload, { jobId, runId: input.runBId }));
}
