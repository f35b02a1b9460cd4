import type { JobView } from "../job-view";
import { queueLabel } from "../job-view";

/**
 * One job's live line: name, stage, percent bar; the error when it failed.
 *
 * @example
 * <ProgressBar job={job} />
 */
export function ProgressBar({ job }: { job: JobView }) {
  const failed = job.status === "FAILED" || job.status === "CANCELLED";
  return (
    <div data-testid="job-progress" data-job-status={job.status} data-queue={job.queue} className="rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm">
      <div className="flex items-baseline justify-between gap-4">
        <span className="font-medium">{queueLabel(job.queue)}</span>
        <span className="text-xs text-slate-500 tabular-nums">
          {job.status.toLowerCase()} · {job.progress.toFixed(0)}%
        </span>
      </div>
      <div className="mt-2 h-1.5 overflow-hidden rounded bg-slate-100">
        <div className={`h-full ${failed ? "bg-rose-500" : "bg-indigo-500"} transition-[width]`} style={{ width: `${Math.max(2, job.progress)}%` }} />
      </div>
      {job.stage && <p data-testid="job-stage" className="mt-1 text-xs text-slate-500">{job.stage}</p>}
      {job.error && <p role="alert" data-testid="job-error" className="mt-2 whitespace-pre-wrap rounded bg-rose-50 px-2 py-1 text-xs text-rose-700">{job.error}</p>}
    </div>
  );
}
