import { createLocalRunner } from "@alchemist/engine/node";
import { createPrismaClient, resolveSecretsKey } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { createApplyProgramsWorker } from "./create-apply-programs-worker";
import { createQueueWorker, liveQueueWorkers } from "./create-queue-worker";
import { markShutdown } from "./reconcile/job-interrupts";
import { startReconciler } from "./reconcile/start-reconciler";
import { startFileCleanup } from "./cleanup/start-cleanup";
import { createImportDatasetProcessor } from "./import-dataset/import-dataset-processor";
import { createTryProgramProcessor } from "./try-program/try-program-processor";
import { createPreviewUploadProcessor } from "./preview-upload/preview-upload-processor";
import { createGenerateProgramsProcessor } from "./generate-programs/generate-programs-processor";
import { createPredictProcessor } from "./predict/predict-processor";
import { createRefineProgramProcessor } from "./refine-program/refine-program-processor";
import { createFitLabelModelsProcessor } from "./fit-label-models/fit-label-models-processor";
import { createTrainModelProcessor } from "./train-model/train-model-processor";
import { createExportProcessor } from "./export/export-processor";
import { startDerivedDataWorkers } from "./derived-data/start-derived-data-workers";
import { readWorkerEnv } from "./env";
import { createRedisConnection } from "./redis-connection";

/** The worker process: `npm run dev -w @alchemist/worker`. */
const env = readWorkerEnv();
const prisma = createPrismaClient(env.DATABASE_URL);
const connection = createRedisConnection(env.REDIS_URL);
const runner = createLocalRunner();
// Trying a draft must not wait behind a long apply run, so it gets its own small runner.
const tryRunner = createLocalRunner({ poolSize: 1 });
const prefix = env.QUEUE_PREFIX;
const applyPrograms = await createApplyProgramsWorker({ db: prisma, runner, connection, prefix, concurrency: env.WORKER_CONCURRENCY, chunkConcurrency: env.APPLY_CHUNK_CONCURRENCY });
const importer = await createQueueWorker(QUEUES.importDataset, createImportDatasetProcessor({ db: prisma, uploadDir: env.UPLOAD_DIR }), { connection, prefix });
const tryer = await createQueueWorker(QUEUES.tryProgram, createTryProgramProcessor({ db: prisma, runner: tryRunner }), { connection, prefix, concurrency: 2 });
const previewer = await createQueueWorker(QUEUES.previewUpload, createPreviewUploadProcessor({ uploadDir: env.UPLOAD_DIR }), { connection, prefix, concurrency: 2 });
// Project keys are decrypted per job with SECRETS_KEY (a missing key in production stops start-up here, naming the variable).
const llm = { openaiApiKey: env.OPENAI_API_KEY, anthropicApiKey: env.ANTHROPIC_API_KEY, baseURL: env.ALCHEMIST_LLM_BASE_URL, cacheDir: env.ALCHEMIST_LLM_CACHE_DIR, secretsKey: resolveSecretsKey(env.SECRETS_KEY, process.env.NODE_ENV) };
// Generation validates each program on a sample in the sandbox; it shares the try runner (small, short calls).
const generator = await createQueueWorker(QUEUES.generatePrograms, createGenerateProgramsProcessor({ db: prisma, runner: tryRunner, llm }), { connection, prefix });
const predictor = await createQueueWorker(QUEUES.predict, createPredictProcessor({ db: prisma, uploadDir: env.UPLOAD_DIR }), { connection, prefix });
// Refits from the label-model page; the fit itself runs in a worker thread.
const labelModels = await createQueueWorker(QUEUES.fitLabelModels, createFitLabelModelsProcessor({ db: prisma }), { connection, prefix });
// "Ask the LLM to change this program": validation and the before/after dev run share the try runner.
const refiner = await createQueueWorker(QUEUES.refineProgram, createRefineProgramProcessor({ db: prisma, runner: tryRunner, llm }), { connection, prefix });
refiner.on("failed", (job, error) => console.error(`[worker] refine-program job ${job?.id ?? "?"} failed: ${error.message}`));
// Distils the MLP from a run's pseudolabels; features and epochs run in a worker thread.
const trainer = await createQueueWorker(QUEUES.trainModel, createTrainModelProcessor({ db: prisma }), { connection, prefix });
const exporter = await createQueueWorker(QUEUES.export, createExportProcessor({ db: prisma, exportDir: env.EXPORT_DIR }), { connection, prefix });
trainer.on("failed", (job, error) => console.error(`[worker] train-model job ${job?.id ?? "?"} failed: ${error.message}`));
for (const worker of [importer, tryer, previewer, generator, predictor, labelModels, exporter]) worker.on("failed", (job, error) => console.error(`[worker] ${worker.name} job ${job?.id ?? "?"} failed: ${error.message}`));
// Review orders and run diffs: computed by jobs, stored, read by the pages (queued again after a run changes).
await startDerivedDataWorkers({ db: prisma, connection, prefix, runChangers: [applyPrograms.worker, labelModels, trainer] });
applyPrograms.worker.on("failed", (job, error) => console.error(`[worker] job ${job?.id ?? "?"} failed: ${error.message}`));
applyPrograms.worker.on("completed", (job) => console.log(`[worker] job ${job.id} done`));
applyPrograms.chunkWorker.on("failed", (job, error) => console.error(`[worker] apply-chunk job ${job?.id ?? "?"} failed: ${error.message}`));
console.log(`[worker] apply-programs, apply-chunk, import-dataset, try-program, preview-upload, generate-programs, predict, fit-label-models, refine-program, train-model, export, review-order, run-diff listening (prefix ${prefix}, concurrency ${env.WORKER_CONCURRENCY})`);

// Postgres is the source of truth for jobs; this re-queues what a Redis restart lost.
const reconciler = await startReconciler({ db: prisma, connection, prefix, intervalMs: env.RECONCILE_INTERVAL_MS, staleMs: env.RECONCILE_STALE_MS });
// A killed job's .part files and uploads/results/exports past UPLOAD_RETENTION_HOURS are deleted.
const cleanup = await startFileCleanup({
  dirs: [env.UPLOAD_DIR, env.EXPORT_DIR], intervalMs: env.CLEANUP_INTERVAL_MS, partMaxAgeMs: env.UPLOAD_PART_MAX_AGE_MINUTES * 60_000, retentionMs: env.UPLOAD_RETENTION_HOURS * 3_600_000,
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
  console.log(`[worker] ${signal}: ${force ? "re-queuing active jobs" : `finishing active jobs for up to ${env.WORKER_SHUTDOWN_GRACE_MS} ms (send again to re-queue them now)`}`);
  if (force) return interrupt();
  const grace = setTimeout(interrupt, env.WORKER_SHUTDOWN_GRACE_MS);
  await reconciler.close();
  await cleanup.close();
  await Promise.all(liveQueueWorkers().map((worker) => worker.close()));
  clearTimeout(grace);
  await Promise.all([runner.close(), tryRunner.close()]);
  await prisma.$disconnect();
  await connection.quit();
  console.log("[worker] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
