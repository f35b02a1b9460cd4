import "server-only";
import { getPrisma, listJobs } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth/server/authorize";
import type { JobView } from "../job-view";
import { toJobView } from "./to-job-view";

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
  return jobs.map(toJobView);
}
