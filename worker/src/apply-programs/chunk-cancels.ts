import type { Worker } from "bullmq";
import { settleChunkJobs, type Db } from "@alchemist/db";
import { QUEUES, type CancelMessage } from "@alchemist/jobs";
import { markJobInterrupt } from "../reconcile/job-interrupts";

/**
 * The chunk jobs this process runs, by run, so that a cancel of a run's apply reaches them.
 * A run's apply-programs job waits in BullMQ's waiting-children state while its chunks run on any
 * worker; the studio's Cancel publishes on the apply-programs cancel channel, which every worker
 * process receives. Each one then aborts its own active chunks of that run and marks the run's
 * queued chunk rows CANCELLED in Postgres, so chunk jobs still waiting in any queue end at once
 * when a worker takes them; when the last child is done the parent records the cancel.
 */
export class ChunkCancels {
  private readonly active = new Map<string, string>();
  private worker: Worker | undefined;

  constructor(private readonly db: Db) {}

  /** The apply-chunk worker whose active jobs this aborts. */
  attach(worker: Worker): void {
    this.worker = worker;
  }

  started(jobId: string, runId: string): void {
    this.active.set(jobId, runId);
  }

  ended(jobId: string): void {
    this.active.delete(jobId);
  }

  /**
   * Handles a message of the apply-programs cancel channel (job id = run id).
   *
   * @example
   * await cancels.cancelRun({ jobId: runId, reason: "by ada@example.com" });
   */
  async cancelRun(message: CancelMessage): Promise<void> {
    const runId = message.jobId;
    for (const [jobId, owner] of this.active) {
      if (owner !== runId) continue;
      markJobInterrupt(QUEUES.applyChunk, jobId, { kind: "cancel", reason: message.reason });
      this.worker?.cancelJob(jobId, message.reason);
    }
    // Every worker process gets the message; the update is the same from each.
    await settleChunkJobs(this.db, runId, { status: "CANCELLED", error: `cancelled: ${message.reason}`, queuedOnly: true }).catch((error: unknown) => {
      console.error(`[worker] cancelling the queued chunks of run ${runId} failed: ${(error as Error).message}`);
    });
  }
}
