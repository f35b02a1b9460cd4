import { z } from "zod";

/**
 * Redis pub/sub channel on which producers ask workers to cancel an active job of `queue`
 * (BullMQ's `worker.cancelJob` only reaches jobs in the same process). Waiting jobs are
 * cancelled by removing them from the queue instead.
 *
 * @example
 * await redis.publish(cancelChannel(QUEUES.applyPrograms), JSON.stringify({ jobId: runId, reason: "user" }));
 */
export function cancelChannel(queue: string, prefix = "bull"): string {
  if (!queue) throw new Error("cancelChannel: queue name is empty");
  return `${prefix}:${queue}:cancel`;
}

export const CancelMessage = z.object({ jobId: z.string().min(1), reason: z.string().max(500).default("cancelled") });
export type CancelMessage = z.infer<typeof CancelMessage>;

/** Parses a cancel message; returns null for anything malformed (pub/sub input is untrusted). */
export function parseCancelMessage(text: string): CancelMessage | null {
  try {
    const parsed = CancelMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The BullMQ job id of a run's apply-programs job: the run id, so enqueuing twice never duplicates work.
 *
 * @example
 * await queue.add(QUEUES.applyPrograms, payload, { jobId: applyProgramsJobId(runId) });
 */
export function applyProgramsJobId(runId: string): string {
  if (!runId || runId.includes(":")) throw new Error(`run id "${runId}" cannot be a BullMQ job id`);
  return runId;
}
