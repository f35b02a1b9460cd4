import "server-only";
import { getPrisma, listExportJobs } from "@alchemist/db";

/**
 * The project's exports, newest first, as the exports API answers them: status, progress and,
 * once done, the file's name and size (`result`).
 *
 * @example
 * const exports = await listExports(projectId); // [{ exportId, jobId, runId, status: "SUCCEEDED", ... }]
 */
export async function listExports(projectId: string) {
  const jobs = await listExportJobs(getPrisma(), projectId);
  return jobs.map((job) => ({
    exportId: job.externalId,
    jobId: job.id,
    runId: job.runId,
    status: job.status,
    progress: job.progress,
    error: job.error,
    result: job.result,
    createdAt: job.createdAt,
  }));
}
