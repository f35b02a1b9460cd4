import { createLocalRunner } from "@alchemist/engine/node";
import { createPrismaClient } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { createApplyProgramsWorker } from "./create-apply-programs-worker";
import { createQueueWorker } from "./create-queue-worker";
import { createImportDatasetProcessor } from "./import-dataset/import-dataset-processor";
import { createTryProgramProcessor } from "./try-program/try-program-processor";
import { createPreviewUploadProcessor } from "./preview-upload/preview-upload-processor";
import { createGenerateProgramsProcessor } from "./generate-programs/generate-programs-processor";
import { createPredictProcessor } from "./predict/predict-processor";
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
const applyPrograms = await createApplyProgramsWorker({ db: prisma, runner, connection, prefix, concurrency: env.WORKER_CONCURRENCY });
const importer = await createQueueWorker(QUEUES.importDataset, createImportDatasetProcessor({ db: prisma, uploadDir: env.UPLOAD_DIR }), { connection, prefix });
const tryer = await createQueueWorker(QUEUES.tryProgram, createTryProgramProcessor({ db: prisma, runner: tryRunner }), { connection, prefix, concurrency: 2 });
const previewer = await createQueueWorker(QUEUES.previewUpload, createPreviewUploadProcessor({ uploadDir: env.UPLOAD_DIR }), { connection, prefix, concurrency: 2 });
const llm = { openaiApiKey: env.OPENAI_API_KEY, anthropicApiKey: env.ANTHROPIC_API_KEY, baseURL: env.ALCHEMIST_LLM_BASE_URL, cacheDir: env.ALCHEMIST_LLM_CACHE_DIR };
// Generation validates each program on a sample in the sandbox; it shares the try runner (small, short calls).
const generator = await createQueueWorker(QUEUES.generatePrograms, createGenerateProgramsProcessor({ db: prisma, runner: tryRunner, llm }), { connection, prefix });
const predictor = await createQueueWorker(QUEUES.predict, createPredictProcessor({ db: prisma, uploadDir: env.UPLOAD_DIR }), { connection, prefix });
for (const worker of [importer, tryer, previewer, generator, predictor]) worker.on("failed", (job, error) => console.error(`[worker] ${worker.name} job ${job?.id ?? "?"} failed: ${error.message}`));
applyPrograms.worker.on("failed", (job, error) => console.error(`[worker] job ${job?.id ?? "?"} failed: ${error.message}`));
applyPrograms.worker.on("completed", (job) => console.log(`[worker] job ${job.id} done`));
console.log(`[worker] apply-programs, import-dataset, try-program, preview-upload, generate-programs, predict listening (prefix ${prefix}, concurrency ${env.WORKER_CONCURRENCY})`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  // A second signal forces: active jobs are aborted instead of awaited.
  const force = stopping;
  stopping = true;
  console.log(`[worker] ${signal}: ${force ? "aborting active jobs" : "finishing active jobs (send again to abort)"}`);
  if (force) for (const worker of [applyPrograms.worker, importer, tryer, previewer, generator, predictor]) worker.cancelAllJobs("worker shutdown");
  if (force) return;
  await Promise.all([applyPrograms.close(), importer.close(), tryer.close(), previewer.close(), generator.close(), predictor.close()]);
  await Promise.all([runner.close(), tryRunner.close()]);
  await prisma.$disconnect();
  await connection.quit();
  console.log("[worker] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
