import "server-only";
import { getPrisma } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { enqueueJob } from "@/features/jobs";
import { AppError } from "@/lib/app-error";

/**
 * "Refit label models": queues a `fit-label-models` job that re-analyses a finished run's stored
 * votes and refits every label model (no program re-runs). One at a time per run.
 *
 * @example
 * const job = await startRefit({ projectId, runId, actorId: actor.userId });
 */
export async function startRefit(input: { projectId: string; runId: string; actorId: string }) {
  getEnv();
  const db = getPrisma();
  const run = await db.run.findUnique({ where: { id: input.runId }, select: { projectId: true, status: true } });
  if (!run || run.projectId !== input.projectId) throw new AppError("NOT_FOUND", `run ${input.runId} is not in this project`);
  if (run.status !== "SUCCEEDED") throw new AppError("CONFLICT", `run ${input.runId} is ${run.status.toLowerCase()}: only a finished run can be refit`);
  const active = await db.job.findFirst({
    where: { projectId: input.projectId, runId: input.runId, queue: QUEUES.fitLabelModels, status: { in: ["QUEUED", "RUNNING"] } },
  });
  if (active) throw new AppError("CONFLICT", "The label models of this run are already being refit; wait for that job to finish");
  return (await enqueueJob(QUEUES.fitLabelModels, { projectId: input.projectId, runId: input.runId, actorId: input.actorId }, { runId: input.runId })).row;
}
