import type { JobSummary } from "@alchemist/db";
import type { JobView } from "../job-view";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * A Job row as the browser sees it (JSON-safe; no payload).
 *
 * @example
 * const views = rows.map(toJobView);
 */
export function toJobView(job: JobSummary): JobView {
  return {
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
    updatedAt: iso(job.heartbeatAt),
  };
}
