import type { Queue } from "bullmq";
import { listStaleActiveJobs, settleOrphanChunkJobs, updateJob, type Db } from "@alchemist/db";
import { jobOptions } from "@alchemist/jobs";

export interface ReconcileReport {
  /** Jobs Redis lost (restart without persistence) that were added again from their stored payload. */
  readonly requeued: number;
  /** Rows still QUEUED/RUNNING whose BullMQ job had already finished: the row now says how. */
  readonly settled: number;
  /** Lost jobs without a stored payload: marked FAILED with a message saying so. */
  readonly lost: number;
}

/**
 * Makes BullMQ agree with the Job table, which is the source of truth. Redis may restart
 * without persistence (this project runs it with `--save "" --appendonly no`), and then every
 * waiting and active job is gone while Postgres still says QUEUED or RUNNING. For each such
 * row untouched for `staleMs` (no heartbeat: no live worker is on it):
 * - BullMQ has no job of that id: it is added again under the same id from `Job.payload`
 *   with its queue's options from the job registry (every job's writes are idempotent, so
 *   re-running a half-done one only completes it);
 * - BullMQ says completed/failed: the row is settled to SUCCEEDED/FAILED;
 * - waiting, delayed, active or waiting-children: left alone (the stalled-job check owns crashed
 *   active jobs; a parent waiting for its chunk jobs has no heartbeat).
 * A run's apply-chunk rows are not re-added (their apply-programs parent, re-added, plans them
 * again); those whose parent has ended are settled CANCELLED.
 *
 * @example
 * const report = await reconcileJobs(prisma, queuesByName, { staleMs: 60_000 });
 */
export async function reconcileJobs(db: Db, queues: ReadonlyMap<string, Queue>, options: { staleMs: number }): Promise<ReconcileReport> {
  let requeued = 0;
  let settled = 0;
  let lost = 0;
  settled += await settleOrphanChunkJobs(db);
  for (const row of await listStaleActiveJobs(db, { staleMs: options.staleMs })) {
    const queue = queues.get(row.queue);
    if (!queue || !row.externalId) continue;
    const job = await queue.getJob(row.externalId);
    const state = job ? await job.getState() : "missing";
    if (state === "completed") {
      const value: unknown = job?.returnvalue;
      await updateJob(db, row.id, {
        status: "SUCCEEDED",
        progress: 100,
        stage: "done",
        ...(value && typeof value === "object" ? { result: value as Record<string, unknown> } : {}),
      });
      settled += 1;
    } else if (state === "failed") {
      await updateJob(db, row.id, { status: "FAILED", stage: "failed", error: (job?.failedReason || "the job failed").slice(0, 2000) });
      settled += 1;
    } else if (state === "missing" || state === "unknown") {
      if (row.payload && typeof row.payload === "object") {
        await queue.add(row.queue, row.payload, jobOptions(row.queue, row.externalId));
        await updateJob(db, row.id, { status: "QUEUED", stage: "re-queued: the queue (Redis) had lost it" });
        requeued += 1;
      } else {
        await updateJob(db, row.id, {
          status: "FAILED",
          stage: "failed",
          error: "the queue (Redis) lost this job and it has no stored payload to re-queue; start it again",
        });
        lost += 1;
      }
    }
  }
  return { requeued, settled, lost };
}
