import "server-only";
import { getPrisma, getReviewRun } from "@alchemist/db";
import { QUEUES, applyProgramsJobId } from "@alchemist/jobs";
import { enqueueJob } from "@/features/jobs";

export type RescoreOutcome = "queued" | "pending" | "no-run";

/**
 * Re-scores the programs against the current gold: re-queues the apply-programs job of the run
 * the review page shows in `rescore` mode, as the labeling user (the worker requires "review"
 * for it, "edit" for a full apply). Every vote is already stored, so it only re-analyses (DEV gold
 * gives the programs' empirical accuracy) and refits the label models and pseudolabels. A job
 * of that run still waiting or running is left alone ("pending"): it reads the gold when it
 * gets there, and the page offers "Re-score now" for labels given while it was already past that.
 *
 * @example
 * const outcome = await scheduleRescore(projectId, actor);
 */
export async function scheduleRescore(projectId: string, actor: { userId: string }): Promise<RescoreOutcome> {
  const db = getPrisma();
  const target = await getReviewRun(db, projectId);
  if (!target?.run) return "no-run";
  const { run, dataset } = target;
  const active = await db.job.findFirst({ where: { projectId, queue: QUEUES.applyPrograms, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  if (active) return "pending";
  // Re-score only: the worker runs no program (every vote of an analysed run is stored), it
  // re-analyses and refits, and re-checks that the labeling user still holds "review". The
  // registry's `rerun` policy leaves a job of the run still waiting or running alone.
  const payload = { projectId, runId: run.id, datasetId: dataset.id, actorId: actor.userId, mode: "rescore" as const };
  const { added } = await enqueueJob(QUEUES.applyPrograms, payload, { runId: run.id, jobId: applyProgramsJobId(run.id) });
  return added ? "queued" : "pending";
}
