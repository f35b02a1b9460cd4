import { FlowProducer, Queue } from "bullmq";
import { QUEUES } from "@alchemist/jobs";
import { createLocalRunner } from "@alchemist/engine/node";
import { createPrismaClient, resolveSecretsKey } from "@alchemist/db";
import { liveQueueWorkers } from "./create-queue-worker";
import { markShutdown } from "./reconcile/job-interrupts";
import { startReconciler } from "./reconcile/start-reconciler";
import { startFileCleanup } from "./cleanup/start-cleanup";
import { queueTable } from "./queue-table";
import { startQueueWorkers } from "./start-queue-workers";
import { readWorkerEnv, WorkerEnvError } from "./env";
import { createRedisConnection } from "./redis-connection";

/** The worker process: `npm run dev -w @alchemist/worker`. Every queue of the job registry, from `queueTable`. */
const env = (() => {
  try {
    return readWorkerEnv();
  } catch (error) {
    // A configuration mistake is the operator's to fix: say what, not where in our code.
    if (!(error instanceof WorkerEnvError)) throw error;
    console.error(`[worker] ${error.message}`);
    process.exit(2);
  }
})();
const prisma = createPrismaClient(env.DATABASE_URL);
const connection = createRedisConnection(env.REDIS_URL);
const runner = createLocalRunner();
// Trying a draft must not wait behind a long apply run, so it gets its own small runner.
const tryRunner = createLocalRunner({ poolSize: 1 });
const prefix = env.QUEUE_PREFIX;
// Project keys are decrypted per job with SECRETS_KEY (a missing key in production stops start-up here, naming the variable).
const llm = {
  openaiApiKey: env.OPENAI_API_KEY,
  anthropicApiKey: env.ANTHROPIC_API_KEY,
  baseURL: env.ALCHEMIST_LLM_BASE_URL,
  cacheDir: env.ALCHEMIST_LLM_CACHE_DIR,
  secretsKey: resolveSecretsKey(env.SECRETS_KEY, process.env.NODE_ENV),
};
const flow = new FlowProducer({ connection, prefix });
flow.on("error", (error) => console.error(`[worker] apply flow producer: ${error.message}`));
// A kept "Next round" queues the run with its programs.
const applyQueue = new Queue(QUEUES.applyPrograms, { connection, prefix });
applyQueue.on("error", (error) => console.error(`[worker] apply-programs producer: ${error.message}`));
const table = queueTable({
  db: prisma,
  runner,
  tryRunner,
  llm,
  flow,
  uploadDir: env.UPLOAD_DIR,
  clipModelDir: env.CLIP_MODEL_DIR,
  clipCacheDir: env.CLIP_CACHE_DIR,
  exportDir: env.EXPORT_DIR,
  applyConcurrency: env.WORKER_CONCURRENCY,
  chunkConcurrency: env.APPLY_CHUNK_CONCURRENCY,
  applyQueue,
});
const queues = await startQueueWorkers(table, { db: prisma, connection, prefix });
console.log(`[worker] ${[...queues.workers.keys()].join(", ")} listening (prefix ${prefix}, concurrency ${env.WORKER_CONCURRENCY})`);

// Postgres is the source of truth for jobs; this re-queues what a Redis restart lost.
const reconciler = await startReconciler({ db: prisma, connection, prefix, intervalMs: env.RECONCILE_INTERVAL_MS, staleMs: env.RECONCILE_STALE_MS });
// A killed job's .part files and uploads/results/exports past UPLOAD_RETENTION_HOURS are deleted.
const cleanup = await startFileCleanup({
  dirs: [env.UPLOAD_DIR, env.EXPORT_DIR],
  intervalMs: env.CLEANUP_INTERVAL_MS,
  partMaxAgeMs: env.UPLOAD_PART_MAX_AGE_MINUTES * 60_000,
  retentionMs: env.UPLOAD_RETENTION_HOURS * 3_600_000,
});

let stopping = false;
/**
 * SIGTERM/SIGINT: stop taking jobs and let active ones finish for WORKER_SHUTDOWN_GRACE_MS; then
 * (or at a second signal) interrupt them: a tracked job puts itself back in the queue with its
 * stored outputs kept, so the next worker resumes it. Every worker of createQueueWorker is covered.
 */
async function shutdown(signal: string): Promise<void> {
  const force = stopping;
  stopping = true;
  const interrupt = () => {
    markShutdown();
    for (const worker of liveQueueWorkers()) worker.cancelAllJobs("worker shutdown");
  };
  console.log(
    `[worker] ${signal}: ${force ? "re-queuing active jobs" : `finishing active jobs for up to ${env.WORKER_SHUTDOWN_GRACE_MS} ms (send again to re-queue them now)`}`,
  );
  if (force) return interrupt();
  const grace = setTimeout(interrupt, env.WORKER_SHUTDOWN_GRACE_MS);
  // The queue workers start closing first, so they take no job from here on: a worker that is not
  // closing yet fetches the next job the moment an interrupted one is put back, and that job would
  // start after the interrupt, uncancelled.
  const closingQueues = queues.close();
  await reconciler.close();
  await cleanup.close();
  await closingQueues;
  clearTimeout(grace);
  await flow.close();
  await applyQueue.close();
  await Promise.all([runner.close(), tryRunner.close()]);
  await prisma.$disconnect();
  await connection.quit();
  console.log("[worker] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
