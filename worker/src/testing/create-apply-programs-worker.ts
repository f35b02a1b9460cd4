import { FlowProducer, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { ProgramRunner } from "@alchemist/engine";
import type { Db } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import type { ReliabilitySettings } from "../env";
import { applyQueueEntries } from "../queue-table";
import { startQueueWorkers } from "../start-queue-workers";

export interface ApplyProgramsWorker {
  /** Runs the apply-programs parents: plans a run's chunks, then analyses and fits. */
  readonly worker: Worker;
  /** Runs apply-chunk jobs of any run (the programs, in the runner's sandboxes). */
  readonly chunkWorker: Worker;
  /** Stops taking jobs, waits for the active ones (or aborts them when `force`), unsubscribes. */
  close(force?: boolean): Promise<void>;
}

/**
 * Test helper: the worker table's two apply queues (`applyQueueEntries`), started the way the
 * worker process starts them, without the review orders a finished run queues. The caller owns
 * `connection`.
 *
 * @example
 * const applier = await createApplyProgramsWorker({ db: prisma, runner, connection, prefix });
 * await applier.close(true);
 */
export async function createApplyProgramsWorker(options: {
  db: Db;
  runner: ProgramRunner;
  connection: Redis;
  prefix?: string;
  settings?: ReliabilitySettings;
}): Promise<ApplyProgramsWorker> {
  const prefix = options.prefix ?? "bull";
  const flow = new FlowProducer({ connection: options.connection, prefix });
  flow.on("error", (error) => console.error(`[worker] apply flow producer: ${error.message}`));
  const entries = applyQueueEntries({ db: options.db, runner: options.runner, flow });
  const started = await startQueueWorkers(entries, {
    db: options.db,
    connection: options.connection,
    prefix,
    watchRuns: false,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  return {
    worker: started.workers.get(QUEUES.applyPrograms)!,
    chunkWorker: started.workers.get(QUEUES.applyChunk)!,
    async close(force = false) {
      await started.close(force);
      await flow.close();
    },
  };
}
