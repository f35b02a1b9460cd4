import "server-only";
import { getPrisma, jobRows, type Job } from "@alchemist/db";
import { QueueRefusedError, enqueue, type Enqueued, type JobInput, type TrackedQueueName } from "@alchemist/jobs";
import { AppError } from "@/lib/app-error";
import { getQueue } from "./get-queue";

/**
 * The studio's `enqueue` (packages/jobs), typed by queue: the Job row first, then the BullMQ job
 * under the same id. When Redis refuses, the row is marked FAILED and the user gets a clear error.
 *
 * @example
 * const { row } = await enqueueJob(QUEUES.importDataset, payload);
 */
export async function enqueueJob<Q extends TrackedQueueName>(
  queue: Q,
  payload: JobInput<Q>,
  options: { runId?: string; jobId?: string } = {},
): Promise<Enqueued<Q, Job>> {
  try {
    return await enqueue({ queue: getQueue(queue), rows: jobRows(getPrisma()) }, queue, payload, options);
  } catch (error) {
    if (error instanceof QueueRefusedError) throw new AppError("UNAVAILABLE", `the job queue (Redis) is not reachable: ${(error.cause as Error).message}`);
    throw error;
  }
}
