import "server-only";
import { getPrisma, listActiveJobs, listJobs } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth";
import { mergeJobViews, type JobView } from "../job-view";
import { toJobView } from "./to-job-view";

/**
 * The project's newest jobs (default 20) and every queued or running one, newest first, as
 * JSON-safe views (the polling fallback of the jobs stream reads this).
 *
 * @example
 * const jobs = await listProjectJobs(projectId);
 */
export async function listProjectJobs(projectId: string, take = 20): Promise<JobView[]> {
  getEnv();
  await authorizeProject(projectId, "read");
  const db = getPrisma();
  const [jobs, active] = await Promise.all([listJobs(db, projectId, take), listActiveJobs(db, projectId)]);
  return mergeJobViews(jobs.map(toJobView), active.map(toJobView), take + active.length);
}
