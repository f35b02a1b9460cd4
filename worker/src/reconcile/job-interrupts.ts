/** Why this process interrupted an active job: a user's cancel, or the worker shutting down. */
export type JobInterrupt = { readonly kind: "cancel" | "shutdown"; readonly reason: string };

const interrupts = new Map<string, JobInterrupt>();
const key = (queue: string, jobId: string) => `${queue}\u0000${jobId}`;

/**
 * Records why an active job's AbortSignal is about to fire, so the tracked job can tell a
 * user's cancel (CANCELLED, not retried) from a shutdown (put back in the queue). BullMQ's
 * signal carries only a reason string.
 *
 * @example
 * markJobInterrupt(QUEUES.importDataset, jobId, { kind: "cancel", reason: "cancelled by a user" });
 * worker.cancelJob(jobId, "cancelled by a user");
 */
export function markJobInterrupt(queue: string, jobId: string, interrupt: JobInterrupt): void {
  interrupts.set(key(queue, jobId), interrupt);
}

let shutdown: JobInterrupt | undefined;

/** From now on every active job that gets interrupted is being put back for another worker. */
export function markShutdown(reason = "worker shutdown"): void {
  shutdown = { kind: "shutdown", reason };
}

/** The interrupt recorded for a job (a shutdown covers every job), if any. */
export function jobInterrupt(queue: string, jobId: string): JobInterrupt | undefined {
  return interrupts.get(key(queue, jobId)) ?? shutdown;
}

/** Forgets a finished job's interrupt. */
export function clearJobInterrupt(queue: string, jobId: string): void {
  interrupts.delete(key(queue, jobId));
}
