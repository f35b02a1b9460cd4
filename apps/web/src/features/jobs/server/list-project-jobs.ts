import "server-only";
import { getPrisma, listJobs } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth/server/authorize";
import type { JobView } from "../job-view";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * The project's newest jobs (default 20), newest first, as JSON-safe views.
 *
 * @example
 * const jobs = await listProjectJobs(projectId);
 */
export async function listProjectJobs(projectId: string, take = 20): Promise<JobView[]> {
  getEnv();
  await authorizeProject(projectId, "read");
  const jobs = await listJobs(getPrisma(), projectId, take);
  return jobs.map((job) => ({
    id: job.id,
    queue: job.queue,
    status: job.status,
    progress: job.progress,
    stage: job.stage,
    error: job.error,
    result: (job.result ?? null) as Record<string, unknown> | null,
    runId: job.runId,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  }));
}
