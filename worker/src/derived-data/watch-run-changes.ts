import { Queue, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Db } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { scheduleReviewOrders } from "./schedule-review-orders";

/**
 * On every job of `runChangers` that completes (apply / re-score, refit, training that fitted
 * the label model), queues the run's missing or stale review orders. The studio queues the same
 * jobs when a page first needs them, so a missed trigger only delays them to the first page view.
 * `close()` closes the review-order producer it made.
 *
 * @example
 * const watcher = watchRunChanges({ db: prisma, connection, prefix, runChangers: [applyWorker, refitWorker] });
 */
export function watchRunChanges(deps: { db: Db; connection: Redis; prefix: string; runChangers: readonly Worker[] }): { close(): Promise<void> } {
  const queue = new Queue(QUEUES.reviewOrder, { connection: deps.connection, prefix: deps.prefix });
  for (const worker of deps.runChangers) {
    worker.on("completed", (job) => {
      scheduleReviewOrders(deps.db, queue, job.data).catch((error: Error) =>
        console.error(`[worker] could not queue the review orders after ${worker.name} job ${job.id}: ${error.message}`),
      );
    });
  }
  return { close: () => queue.close() };
}
