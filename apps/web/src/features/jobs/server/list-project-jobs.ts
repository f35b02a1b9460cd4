import "server-only";
import { getPrisma, listNewestAndActiveJobs } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth";
import type { JobView } from "../job-view";
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
  return (await listNewestAndActiveJobs(getPrisma(), projectId, take)).map(toJobView);
}
