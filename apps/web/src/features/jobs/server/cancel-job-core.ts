import type { Queue } from "bullmq";
import { getProjectJob, setRunStatus, updateJob, type Db } from "@alchemist/db";
import { cancelChannel } from "@alchemist/jobs";
import { AppError } from "../../../lib/app-error";

export interface CancelDeps {
  readonly db: Db;
  /** The BullMQ producer of a queue (null for a queue this studio does not know). */
  readonly queue: (name: string) => Queue | null;
  /** Publishes on Redis pub/sub. */
  readonly publish: (channel: string, message: string) => Promise<unknown>;
  readonly prefix: string;
}

export type CancelOutcome = "cancelled" | "cancelling";

/**
 * Cancels a project's job. A job still waiting in BullMQ (or one Redis lost) is removed and
 * marked CANCELLED at once (its run too). A running one is asked to stop on its queue's cancel
 * channel: the worker that runs it aborts the job's AbortSignal, the processor stops at its
 * next chunk boundary with every stored output complete, and the worker marks it CANCELLED;
 * until then its stage says "cancelling".
 *
 * @example
 * const outcome = await cancelJobCore(deps, { projectId, jobId, reason: "by ada@example.com" });
 */
export async function cancelJobCore(deps: CancelDeps, input: { projectId: string; jobId: string; reason: string }): Promise<CancelOutcome> {
  const row = await getProjectJob(deps.db, input.projectId, input.jobId);
  if (!row) throw new AppError("NOT_FOUND", "this job does not exist in the project");
  if (row.status !== "QUEUED" && row.status !== "RUNNING") throw new AppError("CONFLICT", `the job already ended (${row.status.toLowerCase()})`);
  const queue = deps.queue(row.queue);
  const bull = queue && row.externalId ? await queue.getJob(row.externalId) : undefined;
  const state = bull ? await bull.getState() : "missing";
  if (state !== "active") {
    // remove() refuses a job that became active meanwhile (it is locked): then ask the worker.
    const removed = bull ? await bull.remove().then(() => true, () => false) : true;
    if (removed) {
      await updateJob(deps.db, row.id, { status: "CANCELLED", stage: "cancelled", error: `cancelled: ${input.reason}` });
      if (row.runId) await setRunStatus(deps.db, row.runId, "CANCELLED");
      return "cancelled";
    }
  }
  if (!row.externalId) throw new AppError("CONFLICT", "this job cannot be cancelled: it has no queue id");
  await deps.publish(cancelChannel(row.queue, deps.prefix), JSON.stringify({ jobId: row.externalId, reason: input.reason }));
  await updateJob(deps.db, row.id, { stage: "cancelling…" });
  return "cancelling";
}
