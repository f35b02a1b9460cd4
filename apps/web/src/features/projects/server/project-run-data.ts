import "server-only";
import { readRunDataStamp, type Db } from "@alchemist/db";
import { loadRunNames } from "@/features/runs";
import { parseRunAnalysis, type RunAnalysis } from "@/features/runs/client";
import { createStampedCache } from "@/lib/stamped-cache";

/** What the project page derives from the project's runs, models and improvement rounds. */
export interface ProjectRunData {
  readonly latestRun: { id: string; name: string; createdAt: Date; finishedAt: Date | null; analysis: RunAnalysis } | null;
  /** Whether a model was ever distilled (the "next step" hint moves on to delivering). */
  readonly hasTrainedModel: boolean;
}

// The project page is the most viewed page and its run data (the newest analysis, every run's
// name) only changes when a run, model, task or dataset row does: each
// process keeps it per project under the stamp of those rows, re-read on every request.
const cache = createStampedCache<ProjectRunData>(200);

async function loadProjectRunData(db: Db, projectId: string): Promise<ProjectRunData> {
  const [run, names, trained] = await Promise.all([
    db.run.findFirst({
      where: { projectId, status: "SUCCEEDED" },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true, finishedAt: true, analysis: true },
    }),
    loadRunNames(db, projectId),
    db.trainedModel.findFirst({ where: { projectId, status: "SUCCEEDED" }, select: { id: true } }),
  ]);
  return {
    latestRun: run?.analysis
      ? {
          id: run.id,
          name: names.runs.get(run.id) ?? "Run",
          createdAt: run.createdAt,
          finishedAt: run.finishedAt,
          analysis: parseRunAnalysis(run.analysis, run.id),
        }
      : null,
    hasTrainedModel: trained !== null,
  };
}

/**
 * The project page's run data and whether a job is queued or running: one stamp query per call,
 * the rest from this process's cache unless a run, model, task or dataset row of the
 * project changed since it was read (`readRunDataStamp`). Project-level data only (the caller
 * has authorized "read"): the same for every member, never per user. Callers treat it as read-only.
 *
 * @example
 * const { latestRun, hasActiveJobs } = await readProjectRunData(getPrisma(), projectId);
 */
export async function readProjectRunData(db: Db, projectId: string): Promise<ProjectRunData & { hasActiveJobs: boolean }> {
  const { stamp, hasActiveJobs } = await readRunDataStamp(db, projectId);
  return { ...(await cache.get(projectId, stamp, () => loadProjectRunData(db, projectId))), hasActiveJobs };
}
