import "server-only";
import { createRun, findProjectTask, getLatestDataset, getPrisma } from "@alchemist/db";
import { QUEUES, applyProgramsJobId } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { enqueueJob } from "./enqueue-job";

/**
 * "Apply programs": freezes the enabled programs' latest versions into a new Run over the newest
 * dataset and queues its apply-programs job (job id = run id). Votes already stored for
 * unchanged code are reused by the worker.
 *
 * @example
 * const { run, job } = await startApply(projectId, actor.userId);
 */
export async function startApply(projectId: string, actorId: string) {
  getEnv();
  const db = getPrisma();
  const [task, dataset, enabled] = await Promise.all([
    findProjectTask(db, projectId),
    getLatestDataset(db, projectId),
    db.program.count({ where: { projectId, enabled: true } }),
  ]);
  if (!task) throw new AppError("BAD_REQUEST", "Define the task before applying programs");
  if (!dataset) throw new AppError("BAD_REQUEST", "Import a dataset before applying programs");
  if (enabled === 0) throw new AppError("BAD_REQUEST", "No enabled programs: add a program or enable one");
  const active = await db.job.findFirst({ where: { projectId, queue: QUEUES.applyPrograms, status: { in: ["QUEUED", "RUNNING"] } } });
  if (active) throw new AppError("CONFLICT", "Programs are already being applied; wait for that run to finish");
  const run = await createRun(db, { projectId, datasetId: dataset.id });
  const { row: job } = await enqueueJob(
    QUEUES.applyPrograms,
    { projectId, runId: run.id, datasetId: dataset.id, actorId },
    { runId: run.id, jobId: applyProgramsJobId(run.id) },
  );
  return { run, job };
}
