import { Queue, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Db } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { createQueueWorker } from "../create-queue-worker";
import { createReviewOrderProcessor, createRunDiffProcessor } from "./derived-data-processors";
import { scheduleReviewOrders } from "./schedule-review-orders";

/**
 * Starts the workers of the derived-data queues (`review-order`, `run-diff`) and, on every job of
 * `runChangers` that completes (apply / re-score, refit, training that fitted the label model),
 * queues the run's missing or stale review orders. The studio queues the same jobs when a page
 * first needs them, so a missed trigger only delays them to the first page view.
 *
 * @example
 * await startDerivedDataWorkers({ db: prisma, connection, prefix, runChangers: [applyPrograms.worker, labelModels, trainer] });
 */
export async function startDerivedDataWorkers(deps: { db: Db; connection: Redis; prefix: string; runChangers: readonly Worker[] }) {
  const { db, connection, prefix } = deps;
  const orders = await createQueueWorker(QUEUES.reviewOrder, createReviewOrderProcessor({ db }), { connection, prefix });
  const diffs = await createQueueWorker(QUEUES.runDiff, createRunDiffProcessor({ db }), { connection, prefix });
  for (const worker of [orders, diffs]) worker.on("failed", (job, error) => console.error(`[worker] ${worker.name} job ${job?.id ?? "?"} failed: ${error.message}`));
  const queue = new Queue(QUEUES.reviewOrder, { connection, prefix });
  for (const worker of deps.runChangers) {
    worker.on("completed", (job) => {
      scheduleReviewOrders(db, queue, job.data).catch((error: Error) => console.error(`[worker] could not queue the review orders after ${worker.name} job ${job.id}: ${error.message}`));
    });
  }
  return { orders, diffs, queue };
}
