import { FlowProducer, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { ProgramRunner } from "@alchemist/engine";
import type { Db } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { createApplyChunkProcessor, type ApplyChunkJobResult } from "./apply-programs/apply-chunk-processor";
import { createApplyProgramsProcessor, type ApplyProgramsJobResult } from "./apply-programs/apply-programs-processor";
import { ChunkCancels } from "./apply-programs/chunk-cancels";
import { createQueueWorker } from "./create-queue-worker";
import type { ReliabilitySettings } from "./env";

export interface ApplyProgramsWorker {
  /** Runs the apply-programs parents: plans a run's chunks, then analyses and fits. */
  readonly worker: Worker<unknown, ApplyProgramsJobResult>;
  /** Runs apply-chunk jobs of any run (the programs, in the runner's sandboxes). */
  readonly chunkWorker: Worker<unknown, ApplyChunkJobResult>;
  /** Stops taking jobs, waits for the active ones (or aborts them when `force`), unsubscribes. */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts the BullMQ workers of a run's apply (crash-safe settings and cancel-channel subscribers,
 * see createQueueWorker): `apply-programs` parents and the `apply-chunk` children they fan out
 * to. Every worker process runs both, so N processes on any machines with the same DATABASE_URL
 * and REDIS_URL share one big apply chunk by chunk; `runner` (one per process) keeps each
 * program's sandbox warm across the chunk jobs of a run. The caller owns `connection`.
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
  /** Parents at once (they hold no slot while their chunks run); default 1. */
  concurrency?: number;
  /** Chunk jobs at once in this process; default 1 (the runner already uses every core on one chunk). */
  chunkConcurrency?: number;
  settings?: ReliabilitySettings;
}): Promise<ApplyProgramsWorker> {
  const prefix = options.prefix ?? "bull";
  const settings = options.settings ? { settings: options.settings } : {};
  const flow = new FlowProducer({ connection: options.connection, prefix });
  flow.on("error", (error) => console.error(`[worker] apply flow producer: ${error.message}`));
  const cancels = new ChunkCancels(options.db);
  const chunkWorker = await createQueueWorker(QUEUES.applyChunk, createApplyChunkProcessor({ db: options.db, runner: options.runner, cancels }), {
    connection: options.connection, prefix, concurrency: options.chunkConcurrency ?? 1, ...settings,
  });
  cancels.attach(chunkWorker as Worker);
  // The studio cancels a run's apply on the apply-programs channel (job id = run id).
  const worker = await createQueueWorker(QUEUES.applyPrograms, createApplyProgramsProcessor({ db: options.db, flow }), {
    connection: options.connection, prefix, concurrency: options.concurrency ?? 1, ...settings, onCancel: (message) => void cancels.cancelRun(message),
  });
  return {
    worker,
    chunkWorker,
    async close(force = false) {
      await Promise.all([worker.close(force), chunkWorker.close(force)]);
      await flow.close();
    },
  };
}
