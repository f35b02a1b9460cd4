import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Db } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { reconcileJobs } from "./reconcile-jobs";

export interface Reconciler {
  /** Runs one pass now (passes never overlap). */
  run(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs `reconcileJobs` over every queue of QUEUES at start-up, every `intervalMs`, and whenever
 * the Redis connection comes back (a restarted Redis has forgotten every job).
 *
 * @example
 * const reconciler = await startReconciler({ db: prisma, connection, prefix, intervalMs: 30_000, staleMs: 60_000 });
 */
export async function startReconciler(options: { db: Db; connection: Redis; prefix: string; intervalMs: number; staleMs: number }): Promise<Reconciler> {
  const queues = new Map(Object.values(QUEUES).map((name) => [name as string, new Queue(name, { connection: options.connection, prefix: options.prefix })]));
  let running: Promise<void> | null = null;
  let closed = false;
  const run = () => {
    running ??= (async () => {
      try {
        const report = await reconcileJobs(options.db, queues, { staleMs: options.staleMs });
        if (report.requeued + report.settled + report.lost > 0)
          console.log(`[worker] reconciler: re-queued ${report.requeued}, settled ${report.settled}, lost ${report.lost}`);
      } catch (error) {
        if (!closed) console.error(`[worker] reconciler: ${(error as Error).message}`);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  // Stale rows only: jobs whose heartbeat stopped while Redis was away are picked up on the next passes.
  const onReady = () => void run();
  options.connection.on("ready", onReady);
  await run();
  return {
    run,
    async close() {
      closed = true;
      clearInterval(timer);
      options.connection.off("ready", onReady);
      await running;
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
