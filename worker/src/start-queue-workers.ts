import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Db } from "@alchemist/db";
import type { QueueName } from "@alchemist/jobs";
import { createQueueWorker } from "./create-queue-worker";
import { watchRunChanges } from "./derived-data/watch-run-changes";
import type { ReliabilitySettings } from "./env";
import type { QueueEntry, QueueTable } from "./queue-table";

export interface QueueWorkers {
  /** The started BullMQ worker of each queue of the table. */
  readonly workers: ReadonlyMap<QueueName, Worker>;
  /** Stops taking jobs, waits for the active ones (or aborts them when `force`), unsubscribes. */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts one crash-safe BullMQ worker per entry of `table` (`createQueueWorker`: lock and stall
 * settings, the queue's cancel channel), each logging its failures the same way
 * (`[worker] <queue> job <id> failed: <message>`) and its completions unless `quiet`; the
 * completed jobs of `changesRun` queues queue their run's stale review orders (unless `watchRuns`
 * is false: tests that count a run's own Job rows).
 *
 * @example
 * const { workers, close } = await startQueueWorkers(queueTable(services), { db: prisma, connection, prefix });
 */
export async function startQueueWorkers(
  table: Partial<QueueTable>,
  options: { db: Db; connection: Redis; prefix: string; settings?: ReliabilitySettings; watchRuns?: boolean },
): Promise<QueueWorkers> {
  const workers = new Map<QueueName, Worker>();
  const changers: Worker[] = [];
  for (const [queue, entry] of Object.entries(table) as [QueueName, QueueEntry][]) {
    const worker = (await createQueueWorker(queue, entry.processor, {
      connection: options.connection,
      prefix: options.prefix,
      ...(entry.concurrency ? { concurrency: entry.concurrency } : {}),
      ...(entry.onCancel ? { onCancel: entry.onCancel } : {}),
      ...(options.settings ? { settings: options.settings } : {}),
    })) as Worker;
    worker.on("failed", (job, error) => console.error(`[worker] ${queue} job ${job?.id ?? "?"} failed: ${error.message}`));
    if (!entry.quiet) worker.on("completed", (job) => console.log(`[worker] ${queue} job ${job.id} done`));
    entry.onStart?.(worker);
    if (entry.changesRun) changers.push(worker);
    workers.set(queue, worker);
  }
  const watcher =
    changers.length > 0 && options.watchRuns !== false
      ? watchRunChanges({ db: options.db, connection: options.connection, prefix: options.prefix, runChangers: changers })
      : null;
  return {
    workers,
    async close(force = false) {
      await Promise.all([...workers.values()].map((worker) => worker.close(force)));
      await watcher?.close();
    },
  };
}
