import type { z } from "zod";
import { parsePayload } from "./parse-payload";
import { ReviewOrderPayload } from "./review-order-payload";
import { RunDiffPayload } from "./run-diff-payload";

/**
 * Queues whose jobs are enqueued with `enqueueTrackedJob`, with their payload schemas: derived
 * data that pages read once it is stored (queued by the studio when a page first needs it, and by
 * the worker when the data it derives from changes).
 */
export const TRACKED_JOB_PAYLOADS = { "review-order": ReviewOrderPayload, "run-diff": RunDiffPayload } as const;
export type TrackedQueueName = keyof typeof TRACKED_JOB_PAYLOADS;
export type TrackedJobInput<Q extends TrackedQueueName> = z.input<(typeof TRACKED_JOB_PAYLOADS)[Q]>;

/** The Job table as enqueueTrackedJob needs it (packages/db implements it with `claimJob`). */
export interface TrackedJobRows {
  /** The row of (queue, externalId), created QUEUED with the payload unless one exists (atomically). */
  claim(input: { projectId: string; runId: string | null; queue: string; externalId: string; payload: object }): Promise<{ id: string; status: string; created: boolean }>;
  /** Marks a row FAILED (the queue refused the job). */
  fail(id: string, error: string): Promise<void>;
}

/** The part of a BullMQ `Queue` enqueueTrackedJob uses. */
export interface TrackedJobQueue {
  readonly name: string;
  add(name: string, data: object, options: { jobId: string; attempts: number; removeOnComplete: { count: number }; removeOnFail: { count: number } }): Promise<unknown>;
}

/**
 * Enqueues a job once per `jobId`: validates the payload with its queue's schema (an error names
 * the queue and the field), claims its Job row first (so the worker always finds the row it
 * reports progress into, and two requests racing create one row), then adds it to BullMQ under
 * the same id. A row that already exists is returned as it is (`created: false`); when the queue
 * refuses the job the row is marked FAILED and the error is rethrown.
 *
 * @example
 * const { rowId, created } = await enqueueTrackedJob({ queue, rows }, "review-order", { projectId, runId, kind: "conflict", actorId }, { jobId, runId });
 */
export async function enqueueTrackedJob<Q extends TrackedQueueName>(
  ports: { queue: TrackedJobQueue; rows: TrackedJobRows },
  queue: Q,
  input: TrackedJobInput<Q>,
  options: { jobId: string; runId?: string | null },
): Promise<{ rowId: string; jobId: string; status: string; created: boolean }> {
  if (ports.queue.name !== queue) throw new Error(`enqueueTrackedJob: the "${queue}" job was given the "${ports.queue.name}" queue`);
  const payload = parsePayload(TRACKED_JOB_PAYLOADS[queue], queue, input) as object & { projectId: string };
  const row = await ports.rows.claim({ projectId: payload.projectId, runId: options.runId ?? null, queue, externalId: options.jobId, payload });
  if (!row.created) return { rowId: row.id, jobId: options.jobId, status: row.status, created: false };
  try {
    await ports.queue.add(queue, payload, { jobId: options.jobId, attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } });
  } catch (error) {
    await ports.rows.fail(row.id, `could not queue the job: ${(error as Error).message}`);
    throw error;
  }
  return { rowId: row.id, jobId: options.jobId, status: row.status, created: true };
}
