import { UnrecoverableError, type Job } from "bullmq";
import type { Db } from "@alchemist/db";
import { parseReviewOrderPayload, parseRunDiffPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { reviewOrderService, type ReviewOrderJobResult } from "./review-order-service";
import { runDiffService, type RunDiffJobResult } from "./run-diff-service";

function parseOrFail<T>(parse: (data: unknown) => T, data: unknown): T {
  try {
    return parse(data);
  } catch (error) {
    throw new UnrecoverableError((error as Error).message);
  }
}

/**
 * The BullMQ processor of `review-order`: validates the payload and stores the run's order as a
 * tracked job (Job row progress, transient retries; the sort runs in a worker thread).
 *
 * @example
 * await createQueueWorker(QUEUES.reviewOrder, createReviewOrderProcessor({ db: prisma }), { connection, prefix });
 */
export function createReviewOrderProcessor(deps: { db: Db }) {
  return async (job: Job): Promise<ReviewOrderJobResult> => {
    const payload = parseOrFail(parseReviewOrderPayload, job.data);
    return trackedJob(deps.db, job, payload.projectId, (report) => reviewOrderService(deps.db, payload, report), { runId: payload.runId });
  };
}

/**
 * The BullMQ processor of `run-diff`: validates the payload and stores the diff as a tracked job
 * (progress per chunk; cancel stops between chunks).
 *
 * @example
 * await createQueueWorker(QUEUES.runDiff, createRunDiffProcessor({ db: prisma }), { connection, prefix });
 */
export function createRunDiffProcessor(deps: { db: Db }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<RunDiffJobResult> => {
    const payload = parseOrFail(parseRunDiffPayload, job.data);
    return trackedJob(deps.db, job, payload.projectId, (report) => runDiffService(deps.db, payload, { report, ...(signal ? { signal } : {}) }), {
      runId: payload.runBId,
    });
  };
}
