import { Worker, type Processor } from "bullmq";
import type { Redis } from "ioredis";
import { cancelChannel, parseCancelMessage, type CancelMessage } from "@alchemist/jobs";
import { readReliabilitySettings, type ReliabilitySettings } from "./env";
import { markJobInterrupt } from "./reconcile/job-interrupts";

const live = new Set<Worker>();

/** Every worker this process started and has not closed (for shutdown). */
export function liveQueueWorkers(): readonly Worker[] {
  return [...live];
}

export interface QueueWorkerOptions {
  readonly connection: Redis;
  readonly prefix: string;
  readonly concurrency?: number;
  /** Lock, stall and heartbeat settings; default from the environment. */
  readonly settings?: ReliabilitySettings;
  /** Also told of every cancel message of the queue (apply-programs: cancels reach the run's chunk jobs). */
  readonly onCancel?: (message: CancelMessage) => void;
}

/**
 * A ready BullMQ worker for `queue` on the shared connection and key prefix, set up to survive
 * crashes: a job whose worker died (its lock expired) is re-queued by the stalled-job check up
 * to WORKER_MAX_STALLED_COUNT times; Redis errors are logged instead of crashing the process;
 * and a subscriber on the queue's cancel channel aborts this process's active job by id (BullMQ's
 * `cancelJob` only reaches jobs of the process that runs them). The subscriber closes with the worker.
 *
 * @example
 * const importer = await createQueueWorker(QUEUES.importDataset, processor, { connection, prefix: "bull" });
 */
export async function createQueueWorker<R>(queue: string, processor: Processor<unknown, R>, options: QueueWorkerOptions): Promise<Worker<unknown, R>> {
  const settings = options.settings ?? readReliabilitySettings();
  const worker = new Worker<unknown, R>(queue, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 1,
    lockDuration: settings.WORKER_LOCK_DURATION_MS,
    stalledInterval: settings.WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: settings.WORKER_MAX_STALLED_COUNT,
  });
  // An 'error' event without a listener would crash the process; Redis going away is expected.
  let lastLogged = 0;
  worker.on("error", (error) => {
    if (Date.now() - lastLogged < 5000) return;
    lastLogged = Date.now();
    console.error(`[worker] ${queue}: ${error.message}`);
  });
  const subscriber = options.connection.duplicate();
  subscriber.on("error", () => undefined);
  const channel = cancelChannel(queue, options.prefix);
  subscriber.on("message", (from: string, text: string) => {
    const message = from === channel ? parseCancelMessage(text) : null;
    if (!message) return;
    markJobInterrupt(queue, message.jobId, { kind: "cancel", reason: message.reason });
    worker.cancelJob(message.jobId, message.reason);
    options.onCancel?.(message);
  });
  await subscriber.subscribe(channel);
  live.add(worker as Worker);
  worker.on("closed", () => {
    live.delete(worker as Worker);
    void subscriber.quit().catch(() => subscriber.disconnect());
  });
  await worker.waitUntilReady();
  return worker;
}
