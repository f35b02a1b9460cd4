import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { ProgramRunner } from "@alchemist/engine";
import type { Db } from "@alchemist/db";
import { QUEUES, cancelChannel, parseCancelMessage } from "@alchemist/jobs";
import { createApplyProgramsProcessor, type ApplyProgramsJobResult } from "./apply-programs/apply-programs-processor";

export interface ApplyProgramsWorker {
  readonly worker: Worker<unknown, ApplyProgramsJobResult>;
  /** Stops taking jobs, waits for the active ones (or aborts them when `force`), unsubscribes. */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts an `apply-programs` BullMQ worker plus a subscriber on the queue's cancel channel that
 * aborts active jobs of this process by id. The caller owns `connection` and closes it.
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
}): Promise<ApplyProgramsWorker> {
  const prefix = options.prefix ?? "bull";
  const processor = createApplyProgramsProcessor({ db: options.db, runner: options.runner });
  const worker = new Worker<unknown, ApplyProgramsJobResult>(QUEUES.applyPrograms, processor, {
    connection: options.connection,
    prefix,
    concurrency: options.concurrency ?? 1,
  });
  const subscriber = options.connection.duplicate();
  const channel = cancelChannel(QUEUES.applyPrograms, prefix);
  subscriber.on("message", (from: string, text: string) => {
    const message = from === channel ? parseCancelMessage(text) : null;
    if (message) worker.cancelJob(message.jobId, message.reason);
  });
  await subscriber.subscribe(channel);
  await worker.waitUntilReady();
  return {
    worker,
    async close(force = false) {
      await subscriber.quit().catch(() => subscriber.disconnect());
      await worker.close(force);
    },
  };
}
