import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { ProgramRunner } from "@alchemist/engine";
import type { Db } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { createApplyProgramsProcessor, type ApplyProgramsJobResult } from "./apply-programs/apply-programs-processor";
import { createQueueWorker } from "./create-queue-worker";
import type { ReliabilitySettings } from "./env";

export interface ApplyProgramsWorker {
  readonly worker: Worker<unknown, ApplyProgramsJobResult>;
  /** Stops taking jobs, waits for the active ones (or aborts them when `force`), unsubscribes. */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts an `apply-programs` BullMQ worker (crash-safe settings and a cancel-channel subscriber,
 * see createQueueWorker). The caller owns `connection` and closes it.
 *
 * @example
 * const { close } = await createApplyProgramsWorker({ db: prisma, runner, connection });
 * process.on("SIGTERM", () => void close());
 */
export async function createApplyProgramsWorker(options: {
  db: Db;
  runner: ProgramRunner;
  connection: Redis;
  prefix?: string;
  concurrency?: number;
  settings?: ReliabilitySettings;
}): Promise<ApplyProgramsWorker> {
  const processor = createApplyProgramsProcessor({ db: options.db, runner: options.runner });
  const worker = await createQueueWorker(QUEUES.applyPrograms, processor, {
    connection: options.connection,
    prefix: options.prefix ?? "bull",
    concurrency: options.concurrency ?? 1,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  return {
    worker,
    async close(force = false) {
      await worker.close(force);
    },
  };
}
