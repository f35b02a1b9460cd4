"use client";

import Link from "next/link";
import { isActive } from "../job-view";
import { ProgressBar } from "./progress-bar";
import { useProjectJobs } from "./use-project-jobs";

/**
 * Live status of one job just queued (the jobs stream, closed when it ends); a finished import links to its dataset.
 *
 * @example
 * <JobStatus projectId={projectId} jobId={jobId} />
 */
export function JobStatus({ projectId, jobId, onRetry }: { projectId: string; jobId: string; onRetry?: () => void }) {
  // Keyed by the job: a second job shown by the same form follows again.
  const { jobs } = useProjectJobs(projectId, true, jobId);
  const job = jobs?.find((j) => j.id === jobId);
  if (!job) return <p className="text-sm text-slate-500">Queued…</p>;
  const datasetId = typeof job.result?.datasetId === "string" ? job.result.datasetId : null;
  return (
    <div className="space-y-3">
      <ProgressBar job={job} projectId={projectId} />
      {job.status === "FAILED" && onRetry && (
        <button type="button" data-testid="retry-mapping" onClick={onRetry} className="btn-secondary">
          Change the mapping and try again
        </button>
      )}
      {!isActive(job) && job.status === "SUCCEEDED" && (
        <p data-testid="import-done" className="text-sm">
          Imported {String(job.result?.rows ?? "")} rows.{" "}
          {datasetId && (
            <Link href={`/projects/${projectId}/datasets/${datasetId}`} className="font-medium text-indigo-700 hover:underline">
              Browse the rows
            </Link>
          )}
          {" · "}
          <Link href={`/projects/${projectId}`} className="font-medium text-indigo-700 hover:underline">
            Back to the project
          </Link>
        </p>
      )}
    </div>
  );
}
