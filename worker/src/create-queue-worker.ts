import { Worker, type Processor } from "bullmq";
import type { Redis } from "ioredis";

/**
 * A ready BullMQ worker for `queue` on the shared connection and key prefix.
 *
 * @example
 * const importer = await createQueueWorker(QUEUES.importDataset, processor, { connection, prefix: "bull" });
 */
export async function createQueueWorker<R>(
  queue: string,
  processor: Processor<unknown, R>,
  options: { connection: Redis; prefix: string; concurrency?: number },
): Promise<Worker<unknown, R>> {
  const worker = new Worker<unknown, R>(queue, processor, { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency ?? 1 });
  await worker.waitUntilReady();
  return worker;
}
