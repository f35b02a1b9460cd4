"use client";

import { useEffect, useState } from "react";
import type { JobView } from "../job-view";
import { etaSeconds, formatDuration, isActive, queueLabel } from "../job-view";
import { CancelJobButton } from "./cancel-job-button";

/**
 * One job's live line: name, status, percent bar, stage, time left (extrapolated from the
 * progress rate), a Cancel button while it is active when `projectId` is given (editors; the
 * server refuses others), and the error when it failed.
 *
 * @example
 * <ProgressBar job={job} projectId={projectId} />
 */
export function ProgressBar({ job, projectId }: { job: JobView; projectId?: string }) {
  const failed = job.status === "FAILED" || job.status === "CANCELLED";
  const [now, setNow] = useState(() => Date.now());
  const running = job.status === "RUNNING";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const eta = etaSeconds(job, now);
  return (
    <div
      data-testid="job-progress"
      data-job-status={job.status}
      data-queue={job.queue}
      className="rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm"
    >
      <div className="flex items-baseline justify-between gap-4">
        <span className="font-medium">{queueLabel(job.queue)}</span>
        <span className="flex items-baseline gap-3 text-xs text-slate-500 tabular-nums">
          <span>
            {job.status.toLowerCase()} · {job.progress.toFixed(0)}%{eta !== null && <span data-testid="job-eta"> · about {formatDuration(eta)} left</span>}
          </span>
          {projectId && isActive(job) && <CancelJobButton projectId={projectId} jobId={job.id} />}
        </span>
      </div>
      <div className="mt-2 h-1.5 overflow-hidden rounded bg-slate-100">
        <div className={`h-full ${failed ? "bg-rose-500" : "bg-indigo-500"} transition-[width]`} style={{ width: `${Math.max(2, job.progress)}%` }} />
      </div>
      {job.stage && (
        <p data-testid="job-stage" className="mt-1 text-xs text-slate-500">
          {job.stage}
        </p>
      )}
      {job.error && (
        <p role="alert" data-testid="job-error" className="mt-2 whitespace-pre-wrap rounded bg-rose-50 px-2 py-1 text-xs text-rose-700">
          {job.error}
        </p>
      )}
    </div>
  );
}
