import { createLocalRunner } from "@alchemist/engine/node";
import { createPrismaClient } from "@alchemist/db";
import { createApplyProgramsWorker } from "./create-apply-programs-worker";
import { readWorkerEnv } from "./env";
import { createRedisConnection } from "./redis-connection";

/** The worker process: `npm run dev -w @alchemist/worker`. */
const env = readWorkerEnv();
const prisma = createPrismaClient(env.DATABASE_URL);
const connection = createRedisConnection(env.REDIS_URL);
const runner = createLocalRunner();
const applyPrograms = await createApplyProgramsWorker({ db: prisma, runner, connection, concurrency: env.WORKER_CONCURRENCY });
applyPrograms.worker.on("failed", (job, error) => console.error(`[worker] job ${job?.id ?? "?"} failed: ${error.message}`));
applyPrograms.worker.on("completed", (job) => console.log(`[worker] job ${job.id} done`));
console.log(`[worker] apply-programs listening (concurrency ${env.WORKER_CONCURRENCY})`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  // A second signal forces: active jobs are aborted instead of awaited.
  const force = stopping;
  stopping = true;
  console.log(`[worker] ${signal}: ${force ? "aborting active jobs" : "finishing active jobs (send again to abort)"}`);
  if (force) applyPrograms.worker.cancelAllJobs("worker shutdown");
  if (force) return;
  await applyPrograms.close();
  await runner.close();
  await prisma.$disconnect();
  await connection.quit();
  console.log("[worker] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
