import "server-only";
import { randomUUID } from "node:crypto";
import { createJob, getPrisma, updateJob } from "@alchemist/db";
import type { QueueName } from "@alchemist/jobs";
import { AppError } from "@/lib/app-error";
import { getQueue } from "./get-queue";

/**
 * Records a job in the Job table first, then adds it to BullMQ under the same id, so the worker
 * always finds the row it reports progress into. When Redis refuses, the row is marked FAILED
 * and the user gets a clear error.
 *
 * @example
 * const job = await enqueueJob(QUEUES.importDataset, payload, { projectId });
 */
export async function enqueueJob(queue: QueueName, payload: object, options: { projectId: string; runId?: string; jobId?: string }) {
  const db = getPrisma();
  const externalId = options.jobId ?? randomUUID();
  // The payload (ids only) lets the worker's reconciler re-queue the job if Redis loses it.
  const job = await createJob(db, { projectId: options.projectId, queue, runId: options.runId ?? null, externalId, payload });
  try {
    await getQueue(queue).add(queue, payload, { jobId: externalId, attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } });
  } catch (error) {
    await updateJob(db, job.id, { status: "FAILED", error: `could not queue the job: ${(error as Error).message}` });
    throw new AppError("UNAVAILABLE", `the job queue (Redis) is not reachable: ${(error as Error).message}`);
  }
  return job;
}
