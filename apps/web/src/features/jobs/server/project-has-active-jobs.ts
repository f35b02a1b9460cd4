import "server-only";
import { getPrisma, hasActiveJobs } from "@alchemist/db";
import { getEnv } from "@/env";

/**
 * Whether a job of the project is queued or running: a page passes it as `live` to the
 * components that follow jobs, which open the jobs stream only then. The caller has authorized
 * the project (one indexed lookup, no job rows read).
 *
 * @example
 * <LiveJobs projectId={projectId} live={await projectHasActiveJobs(projectId)} ... />
 */
export async function projectHasActiveJobs(projectId: string): Promise<boolean> {
  getEnv();
  return hasActiveJobs(getPrisma(), projectId);
}
